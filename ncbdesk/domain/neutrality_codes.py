"""Articles of criminal codes whose very wording is political, military or
religious — and, as a counterweight, the common ordinary-law articles.

An article number means nothing without its code (art. 282 is "incitement
of hatred" in the Russian code but money laundering in the Turkish one), so
an article is read only when the same clause, or the whole field, names
exactly one known code.  Each entry gives the rule it maps to and a short
English title; notes say why an article is only *context*.

Codes and editions:

* RU — Criminal Code of the Russian Federation (1996, as amended to 2024);
* BY — Criminal Code of the Republic of Belarus (1999, as amended);
* TR — Turkish Penal Code, Law no. 5237 (2004);
* KZ — Criminal Code of the Republic of Kazakhstan (2014);
* CN — Criminal Law of the People's Republic of China (1997);
* UZ — Criminal Code of the Republic of Uzbekistan (1994, as amended).

A sub-article without its own entry (``159.4``) falls back to its base
article (``159``).  Part numbers (``ч. 2``, ``part 2``, ``(2)``, ``/3``) are
read and quoted but do not change the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ncbdesk.domain.neutrality_text import fold_keep_punctuation


@dataclass(frozen=True)
class CodeArticle:
    code: str  # "RU", "BY", …
    article: str  # "280.3"
    rule: str  # a rule code such as "political.assembly" or "ordinary.fraud"
    title: str


CODE_NAMES: dict[str, str] = {
    "RU": "Russian Criminal Code",
    "BY": "Belarus Criminal Code",
    "TR": "Turkish Penal Code",
    "KZ": "Kazakhstan Criminal Code",
    "CN": "PRC Criminal Law",
    "UZ": "Uzbekistan Criminal Code",
}

# How each code is named in requests (folded text, punctuation kept).
CODE_PATTERNS: dict[str, str] = {
    "RU": r"ук\s*рф|уголовн\w*\s+кодекс\w*\s+(?:российской\s+федерации|рф)|russian\s+"
    r"(?:federation\s+)?(?:criminal|penal)\s+code|criminal\s+code\s+of\s+(?:the\s+)?"
    r"russia(?:n\s+federation)?|(?:rf|russian\s+federation)\s+(?:criminal|penal)\s+code|"
    r"\bcc\s*rf\b|\brf\s*cc\b|code\s+penal\s+(?:de\s+la\s+federation\s+de\s+)?russ",
    "BY": r"ук\s*(?:рб|республики\s+беларусь)|уголовн\w*\s+кодекс\w*\s+(?:республики\s+)?"
    r"беларусь|(?:belarus(?:ian)?|republic\s+of\s+belarus)\s+(?:criminal|penal)\s+code|"
    r"criminal\s+code\s+of\s+(?:the\s+republic\s+of\s+)?belarus|кк\s*рб",
    "TR": r"\btck\b|turk\s+ceza\s+kanunu|turkish\s+(?:criminal|penal)\s+code|(?:criminal|penal)"
    r"\s+code\s+of\s+(?:the\s+republic\s+of\s+)?turk(?:ey|iye)|уголовн\w*\s+кодекс\w*\s+турц",
    "KZ": r"ук\s*рк|уголовн\w*\s+кодекс\w*\s+(?:республики\s+)?казахстан|kazakh(?:stan)?\s+"
    r"(?:criminal|penal)\s+code|criminal\s+code\s+of\s+(?:the\s+republic\s+of\s+)?kazakhstan",
    "UZ": r"ук\s*(?:руз|республики\s+узбекистан|узбекистана)|уголовн\w*\s+кодекс\w*\s+"
    r"(?:республики\s+)?узбекистан|uzbek(?:istan)?\s+(?:criminal|penal)\s+code|criminal\s+code"
    r"\s+of\s+(?:the\s+republic\s+of\s+)?uzbekistan",
    "CN": r"(?:prc|chinese|china)\s+criminal\s+law|criminal\s+law\s+of\s+(?:the\s+)?(?:prc|"
    r"people.?s\s+republic\s+of\s+china)|ук\s*кнр|уголовн\w*\s+кодекс\w*\s+кнр",
}


def _table(code: str, rows: dict[str, tuple[str, str]]) -> dict[tuple[str, str], CodeArticle]:
    return {(code, art): CodeArticle(code, art, rule, title) for art, (rule, title) in rows.items()}


ARTICLES: dict[tuple[str, str], CodeArticle] = {
    **_table(
        "RU",
        {
            "148": ("religious.blasphemy", "insulting the religious feelings of believers"),
            "205.2": (
                "political.terrorism_label",
                "public justification of terrorism — a speech offence",
            ),
            "207.1": ("political.discredit_fake_news", "false information on public dangers"),
            "207.2": ("political.discredit_fake_news", "false information with grave effects"),
            "207.3": (
                "political.discredit_fake_news",
                "knowingly false information on the use of the Armed Forces",
            ),
            # The wording requires violence, so mass riots are not a pure
            # political offence; it was applied to protesters (Bolotnaya 2012).
            "212": ("political.public_order", "mass riots"),
            "212.1": ("political.assembly", "repeated breach of the rules on public assemblies"),
            "275": ("political.treason_espionage", "high treason"),
            "275.1": (
                "political.treason_espionage",
                "confidential cooperation with a foreign state",
            ),
            "276": ("political.treason_espionage", "espionage"),
            "280": ("political.extremism_speech", "public calls to extremist activity"),
            "280.1": ("political.separatism", "public calls against territorial integrity"),
            "280.3": (
                "political.discredit_fake_news",
                "public actions discrediting the use of the Armed Forces",
            ),
            "280.4": ("political.extremism_speech", "public calls against state security"),
            "282": ("political.extremism_speech", "incitement of hatred or enmity"),
            "282.1": ("political.extremism_speech", "organising an extremist community"),
            "282.2": (
                "political.banned_association",
                "activity of an organisation banned as extremist",
            ),
            "284.1": ("political.banned_association", "activity of an 'undesirable' organisation"),
            "319": ("political.insult_official", "insulting a representative of authority"),
            "329": ("political.defame_state", "desecration of the state emblem or flag"),
            "330.1": ("political.banned_association", "evading 'foreign agent' duties"),
            "354.1": ("political.opinion_crime", "'rehabilitation of Nazism'"),
            "328": ("military.draft_evasion", "evasion of military or alternative service"),
            "332": ("military.insubordination", "failure to obey an order"),
            "337": ("military.desertion", "unauthorised abandonment of a unit"),
            "338": ("military.desertion", "desertion"),
            "339": ("military.draft_evasion", "evading service by feigning illness"),
            "352.1": ("military.insubordination", "voluntary surrender into captivity"),
            "105": ("ordinary.homicide", "murder"),
            "111": ("ordinary.violence", "grievous bodily harm"),
            "126": ("ordinary.kidnapping", "kidnapping"),
            "127.1": ("ordinary.trafficking", "human trafficking"),
            "131": ("ordinary.sexual", "rape"),
            "158": ("ordinary.theft_robbery", "theft"),
            "159": ("ordinary.fraud", "fraud"),
            "160": ("ordinary.fraud", "misappropriation or embezzlement"),
            "161": ("ordinary.theft_robbery", "robbery"),
            "162": ("ordinary.theft_robbery", "armed robbery (razboy)"),
            "163": ("ordinary.kidnapping", "extortion"),
            "174": ("ordinary.money_laundering", "laundering"),
            "174.1": ("ordinary.money_laundering", "laundering of own criminal proceeds"),
            "186": ("ordinary.forgery", "counterfeiting money"),
            "198": ("ordinary.tax", "tax evasion by an individual"),
            "199": ("ordinary.tax", "tax evasion by an organisation"),
            "205": ("ordinary.violent_terrorism", "terrorist act"),
            "206": ("ordinary.kidnapping", "hostage taking"),
            "209": ("ordinary.organised_crime", "banditry"),
            "210": ("ordinary.organised_crime", "criminal community"),
            "222": ("ordinary.weapons", "illegal weapons"),
            "228": ("ordinary.drugs", "drug offences"),
            "228.1": ("ordinary.drugs", "drug trafficking"),
            "290": ("ordinary.corruption", "taking a bribe"),
            "291": ("ordinary.corruption", "giving a bribe"),
            # Also charged against protesters: an ordinary crime that never
            # outweighs a political context (see neutrality_ordinary).
            "318": ("ordinary.violence_official", "violence against a representative of authority"),
            "327": ("ordinary.forgery", "forgery of documents"),
        },
    ),
    **_table(
        "BY",
        {
            "130": (
                "political.extremism_speech",
                "incitement of racial, national, religious or social enmity",
            ),
            "293": ("political.public_order", "mass riots"),
            "342": (
                "political.assembly",
                "group actions grossly violating public order (2020 protest charges)",
            ),
            "356": ("political.treason_espionage", "high treason"),
            "358": ("political.treason_espionage", "espionage"),
            "361": ("political.extremism_speech", "calls for actions against national security"),
            "361.1": ("political.banned_association", "creating or joining an extremist formation"),
            "361.4": ("political.banned_association", "facilitating extremist activity"),
            "367": ("political.insult_official", "defamation of the President"),
            "368": ("political.insult_official", "insulting the President"),
            "369": ("political.insult_official", "insulting a representative of authority"),
            "369.1": ("political.defame_state", "discrediting the Republic of Belarus"),
            "370": ("political.defame_state", "desecration of state symbols"),
            "139": ("ordinary.homicide", "murder"),
            "205": ("ordinary.theft_robbery", "theft"),
            "206": ("ordinary.theft_robbery", "robbery"),
            "207": ("ordinary.theft_robbery", "armed robbery"),
            "208": ("ordinary.kidnapping", "extortion"),
            "209": ("ordinary.fraud", "fraud"),
            "210": ("ordinary.fraud", "embezzlement"),
            "235": ("ordinary.money_laundering", "laundering"),
            "243": ("ordinary.tax", "tax evasion"),
            "328": ("ordinary.drugs", "drug trafficking"),
            "430": ("ordinary.corruption", "taking a bribe"),
            "431": ("ordinary.corruption", "giving a bribe"),
        },
    ),
    **_table(
        "TR",
        {
            "216": (
                "political.extremism_speech",
                "inciting hatred or degrading religious values (216/3)",
            ),
            "299": ("political.insult_official", "insulting the President"),
            "301": ("political.defame_state", "degrading the Turkish nation and state organs"),
            # Applied to alleged Gülen-movement members on membership evidence
            # alone (e.g. a bank account or a messaging app), hence context.
            "314": ("political.terrorism_label", "membership of an armed organisation"),
            "318": ("political.opinion_crime", "alienating the public from military service"),
            "328": ("political.treason_espionage", "political or military espionage"),
            "81": ("ordinary.homicide", "intentional killing"),
            "82": ("ordinary.homicide", "aggravated intentional killing"),
            "86": ("ordinary.violence", "intentional injury"),
            "102": ("ordinary.sexual", "sexual assault"),
            "109": ("ordinary.kidnapping", "deprivation of liberty"),
            "141": ("ordinary.theft_robbery", "theft"),
            "142": ("ordinary.theft_robbery", "aggravated theft"),
            "148": ("ordinary.theft_robbery", "robbery"),
            "149": ("ordinary.theft_robbery", "aggravated robbery"),
            "157": ("ordinary.fraud", "fraud"),
            "158": ("ordinary.fraud", "aggravated fraud"),
            "188": ("ordinary.drugs", "drug trafficking"),
            "247": ("ordinary.fraud", "embezzlement"),
            "252": ("ordinary.corruption", "bribery"),
            "282": ("ordinary.money_laundering", "laundering of proceeds of crime"),
            "80": ("ordinary.trafficking", "human trafficking"),
        },
    ),
    **_table(
        "KZ",
        {
            "174": (
                "political.extremism_speech",
                "inciting social, national, clan, racial or religious discord",
            ),
            "180": ("political.separatism", "separatist activity"),
            "274": (
                "political.discredit_fake_news",
                "dissemination of knowingly false information",
            ),
            "405": (
                "political.banned_association",
                "activity of a banned public or religious association",
            ),
            "99": ("ordinary.homicide", "murder"),
            "188": ("ordinary.theft_robbery", "theft"),
            "190": ("ordinary.fraud", "fraud"),
            "191": ("ordinary.theft_robbery", "robbery"),
            "192": ("ordinary.theft_robbery", "armed robbery"),
            "218": ("ordinary.money_laundering", "laundering"),
            "297": ("ordinary.drugs", "drug trafficking"),
            "366": ("ordinary.corruption", "taking a bribe"),
            "367": ("ordinary.corruption", "giving a bribe"),
        },
    ),
    **_table(
        "CN",
        {
            "103": ("political.separatism", "splitting the state or inciting it"),
            "105": ("political.opinion_crime", "subversion or inciting subversion of state power"),
            "110": ("political.treason_espionage", "espionage"),
            "111": ("political.treason_espionage", "supplying state secrets abroad"),
            # "Picking quarrels and provoking trouble": a vague public-order
            # offence often applied to activists and petitioners.
            "293": ("political.public_order", "picking quarrels and provoking trouble"),
            "300": ("religious.banned_group", "using a 'cult' to undermine law enforcement"),
            "232": ("ordinary.homicide", "intentional homicide"),
            "236": ("ordinary.sexual", "rape"),
            "239": ("ordinary.kidnapping", "kidnapping"),
            "240": ("ordinary.trafficking", "trafficking in women and children"),
            "263": ("ordinary.theft_robbery", "robbery"),
            "264": ("ordinary.theft_robbery", "theft"),
            "266": ("ordinary.fraud", "fraud"),
            "347": ("ordinary.drugs", "drug trafficking"),
            "382": ("ordinary.fraud", "embezzlement"),
            "385": ("ordinary.corruption", "taking a bribe"),
            "389": ("ordinary.corruption", "offering a bribe"),
            "191": ("ordinary.money_laundering", "money laundering"),
        },
    ),
    **_table(
        "UZ",
        {
            "158": (
                "political.insult_official",
                "encroachment on the President, incl. public insult or defamation",
            ),
            "159": ("political.opinion_crime", "encroachment on the constitutional order"),
            "216": (
                "political.banned_association",
                "organising a banned public association or religious organisation",
            ),
            "216.1": (
                "political.banned_association",
                "inducing participation in a banned public or religious association",
            ),
            "216.2": (
                "religious.proselytism",
                "violation of the law on religious organisations (worship, missionary work)",
            ),
            # Used against possession and sharing of sermons and religious texts.
            "244.1": (
                "religious.banned_group",
                "producing or distributing materials threatening public security",
            ),
            "244.2": (
                "religious.banned_group",
                "creating or joining a religious extremist or banned organisation",
            ),
            "97": ("ordinary.homicide", "intentional murder"),
            "164": ("ordinary.theft_robbery", "armed robbery (razboy)"),
            "165": ("ordinary.kidnapping", "extortion"),
            "166": ("ordinary.theft_robbery", "robbery"),
            "167": ("ordinary.fraud", "misappropriation or embezzlement"),
            "168": ("ordinary.fraud", "fraud"),
            "169": ("ordinary.theft_robbery", "theft"),
            "210": ("ordinary.corruption", "taking a bribe"),
            "211": ("ordinary.corruption", "giving a bribe"),
            "273": ("ordinary.drugs", "drug trafficking"),
        },
    ),
}

_SUPERSCRIPTS = str.maketrans({"¹": ".1", "²": ".2", "³": ".3", "⁴": ".4", "⁵": ".5"})
_KEYWORD = (
    r"(?<![^\W\d_])(?:articles?|arts?|ст|статья|статьи|статье|статей|статьям|статьями|"
    r"madde|maddesi|maddeleri|articulo|§)\.?"
)
_NUMBER = r"\d{1,4}(?:[.\-‑–]\d{1,2})?"
_PART = r"(?:ч|часть|части|part|parts|para|paragraph|п|пп|fikra|paragraphe|apartado)\.?\s*$"


@dataclass(frozen=True)
class ArticleHit:
    article: CodeArticle
    cited: str  # the article as written, with its part if any


@cache
def _code_regexes() -> dict[str, re.Pattern[str]]:
    return {code: re.compile(pattern) for code, pattern in CODE_PATTERNS.items()}


@cache
def _keyword_regex() -> re.Pattern[str]:
    return re.compile(_KEYWORD)


@cache
def _number_regex() -> re.Pattern[str]:
    return re.compile(_NUMBER)


def _codes_in(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for code, regex in _code_regexes().items():
        found.extend((m.start(), code) for m in regex.finditer(text))
    return sorted(found)


def _lookup(code: str, number: str) -> CodeArticle | None:
    number = re.sub(r"[\-‑–]", ".", number)
    exact = ARTICLES.get((code, number))
    if exact is not None:
        return exact
    return ARTICLES.get((code, number.split(".")[0]))


def find_articles(text: str) -> list[ArticleHit]:
    """Articles of known codes cited in ``text`` (legal provisions or offence).

    Clauses are split at ``;`` and line breaks; a clause naming one code
    gives its articles to that code, a clause naming none borrows the only
    code named in the whole text, and a clause naming several gives each
    article to the nearest code name.
    """
    light = fold_keep_punctuation(text).translate(_SUPERSCRIPTS)
    all_codes = {code for _, code in _codes_in(light)}
    default = next(iter(all_codes)) if len(all_codes) == 1 else None
    hits: list[ArticleHit] = []
    for clause in re.split(r"[;\n]", light):
        codes = _codes_in(clause)
        if not codes and default is None:
            continue
        keywords = list(_keyword_regex().finditer(clause))
        for i, kw in enumerate(keywords):
            end = keywords[i + 1].start() if i + 1 < len(keywords) else len(clause)
            window_end = min(end, kw.end() + 80)
            for code_start, _ in codes:
                if kw.end() <= code_start < window_end:
                    window_end = code_start
            for num in _number_regex().finditer(clause, kw.end(), window_end):
                before = clause[kw.end() : num.start()]
                if re.search(_PART, before) or before.rstrip().endswith(("(", "/")):
                    continue  # a part or paragraph number, not an article
                code = _nearest(codes, num.start()) if codes else default
                if code is None:
                    continue
                article = _lookup(code, num.group())
                if article is not None:
                    cited = clause[max(0, kw.start()) : num.end()].strip()
                    hits.append(ArticleHit(article, _with_part(clause, kw.start(), cited)))
    return hits


def _nearest(codes: list[tuple[int, str]], position: int) -> str:
    return min(codes, key=lambda item: abs(item[0] - position))[1]


def _with_part(clause: str, keyword_start: int, cited: str) -> str:
    """Prefix a Russian-style part ("ч. 2 ст. 212") when it precedes the keyword."""
    part = re.search(r"((?:ч|часть|part|п)\.?\s*\d+\s*)$", clause[:keyword_start])
    return f"{part.group(1).strip()} {cited}" if part else cited
