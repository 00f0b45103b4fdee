"""Labelled screening data: list persons and how other systems write them.

Shared by screening_quality.py and screening_speed.py. Independent of the
engine on purpose: Russian variants come from the published scheme tables in
iuliia, a German-style table below and hand-written spelling lists of attested
forms — never from ncbdesk.matching's own normaliser.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import iuliia

from ncbdesk.matching import NameInput, Subject


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# -- name pools -------------------------------------------------------------
RU_MALE = _words(
    "Александр Алексей Андрей Антон Артём Борис Вадим Валерий Василий Виктор Виталий "
    "Владимир Вячеслав Геннадий Георгий Григорий Даниил Денис Дмитрий Евгений Егор Иван "
    "Игорь Илья Кирилл Константин Леонид Максим Михаил Никита Николай Олег Павел Пётр "
    "Роман Сергей Станислав Степан Юрий Яков"
)
RU_FEMALE = _words(
    "Александра Алёна Алина Анастасия Анна Валентина Валерия Вера Виктория Галина Дарья "
    "Евгения Екатерина Елена Елизавета Жанна Зоя Ирина Ксения Лариса Людмила Марина "
    "Мария Надежда Наталья Нина Ольга Светлана Татьяна Юлия Яна"
)
RU_FAMILY = _words(
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров "
    "Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев "
    "Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев "
    "Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв "
    "Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов "
    "Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров "
    "Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов "
    "Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов "
    "Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов "
    "Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев "
    "Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков "
    "Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов "
    "Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов "
    "Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров "
    "Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронов Аксёнов "
    "Софронов Мальцев Логинов Горшков Савин Краснов Майоров Демидов Елисеев Рыбаков "
    "Сафонов Плотников Дёмин Хохлов Фадеев Молчанов Игнатов Литвинов Ершов Ушаков "
    "Дементьев Рябов Мухин Калашников Леонтьев Лобанов Кузин Корнилов Евдокимов "
    "Бородин Платонов Некрасов Балашов Бобров Жданов Блинов Игнатьев Коротков Муравьёв "
    "Крюков Беляков Богомолов Дроздов Лаврентьев Зуев Петухов Ларин Никулин Серов "
    "Терентьев Зотов Устинов Фокин Самойлов Константинов Сахаров Шишкин Самсонов "
    "Черкасов Чистяков Носов Спиридонов Карасёв Авдеев Воронцов Зверев Владимиров "
    "Селезнёв Нечаев Кудряшов Седов Фирсов Андрианов Панин Головин Терехов Ульянов "
    "Шестаков Агеев Никоноров Колокольцев Щукин Объедков Хохряков Ёжиков Чичиков "
    "Пчёлкин Шамшурин Цыганков Юшков Ящук Жилин Хлебников Чайковский Вяземский "
    "Щербинин Дьячков Подъячев"
)
UA_MALE = _words("Олександр Сергій Андрій Юрій Віталій Дмитро Михайло Олексій Тарас Богдан Євген")
UA_FEMALE = _words("Олена Оксана Ірина Наталія Юлія Тетяна Людмила Ганна Марія Світлана")
UA_FAMILY = _words(
    "Шевченко Коваленко Бондаренко Ткаченко Кравченко Мельник Поліщук Олійник Лисенко "
    "Савчук Руденко Мороз Марченко Петренко Гнатюк Костенко Ковальчук Мазур Павленко "
    "Кравчук Левченко Харченко Панченко Литвиненко Сидоренко Гончаренко Яковенко "
    "Заїка Ющенко Гриценко"
)
CA_MALE = _words(
    "Рустам Бахтиёр Шухрат Алишер Тимур Нурлан Ерлан Фаррух Жасур Азамат Улугбек "
    "Дилшод Санжар Бекзод Ержан Даурен Айдос Фарход Шерзод Анвар Рашид Мурат "
    "Абдулла Юсуф Ибрагим Исмаил"
)
CA_FEMALE = _words("Асель Гульнара Дилноза Айгерим Мадина Нигора Зарина Шахноза Айжан Малика")
CA_FAMILY = _words(
    "Каримов Рахимов Юсупов Назарбаев Ахмедов Исмаилов Турсунов Абдуллаев Нурматов "
    "Сулейменов Жумабаев Касымов Садыков Холматов Мирзаев Рашидов Усманов Хакимов "
    "Эргашев Тошматов Алимов Бекмуратов Искаков Жаксылыков Ташкентбаев Мамедов "
    "Рахмонов Шарипов Хамидов Файзуллаев"
)
NC_MALE = _words(
    "Магомед Ахмед Рамзан Шамиль Хасан Ибрагим Руслан Зелимхан Абдулла Умар Муса "
    "Исмаил Гаджи Магомедрасул Саид Арсен Анзор Ислам Мурад Расул Абдурахман Юсуп "
    "Сулейман Хусейн Гасан Ильяс"
)
NC_FEMALE = _words("Хадижат Патимат Зарема Айшат Марьям Мадина Луиза Зайнаб Асият Хава")
NC_FAMILY = _words(
    "Магомедов Гаджиев Алиев Абдулаев Ибрагимов Кадыров Хасанов Омаров Исаев Дудаев "
    "Нурбагандов Умаров Муртазалиев Гасанов Рамазанов Ахмедов Магомедрасулов "
    "Абдурахманов Сулейманов Шамилев Исмаилов Гусейнов Мусаев Эльдаров Хизриев "
    "Батыров Чупалаев Дадаев Межидов Закаев"
)

# Arabic names with attested Latin spellings (passports, sanctions lists, press).
ARABIC_MALE: dict[str, tuple[str, ...]] = {
    "محمد": ("Mohammed", "Muhammad", "Mohamed", "Mohamad", "Mohammad", "Muhammed"),
    "أحمد": ("Ahmed", "Ahmad", "Ahmet"),
    "علي": ("Ali", "Aly"),
    "حسن": ("Hassan", "Hasan"),
    "حسين": ("Hussein", "Husain", "Hussain", "Hosein"),
    "عمر": ("Omar", "Umar"),
    "خالد": ("Khaled", "Khalid"),
    "يوسف": ("Youssef", "Yousef", "Yusuf", "Yusef"),
    "إبراهيم": ("Ibrahim", "Ebrahim"),
    "عبدالله": ("Abdullah", "Abdallah", "Abdulla"),
    "سعيد": ("Said", "Saeed", "Saied"),
    "مصطفى": ("Mustafa", "Mostafa", "Moustafa"),
    "كريم": ("Karim", "Kareem"),
    "طارق": ("Tariq", "Tarek", "Tareq"),
    "جمال": ("Jamal", "Gamal"),
    "نبيل": ("Nabil", "Nabeel"),
    "رشيد": ("Rashid", "Rachid", "Rasheed"),
    "سليمان": ("Suleiman", "Sulaiman", "Soliman"),
    "قاسم": ("Qasim", "Kassem", "Qassem", "Kasim"),
    "صالح": ("Saleh", "Salih"),
    "ماجد": ("Majid", "Majed", "Maged"),
    "وليد": ("Walid", "Waleed"),
    "فيصل": ("Faisal", "Faysal", "Faycal"),
    "ياسر": ("Yasser", "Yasir", "Yaser"),
    "بلال": ("Bilal", "Belal"),
    "زياد": ("Ziad", "Ziyad", "Zyad"),
    "عادل": ("Adel", "Adil"),
    "حمزة": ("Hamza", "Hamzah"),
    "أنس": ("Anas", "Ennes"),
    "عثمان": ("Othman", "Osman", "Uthman"),
}
ARABIC_FEMALE: dict[str, tuple[str, ...]] = {
    "فاطمة": ("Fatima", "Fatma", "Fatemah"),
    "عائشة": ("Aisha", "Aicha", "Ayesha"),
    "مريم": ("Maryam", "Mariam", "Meryem"),
    "زينب": ("Zainab", "Zeinab", "Zaynab"),
    "خديجة": ("Khadija", "Khadidja", "Khadijah"),
    "نور": ("Nour", "Noor", "Nur"),
    "سارة": ("Sara", "Sarah"),
    "ليلى": ("Layla", "Leila", "Laila"),
}
ARABIC_FAMILY: dict[str, tuple[str, ...]] = {
    "الخطيب": ("Al-Khatib", "El Khatib", "Al Khatib", "Khatib"),
    "النجار": ("Al-Najjar", "El-Naggar", "Al Najjar", "Najjar"),
    "الشامي": ("Al-Shami", "El Shami", "Al Shami"),
    "حداد": ("Haddad", "Hadad"),
    "منصور": ("Mansour", "Mansur", "Mansoor"),
    "الزعبي": ("Al-Zoubi", "Al Zubi", "Zoubi"),
    "حمدان": ("Hamdan", "Hamdane"),
    "العمري": ("Al-Omari", "El Omari", "Al Omari"),
    "التميمي": ("Al-Tamimi", "Al Tamimi", "Tamimi"),
    "العبيدي": ("Al-Obaidi", "Al-Ubaidi", "Obeidi"),
    "الحسيني": ("Al-Husseini", "El Husseini", "Husseini"),
    "عبدالرحمن": ("Abdulrahman", "Abdelrahman", "Abdul Rahman", "Abd al-Rahman"),
    "السيد": ("El-Sayed", "Al-Sayyid", "Elsayed"),
    "القحطاني": ("Al-Qahtani", "Al Kahtani", "Qahtani"),
    "الدوسري": ("Al-Dosari", "Al Dossary", "Aldosari"),
    "المصري": ("Al-Masri", "El Masry", "Masri"),
    "الحلبي": ("Al-Halabi", "El Halabi", "Halabi"),
    "يونس": ("Younes", "Yunus", "Younis"),
    "عيسى": ("Issa", "Eisa", "Isa"),
    "موسى": ("Moussa", "Musa", "Mousa"),
}
HAN_FAMILY = dict(
    zip(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文",
        _words(
            "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo "
            "gao liang song zheng xie han tang feng yu dong xiao cheng cao yuan deng xu fu "
            "shen zeng peng lv su lu jiang cai jia ding wei xue ye yan yu pan du dai xia "
            "zhong wang tian ren jiang fan fang shi yao tan liao zou xiong jin lu hao kong "
            "bai cui kang mao qiu qin jiang shi gu hou shao meng long wan duan lei qian tang "
            "yin li yi chang wu qiao he lai gong wen "
        ),
        strict=True,
    )
)
HAN_GIVEN = dict(
    zip(
        "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚华建国文东海龙志鹏晓红玉婷宇浩俊峰辉斌凯鑫林",
        _words(
            "wei fang na min jing li qiang lei jun yang yong yan jie tao ming chao xiu xia "
            "ping gang hua jian guo wen dong hai long zhi peng xiao hong yu ting yu hao jun "
            "feng hui bin kai xin lin "
        ),
        strict=True,
    )
)
# Georgian and Armenian: script form and the national romanisation (2002 /
# ISO 9985-style as used in passports).
KA_GIVEN = {
    "გიორგი": "Giorgi",
    "დავით": "Davit",
    "ნიკოლოზ": "Nikoloz",
    "ლევან": "Levan",
    "ზურაბ": "Zurab",
    "ირაკლი": "Irakli",
    "თამარ": "Tamar",
    "ნინო": "Nino",
    "მარიამ": "Mariam",
    "გოჩა": "Gocha",
    "შოთა": "Shota",
    "ვახტანგ": "Vakhtang",
}
KA_FAMILY = {
    "ბერიძე": "Beridze",
    "კაპანაძე": "Kapanadze",
    "გელაშვილი": "Gelashvili",
    "ჯავახიშვილი": "Javakhishvili",
    "ხუციშვილი": "Khutsishvili",
    "ლომიძე": "Lomidze",
    "წიკლაური": "Tsiklauri",
    "ჩხეიძე": "Chkheidze",
    "ნოზაძე": "Nozadze",
    "მაისურაძე": "Maisuradze",
    "ჭავჭავაძე": "Chavchavadze",
    "ქავთარაძე": "Kavtaradze",
    "გოგოლაძე": "Gogoladze",
    "ხარაიშვილი": "Kharaishvili",
}
HY_GIVEN = {
    "Հովհաննես": "Hovhannes",
    "Արամ": "Aram",
    "Տիգրան": "Tigran",
    "Գևորգ": "Gevorg",
    "Արմեն": "Armen",
    "Վարդան": "Vardan",
    "Աշոտ": "Ashot",
    "Անի": "Ani",
    "Նարինե": "Narine",
    "Լիլիթ": "Lilit",
    "Սարգիս": "Sargis",
    "Կարեն": "Karen",
}
HY_FAMILY = {
    "Խաչատրյան": "Khachatryan",
    "Պետրոսյան": "Petrosyan",
    "Հարությունյան": "Harutyunyan",
    "Սարգսյան": "Sargsyan",
    "Գրիգորյան": "Grigoryan",
    "Հակոբյան": "Hakobyan",
    "Ղազարյան": "Ghazaryan",
    "Մկրտչյան": "Mkrtchyan",
    "Ավետիսյան": "Avetisyan",
    "Վարդանյան": "Vardanyan",
    "Մանուկյան": "Manukyan",
    "Աբրահամյան": "Abrahamyan",
}
TR_GIVEN = _words(
    "Elçin Rəşad Şükrü Çağrı Əli Hüseyn İlqar Gülnarə Ayşə Oğuz Tofiq Vüqar Nərmin Səbinə Fərid"
)
TR_FAMILY = _words(
    "Əliyev Məmmədov Hüseynov Quliyev Həsənov İsmayılov Yılmaz Çelik Öztürk Doğan "
    "Kılıç Şahin Ağayev Cəfərov Nəsirov Bağırov Şıxəliyev"
)
UA_LATIN = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "h",
        "ґ": "g",
        "д": "d",
        "е": "e",
        "є": "ie",
        "ж": "zh",
        "з": "z",
        "и": "y",
        "і": "i",
        "ї": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ь": "",
        "ю": "iu",
        "я": "ia",
        "'": "",
    }
)  # KMU 2010 (Ukrainian passports), word-initial forms simplified
DE_LATIN = {
    "а": "a",
    "б": "b",
    "в": "w",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "jo",
    "ж": "sch",
    "з": "s",
    "и": "i",
    "й": "j",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "ch",
    "ц": "z",
    "ч": "tsch",
    "ш": "sch",
    "щ": "schtsch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "ju",
    "я": "ja",
}  # Duden

RU_SCHEMES = (
    "ICAO_DOC_9303",
    "MVD_310",
    "MVD_782",
    "GOST_52535",
    "BGN_PCGN",
    "GOST_779",
    "SCIENTIFIC",
    "ALA_LC",
    "MVD_310_FR",
    "WIKIPEDIA",
    "TELEGRAM",
)


@lru_cache(maxsize=200_000)
def romanise(word: str, scheme: str) -> str:
    """A Cyrillic word in one iuliia scheme, or "GERMAN" (Duden-style table)."""
    if scheme == "GERMAN":
        out = "".join(DE_LATIN.get(c.lower(), c) for c in word)
        return out[:1].upper() + out[1:]
    if scheme == "UKRAINIAN":
        out = word.lower().translate(UA_LATIN)
        return out[:1].upper() + out[1:]
    return str(getattr(iuliia, scheme).translate(word))


def patronymic(father: str, female: bool) -> str:
    """Russian patronymic from a father's given name (common rules only)."""
    stem = father
    if stem.endswith("ий"):
        stem, suffix = stem[:-2] + "ь", "евич"
    elif stem.endswith("ей") or stem.endswith("ай"):
        stem, suffix = stem[:-1], "евич"
    elif stem.endswith("а") or stem.endswith("я"):
        stem, suffix = stem[:-1], "ич"
    else:
        suffix = "ович"
    if female:
        suffix = {"евич": "евна", "ович": "овна", "ич": "ична"}[suffix]
    return stem + suffix


