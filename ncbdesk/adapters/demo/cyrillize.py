"""Georgian, Armenian and Azerbaijani names as Russian records spell them.

Russian-speaking registries wrote these names in Cyrillic long before
passports romanised them (Петросян, Беридзе, Гасанов). The rules below follow
the common Russian practice letter by letter; established irregular forms
(Оганесян for Hovhannisyan, Мамедов for Məmmədov) come out as their regular
variants (Ованнисян, Маммадов), which are attested too.
"""

from __future__ import annotations

_KA = {
    "ა": "а", "ბ": "б", "გ": "г", "დ": "д", "ე": "е", "ვ": "в", "ზ": "з", "თ": "т",
    "ი": "и", "კ": "к", "ლ": "л", "მ": "м", "ნ": "н", "ო": "о", "პ": "п", "ჟ": "ж",
    "რ": "р", "ს": "с", "ტ": "т", "უ": "у", "ფ": "п", "ქ": "к", "ღ": "г", "ყ": "к",
    "შ": "ш", "ჩ": "ч", "ც": "ц", "ძ": "дз", "წ": "ц", "ჭ": "ч", "ხ": "х", "ჯ": "дж",
    "ჰ": "х",
}  # fmt: skip

_HY = {
    "ա": "а", "բ": "б", "գ": "г", "դ": "д", "ե": "е", "զ": "з", "է": "э", "ը": "ы",
    "թ": "т", "ժ": "ж", "ի": "и", "լ": "л", "խ": "х", "ծ": "ц", "կ": "к", "ձ": "дз",
    "ղ": "г", "ճ": "ч", "մ": "м", "յ": "й", "ն": "н", "շ": "ш", "ո": "о", "չ": "ч",
    "պ": "п", "ջ": "дж", "ռ": "р", "ս": "с", "վ": "в", "տ": "т", "ր": "р", "ց": "ц",
    "փ": "п", "ք": "к", "և": "ев", "օ": "о", "ֆ": "ф",
}  # fmt: skip
_HY_VOWELS = set("աեէըիոօու")

_AZ = {
    "a": "а", "b": "б", "c": "дж", "ç": "ч", "d": "д", "e": "е", "ə": "а", "f": "ф",
    "g": "г", "ğ": "г", "h": "х", "x": "х", "ı": "ы", "i": "и", "j": "ж", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "ö": "о", "p": "п", "r": "р", "s": "с",
    "ş": "ш", "t": "т", "u": "у", "ü": "у", "v": "в", "y": "й", "z": "з", "q": "г",
}  # fmt: skip
_AZ_WORDS = {"oğlu": "оглы", "qızı": "кызы"}
# Applied after the letters: Əliyev → Алийев → Алиев, Babayev → Бабаев.
_AZ_AFTER = (("ыйев", "иев"), ("ийев", "иев"), ("йев", "ев"), ("йа", "я"), ("йу", "ю"))
_AZ_CONSONANTS = set("bcçdfgğhxjklmnpqrsştvzy")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def georgian(text: str) -> str:
    words = []
    for word in text.lower().split():
        out = "".join(_KA.get(ch, ch) for ch in word)
        if out.startswith("е"):
            out = "э" + out[1:]
        if out.endswith("иа"):
            out = out[:-1] + "я"  # Кварацхелия, not Кварацхелиа
        words.append(_cap(out))
    return " ".join(words)


def armenian(text: str) -> str:
    words = []
    for word in text.lower().split():
        word = word.replace("յու", "\x01").replace("ու", "\x02").replace("յա", "\x03")
        out = []
        for i, ch in enumerate(word):
            if ch == "հ":
                # Dropped before a vowel (Айк, Ованнисян), г before a consonant (Грант).
                nxt = word[i + 1] if i + 1 < len(word) else ""
                out.append("" if nxt in _HY_VOWELS or nxt in "\x01\x02\x03" else "г")
            else:
                out.append({"\x01": "ю", "\x02": "у", "\x03": "я"}.get(ch) or _HY.get(ch, ch))
        words.append(_cap("".join(out)))
    return " ".join(words)


def azerbaijani(text: str) -> str:
    words = []
    for word in text.replace("İ", "i").lower().split():
        if word in _AZ_WORDS:
            words.append(_AZ_WORDS[word])
            continue
        out = []
        for i, ch in enumerate(word):
            if ch == "q" and i == 0:
                out.append("к")  # Quliyev → Кулиев, but Vüqar → Вугар
            elif ch == "h" and i == 0:
                out.append("г")  # Həsənov → Гасанов, but Ceyhun → Джейхун
            elif ch == "l" and i + 1 < len(word) and word[i + 1] in _AZ_CONSONANTS:
                out.append("ль")  # Elvin → Эльвин
            elif ch in "eə" and i == 0:
                out.append("э" if ch == "e" else "а")
            else:
                out.append(_AZ.get(ch, ch))
        converted = "".join(out)
        for old, new in _AZ_AFTER:
            converted = converted.replace(old, new)
        words.append(_cap(converted))
    return " ".join(words)
