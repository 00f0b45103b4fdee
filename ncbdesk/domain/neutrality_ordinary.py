"""Ordinary-law crimes, and the phrases that only look political.

Ordinary crimes are the counterweight of the predominance test: a request
for murder, fraud or drug trafficking is an ordinary-law matter (INTERPOL
Constitution art. 2(b)) unless the person or the facts put it in a political,
religious or racial context.  Violent terrorism against civilians is an
ordinary crime for this purpose (General Assembly resolution AGN/53/RES/7,
1984).

``MASKS`` are blanked out of the text before any rule runs, so that
"Salvation Army", "assembly of explosive devices" or "third party" never
reach the political rules.  ``NEGATORS`` and ``VICTIM_MARKERS`` are checked
in the few words before a hit: "no political motive" is not a political
motive, and "the murder of a journalist" does not make the accused one.
"""

from __future__ import annotations

from ncbdesk.domain.neutrality_rules import _AR, Kind, Rule

_ORD = "INTERPOL Constitution art. 2(b): ordinary-law crime"


def _ordinary(code: str, name: str, **patterns: tuple[str, ...]) -> Rule:
    return Rule(
        f"ordinary.{code}",
        "ordinary",
        Kind.ORDINARY,
        f"Ordinary-law crime ({name})",
        _ORD,
        **patterns,
    )