def feminine(family: str) -> str:
    """Russian feminine surname (-ов -> -ова, -ский -> -ская)."""
    if family.endswith(("ов", "ев", "ёв", "ин")):
        return family + "а"
    if family.endswith("ский"):
        return family[:-2] + "ая"
    return family


# -- persons ------------------------------------------------------------------
GROUP_SHARE = (
    ("ru", 30),
    ("ua", 8),
    ("ca", 14),
    ("nc", 12),
    ("ar", 14),
    ("zh", 8),
    ("ka", 5),
    ("hy", 5),
    ("tr", 4),
)
NATIONALITY = {
    "ru": ("RU",),
    "ua": ("UA",),
    "ca": ("UZ", "KZ", "TJ", "KG"),
    "nc": ("RU",),
    "ar": ("SY", "IQ", "JO", "EG", "SA", "LB"),
    "zh": ("CN",),
    "ka": ("GE",),
    "hy": ("AM",),
    "tr": ("AZ", "TR"),
}
_SYL = _words(
    "ба ва га да жа за ка ла ма на па ра са та фа ха ца ча ша бо во го до ко ло мо но по ро "
    "со то бу ву гу ду ку лу му ну пу ру су ту бе ве ге де ке ле ме не пе ре се те ки ли ми "
    "ни ри си ти"
)


