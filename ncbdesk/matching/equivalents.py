"""Names that are the same name in another language's spelling.

Data, not code: each group lists spellings (any script) of ONE name as borne by
one person across records — never translations a person would not use (Ivan is
not John). Lookup is by the engine's spelling key, so Latin spellings that the
key already folds together (Mohammed/Mohamed) need not all be listed; the
forms that matter are those the key cannot reach (Magomed, Mukhammad, محمد).

Provenance, per group, in the comment after it:
  [W] Wikipedia article on the given name, "Variants"/"Other forms" section.
  [P] Russian passport practice for Caucasus and Central Asian names: the
      Cyrillic form ICAO-romanised (MVD/ICAO tables in iuliia).
  [T] Turkish / Azerbaijani / Uzbek / Kazakh / Tajik official orthography.
"""

from __future__ import annotations

from functools import lru_cache

GROUPS: tuple[tuple[str, ...], ...] = (
    # Muhammad [W Muhammad (name)], Magomed/Magomet [P Dagestan, Chechnya],
    # Mahammad [T az], Muhammed [T tr], Mukhammad/Mukhammed [P Tajik, Uzbek]
    (
        "Muhammad",
        "Mohammed",
        "Mohamed",
        "Mohamad",
        "Mohammad",
        "Muhammed",
        "Mehmet",
        "Mehmed",
        "Magomed",
        "Magomet",
        "Mahammad",
        "Mukhammad",
        "Mukhammed",
        "Muhamed",
        "Mahomed",
        "Mamed",
        "Мухаммад",
        "Магомед",
        "Магомет",
        "Мухаммед",
        "Мамед",
        "محمد",
    ),
    # Ahmad [W Ahmad], Akhmed/Akhmad [P], Ahmet [T tr], Əhməd [T az]
    ("Ahmad", "Ahmed", "Akhmed", "Akhmad", "Ahmet", "Ahmat", "Ахмед", "Ахмад", "Ахмат", "أحمد"),
    # Mahmud [W Mahmud], Makhmud [P], Mahmut [T tr]
    ("Mahmud", "Mahmoud", "Makhmud", "Mahmut", "Махмуд", "محمود"),
    # Yusuf [W Yusuf], Iusuf [P ICAO], Yusup [P Dagestan], Joseph is NOT listed (translation)
    ("Yusuf", "Yousef", "Youssef", "Yusup", "Iusup", "Yusif", "Юсуф", "Юсуп", "يوسف"),
    # Ibrahim [W Ibrahim], Ibragim [P, Russian г for Arabic h], İbrahim [T tr]
    ("Ibrahim", "Ebrahim", "Ibragim", "Ibrohim", "Ибрагим", "Ибрахим", "إبراهيم", "ابراهيم"),
    # Ismail [W Ismail], Ismoil [T uz]
    ("Ismail", "Ismoil", "Ismayil", "Исмаил", "إسماعيل"),
    # Sulayman [W Sulayman], Suleiman, Suleyman [T tr], Sulaymon [T uz]
    ("Sulayman", "Suleiman", "Sulaiman", "Suleyman", "Sulaymon", "Сулейман", "سليمان"),
    # Dawud [W Dawud], Davud [T az, P], Dovud [T uz]
    ("Dawud", "Dawood", "Davud", "Dovud", "Daoud", "Давуд", "داود"),
    # Yaqub [W Yaqub], Yakub [P], Yoqub [T uz]
    ("Yaqub", "Yakub", "Yaqoob", "Yoqub", "Якуб", "يعقوب"),
    # Musa [W Musa], Muso [T uz/tj]
    ("Musa", "Moussa", "Muso", "Муса", "موسى"),
    # Isa [W Isa]
    ("Isa", "Eisa", "Issa", "Иса", "عيسى"),
    # Yunus [W Yunus], Younes [Maghreb French]
    ("Yunus", "Younes", "Younis", "Yunis", "Юнус", "يونس"),
    # Ilyas [W Ilyas], Ilias [P ICAO]
    ("Ilyas", "Ilias", "Elyas", "Ильяс", "إلياس"),
    # Harun [W Harun], Kharun [P]
    ("Harun", "Haroun", "Haroon", "Kharun", "Харун", "هارون"),
    # Abdullah [W Abdullah (name)], Abdulla [P, T uz]
    ("Abdullah", "Abdallah", "Abdulla", "Abdollah", "Абдулла", "Абдуллах", "عبدالله"),
    # Abd al-Rahman [W], Abdurakhman [P], Abdurahmon [T tj]
    (
        "Abdurrahman",
        "Abdulrahman",
        "Abdelrahman",
        "Abdurakhman",
        "Abdurahmon",
        "Abdurahman",
        "Абдурахман",
        "Абдурахмон",
        "عبدالرحمن",
    ),
    # Ali [W Ali], Aliy [P GOST]
    ("Ali", "Aly", "Али", "علي"),
    # Hasan [W Hasan (name)], Khasan [P], Gasan [P Dagestan]
    ("Hasan", "Hassan", "Khasan", "Gasan", "Хасан", "Гасан", "حسن"),
    # Husayn [W Husayn], Khusein [P], Guseyn [P az], Hüseyin [T tr]
    (
        "Husayn",
        "Hussein",
        "Husein",
        "Hussain",
        "Hossein",
        "Huseyin",
        "Khusein",
        "Khuseyn",
        "Guseyn",
        "Гусейн",
        "Хусейн",
        "حسين",
    ),
    # Umar [W Umar], Omar, Omer [T tr]
    ("Umar", "Omar", "Omer", "Умар", "Омар", "عمر"),
    # Uthman [W Uthman (name)], Osman [T tr], Usman [P]
    ("Uthman", "Othman", "Osman", "Usman", "Усман", "Осман", "عثمان"),
    # Khalid [W Khalid], Halid [T tr], Khaled
    ("Khalid", "Khaled", "Halid", "Халид", "خالد"),
    # Rashid [W Rashid], Rashed, Reshat is NOT (different name)
    ("Rashid", "Rasheed", "Rashed", "Рашид", "رشيد"),
    # Rasul [W Rasul], Rasool
    ("Rasul", "Rasool", "Rasoul", "Расул", "رسول"),
    # Murad [W Murad], Murat [T tr, P]
    ("Murad", "Murat", "Mourad", "Мурад", "Мурат", "مراد"),
    # Said [W Said (name)], Saeed, Sayid
    ("Said", "Saeed", "Saed", "Sayid", "Саид", "سعيد"),
    # Abdulaziz [W], Abdulaziz Uzbek Abdulaziz [T]
    ("Abdulaziz", "Abdelaziz", "Abdul-Aziz", "Абдулазиз", "عبدالعزيز"),
    # Jamal [W Jamal], Dzhamal [P], Camal [T az]
    ("Jamal", "Djamal", "Dzhamal", "Gamal", "Джамал", "جمال"),
    # Aleksandr [P ICAO/MVD], Alexander [W Alexander: the Latin spelling of the
    # same Greek name used by many foreign systems], Alexandre [French]
    ("Aleksandr", "Alexander", "Alexandr", "Alexandre", "Oleksandr", "Александр", "Олександр"),
    # Aleksey [P], Alexei [W Alexei], Oleksiy [Ukrainian form of the same name]
    ("Aleksei", "Aleksey", "Alexei", "Alexey", "Oleksii", "Oleksiy", "Алексей", "Олексій"),
    # Sergey [P], Serhiy [Ukrainian form], Sergei
    ("Sergei", "Sergey", "Serhii", "Serhiy", "Сергей", "Сергій"),
    # Dmitry [P], Dmytro [Ukrainian form], Dimitri
    ("Dmitrii", "Dmitry", "Dmitri", "Dimitri", "Dmytro", "Дмитрий", "Дмитро"),
    # Mikhail [P], Mykhailo [Ukrainian form], Michail [German]
    ("Mikhail", "Michail", "Mykhailo", "Михаил", "Михайло"),
    # Georgiy [P], Giorgi [Georgian national romanisation], Heorhiy [Ukrainian]
    ("Georgii", "Georgiy", "Giorgi", "Heorhii", "Георгий", "Гиорги", "გიორგი"),
    # Hovhannes [Armenian], Ovanes [P, Russian form of the Armenian name]
    ("Hovhannes", "Ovanes", "Hovannes", "Ованес", "Оганес", "Հովհաննես"),
    # Yevgeny [W], Yevhen [Ukrainian form]
    ("Evgenii", "Yevgeny", "Evgeny", "Yevhen", "Евгений", "Євген"),
)


@lru_cache(maxsize=1)
def _table() -> dict[str, int]:
    """Spelling key -> group number; built on first use from ``GROUPS``."""
    from .keys import arabic_fine, fine_key
    from .translit import is_vowelless_script, to_ascii

    table: dict[str, int] = {}
    for number, group in enumerate(GROUPS):
        for form in group:
            key = fine_key(to_ascii(form))
            if is_vowelless_script(form):
                key = arabic_fine(key)
            if key:
                table.setdefault(key, number)
    return table


def group_of(fine: str) -> int:
    """Number of the equivalence group of a spelling key, or -1."""
    return _table().get(fine, -1)


def group_name(number: int) -> str:
    """Display name of a group (its first, most common Latin spelling)."""
    return GROUPS[number][0] if 0 <= number < len(GROUPS) else ""