_COMMON_RULES: tuple[Rule, ...] = (
    _ordinary(
        "homicide",
        "homicide",
        en=("murder*", "homicid*", "manslaughter", "kill*", "stabb*", "shot dead", "assassinat*"),
        ru=("убийств*", "убил*", "зарезал*", "застрелил*", "лишил* жизни", "умерщвлени*"),
        fr=("meurtre*", "homicide*", "assassinat*"),
        es=("asesinat*", "homicidio*"),
        ar=(f"{_AR}قتل",),
    ),
    _ordinary(
        "fraud",
        "fraud or embezzlement",
        en=(
            "fraud*",
            "swindl*",
            "scam*",
            "ponzi",
            "pyramid scheme",
            "defraud*",
            "embezzl*",
            "misappropriat*",
            "false pretences",
        ),
        ru=(
            "мошенни*",
            "растрат*",
            "присвоени*",
            "присвоил*",
            "хищени*",
            "похитил* ~ (денежн*|средств*|имуществ*|рубл*)",
            "злоупотреблени* доверием",
            "финансов* пирамид*",
        ),
        fr=("escroquer*", "fraude*", "detournement*", "abus de confiance"),
        es=("estafa*", "fraude*", "malversacion", "apropiacion indebida"),
        ar=(f"{_AR}(احتيال|نصب|اختلاس)",),
    ),
    _ordinary(
        "drugs",
        "drug trafficking",
        en=(
            "drugs?",
            "narcotic*",
            "cocaine",
            "heroin",
            "methamphetamine",
            "cannabis",
            "marijuana",
            "fentanyl",
            "controlled substances?",
            "psychotropic",
        ),
        ru=(
            "наркот*",
            "психотропн*",
            "кокаин*",
            "героин*",
            "метамфетамин*",
            "мефедрон*",
            "гашиш*",
            "марихуан*",
            "каннабис*",
            "прекурсор*",
        ),
        fr=("stupefiant*", "drogue*", "cocaine", "heroine"),
        es=("droga*", "estupefaciente*", "narcotrafic*", "cocaina"),
        ar=(f"{_AR}مخدر*",),
    ),
    _ordinary(
        "theft_robbery",
        "theft or robbery",
        en=("robber*", "robbed", "theft*", "steal*", "stole", "stolen", "burglar*", "larceny"),
        ru=(
            "разбо(й|я|ю|ем|е|йн*)",
            "грабеж*",
            "краж*",
            "похитил* ~ (имуществ*|автомобил*|ценност*)",
            "ограблени*",
        ),
        fr=("vols?", "cambriolage*", "braquage*"),
        es=("robos?", "hurto*", "atraco*"),
        ar=(f"{_AR}(سرقه|سطو)",),
    ),
    _ordinary(
        "sexual",
        "sexual offence",
        en=(
            "rap(e|ed|es|ing|ist|ists)",
            "sexual (assault|abuse|exploitation|violence|offen[cs]es?)",
            "child (sexual|abuse|pornograph*)",
            "paedophil*",
            "pedophil*",
            "indecent assault",
            "molest*",
        ),
        ru=(
            "изнасиловани*",
            "насильственн* действи* сексуальн*",
            "развратн* действи*",
            "педофил*",
            "половое сношение",
        ),
        fr=("viols?", "agression* sexuelle*", "pedophil*"),
        es=("violacion", "abuso sexual", "agresion sexual"),
        ar=(f"{_AR}اغتصاب",),
    ),
    _ordinary(
        "trafficking",
        "trafficking or smuggling",
        en=("traffick*", "smuggl*", "forced labou?r", "illegal (immigration|migration)"),
        ru=(
            "торговл* людьми",
            "торговл* людей",
            "трафикинг*",
            "контрабанд*",
            "незаконн* миграци*",
            "(незаконн*|нелегальн*) (переправ*|перевоз*) ~ (границ*|мигрант*)",
        ),
        fr=("traite (des etres humains|de personnes)", "trafic*", "contrebande"),
        es=("trata de personas", "trafico*", "contrabando"),
        ar=(f"{_AR}(اتجار|تهريب)",),
    ),
    _ordinary(
        "violent_terrorism",
        "terrorism involving violence",
        en=(
            "terroris*",
            "bomb*",
            "explosi*",
            "ied",
            "suicide attack*",
            "hostages?",
            "hijack*",
            "carjack*",
            "massacre*",
            "mass shooting",
        ),
        ru=(
            "террор*",
            "теракт*",
            "взрыв*",
            "захват* заложник*",
            "угон* (воздушн*|самолет*)",
            "бомб*",
        ),
        fr=("attentat*", "terroris*", "explosi*", "prise* d otages?"),
        es=("atentado*", "terroris*", "explosiv*"),
        ar=(f"{_AR}ارهاب*", f"{_AR}تفجير*"),
    ),
    _ordinary(
        "money_laundering",
        "money laundering",
        en=("money laundering", "launder*", "proceeds of crime"),
        ru=(
            "легализаци* ~ (денежн*|имуществ*|доход*|средств*)",
            "отмывани*",
            "отмыл*",
            "обналичивани*",
        ),
        fr=("blanchiment*",),
        es=("blanqueo*", "lavado de (dinero|activos)"),
        ar=("(غسل|غسيل) ~ اموال",),
    ),
    _ordinary(
        "corruption",
        "bribery or corruption",
        en=(
            "brib*",
            "(?<!anti )corrupt*",
            "kickbacks?",
            "abuse of (office|power|authority|official position)",
        ),
        ru=(
            "взятк*",
            "коррупц*",
            "взяточничеств*",
            "(злоупотреблени*|превышени*) ~ (должностн*|полномочи*)",
            "коммерческ* подкуп*",
            "откат*",
        ),
        fr=("corruption", "pots? de vin"),
        es=("soborno*", "cohecho", "corrupcion"),
        ar=(f"{_AR}(رشوه|فساد)",),
    ),
    _ordinary(
        "tax",
        "tax or customs evasion",
        en=(
            "tax (evasion|fraud|offen[cs]es?|crimes?)",
            "evad* ~ (tax*|customs|duties|vat)",
            "(vat|customs) fraud",
        ),
        ru=("уклон* ~ (уплат*|налог*|сбор*|таможенн*)", "неуплат* ~ налог*"),
        fr=("fraude fiscale", "evasion fiscale"),
        es=("fraude fiscal", "evasion (fiscal|de impuestos)", "defraudacion tributaria"),
        ar=(f"{_AR}تهرب {_AR}ضريبي",),
    ),
    _ordinary(
        "kidnapping",
        "kidnapping or extortion",
        en=("kidnap*", "abduct*", "false imprisonment", "extort*", "blackmail*", "racketeer*"),
        ru=(
            "похищени*",
            "похитил* ~ (человек*|ребенк*|сына|дочь|бизнесмен*|женщин*|мужчин*)",
            "незаконн* лишени* свободы",
            "вымогательств*",
            "вымогал*",
        ),
        fr=("enlevement*", "sequestration*", "extorsion"),
        es=("secuestro*", "extorsion"),
        ar=(f"{_AR}(خطف|اختطاف|ابتزاز)",),
    ),
    _ordinary(
        "violence",
        "assault, arson or violent disorder",
        en=(
            "assault*",
            "grievous bodily harm",
            "bodily (harm|injur(y|ies))",
            "battery",
            "wounding",
            "acid attack*",
            "(threw|throwing) acid",
            "(opened|open) fire",
            "shooting",
            "shot at",
            "arson",
            "set fire",
            "hooligan*",
            "vandal*",
        ),
        ru=(
            "вред* здоровью",
            "(тяжк*|средн*) ~ вред*",
            "нападени*",
            "напал*",
            "обстрел*",
            "стрельб*",
            "побои",
            "избиени*",
            "избил*",
            "поджог*",
            "поджег*",
            "хулиган*",
            "вандализм*",
            "умышленн* уничтожени* ~ имуществ*",
            "ножев* (ранени*|удар*)",
            "(ударил*|удар*|ранил*|порезал*) ~ (ножом|ножа|битой|топором|арматурой|кастетом)",
            "ранил*",
        ),
        fr=("coups et blessures", "violences volontaires", "incendie volontaire"),
        es=("lesiones", "incendio provocado"),
        ar=(f"{_AR}اعتداء",),
    ),
    # Violence against a police officer or official is an ordinary crime, but
    # the same charge is brought against protesters (a bottle thrown at a
    # riot-police helmet), so it is kept out of VIOLENT_CRIMES: it never
    # outweighs a protest or a political status found beside it.
    _ordinary(
        "violence_official",
        "violence against a police officer or official",
        en=(
            "(violence|assault*|attack*|resist*) ~ (police|officers?|"
            "officials?|representatives? of (the )?authorit(y|ies)|law enforcement)",
        ),
        ru=(
            "(применени*|применил*|насили*) ~ (в отношении|против|к) ~ (представител* власти|"
            "сотрудник* (полиции|росгвардии|правоохранительн*)|полицейск*|должностн* лиц*)",
            "сопротивлени* ~ (сотрудник*|полиции|представител*)",
        ),
        fr=(
            "(violence*|rebellion|outrage avec violence) ~ (agent*|policier*|gendarme*|"
            "fonctionnaire*|personne depositaire)",
        ),
        es=("atentado contra (la )?autoridad", "resistencia ~ (autoridad|agentes)"),
    ),
    _ordinary(
        "weapons",
        "illegal weapons",
        en=(
            "(illegal|unlawful|illicit) ~ (firearms?|weapons?|ammunition|guns?)",
            "(arms|weapons|firearms|gun) (trafficking|smuggling|dealing|running)",
        ),
        ru=("незаконн* ~ оружи*", "оборот* оружи*", "боеприпас*"),
        fr=("trafic d armes",),
        es=("trafico de armas",),
    ),
    _ordinary(
        "cyber",
        "cybercrime",
        en=(
            "hack*",
            "cyber*",
            "ransomware",
            "phishing",
            "malware",
            "computer (fraud|intrusion)",
            "carding",
        ),
        ru=(
            "неправомерн* доступ* ~ компьютерн*",
            "вредоносн* ~ программ*",
            "кибер*",
            "фишинг*",
            "хакер*",
        ),
        fr=("piratage informatique", "cybercriminalite"),
        es=("ciberdelito*", "pirateria informatica"),
    ),
    _ordinary(
        "forgery",
        "forgery or counterfeiting",
        en=(
            "counterfeit*",
            "forger(y|ies)",
            "forged",
            "forging",
            "falsif* ~ (documents?|passports?|records|accounts|invoices)",
        ),
        ru=("подделк*", "поддельн*", "подделал*", "фальшивомонетничеств*", "фальсификаци*"),
        fr=("contrefacon*", "faux documents?", "falsification"),
        es=("falsificacion*", "falsificad*"),
    ),
    _ordinary(
        "organised_crime",
        "organised crime",
        en=(
            "organi[sz]ed crim*",
            "criminal (organi[sz]ations?|groups?|gangs?|enterprises?|networks?|associations?|"
            "communit(y|ies)|syndicates?)",
            "mafia",
            "cartels?",
            "gang (leader|member)s?",
        ),
        ru=(
            "(преступн*|организованн*) (сообществ*|групп*|организаци*)",
            "опг",
            "опс",
            "вор* в законе",
            "банд(а|ы|у|ой|е|ит*|итизм*)",
        ),
        fr=("association de malfaiteurs", "crime organise", "bande organisee"),
        es=("organizacion criminal", "crimen organizado", "banda criminal"),
        ar=(f"{_AR}عصاب*",),
    ),
)

