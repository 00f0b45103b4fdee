"""Name tables for Arabic, Chinese, Georgian, Armenian, Turkish and Azerbaijani names.

Hand-written from common names. Arabic names carry the Latin spellings they
are attested under (English usage first, then French usage, then variants);
Chinese surnames carry their pinyin because machine readings of surname
characters are often wrong (曾 is Zeng as a surname, not ceng).
"""

from __future__ import annotations

from ncbdesk.adapters.demo.tables import NameTable, spelled, split

ARABIC_MALE = spelled(
    """
    محمد: Mohammed, Mohamed, Muhammad, Mohammad, Mohamad, Muhammed
    أحمد: Ahmed, Ahmed, Ahmad
    علي: Ali, Ali, Aly
    حسن: Hassan, Hassan, Hasan
    حسين: Hussein, Hocine, Husayn, Hussain, Hussien
    عمر: Omar, Omar, Umar
    خالد: Khaled, Khaled, Khalid
    يوسف: Youssef, Youcef, Yusuf, Yousef, Youssif
    إبراهيم: Ibrahim, Brahim, Ibraheem
    عبد الله: Abdullah, Abdallah, Abdulla, Abdellah
    عبد الرحمن: Abdulrahman, Abderrahmane, Abd al-Rahman, Abdelrahman
    مصطفى: Mustafa, Mustapha, Moustafa
    محمود: Mahmoud, Mahmoud, Mahmud
    سعيد: Saeed, Said, Sayed
    كريم: Karim, Karim, Kareem
    طارق: Tariq, Tarek, Tarik
    سامي: Sami, Sami, Samy
    فيصل: Faisal, Fayçal, Faysal
    ياسر: Yasser, Yacer, Yasir
    ماجد: Majed, Majed, Majid
    جمال: Jamal, Djamel, Gamal
    رشيد: Rashid, Rachid, Rasheed
    نبيل: Nabil, Nabil, Nabeel
    حمزة: Hamza, Hamza, Hamzah
    بلال: Bilal, Bilel, Belal
    زياد: Ziad, Ziad, Ziyad
    وليد: Walid, Walid, Waleed
    عادل: Adel, Adel, Adil
    صالح: Saleh, Salah, Salih
    منصور: Mansour, Mansour, Mansur
    """
)
ARABIC_FEMALE = spelled(
    """
    فاطمة: Fatima, Fatma, Fatimah, Fatemah
    عائشة: Aisha, Aicha, Aysha, Ayesha
    مريم: Maryam, Meriem, Mariam, Miriam
    خديجة: Khadija, Khadidja, Khadijah
    زينب: Zainab, Zineb, Zaynab, Zeinab
    نور: Nour, Nour, Noor, Nur
    ليلى: Layla, Leila, Laila
    سارة: Sara, Sarah, Sarah
    هدى: Huda, Houda, Hoda
    أمينة: Amina, Amina, Aminah
    سلمى: Salma, Salma, Salmah
    ياسمين: Yasmin, Yasmine, Yasmeen
    رانيا: Rania, Rania, Raniya
    منى: Mona, Mouna, Muna
    نادية: Nadia, Nadia, Nadiya
    حنان: Hanan, Hanane, Hanaan
    سميرة: Samira, Samira, Sameera
    لينا: Lina, Lina, Leena
    """
)
ARABIC_FAMILY = spelled(
    """
    العلي: Al-Ali, El Ali, Alali
    الحسن: Al-Hassan, El Hassan, Alhasan
    الأحمد: Al-Ahmad, El Ahmad, Alahmed
    الخطيب: Al-Khatib, El Khatib, Alkhateeb
    الشامي: Al-Shami, Chami, Alshami
    المصري: Al-Masri, El Masri, Elmasry
    حداد: Haddad, Haddad, Hadad
    منصور: Mansour, Mansour, Mansur
    عبد الله: Abdullah, Abdallah, Abdulla
    بن سالم: Bin Salem, Ben Salem, Bin Salim
    بن يوسف: Bin Yousef, Ben Youssef, Bin Yusuf
    العمري: Al-Omari, El Omari, Alomari
    الزهراني: Al-Zahrani, Zahrani, Alzahrani
    القحطاني: Al-Qahtani, Kahtani, Alqahtani
    الدوسري: Al-Dosari, Dossari, Aldossary
    الجبوري: Al-Jubouri, Jbouri, Aljuburi
    التميمي: Al-Tamimi, Tamimi, Altamimi
    العبيدي: Al-Obaidi, Obeidi, Alubaidi
    الحسيني: Al-Husseini, Husseini, Alhusaini
    الرفاعي: Al-Rifai, Rifai, Alrefaie
    السيد: El-Sayed, El Sayed, Alsayed
    عثمان: Othman, Othmane, Uthman, Osman
    يونس: Younis, Younes, Yunus
    بوزيد: Bouzid, Bouzid, Abu Zaid
    الهاشمي: Al-Hashimi, El Hachemi, Alhashemi
    درويش: Darwish, Derouiche, Darweesh
    قاسم: Qasim, Kacem, Kassem, Qassem
    الشريف: Al-Sharif, Cherif, Alsharif
    """
)

