"""Romanisation for the demo names: iuliia for Russian Cyrillic, ICU for Han,
Georgian and Armenian, and small hand tables for systems neither library has
(Ukraine's 2010 passport system, Armenian and Azerbaijani passport spellings,
ICAO Doc 9303's Latin-to-ASCII rules).

A `Romaniser` lives for one generation run: it creates ICU transliterators on
first use and caches every distinct token, so 100,000 persons cost a few
thousand transliterations, not hundreds of thousands.
"""

from __future__ import annotations

from typing import Any

import iuliia

# Scheme labels written into PersonName.scheme. Cyrillic ones name the
# standard the way DESIGN §1 does.
ICAO = "ICAO Doc 9303"
ICAO_MRZ = "ICAO Doc 9303 (MRZ)"
MVD_1997 = "MVD 1997"
MVD_2000 = "MVD 782 (2000)"
GOST_52535 = "GOST R 52535.1"
BGN_PCGN = "BGN/PCGN"
GOST_779 = "GOST 7.79"
SCHOLARLY = "scholarly"
FRENCH_MVD = "MVD 1997 (French)"
UZBEK_LATIN = "Uzbek Latin (1995)"
UKRAINIAN_2010 = "Ukrainian national (KMU 2010)"
PINYIN = "Hanyu Pinyin"
PINYIN_TONES = "Hanyu Pinyin (tones)"
GEORGIAN_2002 = "Georgian national (2002)"
ISO_9984 = "ISO 9984"
ARMENIAN_PASSPORT = "Armenian passport"
ISO_9985 = "ISO 9985"
AZERBAIJANI_PASSPORT = "Azerbaijani passport"
ENGLISH_USAGE = "English usage"
FRENCH_USAGE = "French usage"

# Russian Cyrillic schemes: label, iuliia schema, whether the system writes the
# patronymic (passports do not; reference lists and scholarship do).
CYRILLIC_SCHEMES: tuple[tuple[str, iuliia.Schema, bool], ...] = (  # ICAO first
    (ICAO, iuliia.ICAO_DOC_9303, False),
    (MVD_1997, iuliia.MVD_310, False),
    (MVD_2000, iuliia.MVD_782, False),
    (GOST_52535, iuliia.GOST_52535, False),
    (BGN_PCGN, iuliia.BGN_PCGN, True),
    (GOST_779, iuliia.GOST_779, True),
    (SCHOLARLY, iuliia.SCIENTIFIC, True),
    (FRENCH_MVD, iuliia.MVD_310_FR, False),
)
# How often each older or foreign system turns up beside ICAO: old passports
# (MVD 1997, GOST R 52535.1) far more than scholarly or French spellings.
CYRILLIC_EXTRA_WEIGHTS = (30, 10, 20, 15, 8, 7, 10)

_UK_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "",
}  # fmt: skip

_HY = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y",
    "թ": "t", "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h",
    "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o",
    "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r",
    "ց": "ts", "ւ": "v", "փ": "p", "ք": "k", "և": "ev", "օ": "o", "ֆ": "f",
}  # fmt: skip
_HY_FIRST = {"ե": "ye", "ո": "vo", "և": "yev"}

_AZ = {
    "ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "gh", "ö": "o", "ü": "u", "q": "g",
    "c": "j", "x": "kh", "i̇": "i",
}  # fmt: skip

# ICAO Doc 9303 Part 3 writes these letters with two ASCII letters; the rest
# lose their diacritics.
_ICAO_LATIN = {
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "å": "aa", "æ": "ae", "ø": "oe",
    "þ": "th", "ĳ": "ij", "œ": "oe",
}  # fmt: skip


_IUILIIA_LEFTOVERS = str.maketrans({"ё": "ë", "Ё": "Ë", "ь": "", "Ь": ""})