# The remaining common heads of criminal codes (negligence, justice, economic,
# environmental and public-safety offences), so that "not recognised" rarely
# means "ordinary but unlisted".
_OTHER_RULES: tuple[Rule, ...] = (
    _ordinary(
        "other",
        "another ordinary-law offence",
        en=(
            "negligen*",
            "reckless*",
            "(stolen|illicit|illegal) (goods|property|cars|vehicles)",
            "receiving stolen",
            "fencing",
            "perjury",
            "false testimony",
            "obstruct* ~ justice",
            "escape* from (custody|prison|detention)",
            "stalking",
            "domestic (violence|abuse)",
            "threat* to kill",
            "insider (dealing|trading)",
            "market manipulation",
            "(fraudulent|criminal) bankruptcy",
            "bankruptcy fraud",
            "(illegal|unlicensed|illicit) (gambling|casino*|banking|business|entrepreneurship|"
            "trade|trading|logging|fishing|mining|dumping|exports?|imports?)",
            "poaching",
            "wildlife (crime|trafficking)",
            "environmental (crime|offen[cs]e)",
            "pimping",
            "procuring",
            "prostitution",
            "pornograph*",
            "child abuse",
            "cruelty",
            "illegal (entry|border crossing|stay)",
            "(dangerous|drunk|careless) driving",
            "(traffic|road) (accident|collision)",
            "hit and run",
            "safety (rules|regulations|violations?|breach*)",
            "intellectual property",
            "piracy",
            "(trademark|copyright) (infringement|counterfeiting)",
            "currency (offen[cs]es?|violations?)",
            "sanctions (evasion|violations?)",
            "(illegal|unlawful) possession",
            "possession ~ (intent|supply|weapons?|explosives?)",
            "gross negligence",
            "(criminal|illegal) (damage|trespass)",
            "false (accounting|statements?|declarations?|invoices?)",
            "non[- ]?payment ~ (maintenance|alimony|wages|child support)",
        ),
        ru=(
            "халатност*",
            "неосторожн*",
            "(приобретени*|сбыт*) ~ (имуществ*|автомобил*) ~ (преступн*|краден*)",
            "краден*",
            "(заведомо )?ложн* (показани*|донос*)",
            "лжесвидетельств*",
            "побег* (из|из под)",
            "угроз* убийств*",
            "истязани*",
            "незаконн* (предпринимательств*|банковск*|игорн*|организаци* азартн*|рубк*|добыч*|"
            "вылов*|охот*|перемещени*|пересечени*|экспорт*|вывоз*|ввоз*)",
            "браконьер*",
            "экологическ* преступлени*",
            "организаци* (занятия )?проституци*",
            "вовлечени* в занятие проституцией",
            "притон*",
            "порнограф*",
            "нарушени* ~ правил ~ (движени*|безопасност*|охраны труда|эксплуатации)",
            "(услуг*|работ*|продукци*) ~ (требованиям безопасности|опасн*)",
            "дтп",
            "инсайд*",
            "манипулировани* (рынком|ценами)",
            "(преднамеренн*|фиктивн*) банкротств*",
            "незаконн* (получени* кредит*|использовани* товарного знака)",
            "неуплат* (алимент*|средств на содержание|заработной платы)",
            "незаконн* (хранени*|приобретени*|изготовлени*|перевозк*)",
            "(умышленн* )?(уничтожени*|повреждени*) ~ имуществ*",
            "самоуправств*",
            "лжепредпринимательств*",
            "неправомерн* оборот* средств платеж*",
            "(использовани*|сбыт*) ~ (поддельн*|похищенн*)",
            "нарушени* неприкосновенност* жилища",
            "жесток* обращени* с (животн*|детьми|несовершеннолетн*)",
            # road traffic: ПДД are the traffic rules, ДТП a road accident
            "нарушени* ~ (пдд|правил* дорожн* движени*|правил* движени*)",
            "(пдд|дтп)",
        ),
        fr=("negligence", "recel", "faux temoignage", "proxenetisme", "blessures involontaires"),
        es=("negligencia", "receptacion", "falso testimonio", "proxenetismo"),
    ),
)