# Surname character(s): pinyin as written in Chinese passports.
CHINESE_FAMILY: dict[str, str] = {
    "王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang",
    "黄": "Huang", "赵": "Zhao", "吴": "Wu", "周": "Zhou", "徐": "Xu", "孙": "Sun",
    "马": "Ma", "朱": "Zhu", "胡": "Hu", "郭": "Guo", "何": "He", "林": "Lin", "高": "Gao",
    "罗": "Luo", "郑": "Zheng", "梁": "Liang", "谢": "Xie", "宋": "Song", "唐": "Tang",
    "许": "Xu", "韩": "Han", "冯": "Feng", "邓": "Deng", "曹": "Cao", "彭": "Peng",
    "曾": "Zeng", "萧": "Xiao", "田": "Tian", "董": "Dong", "袁": "Yuan", "潘": "Pan",
    "蒋": "Jiang", "蔡": "Cai", "余": "Yu", "杜": "Du", "叶": "Ye", "程": "Cheng",
    "苏": "Su", "魏": "Wei", "吕": "Lyu", "丁": "Ding", "沈": "Shen", "姚": "Yao",
    "卢": "Lu", "姜": "Jiang", "崔": "Cui", "钟": "Zhong", "谭": "Tan", "陆": "Lu",
    "汪": "Wang", "范": "Fan", "金": "Jin", "石": "Shi", "廖": "Liao", "贾": "Jia",
    "夏": "Xia", "韦": "Wei", "方": "Fang", "白": "Bai", "邹": "Zou", "孟": "Meng",
    "熊": "Xiong", "秦": "Qin", "邱": "Qiu", "江": "Jiang", "薛": "Xue", "雷": "Lei",
    "单": "Shan", "解": "Xie", "欧阳": "Ouyang", "司马": "Sima", "诸葛": "Zhuge",
}  # fmt: skip
# Characters common in given names, read unambiguously by ICU's Han-Latin.
CHINESE_MALE_CHARS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国文志海东峰"
CHINESE_FEMALE_CHARS = "芳娜敏静丽艳娟霞秀燕玲桂丹萍红梅琳雪婷慧莹颖倩洁佳欣怡月兰晶"