def _title(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def _by_letter(word: str, table: dict[str, str], first: dict[str, str]) -> str:
    out = []
    low = word.lower()
    for i, ch in enumerate(low):
        at_start = i == 0 or not low[i - 1].isalpha()
        out.append(first.get(ch, table.get(ch, ch)) if at_start else table.get(ch, ch))
    return "".join(out)


class Romaniser:
    """Lazily built transliterators with a cache per (system, token)."""

    def __init__(self) -> None:
        self._icu: dict[str, Any] = {}
        self._cache: dict[tuple[str, str], str] = {}

    def _cached(self, system: str, text: str) -> str | None:
        return self._cache.get((system, text))

    def _store(self, system: str, text: str, value: str) -> str:
        self._cache[(system, text)] = value
        return value

    def cyrillic(self, schema: iuliia.Schema, text: str) -> str:
        hit = self._cached(schema.name, text)
        if hit is not None:
            return hit
        latin = schema.translate(text)
        if not latin.isascii():
            # Some iuliia schemas leave ё and ь untouched; write them as the
            # standards do (ë; the soft sign is dropped).
            latin = latin.translate(_IUILIIA_LEFTOVERS)
        return self._store(schema.name, text, latin)

    def icu(self, rules: str, text: str) -> str:
        hit = self._cached(rules, text)
        if hit is not None:
            return hit
        transliterator = self._icu.get(rules)
        if transliterator is None:
            import icu  # imported here: ICU loads its data on first use

            transliterator = icu.Transliterator.createInstance(rules)
            self._icu[rules] = transliterator
        return self._store(rules, text, transliterator.transliterate(text))

    def ukrainian(self, text: str) -> str:
        """Ukraine's passport system (Cabinet of Ministers resolution 55, 2010)."""
        words = []
        for word in text.split():
            # "зг" is "zgh" so that it does not read as "ж" (zh).
            parts = word.lower().split("зг")
            latin = "zgh".join(
                _by_letter(p, _UK, _UK_FIRST if i == 0 else {}) for i, p in enumerate(parts)
            )
            words.append(_title(latin))
        return " ".join(words)

    def pinyin(self, han: str, tones: bool = False) -> str:
        """Syllables of a given name joined as Chinese passports write them."""
        rules = "Han-Latin" if tones else "Han-Latin; Latin-ASCII"
        return _title(self.icu(rules, han).replace(" ", ""))

    def georgian(self, text: str, national: bool = True) -> str:
        """National system of 2002 drops ISO 9984's apostrophes for ejectives."""
        # ICU turns upper-case Georgian into nothing (DESIGN §4): lower-case first.
        if national:
            latin = self.icu("Georgian-Latin; Latin-ASCII", text.lower()).replace("'", "")
        else:
            latin = self.icu("Georgian-Latin", text.lower())
        return " ".join(_title(w) for w in latin.split())

    def armenian(self, text: str, passport: bool = True) -> str:
        if not passport:
            return " ".join(_title(w) for w in self.icu("Armenian-Latin", text).split())
        words = []
        for w in text.split():
            low = w.lower().replace("ու", "u")
            words.append(_title(_by_letter(low, _HY, _HY_FIRST)))
        return " ".join(words)

    def azerbaijani(self, text: str) -> str:
        """English-like spellings of Azerbaijani passports (Quliyev → Guliyev)."""
        words = []
        for w in text.replace("İ", "i").split():
            words.append(_title("".join(_AZ.get(ch, ch) for ch in w.lower())))
        return " ".join(words)

    def icao_ascii(self, text: str) -> str:
        """Latin letters with diacritics as ICAO Doc 9303 writes them in ASCII."""
        hit = self._cached("icao-latin", text)
        if hit is not None:
            return hit
        out = []
        for ch in text:
            low = ch.lower()
            if low in _ICAO_LATIN:
                rep = _ICAO_LATIN[low]
                out.append(rep.capitalize() if ch.isupper() else rep)
            else:
                out.append(ch)
        value = "".join(out)
        if not value.isascii():
            value = self.icu("Latin-ASCII", value)
        return self._store("icao-latin", text, value)

    def mrz(self, family: str, given: str) -> str:
        """The name as the machine-readable zone prints it: FAMILY<<GIVEN<NAMES."""

        def field(part: str) -> str:
            ascii_ = self.icao_ascii(part).upper()
            return "".join(c if c.isalpha() else "<" for c in ascii_)

        return f"{field(family)}<<{field(given)}"
