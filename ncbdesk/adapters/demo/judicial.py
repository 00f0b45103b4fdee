"""Judicial data for demo Red Notices: ordinary-law offences only.

Provisions and maximum penalties are taken from the criminal codes as commonly
cited (1200 months stands for life imprisonment, as in `JudicialData`). Every
maximum is at least 24 months: the Red Notice threshold of DESIGN §1.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ncbdesk.domain.notices import JudicialData

LIFE = 1200


@dataclass(frozen=True)
class Provision:
    text: str
    max_months: int


# offence → country → provision
PROVISIONS: dict[str, dict[str, Provision]] = {
    "fraud": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 159 part 4", 120),
        "KZ": Provision("Criminal Code of the Republic of Kazakhstan, art. 190 part 4", 120),
        "UZ": Provision("Criminal Code of the Republic of Uzbekistan, art. 168 part 4", 120),
        "DE": Provision("Strafgesetzbuch (StGB), § 263 para. 3", 120),
        "FR": Provision("Code pénal, art. 313-2", 120),
        "UA": Provision("Criminal Code of Ukraine, art. 190 part 4", 144),
        "GB": Provision("Fraud Act 2006, s. 1", 120),
        "US": Provision("18 U.S.C. § 1343 (wire fraud)", 240),
        "IT": Provision("Codice penale, art. 640 para. 2", 60),
        "ES": Provision("Código Penal, arts. 248 and 250", 72),
    },
    "drug trafficking": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 228.1 part 4", 240),
        "KZ": Provision("Criminal Code of the Republic of Kazakhstan, art. 297 part 3", 180),
        "UZ": Provision("Criminal Code of the Republic of Uzbekistan, art. 273 part 5", 240),
        "DE": Provision("Betäubungsmittelgesetz (BtMG), § 30a", 180),
        "FR": Provision("Code pénal, art. 222-36", 360),
        "UA": Provision("Criminal Code of Ukraine, art. 307 part 2", 120),
        "GB": Provision("Misuse of Drugs Act 1971, s. 4(3)", LIFE),
        "US": Provision("21 U.S.C. §§ 841 and 846", LIFE),
        "IT": Provision("D.P.R. 309/1990, art. 73", 240),
        "ES": Provision("Código Penal, arts. 368 and 369", 108),
    },
    "murder": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 105 part 2", LIFE),
        "KZ": Provision("Criminal Code of the Republic of Kazakhstan, art. 99 part 2", LIFE),
        "UZ": Provision("Criminal Code of the Republic of Uzbekistan, art. 97 part 2", LIFE),
        "DE": Provision("Strafgesetzbuch (StGB), § 211", LIFE),
        "FR": Provision("Code pénal, art. 221-1", 360),
        "UA": Provision("Criminal Code of Ukraine, art. 115 part 2", LIFE),
        "GB": Provision("Murder (Abolition of Death Penalty) Act 1965, s. 1", LIFE),
        "IT": Provision("Codice penale, art. 575", 288),
        "ES": Provision("Código Penal, art. 139", 300),
    },
    "armed robbery": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 162 part 4", 180),
        "KZ": Provision("Criminal Code of the Republic of Kazakhstan, art. 192 part 3", 144),
        "UZ": Provision("Criminal Code of the Republic of Uzbekistan, art. 164 part 3", 240),
        "DE": Provision("Strafgesetzbuch (StGB), § 250 para. 2", 180),
        "FR": Provision("Code pénal, art. 311-8", 240),
        "UA": Provision("Criminal Code of Ukraine, art. 187 part 4", 180),
        "GB": Provision("Theft Act 1968, s. 8", LIFE),
        "US": Provision("18 U.S.C. § 2113(d) (armed bank robbery)", 300),
        "IT": Provision("Codice penale, art. 628 para. 3", 240),
    },
    "trafficking in human beings": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 127.1 part 2", 120),
        "KZ": Provision("Criminal Code of the Republic of Kazakhstan, art. 128 part 2", 144),
        "UZ": Provision("Criminal Code of the Republic of Uzbekistan, art. 135 part 2", 144),
        "DE": Provision("Strafgesetzbuch (StGB), § 232a para. 3", 120),
        "FR": Provision("Code pénal, art. 225-4-2", 120),
        "UA": Provision("Criminal Code of Ukraine, art. 149 part 2", 144),
        "GB": Provision("Modern Slavery Act 2015, s. 2", LIFE),
        "US": Provision("18 U.S.C. § 1591 (sex trafficking)", LIFE),
        "IT": Provision("Codice penale, art. 601", 240),
        "ES": Provision("Código Penal, art. 177 bis", 96),
    },
    "money laundering": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 174.1 part 4", 84),
        "KZ": Provision("Criminal Code of the Republic of Kazakhstan, art. 218 part 3", 144),
        "UZ": Provision("Criminal Code of the Republic of Uzbekistan, art. 243", 120),
        "DE": Provision("Strafgesetzbuch (StGB), § 261 para. 5", 120),
        "FR": Provision("Code pénal, art. 324-2", 120),
        "UA": Provision("Criminal Code of Ukraine, art. 209 part 3", 144),
        "GB": Provision("Proceeds of Crime Act 2002, s. 327", 168),
        "US": Provision("18 U.S.C. § 1956", 240),
        "IT": Provision("Codice penale, art. 648-bis", 144),
        "ES": Provision("Código Penal, art. 301", 72),
    },
    "extortion": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 163 part 3", 180),
        "KZ": Provision("Criminal Code of the Republic of Kazakhstan, art. 194 part 4", 144),
    },
    "embezzlement": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 160 part 4", 120),
        "UZ": Provision("Criminal Code of the Republic of Uzbekistan, art. 167 part 3", 120),
    },
    "kidnapping": {
        "RU": Provision("Criminal Code of the Russian Federation, art. 126 part 2", 144),
        "DE": Provision("Strafgesetzbuch (StGB), § 239a", 180),
        "US": Provision("18 U.S.C. § 1201", LIFE),
        "IT": Provision("Codice penale, art. 630", 360),
    },
}
# How often each offence appears among Red Notices.
OFFENCE_WEIGHTS: dict[str, float] = {
    "fraud": 26,
    "drug trafficking": 22,
    "murder": 12,
    "armed robbery": 9,
    "trafficking in human beings": 6,
    "money laundering": 9,
    "extortion": 6,
    "embezzlement": 7,
    "kidnapping": 3,
}
COUNTRIES_WITH_PROVISIONS = frozenset(c for table in PROVISIONS.values() for c in table)

AUTHORITIES: dict[str, tuple[str, ...]] = {
    "RU": (
        "Tverskoy District Court of Moscow", "Basmanny District Court of Moscow",
        "Meshchansky District Court of Moscow", "Dzerzhinsky District Court of Saint Petersburg",
        "Sovetsky District Court of Makhachkala", "Leninsky District Court of Grozny",
        "Vakhitovsky District Court of Kazan", "Tsentralny District Court of Novosibirsk",
        "Kirovsky District Court of Yekaterinburg", "Nazranovsky District Court",
    ),
    "KZ": ("Specialised Investigative Court of Almaty", "Investigative Court of Astana"),
    "UZ": ("Tashkent City Criminal Court", "Samarkand Regional Criminal Court"),
    "DE": ("Amtsgericht Frankfurt am Main", "Amtsgericht München", "Amtsgericht Tiergarten"),
    "FR": ("Juge d'instruction, Tribunal judiciaire de Paris", "Juge d'instruction, Marseille"),
    "UA": ("Pecherskyi District Court of Kyiv", "Shevchenkivskyi District Court of Kyiv",
           "Prymorskyi District Court of Odesa"),
    "GB": ("Westminster Magistrates' Court", "Southwark Crown Court",
           "Central Criminal Court (Old Bailey)"),
    "US": ("U.S. District Court for the Southern District of New York",
           "U.S. District Court for the Southern District of Florida",
           "U.S. District Court for the Eastern District of New York"),
    "IT": ("Giudice per le indagini preliminari, Tribunale di Milano",
           "Giudice per le indagini preliminari, Tribunale di Napoli"),
    "ES": ("Juzgado Central de Instrucción n.º 5, Audiencia Nacional",
           "Juzgado de Instrucción n.º 3 de Marbella"),
}  # fmt: skip

FACTS: dict[str, str] = {
    "fraud": (
        "Between {y1} and {y2}, acting with others, obtained {amount} million {cur} from "
        "private investors through a fictitious investment company."
    ),
    "drug trafficking": (
        "In {y2} organised the shipment of {kg} kg of cocaine concealed in fruit containers."
    ),
    "murder": "On {day} killed a business rival with a firearm for gain.",
    "armed robbery": (
        "On {day}, armed with a pistol and with two accomplices, attacked a cash-in-transit "
        "vehicle and took {amount} million {cur}."
    ),
    "trafficking in human beings": (
        "Between {y1} and {y2} recruited at least {n} women with false job offers abroad and "
        "sold them into sexual exploitation."
    ),
    "money laundering": (
        "Between {y1} and {y2} moved {amount} million {cur} of criminal proceeds through "
        "shell companies and crypto-asset exchanges."
    ),
    "extortion": (
        "As a member of an organised group, demanded {amount} million {cur} from the owner "
        "of a construction firm under threat of violence."
    ),
    "embezzlement": (
        "As director of a state-owned supplier, embezzled {amount} million {cur} of budget "
        "funds between {y1} and {y2}."
    ),
    "kidnapping": "On {day}, with accomplices, abducted a businessman and demanded a ransom.",
}

# Currency and a rough scale so that amounts stay plausible in each currency.
CURRENCY: dict[str, tuple[str, float]] = {
    "RU": ("roubles", 1),
    "KZ": ("tenge", 6),
    "UZ": ("sums", 140),
    "DE": ("euros", 0.011),
    "FR": ("euros", 0.011),
    "IT": ("euros", 0.011),
    "ES": ("euros", 0.011),
    "UA": ("hryvnias", 0.45),
    "GB": ("pounds", 0.0095),
    "US": ("US dollars", 0.012),
}

WARRANT_FORMAT: dict[str, str] = {
    "RU": "3/1-{n}/{year}",
    "KZ": "1-{n}/{year}",
    "UZ": "{n}/{year}",
    "DE": "{court} Gs {n}/{yy}",
    "FR": "Mandat d'arrêt n° {year}/{n}",
    "UA": "757/{n}/{yy}-к",
    "GB": "Arrest warrant {year}/{n}",
    "US": "1:{yy}-cr-{n:05d}",
    "IT": "R.G.N.R. {n}/{year}",
    "ES": "Diligencias previas {n}/{year}",
}


def judicial_data(
    rng: random.Random, owner: str, extradition: list[str], before: date
) -> JudicialData:
    """Judicial data under the owner's law, with a warrant issued before `before`.

    `owner` must be one of `COUNTRIES_WITH_PROVISIONS`.
    """
    offences = [o for o in OFFENCE_WEIGHTS if owner in PROVISIONS[o]]
    offence = rng.choices(offences, [OFFENCE_WEIGHTS[o] for o in offences])[0]
    provision = PROVISIONS[offence][owner]
    warrant_date = before - timedelta(days=rng.randint(7, 8 * 365))
    y2 = warrant_date.year - rng.randint(0, 2)
    facts = FACTS[offence].format(
        y1=y2 - rng.randint(1, 4),
        y2=y2,
        day=(warrant_date - timedelta(days=rng.randint(20, 400))).isoformat(),
        amount=max(1, round(rng.randint(12, 900) * CURRENCY[owner][1])),
        cur=CURRENCY[owner][0],
        kg=rng.randint(40, 1500),
        n=rng.randint(4, 40),
    )
    warrant = WARRANT_FORMAT[owner].format(
        n=rng.randint(10, 2999),
        year=warrant_date.year,
        yy=f"{warrant_date.year % 100:02d}",
        court=rng.randint(100, 999),
    )
    judicial = JudicialData(
        offence=offence,
        facts=facts,
        legal_provisions=provision.text,
        max_penalty_months=provision.max_months,
        warrant_reference=warrant,
        issuing_authority=rng.choice(AUTHORITIES[owner]),
        warrant_date=warrant_date,
        extradition_countries=extradition,
    )
    if rng.random() < 0.2:
        # Wanted to serve a sentence already imposed in absentia or escaped.
        cap = provision.max_months if provision.max_months < LIFE else 300
        imposed = rng.randint(24, max(24, cap))
        judicial.sentence_imposed_months = imposed
        judicial.sentence_remaining_months = rng.randint(6, imposed)
    return judicial
