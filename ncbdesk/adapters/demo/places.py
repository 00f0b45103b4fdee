"""Places of birth, in the English spelling bureaus use in international traffic."""

from __future__ import annotations

from ncbdesk.adapters.demo.tables import split

# Cities by culture where the culture does not follow the country (Dagestanis
# are Russian nationals born in Dagestan, not in Moscow).
BY_CULTURE: dict[str, tuple[str, ...]] = {
    "dagestani": split("Makhachkala Derbent Khasavyurt Buynaksk Kizlyar Kaspiysk Izberbash"),
    "chechen": split("Grozny Gudermes Urus-Martan Shali Argun Achkhoy-Martan"),
    "ingush": split("Nazran Magas Karabulak Malgobek Sunzha"),
}

BY_COUNTRY: dict[str, tuple[str, ...]] = {
    "RU": (
        "Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan",
        "Nizhny Novgorod", "Chelyabinsk", "Samara", "Rostov-on-Don", "Ufa", "Krasnoyarsk",
        "Perm", "Voronezh", "Volgograd", "Omsk", "Vladivostok", "Irkutsk", "Tver", "Sochi",
    ),
    "BY": ("Minsk", "Gomel", "Brest", "Vitebsk", "Grodno"),
    "UA": ("Kyiv", "Kharkiv", "Odesa", "Dnipro", "Lviv", "Zaporizhzhia", "Vinnytsia"),
    "UZ": ("Tashkent", "Samarkand", "Bukhara", "Namangan", "Andijan", "Fergana", "Nukus"),
    "KZ": ("Almaty", "Astana", "Shymkent", "Karaganda", "Aktobe", "Pavlodar", "Taraz"),
    "TJ": ("Dushanbe", "Khujand", "Kulob", "Bokhtar", "Istaravshan"),
    "KG": ("Bishkek", "Osh", "Jalal-Abad", "Karakol", "Tokmok"),
    "GE": ("Tbilisi", "Kutaisi", "Batumi", "Rustavi", "Zugdidi", "Gori", "Telavi"),
    "AM": ("Yerevan", "Gyumri", "Vanadzor", "Abovyan", "Kapan"),
    "AZ": ("Baku", "Ganja", "Sumqayit", "Lankaran", "Shaki", "Mingachevir"),
    "TR": ("Istanbul", "Ankara", "Izmir", "Bursa", "Antalya", "Gaziantep", "Trabzon", "Adana"),
    "CN": (
        "Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Wenzhou", "Fuzhou", "Harbin",
        "Chengdu", "Wuhan", "Shenyang", "Dalian", "Urumqi",
    ),
    "SY": ("Damascus", "Aleppo", "Homs", "Latakia", "Deir ez-Zor"),
    "IQ": ("Baghdad", "Mosul", "Basra", "Kirkuk", "Najaf"),
    "EG": ("Cairo", "Alexandria", "Giza", "Port Said", "Asyut"),
    "MA": ("Casablanca", "Rabat", "Fès", "Tangier", "Marrakesh", "Oujda"),
    "DZ": ("Algiers", "Oran", "Constantine", "Annaba", "Sétif"),
    "TN": ("Tunis", "Sfax", "Sousse", "Bizerte"),
    "JO": ("Amman", "Zarqa", "Irbid"),
    "LB": ("Beirut", "Tripoli", "Sidon", "Tyre"),
    "SA": ("Riyadh", "Jeddah", "Dammam", "Mecca"),
    "AE": ("Dubai", "Abu Dhabi", "Sharjah"),
    "LY": ("Tripoli", "Benghazi", "Misrata"),
    "YE": ("Sana'a", "Aden", "Taiz"),
    "DE": ("Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt am Main", "Leipzig", "Dresden"),
    "FR": ("Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Lille", "Strasbourg"),
    "IT": ("Rome", "Milan", "Naples", "Turin", "Palermo", "Bari", "Reggio Calabria"),
    "ES": ("Madrid", "Barcelona", "Valencia", "Seville", "Málaga", "Bilbao"),
    "PL": ("Warsaw", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk"),
    "CZ": ("Prague", "Brno", "Ostrava", "Plzeň"),
    "SK": ("Bratislava", "Košice", "Nitra"),
    "RO": ("Bucharest", "Cluj-Napoca", "Iași", "Timișoara", "Constanța"),
    "NL": ("Amsterdam", "Rotterdam", "The Hague", "Utrecht", "Eindhoven"),
    "PT": ("Lisbon", "Porto", "Braga", "Coimbra"),
    "GB": ("London", "Manchester", "Birmingham", "Liverpool", "Glasgow", "Leeds"),
    "HR": ("Zagreb", "Split", "Rijeka", "Osijek"),
    "HU": ("Budapest", "Debrecen", "Szeged", "Miskolc"),
    "LV": ("Riga", "Daugavpils", "Liepāja"),
    "FI": ("Helsinki", "Tampere", "Turku", "Oulu"),
}  # fmt: skip


def places_for(culture: str, nationality: str) -> tuple[str, ...]:
    return BY_CULTURE.get(culture) or BY_COUNTRY.get(nationality) or BY_COUNTRY["RU"]