GEORGIAN = NameTable(
    male=split(
        "გიორგი დავით ლევან ირაკლი ზურაბ ნიკოლოზ ალექსანდრე ლაშა თორნიკე ბექა დიმიტრი ვახტანგ "
        "მამუკა გელა შოთა ზაზა კახა ბესიკ ავთანდილ მერაბ ნოდარ ოთარ გურამ ილია"
    ),
    female=split(
        "ნინო თამარ მარიამ ნათია ეკატერინე ანა სალომე მაია ნანა ქეთევან ხათუნა ლიკა თეონა "
        "ელენე ნატო სოფიო მაკა ირმა ლალი ნესტან"
    ),
    family=split(
        "ბერიძე კაპანაძე მაისურაძე გიორგაძე ლომიძე ნოზაძე ბოლქვაძე კვარაცხელია გელაშვილი "
        "ხუციშვილი მამულაშვილი ჯავახიშვილი წიკლაური ბერიშვილი ჩხეიძე ცერცვაძე ქავთარაძე "
        "ჩიქოვანი გვასალია შენგელია მესხი ჯანელიძე ლორთქიფანიძე ხარაიშვილი აბაშიძე "
        "ტაბატაძე ჭანტურია ცინცაძე მჭედლიშვილი გაბუნია დოლიძე"
    ),
)

ARMENIAN = NameTable(
    male=split(
        "Արամ Արմեն Հայկ Տիգրան Դավիթ Գոռ Նարեկ Արթուր Արսեն Վահե Սամվել Գագիկ Աշոտ Կարեն "
        "Հովհաննես Սարգիս Վարդան Մհեր Էդգար Ռուբեն Գևորգ Երվանդ Արտակ Հրանտ Լևոն Ռոբերտ "
        "Համլետ Վազգեն Արման Մանվել"
    ),
    female=split(
        "Անի Մարիամ Լուսինե Անահիտ Գայանե Նարինե Արմինե Սոնա Լիլիթ Տաթևիկ Աստղիկ Հասմիկ "
        "Նունե Մարինե Զառա Էլեն Լիանա Սիրանուշ"
    ),
    family=split(
        "Պետրոսյան Հովհաննիսյան Սարգսյան Խաչատրյան Գրիգորյան Կարապետյան Հարությունյան "
        "Մկրտչյան Ավետիսյան Գևորգյան Հակոբյան Վարդանյան Ստեփանյան Մարտիրոսյան Սահակյան "
        "Մանուկյան Ղազարյան Մելքոնյան Պողոսյան Ասատրյան Դավթյան Բաղդասարյան Առաքելյան "
        "Ադամյան Ալեքսանյան Մուրադյան Թորոսյան Համբարձումյան Զաքարյան Ծատուրյան"
    ),
)

TURKISH = NameTable(
    male=split(
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan "
        "Halil Süleyman Abdullah Mahmut Recep Emre Burak Fatih Serkan Oğuz Çağlar Gökhan "
        "Uğur Barış Tuğrul Şükrü Cengiz"
    ),
    female=split(
        "Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Özlem "
        "Gülşen Büşra Derya Sevgi Gül Çiğdem Yağmur"
    ),
    family=split(
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
        "Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Öz Korkmaz Güneş Aksoy Keskin "
        "Aktaş Bulut Ateş Kaplan Tekin Duman Güler Uçar"
    ),
)

AZERBAIJANI = NameTable(
    male=split(
        "Elvin Rəşad Orxan Tural Elçin Vüqar Kamran Ramil Anar Əli Məhəmməd Rövşən Səbuhi "
        "Fərid Cavid Nicat Şahin Ceyhun Emin Tofiq Vüsal Namiq İlqar Xəyal"
    ),
    female=split(
        "Aynur Günay Leyla Nərgiz Səbinə Ülviyyə Aysel Könül Lalə Gülnar Sevinc Şəbnəm Xədicə "
        "Aygün Fidan Nigar"
    ),
    family=split(
        "Məmmədov Əliyev Hüseynov Həsənov Quliyev İsmayılov Abbasov Rzayev Cəfərov Qasımov "
        "Bağırov Nəsirov Səfərov Kərimov Hacıyev Mustafayev Orucov Süleymanov Əhmədov Babayev "
        "Novruzov Zeynalov Rəhimov Vəliyev"
    ),
)