ORDINARY_RULES: tuple[Rule, ...] = _COMMON_RULES + _OTHER_RULES

# Ordinary crimes of violence against persons.  In the predominance test a
# charged violent crime outweighs political, religious or ethnic words that
# the facts use only about *other* people (the victim, the place): Repository
# of Practice (2013), 'predominance test' — the seriousness of the ordinary
# element and whether violence was used; AGN/53/RES/7 (1984) for violent
# terrorism.  Theft/robbery is one rule and theft is not violent, so it is
# left out rather than guessed.
VIOLENT_CRIMES: frozenset[str] = frozenset(
    {
        "ordinary.homicide",
        "ordinary.sexual",
        "ordinary.violent_terrorism",
        "ordinary.kidnapping",
        "ordinary.violence",
    }
)

# Phrases blanked out before matching; each looks political and is not.
MASKS: tuple[str, ...] = (
    "salvation army",
    "арми* спасени*",
    # "assembly" of a device is manufacture, not a public assembly
    "assembl* (of )?(an? |the )?(improvised )?(explosive*|bombs?|devices?|ied|weapons?|firearms?|"
    "guns?|drones?|components?|vehicles?|cars?|parts|furniture)",
    "(explosive|bomb|weapon|firearm|gun|device) assembl*",
    "third part(y|ies)",
    "part(y|ies) to (the )?(contract|agreement|transaction|proceedings|dispute|deal|scheme)",
    "(birthday|wedding|house|dinner|christmas|new year s|office|drinking|bachelor) part(y|ies)",
    "(civil|injured|contracting|opposing|affected|interested|related|counter) part(y|ies)",
    "politically exposed persons?",
    "opposition (to|against) ~ (extradition|surrender|request|claim|application|decision|warrant"
    "|arrest)",
    "violent extremis*",
    "(tax|customs|visa|sanctions|export|import|currency|licensing|border|legal|prison|detention"
    "|dietary|fitness|training) regimes?",
    "(death|execution) of (the |a |an )?(contract|warrant|order|judgment|sentence|agreement)",
    "execution of ~ (contract|warrant|order|judgment|sentence|agreement|request)",
    "(refugee|migrant) (smuggling|camp)",
    "fake (passports?|documents?|ids?|identity|banknotes?|currency|invoices?|goods)",
    "кандидат* ~ наук",
    "minority (shareholders?|stakes?|interests?|owners?|shares?|partners?)",
)