@lru_cache(maxsize=8)
def synthetic_families(n: int, seed: int) -> tuple[str, ...]:
    """Extra plausible Russian-style surnames, so a large list is not all namesakes."""
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        stem = "".join(rng.choice(_SYL) for _ in range(rng.choice((2, 2, 3))))
        out.add(
            (
                stem + rng.choice(("нов", "ров", "тов", "кин", "лин", "шев", "цев", "ев"))
            ).capitalize()
        )
    return tuple(sorted(out))


class Person:
    """Ground truth for one generated person (native script where there is one)."""

    def __init__(
        self,
        pid: str,
        group: str,
        female: bool,
        given: str,
        family: str,
        father: str,
        dob: dt.date,
        precision: str,
        nats: tuple[str, ...],
        docs: tuple[str, ...],
    ) -> None:
        self.id, self.group, self.female = pid, group, female
        self.given, self.family, self.father = given, family, father
        self.dob, self.precision, self.nats, self.docs = dob, precision, nats, docs
        self.latin_only = False  # recorded on the list in Latin letters only
        self.alias = False


def _pick(rng: random.Random, pool: tuple[str, ...] | list[str]) -> str:
    # Some names are much more common than others (Zipf-like head on a
    # uniform body); the pools are far smaller than real name stocks.
    if rng.random() < 0.2:
        i = min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)
        return pool[(i * 7919) % len(pool)]
    return pool[rng.randrange(len(pool))]


