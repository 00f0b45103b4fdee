"""Context and human-rights rules: who the person is and what surrounds the
request.  On their own they do not make a charge political; with an
ordinary-law crime they call for the predominance test by a legal reviewer
(Repository of Practice: the status of the person, the position of the
requesting country, the timing of the request).
"""

from __future__ import annotations

from ncbdesk.domain.neutrality_rules import _AR, ART2, ART3, ROP, Kind, Rule

CONTEXT_RULES: tuple[Rule, ...] = (
    Rule(
        "political.public_order",
        "political",
        Kind.CONTEXT,
        "A vague public-order charge (mass riots, 'provoking trouble') often brought against"
        " protesters; the ordinary element must be shown to predominate",
        f"{ART3}; {ROP}, 'unlawful assembly'",
        en=(
            "mass (riots?|disorders?|unrest)",
            "(participat*|organi[sz]*|took part|incit*) ~ riots?",
            "picking quarrels",
            "provoking trouble",
        ),
        ru=("массов* беспорядк*", "(политическ*|идеологическ*) ~ ненавист*"),
        fr=("emeute*",),
        es=("desordenes publicos", "disturbios"),
    ),
    Rule(
        "political.terrorism_label",
        "political",
        Kind.CONTEXT,
        "A terrorism charge resting on speech, sympathy or membership rather than on violence",
        f"{ART3}; {ROP}, 'terrorism'; General Assembly resolution AGN/53/RES/7 (1984)",
        en=(
            "(justif*|apolog*|glorif*|propaganda|promot*|condon*) ~ terroris*",
            "membership (of|in) (an? )?armed organi[sz]ations?",
            "feto",
            "gulen*",
            "bylock",
        ),
        ru=(
            "(оправдани*|пропаганд*|публичн* призыв*) ~ террор*",
            "гюлен*",
        ),
        fr=("apologie ~ terroris*",),
        es=("enaltecimiento ~ terroris*", "apologia ~ terroris*"),
    ),
    Rule(
        "context.opposition",
        "political",
        Kind.CONTEXT,
        "The person is an opposition or political figure, or a critic of the authorities",
        f"{ART3}; {ROP}, 'politicians and other public figures'",
        en=(
            "opposition (politicians?|leaders?|figures?|part(y|ies)|activists?|members?|"
            "candidates?|mps?|deputies|deputy|movements?|politics|lawmakers?|parliamentarians?|"
            "bloggers?|journalists?|newspapers?|media|outlets?|coalition|bloc|groups?|supporters?)",
            "(leader|member|head|chair*|founder|co ?founder|spokes*|deputy|activist|coordinator)"
            " of (the |an? )?(main |leading |banned )?(opposition|political "
            "(part(y|ies)|movement))",
            "(presidential|parliamentary|mayoral|gubernatorial|opposition|independent) candidates?",
            "ran (for|against) ~ (president|presidency|office|parliament|mayor|governor|seat)",
            "politicians?",
            "political (figures?|opponents?|rivals?|activists?|leaders?|prisoners?|emigres?|"
            "exiles?|part(y|ies)|movements?)",
            "(financ*|fund*|sponsor*|donat*) ~ opposition",
            "(critic|critics|opponent|opponents|rival) of (the )?(president|government|regime|"
            "kremlin|prime minister|ruling party|authorities|king|leadership|junta|war)",
            "(government|regime|kremlin|president s|war) (critic|critics|opponent|opponents)",
            "members? of (the )?(parliament|state duma|national assembly|senate)",
            "(duma|parliamentary) deput(y|ies)",
        ),
        ru=(
            "оппозици*",
            "(оппозиционн*|известн*|бывш*) политик*",
            "политическ* (деятел*|активист*|оппонент*|противник*|эмигрант*|парти*|движени*|"
            "заключенн*|конкурент*|соперник*)",
            "политзаключенн*",
            "кандидат* ~ (в президент*|в депутат*|на выбор*|на пост*|в мэр*|в губернатор*|"
            "на должность)",
            "(критик*|противник*|оппонент*) ~ (власт*|президент*|кремл*|режим*|"
            "правительств*|войн*)",
            "депутат*",
        ),
        fr=(
            "opposant*",
            "opposition politique",
            "(homme|femme|personnalite|dirigeant*) politique*",
            "candidat* ~ (presidentielle|election*|legislatives)",
            "depute*",
        ),
        es=(
            "opositor*",
            "(lider|partido|dirigente*) de (la )?oposicion",
            "politico opositor",
            "candidat* ~ (presidencia|presidencial*|elecciones)",
            "diputad*",
        ),
        ar=(f"{_AR}معارض*", f"{_AR}(سياسي|ناشط سياسي)"),
    ),
    Rule(
        "context.journalist",
        "political",
        Kind.CONTEXT,
        "The person is a journalist, blogger or works for the media",
        f"{ART3}; {ROP}, 'freedom of expression'",
        en=(
            "journalis*",
            "reporters?",
            "correspondents?",
            "columnists?",
            "editor (in chief|of)",
            "editors?",
            "(v|video )?bloggers?",
            "vloggers?",
            "youtubers?",
            "(independent|opposition) (media|outlets?|news|newspapers?|tv|channels?)",
            "(telegram|youtube) channel",
            "press freedom",
            "publisher of ~ (newspaper|magazine|website|portal)",
            "publishers?",
            "media (owner|proprietor)s?",
        ),
        ru=(
            "журналист*",
            "корреспондент*",
            "редактор*",
            "(видео)?бло(г|гг)ер*",
            "(телеграм|ютуб|youtube|telegram) канал*",
            "независим* (сми|издани*|медиа|телеканал*)",
            "колумнист*",
            "издател*",
            "владел* ~ (сми|телеканал*|газет*|издани*)",
        ),
        fr=("journalist*", "blogueu*", "correspondant*", "redacteur*"),
        es=("periodist*", "bloguer*", "blogger*", "reporter*", "corresponsal*"),
        ar=(f"{_AR}(صحفي|صحافي|مدون|اعلامي)*",),
    ),
    Rule(
        "context.activist",
        "political",
        Kind.CONTEXT,
        "The person is a human-rights defender, activist, dissident or trade unionist",
        f"{ART3}; {ROP}, 'politicians and other public figures'",
        en=(
            "activis*",
            "human rights (defenders?|lawyers?|organi[sz]ations?|ngo|groups?|work|advocates?|"
            "campaigners?)",
            "(rights|democracy|civil society|ngo) (defenders?|campaigners?|leaders?|advocates?)",
            "dissident*",
            "(trade|labou?r) union (leader|organi[sz]er|activist|chair*|member)s?",
            "(trade )?unionists?",
            "(lawyer|attorney|advocate)s? (for|of|representing|defending) ~ (opposition|"
            "dissidents?|activists?|journalists?|political prisoners?|protesters?)",
            "protesters?",
            "whistle ?blow*",
            "feminist*",
            "(student|youth) (leaders?|activists?|unions?|movements?)",
            "(general strike|striking workers|labou?r strike|strike committee)",
            "(planned|announced|upcoming|organi[sz]ed) ~ (demonstration|protest|rally|march)",
        ),
        ru=(
            "активист*",
            "правозащит*",
            "диссидент*",
            "(гражданск*|общественн*|политическ*|экологическ*) (активист*|деятел*)",
            "профсоюз* (лидер*|активист*|деятел*)",
            "(лидер*|председател*|руководител*|активист*) ~ профсоюз*",
            "протестующ*",
            "студенческ* (лидер*|активист*|движени*|профсоюз*)",
            "(забастовк*|бастующ*)",
            "(объявлен*|запланирован*|предстоящ*|организованн*) ~ (демонстраци*|акци*|митинг*|"
            "протест*|шестви*)",
            "участник* (протест*|митинг*|акций протеста)",
        ),
        fr=("militant*", "defenseu* des droits", "dissident*", "activist*", "syndicalist*"),
        es=("activista*", "defensor* de (los )?derechos", "disidente*", "sindicalista*"),
        ar=(f"{_AR}(ناشط|حقوقي)*",),
    ),
    Rule(
        "context.former_official",
        "political",
        Kind.CONTEXT,
        "The person held high office under a former government (change of regime)",
        f"{ART3}; {ROP}, 'former politicians and officials'",
        en=(
            "(former|ex|ousted|deposed|exiled|toppled) (president|prime minister|premier|minister|"
            "deputy prime minister|head of state|governor|mayor|senior official|high ranking "
            "official|government official|deputy minister|ambassador|general prosecutor|"
            "prosecutor general|speaker|head of the (security service|central bank|presidential "
            "administration|intelligence|national bank))",
            "(former|ex) (member|members) of (the )?(government|cabinet|parliament)",
            "(previous|former|ousted|deposed|overthrown|fallen|toppled) (regime|government|"
            "administration|authorities|leadership)",
            "(under|during) the (previous|former|ousted) (regime|government|president)",
        ),
        ru=(
            "(бывш*|экс|свергнут*) (президент*|премьер*|министр*|губернатор*|мэр*|глав* "
            "(администрации|правительства|государства|региона|республики)|посол*|генеральн* "
            "прокурор*|замминистр*|заместител* министр*|вице премьер*|высокопоставленн* чиновник*|"
            "председател* (правительства|центрального банка|национального банка))",
            "(прежн*|свергнут*|бывш*|предыдущ*) (режим*|власт*|правительств*|руководств*)",
        ),
        fr=(
            "ancien (president|ministre|premier ministre|gouverneur|maire|haut fonctionnaire)",
            "ancien regime",
        ),
        es=(
            "ex ?(presidente|ministr*|gobernador*|alcalde|primer ministro)",
            "(antiguo|anterior) (regimen|gobierno)",
            "regimen anterior",
        ),
        ar=(f"{_AR}(رئيس|وزير|محافظ) {_AR}سابق", f"{_AR}نظام {_AR}(سابق|بائد)"),
    ),
    Rule(
        "context.political_circumstances",
        "political",
        Kind.CONTEXT,
        "The facts describe a political motive, persecution, an election or a change of power",
        f"{ART3}; {ROP}, 'the timing of the request', 'the context'",
        en=(
            "(political|politically) (motivated|motive*|persecution|persecuted|prosecution|"
            "reprisals?|revenge|vendetta|case|charges|dispute|struggle|conflict|crisis|activit(y|"
            "ies)|views|opinions|beliefs|affiliation|asylum|exile|repression|pressure|reasons|"
            "grounds|speech)",
            "persecut*",
            "(during|before|after|ahead of|on the eve of|following) ~ (elections?|electoral "
            "campaign|election campaign|polls|vote|referendum)",
            "(election|electoral) (campaign|period|observers?|monitor*|rally|rallies)",
            "(coup|coup d etat|putsch|revolution|uprising|regime change|change of power|"
            "change of government)",
            "(in exile|exiled|emigres?)",
            "motivated by ~ (political|ideological) (hatred|enmity|views|reasons)",
            "(political|ideological) (hatred|enmity)",
            "(election|electoral) (fraud|irregularit(y|ies)|rigging|violations)",
            "(perform*|sang|sing*|song|danc*|protest*|stage*|prayer) ~ (cathedral|church|mosque|"
            "temple|synagogue|monastery)",
            "(expos*|investigat*|reported on|reporting on|denounc*) ~ (corruption|abuses?|"
            "wrongdoing|human rights violations?|rigging|torture)",
            "(fabricated|trumped up|planted|politically motivated|forged|falsified) ~ (charges?|"
            "evidence|case|drugs|weapons?|ammunition)",
        ),
        ru=(
            "политическ* (мотив*|преследовани*|убежищ*|взгляд*|убеждени*|деятельност*|заказ*|"
            "расправ*|дел*|репресси*|соображени*|причин*)",
            "политически мотивированн*",
            "по политическим мотивам",
            "преследовани* ~ (за )?(политическ*|убеждени*|взгляд*|критик*|журналистск*|"
            "правозащитн*|позици*)",
            "(в период|накануне|во время|в ходе|после|перед|в преддверии) ~ (выбор*|"
            "избирательн* кампани*|голосовани*|референдум*)",
            "избирательн* кампани*",
            "(переворот*|революци*|смен* власти|смен* режима)",
            "(исполнил*|спел*|спела|станцевал*|песн*|танц*|акци*|перформанс*) ~ (храм*|церкв*|"
            "собор*|мечет*|синагог*|монастыр*)",
            "репресси*",
            "(сфабрикован*|сфальсифицирован*|фальсифицирован*|подброс*|подбросил*|подкинул*) ~ "
            "(дел*|обвинени*|наркотик*|оружи*|"
            "боеприпас*|доказательств*)",
            "заказн* (дел*|уголовн* дел*)",
        ),
        fr=(
            "(motif*|mobile*|persecution*|raisons?|pression*) politique*",
            "campagne electorale",
            "coup d etat",
        ),
        es=(
            "(motivacion|persecucion|motivos?|razones|represalia*) politic*",
            "campana electoral",
            "golpe de estado",
        ),
        ar=(
            f"{_AR}(دوافع|اضطهاد|خلفيه|اسباب|ملاحقه) {_AR}سياسي*",
            f"{_AR}انتخاب*",
            f"{_AR}انقلاب",
        ),
    ),
    Rule(
        "context.retaliation",
        "political",
        Kind.CONTEXT,
        "The proceedings follow a political act of the person (criticism, a candidacy,"
        " joining or leaving a party): the timing suggests retaliation",
        f"{ART3}; {ROP}, 'the timing of the request'",
        en=(
            "(after|following|since|when) ~ (he|she|they)? ?(announced|declared|launched|"
            "criticis*|criticiz*|defected|joined|founded|registered|denounced|stood|ran)",
            "(after|following) ~ (his|her|their) (criticism|candidacy|candidature|defection|"
            "campaign|announcement|nomination|resignation from the ruling)",
            "(criticis*|criticiz*|denounc*|accus*) ~ (the )?(governor|mayor|president|"
            "government|ministers?|authorities|ruling (party|family)|regime|king|leadership)",
            "(announc*|declar*|register*) ~ (candidacy|candidature|run for|bid for)",
            "(defect*|switch*|went over|crossed over) ~ opposition",
        ),
        ru=(
            "после (того как|его|ее|их)? ~ (объявил*|заявил*|раскритиковал*|критик*|выдвижени*|"
            "перешел*|перехода|вступил*|вступлени*|создал*|основал*|выступил*|выступлени*)",
            "(последовал*|возбужден*|предъявлен*) ~ (за|после) ~ (критик*|выдвижени*|переход*|"
            "выступлени*|заявлени*)",
            "(критик*|раскритиковал*|обвинил*) ~ (губернатор*|мэр*|президент*|правительств*|"
            "министр*|власт*|правящ*|режим*|руководств*)",
            "(выдвижени*|баллотировал*|кандидатур*) ~ (в|на) ~ (президент*|пост*|выбор*|"
            "депутат*|губернатор*|мэр*)",
        ),
        fr=(
            "(apres|depuis|suite a) ~ (sa|son) (candidature|critique|ralliement|declaration)",
            "(critique|critiquait|denonce) ~ (le )?(gouverneur|maire|president|gouvernement|"
            "pouvoir|regime)",
        ),
        es=(
            "(tras|despues de|luego de) ~ (su )?(candidatura|victoria en las primarias|critica*|"
            "paso a la oposicion|anuncio)",
            "(critico|criticar|denuncio) ~ (al )?(gobernador|alcalde|presidente|gobierno|regimen)",
        ),
    ),
    Rule(
        "context.religious",
        "religious",
        Kind.CONTEXT,
        "The person is a cleric or member of a religious community, or religion is in the facts",
        f"{ART3}; {ROP}, 'religious offences'",
        en=(
            "(imam|priest|pastor|rabbi|cleric|monk|nun|bishop|preacher|mullah|religious)"
            " (leader|figure|scholar|minority|community|activist|believer|teacher)s?",
            "(imams?|priests?|pastors?|rabbis?|clerics?|monks?|bishops?|preachers?|mullahs?)",
            "(church|mosque|parish|congregation|prayer group|religious community) (leader|member|"
            "elder|founder)s?",
            "(muslim|christian|evangelical|protestant|baptist|pentecostal|catholic|orthodox|"
            "buddhist|hindu|sikh|sufi|salafi|shia|shiite|sunni|jewish) (community|minority|"
            "believers?|preacher|cleric|leader|activist|converts?|group|congregation)",
            "religious (persecution|motives?|reasons|grounds|beliefs|views|practice|"
            "minorit(y|ies))",
        ),
        ru=(
            "(имам*|священник*|пастор*|раввин*|проповедник*|епископ*|монах*|настоятел*|муфти*)",
            "(мулла|муллы|мулле|муллу|муллой)",
            "религиозн* (лидер*|деятел*|общин*|меньшинств*|убеждени*|взгляд*|преследовани*|"
            "мотив*|практик*)",
            "верующ*",
            "(последовател*|приверженц*|прихожан*) ~ (вероучени*|религи*|церкв*|ислам*|течени*|"
            "общин*|мечет*)",
        ),
        fr=("(imam|pretre|pasteur|rabbin|chef religieux|minorite religieuse)",),
        es=("(imam|sacerdote|rabino|lider religioso|minoria religiosa)",),
        ar=(f"{_AR}(داعيه|خطيب)*",),
    ),
    Rule(
        "context.ethnic_minority",
        "racial",
        Kind.CONTEXT,
        "The person belongs to a persecuted ethnic or national minority, or race is in the facts",
        f"{ART3}; {ROP}, 'racial character'",
        en=(
            "(ethnic|national|racial|tribal|indigenous|linguistic) minorit(y|ies)",
            "minority (rights|groups?|communit(y|ies))",
            "indigenous (people|peoples|community|leader|activist)s?",
            "(uyghur|uighur|rohingya|crimean tatar|tibetan|kurdish|baloch|hazara|yazidi|oromo|"
            "tamil|roma) (activists?|minority|community|communities|rights|organi[sz]ation|"
            "movement|diaspora|leader|origin|descent)",
            "uy(g|gh)urs?",
            "(roma|romani|gypsy|dalit|tribal) (minorit(y|ies)|families|people|communit(y|ies))",
            "rohingya",
            "crimean tatars?",
        ),
        ru=(
            "(этническ*|национальн*|расов*|языков*) меньшинств*",
            "коренн* (народ*|малочисленн*)",
            "(уйгур*|рохинджа|крымск* татар*|тибет*|курд*) ~ (активист*|общин*|движени*|"
            "меньшинств*|организаци*|диаспор*|происхождени*)",
            "уйгур*",
            "рохинджа",
            "меньшинств*",
            "крымскотатарск*",
        ),
        fr=("minorite* (ethnique*|nationale*)",),
        es=("minoria* (etnica*|nacional*)",),
        ar=(f"{_AR}اقليه*",),
    ),
    Rule(
        "refugee.mentioned",
        "refugee",
        Kind.CONTEXT,
        "Refugee status or asylum is mentioned; if granted against the requesting country the"
        " 2015 refugee policy generally bars the request",
        f"{ART3}; INTERPOL refugee policy (2015); RPD art. 34",
        # Singular forms only: the person's own status is singular ("a
        # recognised refugee", "статус беженца"); the plural names others —
        # the passengers of a smuggler, the beneficiaries of a fund.
        en=(
            "refugee",
            "(political |humanitarian )?asylum",
            "subsidiary protection",
            "non ?refoulement",
            "international protection",
        ),
        ru=(
            "беженец",
            "беженц(а|у|ем|е)",
            "беженк(а|и|е|у|ой)",
            "убежищ*",
            "(дополнительн*|международн*|временн*|гуманитарн*) защит*",
        ),
        fr=("refugiee?", "asile", "protection subsidiaire"),
        es=("refugiad(o|a)", "asilo"),
        ar=(f"{_AR}لاجئ*", f"{_AR}لجوء"),
    ),
)

