"""Any script to lower-case ASCII Latin, one distinct token at a time.

ICU does the script conversion; we only pick the transliterator per script and
cache results, because names repeat massively across a list (DESIGN §4: the
cache and the ASCII shortcut took a 1M build from 17.5 s to 4 s).
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import Any

# Longest token we transliterate: real name parts are far shorter; anything
# longer is garbage or an attack and must not cost ICU time.
MAX_TOKEN_CHARS = 48

# Script of a character, by Unicode block, to choose ICU's transliterator.
# ICU's per-language Russian BGN rules give the English-style spellings most
# foreign systems use; other scripts use ICU's generic rules.
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "Greek-Latin"),
    (0x1F00, 0x1FFF, "Greek-Latin"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian-Latin"),
    (0x0590, 0x05FF, "Hebrew-Latin"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0x10A0, 0x10FF, "Georgian-Latin"),
    (0x1C90, 0x1CBF, "Georgian-Latin"),
    (0x3400, 0x4DBF, "Han-Latin/Names"),
    (0x4E00, 0x9FFF, "Han-Latin/Names"),
    (0xF900, 0xFAFF, "Han-Latin/Names"),
)

# Letters with diacritics whose ASCII fold would lose a sound that other
# romanisations spell with two letters (č is "ch", not "c"); applied after
# ICU's script step and before its Latin-ASCII step. Sources: ISO 9 / GOST 7.79
# (č š ž ŝ û â; ë as passports write ё, "e"), Turkish and Azerbaijani orthography (ş ç ğ ı ə),
# Armenian-Latin ICU output (č' ǰ).
_PRE_FOLD = str.maketrans(
    {
        "č": "ch",
        "š": "sh",
        "ž": "zh",
        "ŝ": "shch",
        "û": "yu",
        "â": "ya",
        "ë": "e",
        "ş": "sh",
        "ș": "sh",
        "ç": "ch",
        "ğ": "g",
        "ı": "i",
        "ə": "a",
        "ǰ": "j",
        "ß": "ss",
        "ẗ": "",  # Arabic ta marbuta (ة): Latin spellings drop it (Aisha, Hamza)
        "ʿ": "",
        "ʾ": "",
        "ʼ": "",
        "'": "",
        "’": "",
        "`": "",
        '"': "",
        "ʺ": "",
        "ʹ": "",
        "ˌ": "",
        "\u0361": "",
    }
)

_lock = threading.Lock()
_instances: dict[str, Any] = {}


def _transliterator(rule_id: str) -> Any:
    """Create ICU transliterators on first use only (no work at import)."""
    inst = _instances.get(rule_id)
    if inst is None:
        import icu  # deferred: loading ICU data is not free

        with _lock:
            inst = _instances.get(rule_id)
            if inst is None:
                inst = icu.Transliterator.createInstance(rule_id)
                _instances[rule_id] = inst
    return inst


def script_of(text: str) -> str:
    """ICU rule id for the first non-Latin letter in ``text`` ("" if Latin/other)."""
    for ch in text:
        cp = ord(ch)
        if cp < 0x0370:
            continue
        for lo, hi, rule in _BLOCKS:
            if lo <= cp <= hi:
                return rule
    return ""


def _icu_to_latin(text: str, script: str) -> str:
    if script == "Cyrillic":
        out = _transliterator("Russian-Latin/BGN").transliterate(text)
        # Ukrainian/Kazakh/Uzbek letters BGN-Russian leaves untouched.
        if script_of(out):
            out = _transliterator("Any-Latin").transliterate(out)
        return str(out)
    if script == "Arabic":
        return str(_transliterator("Arabic-Latin").transliterate(text))
    if script:
        out = _transliterator(script).transliterate(text)
        if script == "Han-Latin/Names":
            # ICU splits Han names into syllables; a given name is one word
            # in pinyin ("Jinping"), so rejoin.
            out = out.replace(" ", "")
        if script_of(out):
            out = _transliterator("Any-Latin").transliterate(out)
        return str(out)
    return str(_transliterator("Any-Latin").transliterate(text))


@lru_cache(maxsize=500_000)
def to_ascii(token: str) -> str:
    """Lower-case ASCII letters for one name token in any script.

    Lower-cases first: ICU turns upper-case Georgian (Mtavruli) into nothing.
    Plain ASCII skips ICU entirely. Never raises; unknown scripts give "".
    """
    token = token[:MAX_TOKEN_CHARS].lower()
    if token.isascii():
        return "".join(c for c in token if c.isalpha())
    try:
        token = unicodedata.normalize("NFC", token)
        script = script_of(token)
        text = _icu_to_latin(token, script) if script or not _is_latin(token) else token
        text = text.lower().translate(_PRE_FOLD)
        if not text.isascii():
            text = _drop_marks(text)
            if not text.isascii():
                text = str(_transliterator("Latin-ASCII").transliterate(text))
    except Exception:  # ICU may reject malformed input; a name must never crash us
        return ""
    return "".join(c for c in text if "a" <= c <= "z")


def _drop_marks(text: str) -> str:
    """The text without the marks NFKD splits off its letters (é -> e, ç -> c)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Letters a system without them writes as a plain one (and NFKD does not
# split off a mark): Turkish/Azerbaijani dotless i and schwa, Nordic o, Polish l.
_PLAIN = str.maketrans({"ı": "i", "ə": "e", "Ə": "E", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                        "đ": "d", "Đ": "D", "ß": "ss"})  # fmt: skip


def stripped(token: str) -> str:
    """A Latin token as a system without diacritics writes it (Elçin -> Elcin), or ""."""
    if token.isascii():
        return ""
    plain = _drop_marks(token.translate(_PLAIN))
    return plain if plain.isascii() and plain != token else ""


def _is_latin(token: str) -> bool:
    for ch in token:
        if ch.isalpha() and ord(ch) >= 0x0250 and not (0x1E00 <= ord(ch) <= 0x1EFF):
            return False
    return True


def is_vowelless_script(token: str) -> bool:
    """Arabic script does not write short vowels; compare such tokens by consonants."""
    return script_of(token[:MAX_TOKEN_CHARS]) == "Arabic"
