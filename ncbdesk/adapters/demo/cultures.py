"""How each naming culture writes a person: the name in its own script, the
transliterations other systems produced, and the aliases files collect.

Every builder takes the seeded RNG, the sex and the nationality already drawn,
and returns a `BuiltName`; `CULTURES` lists them with their share of the demo
population and the nationalities they carry.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from ncbdesk.adapters.demo import cyrillize
from ncbdesk.adapters.demo import names_cyrillic as cy
from ncbdesk.adapters.demo import names_other as ot
from ncbdesk.adapters.demo import romanise as ro
from ncbdesk.adapters.demo.europe import EUROPEAN_LOCALES, european_name
from ncbdesk.adapters.demo.tables import NameTable, Spelled
from ncbdesk.domain.persons import NameKind, PersonName, Sex
from ncbdesk.domain.scripts import Script

PRIMARY, TRANSLIT, ALIAS = NameKind.PRIMARY, NameKind.TRANSLITERATION, NameKind.ALIAS


@dataclass
class BuiltName:
    names: list[PersonName]
    latin_family: str  # for titles: "Red Notice — NURBAGANDOV, Magomed"
    latin_given: str


Builder = Callable[[random.Random, Sex, str, ro.Romaniser], BuiltName]


@dataclass(frozen=True)
class Culture:
    key: str
    weight: float  # share of the demo population, before normalising
    nationalities: tuple[tuple[str, float], ...]
    build: Builder


# --- Russian-style patronymics and gendered surnames ---------------------------


def russian_patronymic(father: str, female: bool) -> str:
    """Отчество from the father's given name (Иван → Иванович / Ивановна)."""
    if father in cy.PATRONYMIC_EXCEPTIONS:
        return cy.PATRONYMIC_EXCEPTIONS[father][1 if female else 0]
    if father.endswith("ий"):
        male = father[:-2] + "ьевич"
    elif father.endswith(("ей", "ай", "ь")):
        male = father[:-1] + "евич"
    elif father[-1] in "аяиоуэюы":
        male = father + "евич"
    else:
        male = father + "ович"
    return male[:-2] + "на" if female else male


def ukrainian_patronymic(father: str, female: bool) -> str:
    """По батькові (Андрій → Андрійович / Андріївна, Петро → Петрович / Петрівна)."""
    if father == "Микола":
        return "Миколаївна" if female else "Миколайович"
    if father.endswith("ій"):
        return father[:-1] + ("ївна" if female else "йович")
    if father.endswith(("о", "ь")):
        stem = father[:-1]
        return stem + ("івна" if female else ("ьович" if father.endswith("ь") else "ович"))
    return father + ("івна" if female else "ович")


def feminine_surname(family: str) -> str:
    if family.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return family + "а"
    if family.endswith(("ский", "цкий")):
        return family[:-2] + "ая"
    if family.endswith("ой"):
        return family[:-2] + "ая"
    if family.endswith(("ський", "цький")):
        return family[:-2] + "а"
    return family


def _latin_feminine(family: str) -> str:
    if family.endswith(("ov", "ev", "yev")):
        return family + "a"
    for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if family.endswith(male):
            return family[: -len(male)] + female
    return family


def _pick(rng: random.Random, table: NameTable, sex: Sex) -> str:
    return rng.choice(table.female if sex == Sex.FEMALE else table.male)


def _fio(family: str, given: str, patronymic: str, kind: NameKind = PRIMARY) -> PersonName:
    # Russian records put the surname first: Нурбагандов Магомед Абдулаевич.
    full = " ".join(p for p in (family, given, patronymic) if p)
    return PersonName(
        full, kind, given=given, family=family, patronymic=patronymic, script=Script.CYRILLIC
    )


def _latin(given: str, family: str, scheme: str, patronymic: str = "") -> PersonName:
    full = " ".join(p for p in (given, patronymic, family) if p)
    return PersonName(full, TRANSLIT, given, family, patronymic, scheme=scheme, script=Script.LATIN)


def _cyrillic_transliterations(
    rng: random.Random, rom: ro.Romaniser, given: str, family: str, patronymic: str
) -> list[PersonName]:
    """ICAO (today's passport) always, and one or two older or foreign systems."""
    out = []
    extra = rng.choices(ro.CYRILLIC_SCHEMES[1:], ro.CYRILLIC_EXTRA_WEIGHTS, k=2)
    if extra[0] == extra[1] or rng.random() < 0.6:
        extra.pop()
    for label, schema, with_patronymic in (ro.CYRILLIC_SCHEMES[0], *extra):
        p = rom.cyrillic(schema, patronymic) if with_patronymic and patronymic else ""
        out.append(
            _latin(rom.cyrillic(schema, given), rom.cyrillic(schema, family), label, p),
        )
    return out