# Context rules that say *who* someone is.  Found only in the facts (not in
# the person's status), they may describe the victim or a bystander; beside
# a charged violent crime the ordinary element then predominates (see
# ``neutrality_ordinary.VICTIM_MARKERS`` and ``VIOLENT_CRIMES``).  Rules about
# motive, timing or persecution are not in this set: they are never outweighed.
ABOUT_SOMEONE: frozenset[str] = frozenset(
    {
        "context.opposition",
        "context.journalist",
        "context.activist",
        "context.former_official",
        "context.religious",
        "context.ethnic_minority",
    }
)

HUMAN_RIGHTS_RULES: tuple[Rule, ...] = (
    Rule(
        "human_rights.private_conduct",
        "human_rights",
        Kind.HUMAN_RIGHTS,
        "The charge punishes consensual conduct between adults (same-sex relations, adultery,"
        " 'debauchery'): criminalising it breaches the rights to privacy and to equality",
        f"{ART2}; ICCPR arts. 17 and 26; UN Human Rights Committee, Toonen v. Australia"
        " (1994); UN Working Group on discrimination against women, statement on adultery"
        " (2012)",
        en=(
            "homosexuality",
            "homosexual (acts?|conduct|relations*|intercourse|activit(y|ies)|practices?|"
            "behaviou?r|propaganda)",
            "same sex (relations*|conduct|acts?|intercourse|activit(y|ies)|couples?|marriage)",
            # forcible sodomy is rape, an ordinary crime
            "(?<!forcible )(?<!aggravated )(?<!forced )sodomy",
            "unnatural (offen[cs]es?|acts?|intercourse)",
            "against the order of nature",
            "gross indecency (between|with) (men|males|another (man|male))",
            "(consensual|voluntary) (sexual )?(relations*|relationship|intercourse|sex|acts?) with"
            " (another|an?) (adult )?(man|male|woman|female)",
            "(lgbt|non traditional sexual relations) propaganda",
            "propaganda of (lgbt|non traditional sexual)",
            "adulter(y|ous)",
            "zina",
            "fornication",
            "extramarital (sex|relations*|affairs?|intercourse)",
            "(habitual )?debauchery",
        ),
        ru=(
            # art. 132 of the Russian code names these words beside violence:
            # then the charge is sexual violence, an ordinary crime
            "(мужеложств*|лесбиянств*)(?!(?: \\w+){0,10} насил)",
            "гомосексуализм*",
            "гомосексуальн* (связ*|отношени*|контакт*|акт*|поведени*)",
            "однополы* (связ*|отношени*|контакт*|брак*|пар*)",
            "добровольн* (половы* |сексуальн* |интимн* )?(отношени*|связ*|сношени*) ~ (мужчин*|"
            "лиц* (того же|одного) пола)",
            "пропаганд* ~ (нетрадиционн* сексуальн*|лгбт|гомосексуал*)",
            "прелюбодеяни*",
            "супружеск* измен*",
            "внебрачн* (связ*|отношени*|сожительств*)",
        ),
        fr=(
            "homosexualite",
            "(actes?|relations?) (homosexuel*|contre nature)",
            "relations? entre (personnes|individus) de meme sexe",
            "adultere",
            "debauche",
        ),
        es=(
            "homosexualidad",
            "(actos?|relaciones) homosexuales",
            "relaciones entre personas del mismo sexo",
            "(?<!forzada )sodomia",
            "adulterio",
        ),
        ar=(f"{_AR}(لواط|مثليه|زنا|فجور)", f"{_AR}شذوذ {_AR}جنسي"),
    ),
    Rule(
        "human_rights.death_penalty",
        "human_rights",
        Kind.HUMAN_RIGHTS,
        "The offence carries or led to the death penalty; assurances may be needed",
        f"{ART2}; European Convention on Extradition art. 11",
        en=(
            "death (penalty|sentence)",
            "capital (punishment|offen[cs]e|crime|case)",
            "punishable by death",
            "sentenced to death",
            "(faces?|facing|risk of|liable to) ~ execution",
            "(punish*|sentenc*) ~ (by|with|to) ~ execution",
            "public(ly)? execut*",
        ),
        ru=(
            "смертн* (казн*|приговор*)",
            "публичн* казн*",
            "(исключительн*|высш*) мер* наказани*",
            "(к|приговорен* к) расстрелу",
            "казн(ь|и|ью|ей)",
        ),
        fr=("peine de mort", "peine capitale", "condamne* a mort"),
        es=("pena de muerte", "pena capital", "condenad* a muerte"),
        ar=(f"{_AR}اعدام",),
    ),
    Rule(
        "human_rights.torture",
        "human_rights",
        Kind.HUMAN_RIGHTS,
        "There are allegations or a risk of torture or ill-treatment, or of coerced evidence",
        f"{ART2}; UN Convention against Torture art. 3",
        en=(
            "(risk|danger|threat|fear|allegations?|claims?|complaints?|evidence|reports?|signs)"
            " of (torture|ill treatment|mistreatment|beatings?)",
            "(was|were|been|being|is|are|got|allegedly) ~ (tortured|beaten|ill treated|mistreated)"
            " ~ (in|by|during|while|at) ~ (custody|detention|police|interrogation|prison|"
            "security|investigators?|officers)",
            "under (torture|duress)",
            "(obtained|extracted|extorted|coerced) ~ (under|by|through|with) ~ (torture|duress|"
            "coercion|beatings?|threats|force)",
            "(forced|coerced) confessions?",
            "torture (in|during) (custody|detention|prison|interrogation)",
            "enforced disappearance*",
            "(deprived|deprivation) of sleep",
            "sleep deprivation",
        ),
        ru=(
            "(риск*|опасност*|угроз*|заявлени*|жалоб*|следы|след*|применени*) ~ пыт(ок|ки|кам|ках|"
            "ка)",
            "под пытками",
            "(подвергал*|подвергнут*|подвергся|подверглась) ~ (пыт(кам|ке|ок)|избиени*|насили*)",
            "пытк* ~ (в )?(сизо|отдел*|колони*|изолятор*)",
            "(выбит*|под давлением|под пытками) ~ (признани*|показани*)",
            "(признани*|признательн*|показани*) ~ (выбит*|под давлением|под пытками)",
            "(побо*|избиени*|избивали) ~ (в )?(отдел*|сизо|изолятор*|колони*|полици*)",
            "насильственн* исчезновени*",
            "лишени* сна",
        ),
        fr=("tortur*", "mauvais traitements", "aveux* (force*|extorque*)"),
        es=("tortura*", "torturad*", "malos tratos", "confesion* (forzad*|bajo coaccion)"),
        ar=(f"{_AR}تعذيب",),
    ),
    Rule(
        "human_rights.in_absentia",
        "human_rights",
        Kind.HUMAN_RIGHTS,
        "Judgment was or will be given in absentia; a retrial guarantee must be checked",
        f"{ART2}; Second Additional Protocol to the European Convention on Extradition art. 3",
        en=(
            "(tried|convicted|sentenced|judged|condemned) ~ in absentia",
            "in absentia (trial|conviction|sentence|judgment|verdict|proceedings)",
            "(trial|conviction|sentence|judgment|verdict) in absentia",
            "(tried|convicted|sentenced) ~ (without|in the absence of) (the )?(accused|defendant|"
            "him|her|his presence|her presence)",
            "(tried|convicted|sentenced|judged) ~ in (his|her|their) absence",
            "(not|never|without being) (notified|informed|summoned) ~ (trial|hearing|proceedings)",
        ),
        ru=(
            "заочн* (приговор*|осужд*|рассмотрени*|судебн* разбирательств*|процесс*|суд*)",
            "заочно (осужден*|приговорен*|осудил*)",
            "(приговор*|осужден*|приговорен*|осудил*) ~ заочно",
            "без участия (обвиняемого|подсудимого|осужденного)",
            "(осужден*|приговор*|рассмотрен*) ~ в (его|ее|их) отсутстви*",
            "(не уведомлял*|не был уведомлен*|не извещал*|без уведомления) ~ (процесс*|суд*|"
            "заседани*)",
        ),
        fr=("par contumace", "par defaut", "condamne* en (son )?absence"),
        es=("en rebeldia", "in absentia", "juzgad* en ausencia"),
        ar=(f"{_AR}(حكم|محاكمه) {_AR}غيابي*", "غيابيا"),
    ),
    Rule(
        "human_rights.disproportionate",
        "human_rights",
        Kind.HUMAN_RIGHTS,
        "The penalty looks disproportionate or is a corporal punishment",
        f"{ART2}; Universal Declaration of Human Rights art. 5",
        en=(
            "disproportionat*",
            "corporal punishment",
            "flogging",
            "lashes",
            "caning",
            "whipping",
            "stoning",
            "amputation",
            "(excessive|grossly excessive|draconian) (penalt(y|ies)|sentences?|punishment)",
        ),
        ru=(
            "несоразмерн*",
            "телесн* наказани*",
            "(порка|порке|плетьми|ударов плетью)",
            "побивани* камнями",
            "ампутаци*",
            "отсечени* ~ (рук*|ног*|кист*)",
        ),
        fr=("disproportionne*", "chatiment* corporel*", "flagellation", "lapidation"),
        es=("desproporcionad*", "castigo* corporal*", "azotes", "lapidacion"),
        ar=(f"{_AR}رجم", "غير متناسب*"),
    ),
    Rule(
        "human_rights.unfair_trial",
        "human_rights",
        Kind.HUMAN_RIGHTS,
        "The trial forum or procedure raises fair-trial concerns",
        f"{ART2}; ICCPR art. 14",
        en=(
            "(revolutionary|state security|emergency|special) (courts?|tribunals?)",
            "military (court|tribunal)s? ~ civilian*",
            "(denied|without) (access to )?(a |any )?(lawyer|counsel|legal representation|"
            "fair trial|defen[cs]e lawyer)",
            "show trials?",
            "incommunicado",
        ),
        ru=(
            "(революционн*|чрезвычайн*) (суд*|трибунал*)",
            "(без|не допустили|не допускали|отказали в) ~ (адвокат*|защитник*)",
            "показательн* (процесс*|суд*)",
            "военн* (суд*|трибунал*) ~ гражданск*",
        ),
        fr=("(tribunal|cour) (revolutionnaire|d exception|de surete de l etat)",),
        es=("(tribunal|corte) (revolucionari*|de excepcion|especial)",),
        ar=(f"{_AR}(محكمه|محاكم) {_AR}(ثوريه|استثنائيه|امن الدوله)",),
    ),
)