# Denials written after the finding ("political motives are not seen"),
# checked on the next few words; Russian puts the negation last.
NEGATED_AFTER: tuple[str, ...] = (
    # three words: a relative clause ("депутат, который к делу не причастен")
    "(?:\\w+ ){0,3}не (?:усматрива|установлен|выявлен|прослежива|подтвержд|имеет|имеется|"
    "причаст|замешан)\\w*",
    "(?:\\w+ ){0,2}отсутству\\w*",
    "(?:\\w+ ){0,2}(?:is|are|was|were|has|have)? ?(?:not|never) (?:been )?(?:found|established|"
    "identified|shown|alleged|apparent|present|implicated|involved)",
)

NEGATORS: frozenset[str] = frozenset(
    {
        "not",
        "no",
        "never",
        "neither",
        "nor",
        "non",
        "none",
        "isn",
        "wasn",
        "aren",
        "weren",
        "doesn",
        "didn",
        "не",
        "нет",
        "ни",
        "никогда",
        "pas",
        "jamais",
        "aucun",
        "aucune",
        "nunca",
        "ningun",
        "ninguna",
        "لا",
        "ليس",
        "لم",
    }
)

# Word beginnings that, just before a person-status hit, make that person the
# victim or object of the crime rather than the requested person.
VICTIM_MARKERS: tuple[str, ...] = (
    "murder",
    "kill",
    "assault",
    "attack",
    "beat",
    "rob",
    "threat",
    "kidnap",
    "abduct",
    "victim",
    "injur",
    "shot",
    "stabb",
    "smuggl",
    "extort",
    "blackmail",
    "defraud",
    "harass",
    "intimidat",
    "brib",
    "убий",
    "убил",
    "напал",
    "нападени",
    "избил",
    "избиени",
    "потерпевш",
    "угрож",
    "похит",
    "похищени",
    "ограб",
    "ранил",
    "вымога",
    "запугива",
    "жертв",
    "застрелил",
    "переправ",
    "контрабанд",
    "обманул",
    "подкуп",
    "meurtre",
    "asesin",
    "требова",
    "demand",
    # premises of a party or office are the object, not the person
    "headquarters",
    "office",
    "premises",
    "штаб",
    "офис",
    # so are the belongings of a status holder ("the official car of a member
    # of parliament", "яхту бывшего министра") …  (short English words are
    # in OWNER_WORDS, matched whole: "car" must not catch "career")
    "vehicle",
    "yacht",
    "mansion",
    "apartment",
    "автомобил",
    "машин",
    "яхт",
    "особняк",
    "квартир",
    "voiture",
    "coche",
    # … and the staff who serve one ("driver of a member of parliament"):
    # their own status is not political
    "driver",
    "chauffeur",
    "bodyguard",
    "housekeeper",
    "gardener",
    "nanny",
    "водител",
    "шофер",
    "охранник",
    "телохранител",
    "домработниц",
    "садовник",
    "chofer",
    # beneficiaries: "a fund for refugees"
    "charit",
    "помощ",
    "punch",
    "struck",
    "slapp",
    "удар",
    # pretence: "posed as a journalist" is not the person's status
    "posed",
    "posing",
    "pretend",
    "impersonat",
    "представлял",
    "выдавал",
    "выдает",
    # forgery: "a fake asylum application", "counterfeit tickets for a party
    # rally" describe the forged thing, not the person (not "false": "false
    # charges against an activist" is the opposite)
    "fake",
    "faked",
    "fictitious",
    "bogus",
    "sham",
    "counterfeit",
    "фиктивн",
    "поддельн",
    "faux",
    "fictic",
    # "forged refugee travel documents"; forged or falsified *evidence* is
    # the opposite and is caught by context.political_circumstances
    "forg",
    "falsif",
    "подделан",
    "falsificad",
)

# Whole words with the same effect as VICTIM_MARKERS, too short to be
# matched as word beginnings.
OWNER_WORDS: frozenset[str] = frozenset({"car", "cars", "boat", "boats", "villa", "flat", "maid"})
