"""Article 3 rules as data: what marks a request political, military,
religious or racial, and what raises an Article 2 (human rights) concern.

Each rule says *why* it exists (``text``) and *where that comes from*
(``source``).  Patterns use the shorthand of :mod:`neutrality_text`
(``*`` = rest of the word, `` ~ `` = up to three words between) and are
grouped by language: English, Russian, French, Spanish, Arabic.

Sources cited:

* INTERPOL Constitution art. 2 (respect for human rights, "ordinary law
  crimes") and art. 3 (no intervention of a political, military, religious
  or racial character);
* INTERPOL Rules on the Processing of Data (RPD) art. 34 (compliance with
  art. 2 and 3 is checked before processing; the predominance test);
* INTERPOL "Repository of Practice: Application of Article 3 of INTERPOL's
  Constitution" (2nd ed., 2013), cited by topic rather than paragraph;
* INTERPOL's 2015 refugee policy (generally no notice at the request of the
  country the person was granted refugee status against);
* European Convention on Extradition (1957) art. 3 (political offences),
  art. 4 (military offences), art. 11 (capital punishment); its 1978 Second
  Additional Protocol art. 3 (judgments in absentia).

The *kind* decides how a hit counts in the predominance test (see
:func:`ncbdesk.domain.neutrality.assess`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    OFFENCE = "offence"  # a pure political/military/religious/racial offence
    CONTEXT = "context"  # the circumstances or the person make it sensitive
    HUMAN_RIGHTS = "human_rights"  # an Article 2 concern
    ORDINARY = "ordinary"  # an ordinary-law crime (predominance counterweight)


@dataclass(frozen=True)
class Rule:
    code: str
    category: str
    kind: Kind
    text: str
    source: str
    en: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()
    es: tuple[str, ...] = ()
    ar: tuple[str, ...] = ()

    @property
    def patterns(self) -> tuple[str, ...]:
        return self.en + self.ru + self.fr + self.es + self.ar


ART3 = "INTERPOL Constitution art. 3; RPD art. 34"
ROP = "Repository of Practice: Application of Article 3 (2013)"
ART2 = "INTERPOL Constitution art. 2; RPD art. 34"
ECE3 = "European Convention on Extradition art. 3"
ECE4 = "European Convention on Extradition art. 4"

# Arabic nouns take the article and clitics; this prefix admits them.
_AR = "(?:و|ف|ب|ل)?(?:ال)?"

OFFENCE_RULES: tuple[Rule, ...] = (
    Rule(
        "political.insult_official",
        "political",
        Kind.OFFENCE,
        "Insulting or defaming the head of state or a public official is a pure political offence",
        f"{ART3}; {ROP}, 'freedom of expression'; {ECE3}",
        en=(
            "insult* ~ (president|head of state|king|queen|monarch|sovereign|emir|sultan|"
            "officials?|officers?|authorit*|representatives? of (the )?(state )?(power|authority)|"
            "government|public servants?|judges?|head of (the )?(republic|government)|"
            "prime minister|premier)",
            "lese majest*",
            "(defam*|slander*|libel*|denigrat*) ~ (president|head of state|king|monarch|emir|"
            "sultan|leader of the nation|prime minister|head of government)",
            "(disrespect|contempt) (for|of|towards) (the )?(president|head of state|monarch|"
            "authorities|state authorit*|state organs)",
            "(offen[cs]e|outrage|offend*) (to|against|on|the) (the )?(dignity of )?(the )?"
            "(president|head of state|monarch|king)",
            "(satir*|caricatur*|lampoon*|mock*|ridicul*|parod*) ~ (president|head of state|king|"
            "queen|monarch|emir|sultan|prime minister|leader of the nation)",
        ),
        ru=(
            "оскорб* ~ (президент*|глав* государств*|глав* правительств*|премьер*|"
            "представител* власти|должностн* лиц*|"
            "судь*|сотрудник* полици*|полицейск*|чиновник*|власт*|губернатор*|мэр*)",
            "(клевет*|порочащ*) ~ (президент*|глав* государств*|глав* правительств*|премьер*)",
            "(высмеива*|высмеял*|карикатур*|сатир*|пароди*|глумлени*) ~ (президент*|"
            "глав* государств*|премьер*|монарх*|корол*)",
            "(явн* )?неуважени* к (обществ*|государств*|органам|власт*|конституци*|символ*)",
        ),
        fr=(
            "(outrage|offense|injure*|insulte*) ~ (chef de l etat|president*|autorit*|"
            "fonctionnaire*|magistrat*|agent* de l etat|roi)",
            "lese majeste",
        ),
        es=(
            "(injuria*|calumnia*|desacato|ultraje*|ofensa*|insult*) ~ (presidente|jefe de estado|"
            "autoridad*|funcionario*|rey|corona)",
            "desacato",  # contempt of authority: insulting officials (IACHR, 1995 report)
        ),
        ar=(
            f"{_AR}(اهان|اساء|سب|قذف)* ~ {_AR}(رئيس|ملك|امير|سلطان|ذات|موظف)*",
            f"{_AR}عيب في {_AR}ذات",
        ),
    ),
    Rule(
        "political.assembly",
        "political",
        Kind.OFFENCE,
        "Organising or joining an unauthorised assembly or protest is a pure political offence",
        f"{ART3}; {ROP}, 'unlawful assembly'",
        en=(
            "(unauthori[sz]ed|unsanctioned|unlawful|illegal|unpermitted|banned|prohibited|"
            "unregistered|unapproved|unagreed) (public |street |mass )?(assembl*|rall(y|ies)|"
            "protest*|demonstration*|march*|picket*|gathering*|meetings?|events?|actions?)",
            "(organi[sz]*|participat*|took part|taking part|take part|joined|joining|led|leading|"
            "lead|calls? for|calling for|called for|attended|attending|staged|staging|holding|held|"
            "coordinat*|incit*) ~ (protest*|rall(y|ies)|demonstration*|picket*|street marches|"
            "sit in*|blockades?)",
            "violat* ~ (procedure|rules|order) (for|of|on|governing) ~ (assembl*|rall(y|ies)|"
            "meetings?|demonstration*|picket*|public events?)",
            "(assembl*|rall(y|ies)|protest*|demonstration*|picket*|march*) ~ without (prior )?"
            "(authori[sz]ation|permission|approval|notification|consent)",
            "(protest*|rall(y|ies)|demonstration*|assembl*|march*) (that|which) (was|were|had been)"
            " not (authori[sz]ed|approved|sanctioned|permitted|agreed)",
            "anti ?(war|government|regime|mobili[sz]ation) (protest*|rall(y|ies)|demonstration*|"
            "march*|picket*|action*)",
            "(mass|street|public) (protest*|demonstration*)",
            "solo picket*",
            "(call*|urg*|invit*|encourag*) ~ (to )?(gather|assemble|rally|march|"
            "take to the streets|come out|protest)",
        ),
        ru=(
            "(несанкционированн*|несогласованн*|не согласованн*|не санкционированн*|"
            "неразрешенн*|запрещенн*|незаконн*) ~ (митинг*|акци*|шестви*|пикет*|демонстраци*|"
            "протест*|собрани*)",
            "нарушени* ~ порядка (организации|проведения) ~ (собрани*|митинг*|демонстраци*|шестви*|"
            "пикетировани*|публичн* мероприяти*)",
            "(участ*|организ*|призыв*|призвал*|провел*|проведени*|вышел|вышла|вышли) ~ "
            "(митинг*|протест*|шестви*|пикет*|демонстраци*|акци* протеста)",
            "акци* протеста",
            "(антивоенн*|антиправительственн*|протестн*) (митинг*|акци*|пикет*|шестви*)",
            "одиночн* пикет*",
            "(призвал*|призыв*|звал*) ~ (собраться|выйти|прийти|протестовать|на улицы)",
            "массов* (протест*|акци*|выступлени*)",
        ),
        fr=(
            "(manifestation*|rassemblement*|attroupement*|reunion*) ~ (non autorise*|non declare*|"
            "illicite*|illegale*|interdit*)",
            "(particip*|organis*|appel*) ~ (manifestation*|rassemblement*|protestation*)",
        ),
        es=(
            "(manifestacion*|reunion*|concentracion*|protesta*|marcha*) ~ (no autorizad*|ilegal*|"
            "ilicit*|prohibid*|no comunicad*)",
            "(particip*|organiz*|convoc*) ~ (manifestacion*|protesta*|marcha*|concentracion*)",
        ),
        ar=(f"{_AR}(مظاهر|تظاهر|تجمهر)*", f"{_AR}(تجمع|تجمعات) غير (مرخص|قانوني)*"),
    ),
    Rule(
        "political.extremism_speech",
        "political",
        Kind.OFFENCE,
        "An 'extremism' or incitement charge aimed at speech or association is an opinion"
        " offence of a political character",
        f"{ART3}; {ROP}, 'freedom of expression'",
        en=(
            "extremis*",
            "(public )?(calls?|calling|appeals?) (for|to) ~ (overthrow*|mass riots|violent change|"
            "actions against (the )?(state|national) security|seizure of power)",
            "incit* ~ (hatred|enmity|discord|hostility)",
            "humiliat* ~ (human dignity|dignity of a group)",
            "(subversion|subvert*) ~ (state|power|government|constitutional order)",
            "sedition*",
            "seditious",
        ),
        ru=(
            "экстремис*",
            "(призыв*|призывал*) ~ (к )?(свержени*|насильственн* изменени*|массовым беспорядкам|"
            "действиям против безопасности|захвату власти)",
            "(возбужд*|разжига*|разжег*|разжечь) ~ (ненавист*|вражд*|розн*)",
            "унижени* ~ (человеческ* достоинств*|достоинств* человека)",
            "подрыв* ~ (конституционного строя|государственной власти|национальн* единств*|"
            "единств* (страны|нации|государства))",
        ),
        fr=("extremis*", "incitation ~ (haine|discorde)", "subversion"),
        es=("extremis*", "incitacion ~ (odio|discordia)", "subversion", "sedicion"),
        ar=(f"{_AR}(تطرف|متطرف)*", f"{_AR}(اثاره|اثار) {_AR}(فتنه|كراهيه)"),
    ),
    Rule(
        "political.discredit_fake_news",
        "political",
        Kind.OFFENCE,
        "'Discrediting' the army or state, or spreading 'false information' about them, is a"
        " speech offence of a political character",
        f"{ART3}; {ROP}, 'freedom of expression'",
        en=(
            "discredit* ~ (army|armed forces|military|troops|state|government|authorities|"
            "country|republic|state bodies)",
            "(false|fake|untrue|knowingly false|deliberately false) (information|news|reports?|"
            "statements?|data|claims) (about|on|concerning|regarding) ~ (army|armed forces|"
            "military|troops|war|special military operation|government|state|authorities)",
            "fake news",
            "(military|army|war) fakes?",
            "rumou?rs? ~ (harm*|damag*|against|undermin*|about) ~ (state|government|authorities|"
            "nation|country|army|public order)",
            "(spread*|disseminat*|circulat*) rumou?rs?",
            "(spread*|disseminat*|publish*|post*) ~ (false|fake|knowingly false) (information|news|"
            "rumou?rs)",
        ),
        ru=(
            "дискредит*",
            "(заведомо )?ложн* информаци* ~ (вооруженн* сил*|арми*|использовани*|"
            "деятельност* государственн*|государственн* органов|органов власти)",
            "фейк*",
            "слух* ~ (вред*|ущерб*|против|подрыв*|порочащ*) ~ (государств*|власт*|армии|стран*)",
            "(распространени*|распространял*|распространил*) слух*",
            "(распространени*|распространил*|распространял*) (заведомо )?ложн*",
        ),
        fr=("fausses? nouvelles?", "fake news", "discredit* ~ (armee|forces armees|etat)"),
        es=("noticias falsas", "bulos?", "desprestigi* ~ (ejercito|fuerzas armadas|estado)"),
        ar=(f"{_AR}(اخبار|اشاعات|شائعات) {_AR}(كاذب)*", f"{_AR}اساءه ~ {_AR}(جيش|قوات)"),
    ),
    Rule(
        "political.opinion_crime",
        "political",
        Kind.OFFENCE,
        "The charge punishes criticism or the expression of opinions (an opinion crime)",
        f"{ART3}; {ROP}, 'freedom of expression'; {ECE3}",
        en=(
            "(criticis*|criticiz*|critical (of|towards)) ~ (president|government|authorities|"
            "regime|ruling party|leadership|king|state|war|kremlin|army)",
            "anti ?(state|government|regime|war|soviet|constitutional) (propaganda|agitation|"
            "statements?|posts?|publications?|activit*|speech*|slogans?|leaflets?|songs?|chants?|"
            "banners?|placards?|graffiti|art|performances?|videos?|cartoons?|materials?|literature|"
            "content|messages?|texts?|books?|articles?)",
            "(propaganda|agitation) against (the )?(state|government|regime|system|war)",
            "opinion (crimes?|offen[cs]es?)",
            "thought crime",
            "rehabilitat* ~ nazism",
            "undermin* ~ (state power|constitutional order|national unity|authority of the state)",
        ),
        ru=(
            "критик* ~ (власт*|президент*|правительств*|режим*|губернатор*|мэр*|войн*|"
            "руководств* страны|кремл*)",
            "(антивоенн*|антиправительственн*|антигосударственн*|антисоветск*) ~ (пост*|"
            "публикаци*|высказывани*|агитаци*|пропаганд*|видео*|деятельност*|заявлени*|лозунг*|"
            "листовк*|материал*|литератур*|стат*|песн*|плакат*)",
            "реабилитаци* нацизма",
            "(пропаганд*|агитаци*) против (строя|власти|государства|режима|правительства|войны)",
            "(надругательств*|осквернени*) ~ (флаг*|герб*|гимн*|государственн* символ*)",
        ),
        fr=("(critique*|critiqu*) ~ (gouvernement|regime|president)", "delit d opinion"),
        es=("critic* ~ (gobierno|regimen|presidente)", "delito de opinion"),
        ar=(f"{_AR}(انتقاد|انتقد)* ~ {_AR}(حكومه|نظام|رئيس)",),
    ),
    Rule(
        "political.defame_state",
        "political",
        Kind.OFFENCE,
        "Insulting or 'discrediting' the nation, the state or its symbols is a pure political"
        " offence",
        f"{ART3}; {ROP}, 'freedom of expression'",
        en=(
            "(insult*|denigrat*|degrad*|defam*|disparag*) ~ (the )?(nation|state|republic|"
            "state institutions|turkishness|national flag|state symbols|national anthem)",
            "desecrat* ~ (flag|state symbols|coat of arms|emblem|anthem)",
        ),
        ru=(
            "(клевет*|оскорб*|унижени*|дискредитаци*) ~ (государств*|республик*|нации|народ*|"
            "государственн* символ*)",
        ),
        fr=("(outrage|offense) ~ (drapeau|hymne|nation|etat)",),
        es=("(ultraje*|ofensa*) ~ (bandera|simbolos|nacion|espana|estado)",),
    ),
    Rule(
        "political.banned_association",
        "political",
        Kind.OFFENCE,
        "Membership or activity in an 'undesirable', 'foreign agent' or banned political"
        " organisation is an association offence of a political character",
        f"{ART3}; {ROP}, 'membership in an organisation'",
        en=(
            "undesirable organi[sz]ation*",
            "foreign agents?",
            "(banned|outlawed|proscribed|prohibited|illegal|dissolved) (political )?(part(y|ies)|"
            "movement*|opposition groups?)",
            "anti corruption foundation",
        ),
        ru=(
            "нежелательн* (организаци*|нко|нпо)",
            "иностранн* агент*",
            "иноагент*",
            "(запрещенн*|ликвидированн*) ~ (политическ* )?(парти*|движени*)",
            "фонд* борьбы с коррупцией",
            "фбк",
        ),
        fr=("agent* de l etranger", "organisation* indesirable*"),
        es=("agente* extranjer*", "partido* ilegalizad*"),
        ar=(f"{_AR}(انضمام|انتماء) ~ {_AR}(جماعه|تنظيم|حزب|جمعيه) {_AR}(محظور|منحل|غير مشروع)*",),
    ),
    Rule(
        "political.treason_espionage",
        "political",
        Kind.OFFENCE,
        "Treason, espionage and disclosure of state secrets are offences against the state"
        " traditionally treated as political",
        f"{ART3}; {ROP}, 'offences against the security of the state'; {ECE3}",
        en=(
            "(high |state )?treason*",
            "espionage",
            "spying",
            "spy",
            "(confidential )?(cooperation|collaborat*) with ~ foreign (state|intelligence|"
            "organi[sz]ation*)",
            "(disclos*|divulg*|leak*|transfer*|passing|passed|handing|handed) ~ state secrets?",
        ),
        ru=(
            "государственн* измен*",
            "измен(а|ы|е|у|ой|ою) (родине|родины|государству)",
            "измен(а|ы|у|ой)",
            "шпионаж*",
            "шпион*",
            "конфиденциальн* сотрудничеств* ~ иностранн*",
            "(разглашени*|передач*|выдач*|разгласил*|передал*) ~ государственн* тайн*",
        ),
        fr=("trahison", "espionnage", "intelligence avec ~ puissance etrangere"),
        es=("traicion", "espionaje", "alta traicion"),
        ar=(f"{_AR}خيانه {_AR}عظمى", f"{_AR}تجسس*", f"{_AR}خيانه"),
    ),
    Rule(
        "political.separatism",
        "political",
        Kind.OFFENCE,
        "Calls for separatism or against territorial integrity are political speech offences",
        f"{ART3}; {ROP}, 'freedom of expression'",
        en=(
            "separatis*",
            "secession*",
            "(undermin*|violat*|against|threat* to) ~ territorial integrity",
        ),
        ru=("сепарат*", "территориальн* целостност*", "сецесси*", "выход* ~ из состава"),
        fr=("separatis*", "secession*", "integrite ~ territoire"),
        es=("separatis*", "secesion*", "integridad territorial"),
        ar=(f"{_AR}انفصال*",),
    ),
    Rule(
        "military.desertion",
        "military",
        Kind.OFFENCE,
        "Desertion or absence without leave is a pure military offence",
        f"{ART3}; {ROP}, 'pure military offences'; {ECE4}",
        en=(
            "desertion",
            "deserters?",
            "(deserted|deserting) ~ (unit|army|military|service|post|ship|regiment|battalion|"
            "brigade|forces|garrison|base|position*)",
            "absen(ce|t)* without (official )?leave",
            "awol",
            "(unauthori[sz]ed|unlawful) (absence|abandonment|leaving) ~ (unit|post|service|duty|"
            "base|garrison)",
            "(abandon*|left|leaving|leave) ~ (military )?(unit|post|duty station|place of service|"
            "garrison|base) ~ without (permission|leave|authori[sz]ation)",
            "abandon* ~ (military )?(post|unit|duty station|place of service|garrison)",
            "(absent|absence) from ~ (unit|base|garrison|regiment|barracks|ship|place of service)",
            "fail* to return ~ (unit|base|post|duty|service|regiment)",
        ),
        ru=(
            "дезертир*",
            "самовольн* (оставлени*|покинул*|ушел|ушла) ~ (част*|мест* службы|расположени*)",
            "(покинул*|оставил*) ~ (воинск* )?(част*|мест* службы|расположени* части)",
            "сзч",
            "не (вернул*|прибыл*) ~ (в )?(част*|мест* службы|расположени*)",
        ),
        fr=("desertion", "deserteur*", "abandon de poste"),
        es=("desercion", "desertor*", "abandono de destino"),
        ar=(f"{_AR}(فرار|هروب) من {_AR}(خدمه|جيش|وحده)*",),
    ),
    Rule(
        "military.draft_evasion",
        "military",
        Kind.OFFENCE,
        "Draft or mobilisation evasion and refusal to serve are pure military offences",
        f"{ART3}; {ROP}, 'pure military offences'; {ECE4}",
        en=(
            "draft (evasion|evaders?|dodg*|resist*)",
            "(evad*|evasion|dodg*|avoid*|avoidance|refus*|fail*) ~ (draft|conscription|"
            "military service|call ?up|mobili[sz]ation|military registration|enlistment|"
            "compulsory service|national service)",
            "conscientious objector*",
            "refus* ~ (bear arms|to fight|to serve|take part in (hostilities|combat))",
            "refus* ~ (participat*|take part|go|deploy*|serve|fight|return) ~ (combat|hostilities|"
            "front|front line|war|deployment|war zone|conflict zone)",
            "(summons|call ?up papers?) ~ (military|enlistment|recruitment|draft|conscription)",
            "(fail*|ignor*|refus*|evad*|avoid*) ~ (call ?up|summons|reservists?|reserve) ~ "
            "(training|exercises?|duty|service|musters?)",
            "reservist (training|exercises?|duty|call ?ups?)",
            "(military )?(enlistment|recruitment|conscription) office",
            "mobili[sz]ation (orders?|notices?|summons|call ?ups?|papers)",
            "(fail*|refus*) ~ (join|report to|enlist in) ~ (armed forces|army|military)",
        ),
        ru=(
            "уклон* ~ (призыв*|военн* служб*|мобилизаци*|военн* учет*|воинск* учет*|"
            "альтернативн* гражданск* служб*|служб* в (арми*|вооруженн*)|военн* сбор*)",
            "(отказ*|отказал*) ~ (от )?(участия в (боевых|специальной)|исполнения обязанностей "
            "военной службы|военной службы|служить|призыв*|мобилизац*|воевать|взять в руки оружи*)",
            "(не явил*|неявк*|не явля*) ~ военкомат*",
            "(не явил*|неявк*|проигнорировал*|уклон*) ~ (военн* сбор*|сбор* резервист*)",
            "повестк* ~ военкомат*",
            "симуляци* болезни",
            "уклонист*",
            "(неявк*|не явил*|уклон*|скрыва*|скрывал*) ~ мобилизаци*",
            "(отказ*|отказал*) ~ (от )?несени* (военной )?службы",
            "(не будет|не буду|не станет|отказ*|отказал*) воевать",
        ),
        fr=(
            "insoumission",
            "insoumis",
            "(refus*|soustr*) ~ (service militaire|obligations militaires|mobilisation)",
            "objecteur* de conscience",
        ),
        es=(
            "(evasion|eludir|eludio|evadir|prófugo|profugo|negativa) ~ (servicio militar|"
            "reclutamiento|conscripcion|movilizacion)",
            "insumis*",
            "objetor* de conciencia",
        ),
        ar=(f"{_AR}(تهرب|تخلف) ~ {_AR}(خدمه|تجنيد|تعبئه)*",),
    ),
    Rule(
        "military.insubordination",
        "military",
        Kind.OFFENCE,
        "Insubordination, mutiny or surrender are pure military offences",
        f"{ART3}; {ROP}, 'pure military offences'; {ECE4}",
        en=(
            "insubordinat*",
            "mutin*",
            "(disobey*|refus* to (obey|carry out|execute|follow|comply with)|fail* to (obey|"
            "carry out|execute)) ~ (orders?|commands?) ~ (commander|superior|officer|unit|combat|"
            "military|lawful)",
            "(disobey*|refus* to obey|failure to obey) ~ (commanding officer|superior officer|"
            "commander|military orders?|lawful commands?)",
            "(voluntar*|unlawful*) surrender*",
            "(refus*|declin*) to (obey|carry out|execute|follow) ~ (order|orders|command|commands)",
            "(refus*|declin*) to (fire|shoot|open fire) ~ (when|as|despite)? ?(ordered|order*)",
            "surrender* ~ (captivity|enemy)",
            "cowardice",
        ),
        ru=(
            "неисполнени* приказ*",
            "неповиновени*",
            "(отказ*|отказал*) ~ (выполн*|исполн*) ~ приказ*",
            "(добровольн* )?сдач* в плен",
            "сдал* в плен",
            "оставлени* поля боя",
        ),
        fr=("insubordination", "refus d obeissance", "mutinerie"),
        es=("insubordinacion", "desobediencia ~ (superior|militar|mando)", "motin"),
        ar=(f"{_AR}عصيان {_AR}اوامر", f"{_AR}تمرد {_AR}عسكري"),
    ),
    Rule(
        "religious.blasphemy",
        "religious",
        Kind.OFFENCE,
        "Blasphemy or insulting religion or believers' feelings is a religious offence",
        f"{ART3}; {ROP}, 'religious offences'",
        en=(
            "blasphem*",
            "sacrileg*",
            "insult* ~ (religio*|feelings of (the )?believers|prophet|sacred|holy|islam|quran|"
            "koran|bible|church|god|faith|clergy)",
            "(offend*|outrag*|hurt*|wound*|insult*) ~ (religious (feelings|sentiments?|values)|"
            "feelings of (the )?(faithful|believers))",
            "(desecrat*|defil*|burn*|burned|tore) ~ (quran|koran|bible|holy book*|sacred texts?|"
            "icons?|torah)",
            "(denigrat*|degrad*|mock*|ridicul*|disparag*|offend*|defam*|insult*) ~ (religio*|islam|"
            "christianity|prophet|sacred|faith|beliefs|quran|koran|bible|god)",
        ),
        ru=(
            "богохул*",
            "кощунств*",
            "святотатств*",
            "оскорб* ~ (религиозн* чувств*|чувств* верующих|святын*|веры|ислам*|религи*|пророк*)",
            "(надругательств*|осквернени*|осквернил*|сжег*|сожг*) ~ (святын*|предмет* "
            "религиозного почитания|коран*|библи*|икон*|мечет*|храм*)",
        ),
        fr=("blasphem*", "outrage ~ (religion|sentiments? religieux|croyants)", "sacrilege"),
        es=(
            "blasfemi*",
            "(ofensa*|escarnio|ofender|ofendio) ~ (sentimientos religiosos|religion|creencias)",
        ),
        ar=(
            f"{_AR}تجديف",
            f"{_AR}ازدراء {_AR}اديان",
            f"{_AR}(اساءه|سب|اهانه) ~ {_AR}(دين|اديان|رسول|نبي|مقدسات|ذات الالهيه)",
        ),
    ),
    Rule(
        "religious.apostasy",
        "religious",
        Kind.OFFENCE,
        "Apostasy, heresy or conversion is punished as a religious offence",
        f"{ART3}; {ROP}, 'religious offences'",
        en=(
            "apostas*",
            "apostates?",
            "heres(y|ies)",
            "heretic*",
            "renounc* ~ (islam|faith|religion)",
            "(leaving|left|abandon*|renounc*|quit*) (the |his |her )?(faith|religion|islam)",
            "no longer believ*",
            "convert* (from islam|to christianity)",
        ),
        ru=(
            "вероотступничеств*",
            "отступничеств* ~ (вер*|ислам*)",
            "ерес*",
            "вероотступник*",
            "(отказ*|отрекл*|отречени*|выход*|вышел) ~ (от |из )?(веры|ислама|религии)",
            "больше не верит",
        ),
        fr=("apostasi*", "apostat*", "heresie"),
        es=("apostasi*", "apostata*", "herejia"),
        ar=(f"{_AR}رده", f"{_AR}ارتداد", "مرتد*"),
    ),
    Rule(
        "religious.sorcery",
        "religious",
        Kind.OFFENCE,
        "Sorcery or witchcraft is punished as an offence against religion",
        f"{ART3}; {ROP}, 'religious offences'",
        en=(
            "sorcery",
            "witchcraft",
            "(practi[sc]*|perform*) ~ (black )?magic",
            "sorcerers?",
        ),
        ru=("колдовств*", "чародейств*", "ведовств*", "(занимал*|занимается|практик*) ~ магией"),
        fr=("sorcellerie", "magie noire"),
        es=("brujeria", "hechiceria"),
        ar=(f"{_AR}(سحر|شعوذه)",),
    ),
    Rule(
        "religious.proselytism",
        "religious",
        Kind.OFFENCE,
        "Proselytism, preaching or worship without state permission is a religious offence",
        f"{ART3}; {ROP}, 'religious offences'",
        en=(
            "proselyti*",
            "(illegal|unauthori[sz]ed|unregistered|unlawful) (missionary|religious|preaching|"
            "worship|prayer|bible)",
            "missionary activit*",
            "(unregistered|unauthori[sz]ed|illegal|underground|house) (\\w+ )?(church|churches|"
            "mosque|congregation|religious communit(y|ies)|prayer house)",
            "preach* ~ (without (authori[sz]ation|permission|licen[cs]e|registration)|unregistered|"
            "illegal|underground)",
            "(conducting|holding|organi[sz]ing|led|leading) ~ (religious services?|worship|"
            "prayer meetings?|bible study|bible studies|sermons?)",
            "distribut* ~ (religious literature|bibles?|religious texts?|religious books?)",
        ),
        ru=(
            "прозелитизм*",
            "миссионерск* деятельност*",
            "(незаконн*|незарегистрированн*|подпольн*) ~ (религиозн*|молитв*|богослужени*|"
            "миссионер*|церкв*|общин*|мечет*|молельн*)",
            "(проповед*|богослужени*) ~ без (разрешени*|регистрации|лицензии)",
            "(проведени*|проводил*|организ*) ~ (богослужени*|молитвенн* собрани*|религиозн* "
            "(собрани*|обряд*|мероприяти*|занят*)|изучени* библии)",
            "распростран* ~ религиозн* литератур*",
        ),
        fr=(
            "proselytisme",
            "activit* missionnaire*",
            "ebranl* ~ foi",  # Moroccan Penal Code art. 220: shaking a Muslim's faith
        ),
        es=("proselitismo", "actividad* misioner*"),
        ar=(f"{_AR}تبشير", f"{_AR}تنصير"),
    ),
    Rule(
        "religious.banned_group",
        "religious",
        Kind.OFFENCE,
        "Membership or activity in a banned religious group is a religious offence",
        f"{ART3}; {ROP}, 'religious offences', 'membership in an organisation'",
        en=(
            "jehovah*",
            "watchtower",
            "falun (gong|dafa)",
            "hizb ut tahrir",
            "tablighi jamaat",
            "nurcular",
            "said nursi",
            "ahmadiyy*",
            "baha i",
            "bahai",
            "(banned|outlawed|prohibited|illegal|unregistered|extremist) (religious )?(sects?|"
            "cults?|religious (groups?|organi[sz]ations?|communit(y|ies)|associations?))",
            "religious (groups?|organi[sz]ations?|communit(y|ies)|associations?) ~ (banned|"
            "outlawed|prohibited|declared extremist|liquidated)",
            "(cult|heretical organi[sz]ation) to undermine",
        ),
        ru=(
            "иегов*",
            "фалун*",
            "хизб ут тахрир",
            "таблиги джамаат",
            "нурджулар*",
            "нурси",
            "ахмади*",
            "бахаи",
            "(запрещенн*|экстремистск*|незарегистрированн*|ликвидированн*) ~ религиозн* "
            "(организаци*|объединени*|групп*|общин*)",
            "религиозн* (организаци*|объединени*|групп*|общин*) ~ (запрещенн*|экстремистск*|"
            "ликвидированн*)",
            "(секта|секты|секту|сектой|секте|сектант*)",
        ),
        fr=("temoins de jehovah",),
        es=("testigos de jehova",),
        ar=(f"{_AR}بهائي*", "حزب التحرير"),
    ),
    Rule(
        "racial.racial_character",
        "racial",
        Kind.OFFENCE,
        "The prosecution turns on the person's race, ethnicity or caste (racial character)",
        f"{ART3}; {ROP}, 'racial character'",
        en=(
            "(interracial|inter racial|mixed race|inter caste|intercaste|inter ethnic) (marriage|"
            "relationships?|unions?|sex|relations|couple)",
            "(prosecuted|charged|arrested|persecuted|targeted|wanted|detained|accused|pursued|"
            "punished) ~ (because of|on account of|by reason of|on grounds of|for|based on|over) ~ "
            "(race|racial|ethnicity|ethnic (origin|identity|background)|caste|skin colou?r|"
            "tribe|tribal (origin|affiliation)|nationality)",
            "(belong*|membership|affiliation) to ~ (ethnic|racial|tribal) (groups?|minorit(y|ies)|"
            "communit(y|ies))",
            "racial (segregation|purity|classification)",
            "(marri*|wed*|relationship|union) ~ (different|another|other|lower|higher|mixed) "
            "(races?|castes?|ethnic groups?)",
            "(segregation|apartheid|pass) laws?",
            "(ethnic|racial|caste) (residence|segregation|classification|registration) (rules|"
            "laws?|regulations?|restrictions?)",
            "(ethnic group|ethnicity|race|caste|tribe) ~ (barred|banned|prohibited|forbidden|"
            "not allowed)",
            "(teach*|taught|promot*|propagat*|spread*) ~ (minority|mother|native|indigenous|"
            "kurdish|uy(g|gh)ur|tatar|amazigh|berber|tibetan) (language|tongue)",
        ),
        ru=(
            "межрасов* (брак*|отношени*|связ*|сою*)",
            "(преследу*|преследовани*|задержан*|обвин*|арестован*|разыскива*) ~ (за|из за|по "
            "причине|в связи с|по признаку) ~ (расов*|этническ*|национальн*) (принадлежност*|"
            "происхождени*)",
            "принадлежност* к ~ (этническ*|расов*|национальн*) (групп*|меньшинств*|общин*)",
            "расов* (сегрегаци*|чистот*|классификаци*)",
            "(правил*|ограничени*|запрет*) ~ по (этническому|расовому) признаку",
            "(друг*|ин*) (расов*|этническ*) групп*",
            "(этническ*|расов*) групп* ~ (запрещ*|не разрешен*)",
            "(брак*|женил*|замуж|сожительств*|отношени*) ~ (друг*|ин*|низш*|высш*|разн*) "
            "(рас*|каст*|этнос*)",
        ),
        fr=(
            "(en raison de|du fait de) ~ (race|origine ethnique|appartenance ethnique)",
            "mariage interracial",
        ),
        es=("(por|debido a|en razon de) ~ (raza|origen etnico|etnia)", "matrimonio interracial"),
        ar=(f"بسبب ~ {_AR}(عرق|اصل العرقي|انتماء العرقي)*",),
    ),
)