def make_person(rng: random.Random, pid: str, extra_families: tuple[str, ...] = ()) -> Person:
    """One random person of a random origin."""
    group = rng.choices([g for g, _ in GROUP_SHARE], [w for _, w in GROUP_SHARE])[0]
    female = rng.random() < 0.3
    father = ""
    if group in ("ru", "ca", "nc", "ua"):
        male, fem, fam = {
            "ru": (RU_MALE, RU_FEMALE, RU_FAMILY),
            "ua": (UA_MALE, UA_FEMALE, UA_FAMILY),
            "ca": (CA_MALE, CA_FEMALE, CA_FAMILY),
            "nc": (NC_MALE, NC_FEMALE, NC_FAMILY),
        }[group]
        given = _pick(rng, fem if female else male)
        pool = tuple(fam) + (extra_families if group == "ru" else ())
        family = _pick(rng, pool)
        if group == "ru" and rng.random() < 0.02:
            family = family + "-" + _pick(rng, RU_FAMILY)  # double-barrelled
        if female and group != "ua":
            family = "-".join(feminine(x) for x in family.split("-"))
        father = _pick(rng, RU_MALE if group == "ru" else male) if group != "ua" else ""
    elif group == "ar":
        given = _pick(rng, list(ARABIC_FEMALE if female else ARABIC_MALE))
        father = _pick(rng, list(ARABIC_MALE))
        family = _pick(rng, list(ARABIC_FAMILY))
    elif group == "zh":
        family = _pick(rng, list(HAN_FAMILY))
        chars = list(HAN_GIVEN)
        given = "".join(rng.choice(chars) for _ in range(rng.choice((1, 2, 2))))
    elif group == "ka":
        given, family = _pick(rng, list(KA_GIVEN)), _pick(rng, list(KA_FAMILY))
    elif group == "hy":
        given, family = _pick(rng, list(HY_GIVEN)), _pick(rng, list(HY_FAMILY))
    else:
        given, family = _pick(rng, TR_GIVEN), _pick(rng, TR_FAMILY)
    dob = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
    precision = rng.choices(("day", "month", "year"), (88, 4, 8))[0]
    nats = (rng.choice(NATIONALITY[group]),)
    docs: tuple[str, ...] = ()
    if rng.random() < 0.6:
        docs = (
            f"{rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(100000, 999999)}"
            if group in ("ru", "nc")
            else f"{rng.choice('ABCEKMNP')}{rng.choice('ABCEKMNP')}{rng.randrange(10**6, 10**7)}",
        )
    p = Person(pid, group, female, given, family, father, dob, precision, nats, docs)
    p.latin_only = group in ("ar", "zh", "ka", "hy") and rng.random() < 0.25
    p.alias = rng.random() < 0.4
    return p