def russified(table: NameTable, *, kyrgyz: bool = False, uzbek: bool = False) -> Builder:
    """Russian, Central Asian and North Caucasus names in Russian Cyrillic."""

    def build(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
        female = sex == Sex.FEMALE
        given = _pick(rng, table, sex)
        father = rng.choice(table.male)
        patronymic = russian_patronymic(father, female)
        family = rng.choice(table.family)
        if kyrgyz and rng.random() < 0.25:
            # Kyrgyz names without a surname: Асанбек уулу, "son of Asanbek".
            family, patronymic = f"{father} {'кызы' if female else 'уулу'}", ""
        elif female:
            family = feminine_surname(family)
        names = [_fio(family, given, patronymic)]
        names += _cyrillic_transliterations(rng, rom, given, family, patronymic)
        icao_given, icao_family = names[1].given, names[1].family
        if uzbek:
            u = ro.iuliia.UZ
            names.append(_latin(rom.cyrillic(u, given), rom.cyrillic(u, family), ro.UZBEK_LATIN))
        names += _cyrillic_aliases(rng, sex, given, family, patronymic, icao_family, table)
        return BuiltName(names, icao_family, icao_given)

    return build


def _cyrillic_aliases(
    rng: random.Random,
    sex: Sex,
    given: str,
    family: str,
    patronymic: str,
    icao_family: str,
    table: NameTable,
) -> list[PersonName]:
    out = []
    if rng.random() < 0.06:
        nick = rng.choice(cy.NICKNAMES)
        out.append(PersonName(nick, ALIAS, script=Script.CYRILLIC))
    if given in cy.DIMINUTIVES and rng.random() < 0.1:
        out.append(_fio(family, cy.DIMINUTIVES[given], "", ALIAS))
    if sex == Sex.FEMALE and rng.random() < 0.2:
        maiden = feminine_surname(rng.choice(table.family))
        if maiden != family:
            out.append(_fio(maiden, given, patronymic, ALIAS))
    spellings = cy.MUSLIM_SPELLINGS.get(given)
    if spellings and rng.random() < 0.35:
        out.append(PersonName(f"{rng.choice(spellings)} {icao_family}", ALIAS, script=Script.LATIN))
    return out


def _to_russian_letters(word: str) -> str:
    return word.translate(str.maketrans("іїєґ'", "ииегь"))


def ukrainian(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
    female = sex == Sex.FEMALE
    pool = cy.UKRAINIAN_FEMALE if female else cy.UKRAINIAN_MALE
    given = rng.choice(tuple(pool))
    father = rng.choice(tuple(cy.UKRAINIAN_MALE))
    patronymic = ukrainian_patronymic(father, female)
    family = rng.choice(cy.UKRAINIAN_FAMILY)
    if female:
        family = feminine_surname(family)
    uk_given, uk_family = rom.ukrainian(given), rom.ukrainian(family)
    names = [_fio(family, given, patronymic), _latin(uk_given, uk_family, ro.UKRAINIAN_2010)]
    if rng.random() < 0.5:
        # The same person in Russian or Soviet-era records: Russian given name.
        ru_given, ru_family = pool[given], _to_russian_letters(family)
        ru_patronymic = russian_patronymic(cy.UKRAINIAN_MALE[father], female)
        names.append(_fio(ru_family, ru_given, ru_patronymic, ALIAS))
        if rng.random() < 0.5:
            mvd = ro.iuliia.MVD_310
            names.append(
                _latin(rom.cyrillic(mvd, ru_given), rom.cyrillic(mvd, ru_family), ro.MVD_1997)
            )
    return BuiltName(names, uk_family, uk_given)


FRENCH_USAGE_COUNTRIES = frozenset({"MA", "DZ", "TN", "LB"})


def arabic(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
    pool = ot.ARABIC_FEMALE if sex == Sex.FEMALE else ot.ARABIC_MALE
    given: Spelled = rng.choice(pool)
    father: Spelled = rng.choice(ot.ARABIC_MALE)
    family: Spelled = rng.choice(ot.ARABIC_FAMILY)
    # The father's name stands where Russian records put the patronymic.
    primary = PersonName(
        f"{given.native} {father.native} {family.native}",
        PRIMARY,
        given=given.native,
        family=family.native,
        patronymic=father.native,
        script=Script.ARABIC,
    )
    usage = 1 if nationality in FRENCH_USAGE_COUNTRIES else 0
    schemes = (ro.ENGLISH_USAGE, ro.FRENCH_USAGE)
    names = [primary]
    for u in (usage, 1 - usage) if rng.random() < 0.4 else (usage,):
        names.append(_latin(given.latin[u], family.latin[u], schemes[u], father.latin[u]))
    if len(given.latin) > 2 and rng.random() < 0.4:
        variant = rng.choice(given.latin[2:])
        names.append(PersonName(f"{variant} {family.latin[usage]}", ALIAS, script=Script.LATIN))
    if sex == Sex.MALE and rng.random() < 0.08:
        kunya = rng.choice(ot.ARABIC_MALE)
        names.append(PersonName(f"Abu {kunya.latin[usage]}", ALIAS, script=Script.LATIN))
    return BuiltName(names, family.latin[usage], given.latin[usage])


def chinese(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
    family = rng.choice(tuple(ot.CHINESE_FAMILY))
    chars = ot.CHINESE_FEMALE_CHARS if sex == Sex.FEMALE else ot.CHINESE_MALE_CHARS
    given = "".join(rng.choice(chars) for _ in range(1 if rng.random() < 0.3 else 2))
    py_family, py_given = ot.CHINESE_FAMILY[family], rom.pinyin(given)
    names = [
        PersonName(family + given, PRIMARY, given=given, family=family, script=Script.HAN),
        PersonName(
            f"{py_family} {py_given}",
            TRANSLIT,
            py_given,
            py_family,
            scheme=ro.PINYIN,
            script=Script.LATIN,
        ),
    ]
    if rng.random() < 0.3:
        toned = rom.pinyin(given, tones=True)
        names.append(
            PersonName(
                f"{py_family} {toned}",
                TRANSLIT,
                toned,
                py_family,
                scheme=ro.PINYIN_TONES,
                script=Script.LATIN,
            )
        )
    if rng.random() < 0.25:
        # Western order, as foreign systems often store it.
        names.append(
            PersonName(f"{py_given} {py_family}", ALIAS, py_given, py_family, script=Script.LATIN)
        )
    return BuiltName(names, py_family, py_given)


def georgian(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
    given, family = _pick(rng, ot.GEORGIAN, sex), rng.choice(ot.GEORGIAN.family)
    nat_given, nat_family = rom.georgian(given), rom.georgian(family)
    names = [
        PersonName(
            f"{given} {family}", PRIMARY, given=given, family=family, script=Script.GEORGIAN
        ),
        _latin(nat_given, nat_family, ro.GEORGIAN_2002),
    ]
    if rng.random() < 0.4:
        iso = ro.ISO_9984
        names.append(_latin(rom.georgian(given, False), rom.georgian(family, False), iso))
    if rng.random() < 0.4:
        names.append(_fio(cyrillize.georgian(family), cyrillize.georgian(given), "", ALIAS))
    return BuiltName(names, nat_family, nat_given)


def armenian(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
    given, family = _pick(rng, ot.ARMENIAN, sex), rng.choice(ot.ARMENIAN.family)
    pp_given, pp_family = rom.armenian(given), rom.armenian(family)
    names = [
        PersonName(
            f"{given} {family}", PRIMARY, given=given, family=family, script=Script.ARMENIAN
        ),
        _latin(pp_given, pp_family, ro.ARMENIAN_PASSPORT),
    ]
    if rng.random() < 0.4:
        iso = ro.ISO_9985
        names.append(_latin(rom.armenian(given, False), rom.armenian(family, False), iso))
    if rng.random() < 0.4:
        names.append(_fio(cyrillize.armenian(family), cyrillize.armenian(given), "", ALIAS))
    if rng.random() < 0.15:
        # The diaspora's "-ian" spelling, as French and US records have it.
        names.append(
            PersonName(f"{pp_given} {pp_family.replace('yan', 'ian')}", ALIAS, script=Script.LATIN)
        )
    return BuiltName(names, pp_family, pp_given)


def turkish(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
    given, family = _pick(rng, ot.TURKISH, sex), rng.choice(ot.TURKISH.family)
    names = [
        PersonName(f"{given} {family}", PRIMARY, given=given, family=family, script=Script.LATIN),
        PersonName(rom.mrz(family, given), TRANSLIT, scheme=ro.ICAO_MRZ, script=Script.LATIN),
    ]
    if rng.random() < 0.3:
        plain = rom.icu("Latin-ASCII", f"{given} {family}")
        if plain != f"{given} {family}":
            names.append(PersonName(plain, ALIAS, script=Script.LATIN))
    return BuiltName(names, rom.icao_ascii(family), rom.icao_ascii(given))


def azerbaijani(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
    female = sex == Sex.FEMALE
    given, family = _pick(rng, ot.AZERBAIJANI, sex), rng.choice(ot.AZERBAIJANI.family)
    if female:
        family = _latin_feminine(family)
    patronymic = ""
    if rng.random() < 0.5:
        patronymic = f"{rng.choice(ot.AZERBAIJANI.male)} {'qızı' if female else 'oğlu'}"
    full = " ".join(p for p in (given, family, patronymic) if p)
    pp_given, pp_family = rom.azerbaijani(given), rom.azerbaijani(family)
    names = [
        PersonName(
            full, PRIMARY, given=given, family=family, patronymic=patronymic, script=Script.LATIN
        ),
        _latin(pp_given, pp_family, ro.AZERBAIJANI_PASSPORT),
    ]
    if rng.random() < 0.4:
        ru = cyrillize.azerbaijani
        alias = _fio(ru(family), ru(given), ru(patronymic) if patronymic else "", ALIAS)
        names.append(alias)
    return BuiltName(names, pp_family, pp_given)


def european(rng: random.Random, sex: Sex, nationality: str, rom: ro.Romaniser) -> BuiltName:
    given, family = european_name(rng, sex, nationality)
    if sex == Sex.FEMALE and nationality == "PL":
        family = _latin_feminine(family)
    names = [
        PersonName(f"{given} {family}", PRIMARY, given=given, family=family, script=Script.LATIN),
        PersonName(rom.mrz(family, given), TRANSLIT, scheme=ro.ICAO_MRZ, script=Script.LATIN),
    ]
    if sex == Sex.FEMALE and rng.random() < 0.15:
        maiden, _ = european_name(rng, Sex.FEMALE, nationality)
        names.append(PersonName(f"{given} {_latin_feminine(maiden)}", ALIAS, script=Script.LATIN))
    return BuiltName(names, rom.icao_ascii(family), given)


def _nat(spec: str) -> tuple[tuple[str, float], ...]:
    """ "RU:0.9 BY:0.1" → (("RU", 0.9), ("BY", 0.1))."""
    return tuple((code, float(share)) for code, share in (p.split(":") for p in spec.split()))


ARAB_COUNTRIES = (
    "SY:20 IQ:15 EG:15 MA:10 DZ:8 TN:6 JO:6 LB:6 SA:5 AE:4 LY:3 YE:2"  # rough migration shares
)

CULTURES: tuple[Culture, ...] = (
    Culture("russian", 28, _nat("RU:93 BY:4 KZ:3"), russified(cy.RUSSIAN)),
    Culture("ukrainian", 7, _nat("UA:90 RU:10"), ukrainian),
    Culture("uzbek", 6, _nat("UZ:85 RU:15"), russified(cy.UZBEK, uzbek=True)),
    Culture("kazakh", 4, _nat("KZ:90 RU:10"), russified(cy.KAZAKH)),
    Culture("tajik", 4, _nat("TJ:85 RU:15"), russified(cy.TAJIK)),
    Culture("kyrgyz", 3, _nat("KG:85 RU:15"), russified(cy.KYRGYZ, kyrgyz=True)),
    Culture("dagestani", 5, _nat("RU:1"), russified(cy.DAGESTANI)),
    Culture("chechen", 4, _nat("RU:1"), russified(cy.CHECHEN)),
    Culture("ingush", 2, _nat("RU:1"), russified(cy.INGUSH)),
    Culture("arabic", 8, _nat(ARAB_COUNTRIES), arabic),
    Culture("chinese", 6, _nat("CN:1"), chinese),
    Culture("georgian", 4, _nat("GE:95 RU:5"), georgian),
    Culture("armenian", 4, _nat("AM:85 RU:15"), armenian),
    Culture("turkish", 3, _nat("TR:1"), turkish),
    Culture("azerbaijani", 4, _nat("AZ:90 RU:10"), azerbaijani),
    Culture(
        "european",
        8,
        tuple((code, share) for code, share, _locale in EUROPEAN_LOCALES),
        european,
    ),
)
