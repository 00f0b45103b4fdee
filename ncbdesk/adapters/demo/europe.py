"""European names from Faker's per-locale name tables.

Only the tables are read (no Faker instance, whose seeding and start-up cost
would dominate a 5,000-person run); the seeded RNG picks from them. The output
is therefore stable for a given Faker version, not across versions.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Iterable
from functools import cache

from ncbdesk.domain.persons import Sex

# Country, share of European demo persons, Faker locale.
EUROPEAN_LOCALES: tuple[tuple[str, float, str], ...] = (
    ("DE", 0.16, "de_DE"),
    ("FR", 0.12, "fr_FR"),
    ("IT", 0.1, "it_IT"),
    ("ES", 0.08, "es_ES"),
    ("PL", 0.1, "pl_PL"),
    ("CZ", 0.05, "cs_CZ"),
    ("SK", 0.03, "sk_SK"),
    ("RO", 0.07, "ro_RO"),
    ("NL", 0.05, "nl_NL"),
    ("PT", 0.04, "pt_PT"),
    ("GB", 0.07, "en_GB"),
    ("HR", 0.03, "hr_HR"),
    ("HU", 0.04, "hu_HU"),
    ("LV", 0.03, "lv_LV"),
    ("FI", 0.03, "fi_FI"),
)
_LOCALE = {code: locale for code, _share, locale in EUROPEAN_LOCALES}


def _tuple(values: Iterable[str] | dict[str, float]) -> tuple[str, ...]:
    return tuple(values.keys() if isinstance(values, dict) else values)


@cache
def _tables(locale: str) -> dict[str, tuple[str, ...]]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    tables = {
        "male": _tuple(provider.first_names_male),
        "female": _tuple(provider.first_names_female),
    }
    if locale == "pl_PL":
        # Polish surnames are masculine in the table; -ski becomes -ska later.
        tables["family_male"] = _tuple(provider.male_last_names)
        tables["family_female"] = tables["family_male"]
    elif hasattr(provider, "last_names_female") and hasattr(provider, "last_names_male"):
        tables["family_male"] = _tuple(provider.last_names_male)
        tables["family_female"] = _tuple(provider.last_names_female)
    else:
        tables["family_male"] = tables["family_female"] = _tuple(provider.last_names)
    return tables


def european_name(rng: random.Random, sex: Sex, nationality: str) -> tuple[str, str]:
    """(given, family) for a person of this European nationality."""
    tables = _tables(_LOCALE.get(nationality, "de_DE"))
    suffix = "female" if sex == Sex.FEMALE else "male"
    return rng.choice(tables[suffix]), rng.choice(tables[f"family_{suffix}"])