def date_text(d: dt.date, precision: str) -> str:
    """ISO partial date at the given precision."""
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


def _cap(s: str) -> str:
    return "-".join(x[:1].upper() + x[1:] for x in s.split("-"))


def pinyin(han: str) -> str:
    """Pinyin of a generated Chinese name part (syllables joined)."""
    table = HAN_FAMILY if len(han) == 1 and han in HAN_FAMILY else HAN_GIVEN
    return _cap("".join(table.get(c, HAN_FAMILY.get(c, "")) for c in han))


def latin_parts(p: Person, rng: random.Random, scheme: str = "") -> tuple[str, str, str]:
    """(given, family, father) as a foreign system might write them."""
    if p.group in ("ru", "ca", "nc"):
        s = scheme or rng.choice(("ICAO_DOC_9303", "MVD_310", "ICAO_DOC_9303", "BGN_PCGN"))
        return (
            romanise(p.given, s),
            romanise(p.family, s),
            romanise(patronymic(p.father, p.female), s),
        )
    if p.group == "ua":
        return romanise(p.given, "UKRAINIAN"), romanise(p.family, "UKRAINIAN"), ""
    if p.group == "ar":
        fams = ARABIC_FAMILY[p.family]
        given = rng.choice((ARABIC_FEMALE if p.female else ARABIC_MALE)[p.given])
        return given, rng.choice(fams), rng.choice(ARABIC_MALE[p.father])
    if p.group == "zh":
        return pinyin(p.given), pinyin(p.family), ""
    if p.group == "ka":
        return KA_GIVEN[p.given], KA_FAMILY[p.family], ""
    if p.group == "hy":
        return HY_GIVEN[p.given], HY_FAMILY[p.family], ""
    return strip_diacritics(p.given), strip_diacritics(p.family), ""


def strip_diacritics(s: str) -> str:
    """What a system without diacritics does: drop marks, ə→a, ı→i."""
    s = s.replace("ə", "a").replace("Ə", "A").replace("ı", "i").replace("İ", "I")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def native_name(p: Person) -> NameInput:
    """The list's own record of the name (native script, split fields)."""
    if p.group in ("ru", "ca", "nc"):
        return NameInput(given=p.given, family=p.family, patronymic=patronymic(p.father, p.female))
    if p.group == "ar":
        return NameInput(full=f"{p.given} بن {p.father} {p.family}")
    if p.group == "zh":
        return NameInput(full=p.family + p.given)
    return NameInput(given=p.given, family=p.family)


def list_subject(p: Person, rng: random.Random) -> Subject:
    """The list entry: native name, sometimes a Latin alias (as in a passport)."""
    names: list[NameInput] = []
    if p.latin_only:
        g, f, fa = latin_parts(p, rng)
        names.append(NameInput(given=g, family=f, middle=fa))
    else:
        names.append(native_name(p))
        if p.alias and p.group != "tr":
            g, f, fa = latin_parts(p, rng, "ICAO_DOC_9303")
            names.append(NameInput(given=g, family=f))
    return Subject(
        id=p.id,
        names=tuple(names),
        birth_dates=(date_text(p.dob, p.precision),),
        nationalities=p.nats,
        sex="female" if p.female else "male",
        documents=p.docs,
    )


def generate_list(n: int, seed: int) -> list[Person]:
    """``n`` list persons, reproducible from ``seed``."""
    rng = random.Random(seed)
    extra = synthetic_families(max(500, min(n // 10, 40_000)), seed)
    return [make_person(rng, f"P{i:07d}", extra) for i in range(n)]


def iter_subjects(persons: list[Person], seed: int) -> Iterator[Subject]:
    """List entries for persons, reproducible from ``seed``."""
    rng = random.Random(seed + 1)
    for p in persons:
        yield list_subject(p, rng)


# -- queries ------------------------------------------------------------------
Query = tuple[Subject, str, str]  # (query, class, expected list id or "" for negatives)


def _meta(
    p: Person,
    rng: random.Random,
    names: tuple[NameInput, ...],
    dob: str | None = None,
    docs: tuple[str, ...] = (),
) -> Subject:
    """A query with the evidence another system usually sends."""
    return Subject(
        id="q",
        names=names,
        birth_dates=(dob if dob is not None else date_text(p.dob, p.precision),)
        if dob != ""
        else (),
        nationalities=p.nats if rng.random() < 0.6 else (),
        sex=("female" if p.female else "male") if rng.random() < 0.5 else None,
        documents=docs,
    )


def _split(g: str, f: str, fa: str, rng: random.Random, keep_father: bool = True) -> NameInput:
    if rng.random() < 0.5:
        return NameInput(given=g, family=f, patronymic=fa if keep_father else "")
    return NameInput(full=" ".join(x for x in (f.upper(), g, fa if keep_father else "") if x))


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("sub", "del", "ins", "swap"))
    letter = rng.choice("aeioukrstnlm")
    if op == "sub":
        return word[:i] + letter + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    if op == "ins":
        return word[:i] + letter + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _other_date(d: dt.date, kind: str, rng: random.Random) -> str | None:
    if kind == "dob_swap":
        return (
            d.replace(month=d.day, day=d.month).isoformat()
            if d.day <= 12 and d.day != d.month
            else None
        )
    if kind == "dob_pm1":
        return (d + dt.timedelta(days=rng.choice((-1, 1)))).isoformat()
    if kind == "dob_partial":
        return rng.choice((str(d.year), d.isoformat()[:7]))
    for _ in range(20):  # dob_typo: one digit changed, still a valid date
        s = list(d.isoformat())
        i = rng.choice((2, 3, 6, 8, 9))
        s[i] = str(rng.randrange(10))
        try:
            o = dt.date.fromisoformat("".join(s))
        except ValueError:
            continue
        if o != d:
            return o.isoformat()
    return None


CYR = ("ru", "ca", "nc")


def positive(p: Person, cls: str, rng: random.Random) -> Subject | None:
    """``p`` as another system recorded it, varied per ``cls``; None if not applicable."""
    full_date = p.precision == "day"
    if cls.startswith("ru_"):
        if p.group not in CYR or p.latin_only:
            return None
        g, f, fa = latin_parts(p, rng, cls[3:])
        return _meta(p, rng, (_split(g, f, fa, rng, rng.random() < 0.5),))
    if cls == "ua_national":
        return _meta(p, rng, (_split(*latin_parts(p, rng), rng),)) if p.group == "ua" else None
    if cls in ("ar_script_vs_latin", "ar_latin_variants"):
        if p.group != "ar" or p.latin_only != (cls == "ar_latin_variants"):
            return None
        g, f, fa = latin_parts(p, rng)
        full = " ".join((g, fa, f) if rng.random() < 0.5 else (g, f))
        return _meta(p, rng, (NameInput(full=full),))
    if cls == "ar_latin_to_script":
        if p.group != "ar" or not p.latin_only:
            return None
        return _meta(p, rng, (native_name(p),))
    if cls in ("zh_han_vs_pinyin", "ka_script_vs_latin", "hy_script_vs_latin"):
        if p.group != cls[:2]:
            return None
        if p.latin_only:
            return _meta(p, rng, (native_name(p),))
        g, f, _ = latin_parts(p, rng)
        return _meta(
            p, rng, (NameInput(full=f"{f.upper()} {g}" if rng.random() < 0.5 else f"{g} {f}"),)
        )
    if cls == "diacritics_stripped":
        if p.group != "tr":
            return None
        return _meta(
            p, rng, (NameInput(given=strip_diacritics(p.given), family=strip_diacritics(p.family)),)
        )
    if cls in ("order_swapped", "patronymic_dropped", "single_field", "initials"):
        if p.group not in CYR or p.latin_only:
            return None
        g, f, fa = latin_parts(p, rng)
        if cls == "order_swapped":
            names = (
                NameInput(full=f"{f} {g} {fa}")
                if rng.random() < 0.5
                else NameInput(given=f, family=g)
            )
        elif cls == "patronymic_dropped":
            names = NameInput(given=g, family=f)
        elif cls == "single_field":
            names = NameInput(full=rng.choice((f"{g} {fa} {f}", f"{f} {g} {fa}", f"{g} {f}")))
        else:
            names = NameInput(
                full=f"{g[0]}. {fa[0]}. {f}" if rng.random() < 0.5 else f"{f} {g[0]}."
            )
        return _meta(p, rng, (names,))
    if cls.startswith("dob_"):
        if not full_date:
            return None
        other = _other_date(p.dob, cls, rng)
        if other is None:
            return None
        g, f, fa = latin_parts(p, rng)
        return _meta(p, rng, (_split(g, f, fa, rng, False),), dob=other)
    if cls == "name_typo":
        g, f, fa = latin_parts(p, rng)
        if len(f) < 5:
            return None
        return _meta(p, rng, (_split(g, _typo(f, rng), fa, rng, False),))
    if cls == "compound":
        g, f, fa = latin_parts(p, rng)
        if p.group == "ru" and "-" in f:
            f = f.replace("-", rng.choice((" ", "")))
        elif p.group == "ar" and p.family == "عبدالرحمن":
            f = rng.choice(("Abdul Rahman", "Abdul-Rahman", "Abdulrahman", "Abd-al-Rahman"))
        elif p.group == "zh" and len(p.given) == 2:
            a, b = HAN_GIVEN[p.given[0]], HAN_GIVEN[p.given[1]]
            g = rng.choice((f"{a.capitalize()}-{b}", f"{a.capitalize()} {b.capitalize()}"))
        else:
            return None
        return _meta(p, rng, (NameInput(given=g, family=f),))
    if cls == "particles":
        if p.group != "ar" or not any(x.startswith(("Al", "El")) for x in ARABIC_FAMILY[p.family]):
            return None
        spelled = next(x for x in ARABIC_FAMILY[p.family] if x.startswith(("Al", "El")))
        base = spelled[3:]  # "Al-Sayyid" -> "Sayyid"
        f = rng.choice((base, f"El-{base}", f"al {base}", f"Al{base.lower()}"))
        g, _, fa = latin_parts(p, rng)
        return _meta(p, rng, (NameInput(full=rng.choice((f"{g} bin {fa} {f}", f"{g} {f}"))),))
    if cls == "document":
        if not p.docs:
            return None
        raw = p.docs[0]
        doc = rng.choice(
            (
                raw.replace(" ", ""),
                raw.replace(" ", "-"),
                " ".join(
                    raw.replace(" ", "")[i : i + 3] for i in range(0, len(raw.replace(" ", "")), 3)
                ),
                raw.lower(),
            )
        )
        g, f, fa = latin_parts(p, rng)
        return _meta(p, rng, (NameInput(given=g, family=f),), dob="", docs=(doc,))
    raise ValueError(cls)


POSITIVE_CLASSES = (
    *(f"ru_{s}" for s in (*RU_SCHEMES, "GERMAN")),
    "ua_national",
    "ar_script_vs_latin",
    "ar_latin_variants",
    "ar_latin_to_script",
    "zh_han_vs_pinyin",
    "ka_script_vs_latin",
    "hy_script_vs_latin",
    "diacritics_stripped",
    "order_swapped",
    "patronymic_dropped",
    "single_field",
    "initials",
    "dob_swap",
    "dob_typo",
    "dob_partial",
    "dob_pm1",
    "name_typo",
    "compound",
    "particles",
    "document",
)


def negative(p: Person, kind: str, rng: random.Random, pid: str) -> Subject:
    """Someone who is NOT ``p``: a namesake, a relative, or a stranger."""
    if kind == "stranger":
        s = make_person(rng, pid)
        g, f, fa = latin_parts(s, rng)
        return _meta(s, rng, (_split(g, f, fa, rng, False),), dob=s.dob.isoformat())
    years = rng.randrange(3, 30) * rng.choice((-1, 1))
    other_dob = (
        p.dob + dt.timedelta(days=int(365.25 * years) + rng.randrange(-100, 100))
    ).isoformat()
    if kind == "namesake":
        g, f, fa = latin_parts(p, rng)
        return _meta(p, rng, (_split(g, f, fa, rng, rng.random() < 0.5),), dob=other_dob)
    sib = make_person(rng, pid)
    sib.group, sib.family, sib.father = p.group, p.family, p.father
    for _ in range(10):
        alt = make_person(random.Random(rng.random()), pid)
        if alt.group == p.group and alt.given != p.given:
            sib.given, sib.female = alt.given, alt.female
            break
    else:
        return negative(p, "stranger", rng, pid)
    if sib.female != p.female and p.group in CYR:
        base = p.family if not p.female else p.family[:-1] if p.family.endswith("а") else p.family
        sib.family = feminine(base) if sib.female else base
    g, f, fa = latin_parts(sib, rng)
    return _meta(sib, rng, (_split(g, f, fa, rng, True),), dob=other_dob)


def make_queries(persons: list[Person], n_pos: int, n_neg: int, seed: int) -> list[Query]:
    """Positives spread evenly over POSITIVE_CLASSES, negatives over three kinds."""
    rng = random.Random(seed + 2)
    out: list[Query] = []
    per = -(-n_pos // len(POSITIVE_CLASSES))
    for cls in POSITIVE_CLASSES:
        made = tries = 0
        while made < per and tries < per * 400 and len(out) < n_pos:
            tries += 1
            p = rng.choice(persons)
            q = positive(p, cls, rng)
            if q is not None:
                out.append((q, cls, p.id))
                made += 1
    kinds = ("namesake", "relative", "stranger")
    for i in range(n_neg):
        kind = kinds[i % 3]
        out.append((negative(rng.choice(persons), kind, rng, f"N{i}"), "neg_" + kind, ""))
    return out


__all__ = ["POSITIVE_CLASSES", "generate_list", "iter_subjects", "make_queries"]
