"""Generate the labelled duplicate-detection pair sets (deterministic, seeded).

    python tests/core/data/make_duplicate_pairs.py            # writes both CSV files

`tests/core/data/duplicate_pairs.csv` is built from the TRAIN name pools with seed 20250601 and is used
by the unit tests (and may be used to tune the matcher). `benchmarks/data/duplicate_pairs_holdout.csv`
is built from the disjoint HOLDOUT pools with another seed and must never be used for tuning.

All names are invented combinations of common given and family names; no real person is described.
Cyrillic names are transliterated by the real systems a Czech officer meets (Ukrainian passport
KMU 2010, Russian ICAO, Czech, German and French transcription); Arabic-script and Ge'ez names carry
hand-written lists of the Latin spellings seen in practice.
"""

from __future__ import annotations

import csv
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TRAIN_CSV = ROOT / "tests" / "core" / "data" / "duplicate_pairs.csv"
HOLDOUT_CSV = ROOT / "benchmarks" / "data" / "duplicate_pairs_holdout.csv"
REFERENCE_DATE = date(2025, 6, 1)

# --------------------------------------------------------------------------------------------------
# Transliteration systems for Cyrillic
# --------------------------------------------------------------------------------------------------

_COMMON = dict(zip("абдзклмнопрстуф", "abdzklmnoprstuf", strict=True))

UKR_KMU = {  # Ukrainian national system (passports since 2010); second value is the word-initial form
    **_COMMON, "в": "v", "г": "h", "ґ": "g", "е": "e", "є": ("ie", "ye"), "ж": "zh", "и": "y", "і": "i",
    "ї": ("i", "yi"), "й": ("i", "y"), "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ю": ("iu", "yu"), "я": ("ia", "ya"), "'": "", "’": "",
}
UKR_CZECH = {
    **_COMMON, "в": "v", "г": "h", "ґ": "g", "е": "e", "є": "je", "ж": "ž", "и": "y", "і": "i", "ї": "ji",
    "й": "j", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ь": "", "ю": "ju", "я": "ja", "'": "", "’": "",
}
UKR_GERMAN = {
    **_COMMON, "в": "w", "г": "h", "ґ": "g", "е": "e", "є": "je", "ж": "sch", "з": "s", "и": "y", "і": "i",
    "ї": "ji", "й": "j", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ь": "", "ю": "ju",
    "я": "ja", "'": "", "’": "",
}
UKR_FRENCH = {
    **_COMMON, "в": "v", "г": "h", "ґ": "g", "е": "e", "є": "ie", "ж": "j", "и": "y", "і": "i", "ї": "ï",
    "й": "ï", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "у": "ou", "ь": "", "ю": "iou",
    "я": "ia", "'": "", "’": "",
}
UKR_AS_RUSSIAN = {  # Ukrainian read with Russian habits (older documents, Russian-speaking interpreters)
    **_COMMON, "в": "v", "г": "g", "ґ": "g", "е": "e", "є": "e", "ж": "zh", "и": "i", "і": "i", "ї": "i",
    "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ь": "", "ю": "yu", "я": "ya",
    "'": "", "’": "",
}
RUS_ICAO = {
    **_COMMON, "в": "v", "г": "g", "е": "e", "ё": "e", "ж": "zh", "и": "i", "й": "i", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
RUS_BGN = {
    **RUS_ICAO, "е": ("e", "ye"), "ё": "yo", "й": "y", "ъ": "", "ю": "yu", "я": "ya",
}
RUS_CZECH = {
    **_COMMON, "в": "v", "г": "g", "е": ("e", "je"), "ё": "jo", "ж": "ž", "и": "i", "й": "j", "х": "ch",
    "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}
RUS_GERMAN = {
    **_COMMON, "в": "w", "г": "g", "е": ("e", "je"), "ё": "jo", "ж": "sch", "з": "s", "и": "i", "й": "j",
    "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "ju", "я": "ja",
}
RUS_FRENCH = {
    **_COMMON, "в": "v", "г": "g", "е": "e", "ё": "io", "ж": "j", "и": "i", "й": "ï", "х": "kh", "ц": "ts",
    "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "у": "ou", "ю": "iou", "я": "ia",
}
UKR_SYSTEMS = {"kmu": UKR_KMU, "cz": UKR_CZECH, "de": UKR_GERMAN, "fr": UKR_FRENCH, "ru": UKR_AS_RUSSIAN}
RUS_SYSTEMS = {"icao": RUS_ICAO, "bgn": RUS_BGN, "cz": RUS_CZECH, "de": RUS_GERMAN, "fr": RUS_FRENCH}


def translit(text: str, table: dict) -> str:
    """Transliterate Cyrillic words with one system, keeping capitalisation of word starts."""
    words = []
    for word in text.split():
        out = []
        for i, ch in enumerate(word):
            low = ch.lower()
            value = table.get(low, low)
            if isinstance(value, tuple):
                value = value[1] if i == 0 else value[0]  # word-initial Ye/Yu/Ya forms
            out.append(value.capitalize() if i == 0 else value)
        words.append("".join(out))
    return " ".join(words)


def strip_diacritics(text: str) -> str:
    """Remove combining marks (and đ) the way an ASCII keyboard would."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def czech_feminine(czech_masculine: str) -> str:
    """Czech feminine form of a transcribed Slavic surname: Ševčenko -> Ševčenková, Kovalskyj -> Kovalská."""
    for ending in ("skyj", "skij", "ckyj", "ckij", "ský", "cký"):
        if czech_masculine.endswith(ending):
            return czech_masculine[: -len(ending)] + ending[:2] + "á"
    if czech_masculine.endswith(("o", "a")):
        return czech_masculine[:-1] + "ová"
    return czech_masculine + "ová"


# --------------------------------------------------------------------------------------------------
# Name pools (hand-written). TRAIN and HOLDOUT share no given or family name.
# --------------------------------------------------------------------------------------------------

TRAIN = {
    "ua_m": "Олександр Дмитро Сергій Андрій Микола Іван Максим Богдан Тарас Юрій Олексій Михайло Василь Артем "
    "Назар Ілля Антон Владислав",
    "ua_f": "Юлія Ольга Олена Анастасія Марія Катерина Дарина Ганна Софія Ірина Оксана Вікторія Христина Яна",
    # (masculine, feminine) Ukrainian surnames
    "ua_fam": [
        ("Шевченко", "Шевченко"), ("Коваленко", "Коваленко"), ("Бондаренко", "Бондаренко"),
        ("Ткаченко", "Ткаченко"), ("Кравченко", "Кравченко"), ("Олійник", "Олійник"), ("Шевчук", "Шевчук"),
        ("Мельник", "Мельник"), ("Бойко", "Бойко"), ("Ткачук", "Ткачук"), ("Поліщук", "Поліщук"),
        ("Савченко", "Савченко"), ("Лисенко", "Лисенко"), ("Марченко", "Марченко"), ("Харченко", "Харченко"),
        ("Хоменко", "Хоменко"), ("Гнатюк", "Гнатюк"), ("Зінченко", "Зінченко"), ("Ковальчук", "Ковальчук"),
        ("Ковальський", "Ковальська"), ("Яковенко", "Яковенко"), ("Грищенко", "Грищенко"),
    ],
    # Different Ukrainian surnames sharing a stem (not adjectival: feminine = masculine).
    "stem_pairs": [
        ("Шевченко", "Шевчук"), ("Ткаченко", "Ткачук"), ("Коваленко", "Ковальчук"), ("Юрченко", "Юрчук"),
        ("Бондаренко", "Бондар"), ("Мельник", "Мельниченко"), ("Савченко", "Савчук"), ("Марченко", "Марчук"),
    ],
    "ru_m": "Александр Дмитрий Сергей Алексей Николай Андрей Михаил Никита Егор Кирилл",
    "ru_f": "Юлия Ольга Анастасия Мария Екатерина Дарья Елена Ксения Полина",
    "ru_fam": [
        ("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
        ("Соколов", "Соколова"), ("Лебедев", "Лебедева"), ("Морозов", "Морозова"), ("Волков", "Волкова"),
        ("Васильев", "Васильева"), ("Островский", "Островская"), ("Пушкарёв", "Пушкарёва"),
    ],
    # The same name in its Ukrainian and Russian form (a child may give either).
    "ua_ru": [
        ("Олександр", "Александр"), ("Дмитро", "Дмитрий"), ("Сергій", "Сергей"), ("Олексій", "Алексей"),
        ("Юлія", "Юлия"), ("Ольга", "Ольга"), ("Анастасія", "Анастасия"), ("Андрій", "Андрей"),
        ("Катерина", "Екатерина"), ("Олена", "Елена"),
    ],
    # (Arabic script, [Latin spellings])
    "ar_m": [
        ("محمد", ["Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhamed", "Mohamad"]),
        ("أحمد", ["Ahmad", "Ahmed", "Achmed"]),
        ("علي", ["Ali", "Aly"]),
        ("حسين", ["Hussein", "Husain", "Hossein", "Hussain", "Husein"]),
        ("حسن", ["Hassan", "Hasan"]),
        ("يوسف", ["Yusuf", "Youssef", "Yousef", "Jusuf", "Yousif"]),
        ("عمر", ["Omar", "Umar", "Omer"]),
        ("خالد", ["Khalid", "Khaled", "Chalid"]),
        ("إبراهيم", ["Ibrahim", "Ebrahim", "Ibraheem"]),
        ("مصطفى", ["Mustafa", "Moustafa", "Mostafa"]),
        ("محمود", ["Mahmoud", "Mahmud", "Mahmood"]),
        ("جمال", ["Jamal", "Djamal", "Dzhamal"]),
        ("ياسين", ["Yasin", "Yassin", "Yaseen"]),
        ("سعيد", ["Said", "Saeed", "Saied"]),
        ("رضا", ["Reza", "Rida", "Riza"]),
        ("جواد", ["Javad", "Jawad"]),
        ("مهدي", ["Mahdi", "Mehdi"]),
    ],
    "ar_f": [
        ("فاطمة", ["Fatima", "Fatma", "Fatimah"]),
        ("مريم", ["Maryam", "Mariam", "Meryem"]),
        ("زينب", ["Zainab", "Zeinab", "Zaynab"]),
        ("عائشة", ["Aisha", "Aicha", "Ayesha"]),
        ("ليلى", ["Layla", "Leila", "Laila"]),
        ("أمينة", ["Amina", "Amena", "Aminah"]),
        ("هدى", ["Huda", "Hoda", "Houda"]),
        ("نور", ["Nour", "Noor", "Nur"]),
    ],
    "ar_fam": [
        ("أحمدي", ["Ahmadi", "Ahmady", "Ahmedi"]),
        ("حسيني", ["Hosseini", "Husseini", "Hussaini"]),
        ("محمدي", ["Mohammadi", "Muhammadi", "Mohamadi"]),
        ("رحيمي", ["Rahimi", "Raheemi"]),
        ("كريمي", ["Karimi", "Kareemi"]),
        ("الحسن", ["Al-Hassan", "Alhassan", "Al Hasan"]),
        ("الخطيب", ["Al-Khatib", "Alkhatib", "El Khatib"]),
        ("حداد", ["Haddad", "Hadad"]),
        ("نوري", ["Nouri", "Nuri", "Noori"]),
        ("عثماني", ["Osmani", "Usmani", "Othmani"]),
        ("جعفري", ["Jafari", "Jaafari", "Jafary"]),
        ("سلطاني", ["Sultani", "Soltani"]),
    ],
    "ar_nat": ["SY", "AF", "IQ", "MA"],
    # (Ge'ez script, [Latin spellings])
    "ti_m": [
        ("ተስፋየ", ["Tesfaye", "Tesfay", "Tesfai"]),
        ("ዮናስ", ["Yonas", "Jonas"]),
        ("ሚካኤል", ["Mikael", "Michael", "Mikiel"]),
        ("ኣማኑኤል", ["Amanuel", "Amanueal", "Emanuel"]),
        ("ፍሊሞን", ["Filmon", "Filemon"]),
        ("ሄኖክ", ["Henok", "Henock"]),
        ("ዳዊት", ["Dawit", "Dawitt"]),
        ("ክብሮም", ["Kibrom", "Kbrom"]),
        ("ሃብቶም", ["Habtom", "Hebtom"]),
        ("ፀጋይ", ["Tsegay", "Tsegai", "Tsegaye"]),
    ],
    "ti_f": [
        ("ሰላም", ["Selam", "Salam"]),
        ("ሩታ", ["Ruta", "Rutta"]),
        ("ሰናይት", ["Senait", "Senayt"]),
        ("ዮርዳኖስ", ["Yordanos", "Jordanos"]),
        ("ሊድያ", ["Lidya", "Lydia", "Lidia"]),
    ],
    "ti_fam": [
        ("ገብረመድህን", ["Gebremedhin", "Ghebremedhin", "Gebremedihn"]),
        ("ሃይለ", ["Haile", "Hayle"]),
        ("ኪዳነ", ["Kidane", "Kidana"]),
        ("በርሀ", ["Berhe", "Berhie"]),
        ("መብራህቱ", ["Mebrahtu", "Mebrahtom"]),
        ("ግርማይ", ["Girmay", "Ghirmay", "Grmay"]),
        ("ተኽለ", ["Tekle", "Teklay"]),
        ("ወልዱ", ["Weldu", "Woldu"]),
    ],
    "ti_nat": ["ER", "ET"],
    "vi_fam": "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Đặng Bùi",
    "vi_mid_m": "Văn Đức Minh",
    "vi_mid_f": "Thị Ngọc Thanh",
    "vi_m": "An Bình Cường Dũng Hùng Khánh Long Nam Phong Quang Sơn Tuấn",
    "vi_f": "Hà Hạnh Hương Lan Linh Mai Nhung Thảo Trang Yến",
}

HOLDOUT = {
    "ua_m": "Володимир Петро Данило Ростислав Остап Святослав Ярослав Віталій Григорій Степан Костянтин Захар",
    "ua_f": "Наталія Людмила Тетяна Галина Валентина Мирослава Соломія Злата Уляна Олеся",
    "ua_fam": [
        ("Руденко", "Руденко"), ("Павленко", "Павленко"), ("Гуменюк", "Гуменюк"), ("Литвиненко", "Литвиненко"),
        ("Остапчук", "Остапчук"), ("Клименко", "Клименко"), ("Мазур", "Мазур"), ("Кравчук", "Кравчук"),
        ("Мороз", "Мороз"), ("Дорошенко", "Дорошенко"), ("Панченко", "Панченко"), ("Тимошенко", "Тимошенко"),
        ("Федорчук", "Федорчук"), ("Вишневський", "Вишневська"), ("Гончаренко", "Гончаренко"),
        ("Щербак", "Щербак"),
    ],
    "stem_pairs": [
        ("Руденко", "Рудик"), ("Павленко", "Павлюк"), ("Литвиненко", "Литвин"), ("Остапчук", "Остапенко"),
        ("Клименко", "Климчук"), ("Дорошенко", "Дорош"), ("Панченко", "Панчук"), ("Федорчук", "Федоренко"),
    ],
    "ru_m": "Владимир Павел Евгений Игорь Роман Тимофей Вадим Георгий",
    "ru_f": "Татьяна Наталья Светлана Вера Алёна Ирина Людмила",
    "ru_fam": [
        ("Новиков", "Новикова"), ("Петров", "Петрова"), ("Зайцев", "Зайцева"), ("Павлов", "Павлова"),
        ("Семёнов", "Семёнова"), ("Голубев", "Голубева"), ("Виноградов", "Виноградова"),
        ("Богданов", "Богданова"), ("Жуковский", "Жуковская"), ("Фёдоров", "Фёдорова"),
    ],
    "ua_ru": [
        ("Володимир", "Владимир"), ("Наталія", "Наталья"), ("Тетяна", "Татьяна"), ("Ігор", "Игорь"),
        ("Євген", "Евгений"), ("Людмила", "Людмила"), ("Григорій", "Григорий"), ("Віталій", "Виталий"),
    ],
    "ar_m": [
        ("عبدالله", ["Abdullah", "Abdallah", "Abdulla"]),
        ("كريم", ["Karim", "Kareem", "Kerim"]),
        ("بلال", ["Bilal", "Belal"]),
        ("حمزة", ["Hamza", "Hamzah", "Hamsa"]),
        ("حامد", ["Hamid", "Hamed"]),
        ("فريد", ["Farid", "Fareed"]),
        ("سجاد", ["Sajjad", "Sajad"]),
        ("رشيد", ["Rashid", "Rachid", "Rasheed"]),
        ("عثمان", ["Osman", "Othman", "Usman"]),
        ("طارق", ["Tariq", "Tarek", "Tarik"]),
        ("ناصر", ["Nasser", "Naser", "Nasir"]),
        ("سليمان", ["Suleiman", "Sulaiman", "Sulejman"]),
        ("إسماعيل", ["Ismail", "Ismael", "Esmail"]),
        ("يحيى", ["Yahya", "Yehia", "Jahja"]),
    ],
    "ar_f": [
        ("سارة", ["Sara", "Sarah"]),
        ("خديجة", ["Khadija", "Khadidja", "Chadidscha"]),
        ("رقية", ["Ruqayya", "Roqaya", "Rukiye"]),
        ("سمية", ["Sumaya", "Somaya", "Sumayya"]),
        ("ياسمين", ["Yasmin", "Yasmine", "Jasmin"]),
        ("رانيا", ["Rania", "Raniya"]),
        ("شيماء", ["Shaimaa", "Shaima", "Chaima"]),
    ],
    "ar_fam": [
        ("الأحمد", ["Al-Ahmad", "Alahmad", "El Ahmad"]),
        ("صديقي", ["Siddiqui", "Sediqi", "Seddiqi"]),
        ("قاسمي", ["Qasimi", "Kasimi", "Ghasemi"]),
        ("رضائي", ["Rezaei", "Rezai", "Rezayi"]),
        ("الشامي", ["Al-Shami", "Alshami", "Ash-Shami"]),
        ("يعقوبي", ["Yaqoubi", "Yakubi", "Jakubi"]),
        ("العبدالله", ["Al-Abdullah", "Alabdullah"]),
        ("حيدري", ["Haidari", "Heydari", "Hajdari"]),
        ("المصري", ["Al-Masri", "Elmasry", "Al Masri"]),
        ("نظري", ["Nazari", "Nasari"]),
    ],
    "ar_nat": ["SY", "AF", "IQ", "EG", "SD"],
    "ti_m": [
        ("ሳምሶን", ["Samson", "Samsom"]),
        ("ብርሃነ", ["Berhane", "Birhane", "Brhane"]),
        ("ሓጎስ", ["Hagos", "Hgos"]),
        ("መሓሪ", ["Mehari", "Mahari"]),
        ("ኣብርሃም", ["Abraham", "Abrham", "Abreham"]),
        ("ዳንኤል", ["Daniel", "Danel", "Daniael"]),
        ("ሮቤል", ["Robel", "Robiel"]),
        ("ናትናኤል", ["Natnael", "Nathnael", "Natanael"]),
    ],
    "ti_f": [
        ("ሄለን", ["Helen", "Hellen"]),
        ("ፍረወይኒ", ["Freweini", "Frewoini", "Freweyni"]),
        ("ኤልሳ", ["Elsa", "Elssa"]),
        ("ሳባ", ["Saba", "Sabba"]),
        ("ሚልዮን", ["Milion", "Million", "Milyon"]),
    ],
    "ti_fam": [
        ("ኣስመሮም", ["Asmerom", "Asmarom"]),
        ("ወልደሚካኤል", ["Woldemichael", "Weldemikael", "Woldemikael"]),
        ("ገረዝጊሄር", ["Gerezgiher", "Gerezgher"]),
        ("ተወልደ", ["Tewelde", "Tewolde"]),
        ("ዮውሃንስ", ["Yohannes", "Johannes", "Yohanes"]),
        ("ኣርኣያ", ["Araya", "Araia"]),
        ("ሃብተ", ["Habte", "Habtai"]),
    ],
    "ti_nat": ["ER", "ET"],
    "vi_fam": "Tạ Võ Đỗ Hồ Ngô Dương Lý Trương Đinh Lâm",
    "vi_mid_m": "Hữu Quốc Công",
    "vi_mid_f": "Thu Kim Bích",
    "vi_m": "Bảo Đạt Hải Hiếu Khoa Kiên Lộc Phúc Thắng Trung",
    "vi_f": "Chi Diệp Giang Hằng Ly Ngân Phương Quỳnh Tâm Vân",
}

# --------------------------------------------------------------------------------------------------
# People and records
# --------------------------------------------------------------------------------------------------


@dataclass
class Rec:
    """One registration as it appears in the CSV."""

    given: str = ""
    family: str = ""
    original: str = ""
    aliases: list[str] = field(default_factory=list)
    sex: str = "U"
    birth_date: date | None = None
    birth_year: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    reference_date: date | None = None
    nationality: list[str] = field(default_factory=list)


@dataclass
class Person:
    """A (fictional) child: names in every available spelling, sex, birth date, nationality."""

    origin: str  # ua, ru, ar, ti, vi
    sex: str
    given_native: str
    family_native: str
    given_latin: list[str]  # spellings; for Cyrillic, keyed by system in `given_systems`
    family_latin: list[str]
    birth: date
    nationality: str
    given_systems: dict[str, str] = field(default_factory=dict)
    family_systems: dict[str, str] = field(default_factory=dict)
    family_czech_feminine: str = ""


def words(value) -> list:
    """A pool entry as a list (space-separated strings are split)."""
    return value.split() if isinstance(value, str) else list(value)


class Generator:
    """Builds labelled pairs from one pool with one seeded random generator."""

    def __init__(self, pool: dict, seed: int):
        self.pool = pool
        self.rng = random.Random(seed)
        self.rows: list[dict] = []

    # --- people ---------------------------------------------------------------------------------
    def birth(self) -> date:
        """A birth date of a child aged 1-17 on the reference date."""
        return REFERENCE_DATE - timedelta(days=self.rng.randint(365 * 1, 365 * 17 + 300))

    def cyrillic_person(self, origin: str, sex: str | None = None, given: str | None = None,
                        family: tuple[str, str] | None = None, birth: date | None = None) -> Person:
        """A Ukrainian or Russian child with every transliteration precomputed."""
        rng = self.rng
        sex = sex or rng.choice("MF")
        given = given or rng.choice(words(self.pool[f"{origin}_{sex.lower()}"]))
        family_pair = family or rng.choice(self.pool[f"{origin}_fam"])
        family_native = family_pair[0] if sex == "M" else family_pair[1]
        systems = UKR_SYSTEMS if origin == "ua" else RUS_SYSTEMS
        given_systems = {k: translit(given, t) for k, t in systems.items()}
        family_systems = {k: translit(family_native, t) for k, t in systems.items()}
        czech_masc = translit(family_pair[0], systems["cz"])
        return Person(
            origin, sex, given, family_native, sorted(set(given_systems.values())),
            sorted(set(family_systems.values())), birth or self.birth(), "UA" if origin == "ua" else "RU",
            given_systems, family_systems, czech_feminine(czech_masc) if sex == "F" else "",
        )

    def listed_person(self, origin: str, sex: str | None = None, given=None, family=None,
                      birth: date | None = None) -> Person:
        """An Arabic-script or Ge'ez-script child with hand-listed Latin spellings."""
        rng = self.rng
        sex = sex or rng.choice("MF")
        given = given or rng.choice(self.pool[f"{origin}_{sex.lower()}"])
        family = family or rng.choice(self.pool[f"{origin}_fam"])
        nationality = rng.choice(self.pool[f"{origin}_nat"])
        return Person(origin, sex, given[0], family[0], list(given[1]), list(family[1]), birth or self.birth(),
                      nationality)

    def vietnamese_person(self, sex: str | None = None, given: str | None = None, family: str | None = None,
                          birth: date | None = None) -> Person:
        """A Vietnamese child: family, middle and given name, with diacritics."""
        rng = self.rng
        sex = sex or rng.choice("MF")
        middle = rng.choice(words(self.pool[f"vi_mid_{sex.lower()}"]))
        given = given or rng.choice(words(self.pool[f"vi_{sex.lower()}"]))
        family = family or rng.choice(words(self.pool["vi_fam"]))
        return Person("vi", sex, f"{middle} {given}", family, [f"{middle} {given}"], [family], birth or self.birth(),
                      "VN")

    def person(self, origin: str | None = None, **kwargs) -> Person:
        """A child of the given (or a random) origin."""
        origin = origin or self.rng.choice(["ua", "ua", "ua", "ru", "ar", "ar", "ar", "ti", "ti", "vi"])
        if origin in ("ua", "ru"):
            return self.cyrillic_person(origin, **kwargs)
        if origin == "vi":
            return self.vietnamese_person(**kwargs)
        return self.listed_person(origin, **kwargs)

    # --- records --------------------------------------------------------------------------------
    def latin(self, p: Person, system: str | None = None) -> tuple[str, str]:
        """One Latin spelling of the person's given and family name."""
        rng = self.rng
        if p.origin == "vi":
            return (p.given_latin[0], p.family_latin[0]) if rng.random() < 0.3 else (
                strip_diacritics(p.given_latin[0]), strip_diacritics(p.family_latin[0]))
        if p.given_systems:
            system = system or rng.choice(list(p.given_systems))
            return p.given_systems[system], p.family_systems[system]
        return rng.choice(p.given_latin), rng.choice(p.family_latin)

    def record(self, p: Person, given: str, family: str, original: bool = False, birth: str = "exact",
               sex: str | None = None) -> Rec:
        """A registration of a person with the chosen spelling and birth information."""
        rec = Rec(given=given, family=family, sex=sex or p.sex, nationality=[p.nationality])
        if original and p.origin not in ("vi",):
            rec.original = f"{p.given_native} {p.family_native}"
        elif original and p.origin == "vi":
            rec.original = f"{p.family_native} {p.given_native}"
        self.set_birth(rec, p.birth, birth)
        return rec

    def set_birth(self, rec: Rec, born: date, how: str) -> None:
        """Record the birth as a date, a year, an estimated age range, or not at all."""
        rng = self.rng
        if how == "exact":
            rec.birth_date = born
        elif how == "year":
            rec.birth_year = born.year
        elif how == "range":
            age = (REFERENCE_DATE - born).days // 365
            low = max(0, age - rng.choice([0, 1, 1, 2]))
            rec.age_min, rec.age_max, rec.reference_date = low, low + rng.choice([2, 2, 3, 4]), REFERENCE_DATE
            if not rec.age_min <= age <= rec.age_max:
                rec.age_max = age + 1
        elif how == "other_date_same_year":
            other = born.replace(month=rng.randint(1, 12), day=rng.randint(1, 28))
            rec.birth_date = other if other != born else born.replace(day=born.day % 28 + 1)
        elif how == "swapped_day_month" and born.day <= 12 and born.day != born.month:
            rec.birth_date = born.replace(month=born.day, day=born.month)
        elif how == "swapped_day_month":
            rec.birth_date = born
        # "unknown": nothing

    def positive_birth(self) -> tuple[str, str]:
        """How the two registrations of the same child record the birth."""
        return self.rng.choices(
            [("exact", "exact"), ("exact", "unknown"), ("exact", "range"), ("range", "range"), ("year", "exact"),
             ("exact", "other_date_same_year"), ("exact", "swapped_day_month"), ("unknown", "unknown")],
            weights=[35, 15, 20, 8, 8, 6, 4, 4],
        )[0]

    def add(self, category: str, same: int, a: Rec, b: Rec) -> None:
        """Append one labelled pair (randomly ordered)."""
        if self.rng.random() < 0.5:
            a, b = b, a
        row = {"id": len(self.rows) + 1, "category": category, "same": same}
        for prefix, rec in (("a", a), ("b", b)):
            row.update({
                f"{prefix}_given": rec.given,
                f"{prefix}_family": rec.family,
                f"{prefix}_original": rec.original,
                f"{prefix}_aliases": "|".join(rec.aliases),
                f"{prefix}_sex": rec.sex,
                f"{prefix}_birth_date": rec.birth_date.isoformat() if rec.birth_date else "",
                f"{prefix}_birth_year": rec.birth_year or "",
                f"{prefix}_age_min": "" if rec.age_min is None else rec.age_min,
                f"{prefix}_age_max": "" if rec.age_max is None else rec.age_max,
                f"{prefix}_reference_date": rec.reference_date.isoformat() if rec.reference_date else "",
                f"{prefix}_nationality": ";".join(rec.nationality),
            })
        self.rows.append(row)

    def pair_same(self, category: str, p: Person, a_names, b_names, a_original=False, b_original=False) -> None:
        """Two registrations of the same person."""
        how_a, how_b = self.positive_birth()
        a = self.record(p, *a_names, original=a_original, birth=how_a)
        b = self.record(p, *b_names, original=b_original, birth=how_b)
        if self.rng.random() < 0.08:
            b.sex = "U"
        if self.rng.random() < 0.1:
            b.nationality = []
        self.add(category, 1, a, b)

    # --- positive categories --------------------------------------------------------------------
    def cyrillic_latin(self, n: int) -> None:
        """Original Cyrillic + passport spelling vs another transliteration."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ua", "ua", "ua", "ru"]))
            first = "kmu" if p.origin == "ua" else "icao"
            other = self.rng.choice([k for k in p.given_systems if k != first])
            self.pair_same("cyrillic_latin", p, self.latin(p, first), self.latin(p, other), a_original=True)

    def translit_variant(self, n: int) -> None:
        """Two Latin transliterations, no original script on either side."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ua", "ua", "ru"]))
            s1, s2 = self.rng.sample(list(p.given_systems), 2)
            self.pair_same("translit_variant", p, self.latin(p, s1), self.latin(p, s2))

    def ua_ru_form(self, n: int) -> None:
        """Ukrainian form of the given name on one side, the Russian form on the other."""
        for _ in range(n):
            ua, ru = self.rng.choice(self.pool["ua_ru"])
            sex = "F" if ua[-1] in "яа" else "M"
            p = self.cyrillic_person("ua", sex=sex, given=ua)
            q = self.cyrillic_person("ru", sex=sex, given=ru)
            b_names = (q.given_systems[self.rng.choice(list(RUS_SYSTEMS))], self.latin(p)[1])
            self.pair_same("ua_ru_form", p, self.latin(p, "kmu"), b_names, a_original=self.rng.random() < 0.5)

    def czech_diacritics(self, n: int) -> None:
        """Czech transcription with diacritics vs the same typed without them."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ua", "ua", "ru"]))
            given, family = self.latin(p, "cz")
            self.pair_same("czech_diacritics", p, (given, family), (strip_diacritics(given), strip_diacritics(family)))

    def czech_feminine(self, n: int) -> None:
        """A girl's surname in the Czech feminine form (-ová, -ská) vs the passport form."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ua", "ua", "ru"]), sex="F")
            if p.family_czech_feminine.endswith("ská"):
                p = self.person(p.origin, sex="F")  # mostly -ová: -ská barely differs from -ska
            passport = self.latin(p, "kmu" if p.origin == "ua" else "icao")
            czech_given = p.given_systems["cz"]
            feminine = p.family_czech_feminine
            variant = self.rng.choice([
                (czech_given, feminine), (strip_diacritics(czech_given), strip_diacritics(feminine)),
                (passport[0], strip_diacritics(feminine)),
            ])
            self.pair_same("czech_feminine", p, passport, variant)

    def swapped(self, n: int) -> None:
        """Given and family names exchanged on one registration."""
        for _ in range(n):
            p = self.person()
            given, family = self.latin(p)
            other = self.latin(p) if self.rng.random() < 0.4 else (given, family)
            self.pair_same("swapped", p, (given, family), (other[1], other[0]))

    def typo(self, n: int) -> None:
        """One or two keyboard slips."""
        for _ in range(n):
            p = self.person()
            given, family = self.latin(p)
            edits = self.rng.choice([1, 1, 2])
            g2, f2 = given, family
            for _ in range(edits):
                if self.rng.random() < 0.5:
                    g2 = self.slip(g2)
                else:
                    f2 = self.slip(f2)
            self.pair_same("typo", p, (given, family), (g2, f2))

    KEYBOARD = {c: n for c, n in zip("qwertyuiopasdfghjklzxcvbnm", [
        "wa", "qes", "wrd", "etf", "ryg", "tuh", "yij", "uok", "ipl", "ol", "qsz", "awdx", "sefc", "drgv",
        "fthb", "gyjn", "hukm", "jil", "kop", "asx", "zsdc", "xdfv", "cfgb", "vghn", "bhjm", "njk"], strict=True)}

    def slip(self, text: str) -> str:
        """One typing error in a name: neighbour key, dropped, doubled or swapped letter."""
        rng = self.rng
        letters = [i for i, c in enumerate(text) if c.isalpha() and i > 0]
        if len(letters) < 3:
            return text
        i = rng.choice(letters)
        kind = rng.choice(["neighbour", "drop", "double", "swap"])
        if kind == "neighbour" and text[i].lower() in self.KEYBOARD:
            return text[:i] + rng.choice(self.KEYBOARD[text[i].lower()]) + text[i + 1:]
        if kind == "drop":
            return text[:i] + text[i + 1:]
        if kind == "double":
            return text[:i] + text[i] + text[i:]
        if i + 1 < len(text) and text[i + 1].isalpha():
            return text[:i] + text[i + 1] + text[i] + text[i + 2:]
        return text[:i] + text[i + 1:]

    def missing_part(self, n: int) -> None:
        """A second given name, patronymic or middle name present on one side only."""
        for _ in range(n):
            origin = self.rng.choice(["ua", "ar", "vi", "ti"])
            p = self.person(origin)
            given, family = self.latin(p)
            if origin == "ua":
                father = translit(self.rng.choice(words(self.pool["ua_m"])), UKR_KMU)
                suffix = "ovych" if p.sex == "M" else "ivna"
                fuller = (f"{given} {father.rstrip('iy')}{suffix}", family)
            elif origin == "ar":
                second = self.rng.choice(self.pool["ar_m"])[1][0]
                fuller = (f"{given} {second}", family)
            elif origin == "vi":
                fuller, given = (given, family), given.split()[-1]
            else:
                grandfather = self.rng.choice(self.pool["ti_fam"])[1][0]
                fuller = (given, f"{family} {grandfather}")
            self.pair_same("missing_part", p, fuller, (given, family))

    def abjad_or_geez(self, n: int, origin: str, category: str) -> None:
        """Original script + one Latin spelling vs another Latin spelling."""
        for _ in range(n):
            p = self.person(origin)
            a_names = (self.rng.choice(p.given_latin), self.rng.choice(p.family_latin))
            g_options = [x for x in p.given_latin if x != a_names[0]] or p.given_latin
            f_options = [x for x in p.family_latin if x != a_names[1]] or p.family_latin
            b_names = (self.rng.choice(g_options), self.rng.choice(f_options))
            self.pair_same(category, p, a_names, b_names, a_original=True, b_original=self.rng.random() < 0.3)

    def vietnamese(self, n: int) -> None:
        """Vietnamese names with and without diacritics, sometimes regrouped (family name first)."""
        for _ in range(n):
            p = self.vietnamese_person()
            full = (p.given_latin[0], p.family_latin[0])
            plain = (strip_diacritics(full[0]), strip_diacritics(full[1]))
            middle, given = plain[0].split()
            variant = self.rng.choice([plain, plain, (given, f"{plain[1]} {middle}"), (f"{plain[1]} {middle}", given)])
            self.pair_same("vietnamese", p, full, variant, a_original=self.rng.random() < 0.3)

    def mixed(self, n: int) -> None:
        """Another transliteration and a typo at once, sometimes without sex or nationality."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ua", "ru", "ar", "ti"]))
            a_names = self.latin(p)
            given, family = self.latin(p)
            for _ in range(self.rng.choice([1, 1, 2])):
                given, family = (self.slip(given), family) if self.rng.random() < 0.5 else (given, self.slip(family))
            self.pair_same("mixed", p, a_names, (given, family))

    def alias(self, n: int) -> None:
        """A registration under another name that the first one lists as an alias."""
        for _ in range(n):
            p = self.person()
            q = self.person(p.origin, sex=p.sex)
            real = self.latin(p)
            fake = self.latin(q)
            how_a, how_b = self.positive_birth()
            a = self.record(p, *real, birth=how_a)
            a.aliases = [f"{fake[0]} {fake[1]}"]
            b = self.record(p, *fake, birth=how_b)
            self.add("alias", 1, a, b)

    # --- negative categories --------------------------------------------------------------------
    def negative_birth(self, a: Rec, b: Rec, born_a: date, born_b: date) -> None:
        """Record two different children's births (exact dates, years or estimates)."""
        how = self.rng.choice(["exact", "exact", "exact", "year", "range"])
        self.set_birth(a, born_a, how)
        self.set_birth(b, born_b, self.rng.choice([how, "exact"]))

    def sibling_of(self, p: Person, gap_years: tuple[int, int]) -> Person:
        """A brother or sister: same family name, different given name, born some years apart."""
        rng = self.rng
        while True:
            sex = rng.choice("MF")
            born = p.birth + timedelta(days=rng.choice([-1, 1]) * rng.randint(365 * gap_years[0], 365 * gap_years[1]))
            if not REFERENCE_DATE - timedelta(days=365 * 18) < born < REFERENCE_DATE:
                continue
            if p.origin in ("ua", "ru"):
                family = next(f for f in self.pool[f"{p.origin}_fam"] if p.family_native in f)
                q = self.cyrillic_person(p.origin, sex=sex, family=family, birth=born)
            elif p.origin == "vi":
                q = self.vietnamese_person(sex=sex, family=p.family_native, birth=born)
            else:
                family = next(f for f in self.pool[f"{p.origin}_fam"] if f[0] == p.family_native)
                q = self.listed_person(p.origin, sex=sex, family=family, birth=born)
                q.nationality = p.nationality
            if q.given_native != p.given_native:
                return q

    def siblings(self, n: int, twins: bool = False) -> None:
        """Brothers and sisters registered together: same family name and nationality, not duplicates."""
        for _ in range(n):
            p = self.person()
            q = self.sibling_of(p, (0, 0) if twins else (2, 7))
            if twins:
                q.birth = p.birth
            system = self.rng.choice(list(p.given_systems)) if p.given_systems else None
            ga, fa = self.latin(p, system)
            gb, _ = self.latin(q, system)
            a = self.record(p, ga, fa)
            b = self.record(q, gb, fa if q.sex == p.sex or p.origin not in ("ua", "ru") else self.latin(q, system)[1])
            if twins:
                self.set_birth(a, p.birth, "exact")
                self.set_birth(b, p.birth, "exact")
            else:
                a.birth_date = b.birth_date = None
                self.negative_birth(a, b, p.birth, q.birth)
            self.add("twins" if twins else "siblings", 0, a, b)

    def common_name_other_year(self, n: int) -> None:
        """Two children with the same (common) name born years apart."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ar", "ar", "ua", "ti", "vi", "ru"]))
            born = p.birth + timedelta(days=self.rng.choice([-1, 1]) * self.rng.randint(365 * 3, 365 * 9))
            if not REFERENCE_DATE - timedelta(days=365 * 18) < born < REFERENCE_DATE:
                born = p.birth - timedelta(days=365 * 3 + 20) if p.birth.year > 2015 else p.birth + timedelta(days=365 * 3 + 20)
            names_a = self.latin(p)
            names_b = names_a if self.rng.random() < 0.6 else self.latin(p)
            # Clearly different: stated dates or years, not overlapping age estimates.
            how = self.rng.choice(["exact", "exact", "year"])
            a, b = self.record(p, *names_a, birth=how), self.record(p, *names_b, birth="unknown")
            self.set_birth(b, born, self.rng.choice([how, "exact"]))
            self.add("common_name_other_year", 0, a, b)

    def same_given_other_family(self, n: int) -> None:
        """Same given name, a different family name, same nationality."""
        for _ in range(n):
            p = self.person()
            while True:
                q = self.person(p.origin, sex=p.sex)
                if q.family_native != p.family_native:
                    break
            if p.origin in ("ua", "ru"):
                q = self.cyrillic_person(p.origin, sex=p.sex, given=p.given_native,
                                         family=next(f for f in self.pool[f"{p.origin}_fam"] if q.family_native in f))
            else:
                q.given_native, q.given_latin, q.given_systems = p.given_native, p.given_latin, p.given_systems
                q.nationality = p.nationality
            how = self.rng.choice(["exact", "unknown", "range"])
            a = self.record(p, *self.latin(p), birth=how)
            b = self.record(q, *self.latin(q), birth=self.rng.choice(["exact", "unknown", "range"]))
            self.add("same_given_other_family", 0, a, b)

    def same_nationality(self, n: int) -> None:
        """Two unrelated children of the same nationality."""
        for _ in range(n):
            p = self.person()
            q = self.person(p.origin)
            if p.origin in ("ar", "ti"):
                q.nationality = p.nationality
            if (q.given_native, q.family_native) == (p.given_native, p.family_native):
                continue
            a = self.record(p, *self.latin(p), birth=self.rng.choice(["exact", "unknown", "range"]))
            b = self.record(q, *self.latin(q), birth=self.rng.choice(["exact", "unknown", "range"]))
            self.add("same_nationality", 0, a, b)

    def similar_names(self, n: int) -> None:
        """Opposite-sex siblings (Ivan Petrov / Ivana Petrova) or same-family children born years apart."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ua", "ru", "ar"]))
            if p.origin in ("ua", "ru"):
                family = next(f for f in self.pool[f"{p.origin}_fam"] if p.family_native in f)
                q = self.cyrillic_person(p.origin, sex="F" if p.sex == "M" else "M", family=family)
            else:
                q = self.sibling_of(p, (2, 6))
            a = self.record(p, *self.latin(p), birth="exact")
            b = self.record(q, *self.latin(q), birth=self.rng.choice(["exact", "range", "unknown"]))
            self.add("similar_names", 0, a, b)

    def same_given_similar_family(self, n: int) -> None:
        """Same given name, a family name sharing its stem (Shevchenko/Shevchuk), ages compatible."""
        for _ in range(n):
            a_family, b_family = self.rng.choice(self.pool["stem_pairs"])
            sex = self.rng.choice("MF")
            p = self.cyrillic_person("ua", sex=sex, family=(a_family, a_family))
            q = self.cyrillic_person("ua", sex=sex, given=p.given_native, family=(b_family, b_family))
            system = self.rng.choice(list(p.given_systems))
            a = self.record(p, *self.latin(p, system), birth=self.rng.choice(["exact", "unknown", "range"]))
            b = self.record(q, *self.latin(q, self.rng.choice([system, "kmu"])), birth="unknown")
            self.set_birth(b, p.birth + timedelta(days=self.rng.randint(-400, 400)), self.rng.choice(["exact", "range"]))
            self.add("same_given_similar_family", 0, a, b)

    def hand_written(self, pairs: list[tuple[str, int, Rec, Rec]]) -> None:
        """Append hand-written tricky pairs as they are (not shuffled)."""
        for category, same, a, b in pairs:
            row_count = len(self.rows)
            self.add(category, same, a, b)
            assert len(self.rows) == row_count + 1


def R(given="", family="", original="", sex="U", born=None, year=None, ages=None, nat=(), aliases=()) -> Rec:
    """Shorthand for a hand-written record."""
    return Rec(given, family, original, list(aliases), sex, date.fromisoformat(born) if born else None, year,
               ages[0] if ages else None, ages[1] if ages else None, REFERENCE_DATE if ages else None, list(nat))


TRAIN_TRICKY = [
    ("cyrillic_latin", 1, R("Oleksandr", "Shevchenko", "Олександр Шевченко", "M", "2010-03-14", nat=["UA"]),
     R("Alexandr", "Sevcenko", sex="M", born="2010-03-14", nat=["UA"])),
    ("czech_feminine", 1, R("Yuliia", "Shevchenko", sex="F", born="2012-07-02", nat=["UA"]),
     R("Julija", "Ševčenková", sex="F", ages=(12, 14), nat=["UA"])),
    ("czech_feminine", 1, R("Anastasiia", "Ivanova", sex="F", born="2009-11-30", nat=["RU"]),
     R("Anastasija", "Ivanovová", sex="F", born="2009-11-30")),
    ("czech_feminine", 1, R("Sofiia", "Kovalska", sex="F", year=2011, nat=["UA"]),
     R("Sofija", "Kovalská", sex="F", year=2011, nat=["UA"])),
    ("translit_variant", 1, R("Mykhailo", "Kharchenko", sex="M", born="2008-01-20", nat=["UA"]),
     R("Mychajlo", "Charčenko", sex="M", ages=(15, 17), nat=["UA"])),
    ("translit_variant", 1, R("Serhii", "Hnatiuk", sex="M", born="2011-05-05", nat=["UA"]),
     R("Sergej", "Gnatjuk", sex="M", born="2011-05-05", nat=["UA"])),
    ("missing_part", 1, R("Abdul Rahman", "Haddad", sex="M", born="2009-02-01", nat=["SY"]),
     R("Abdulrahman", "Hadad", sex="M", ages=(15, 17), nat=["SY"])),
    ("vietnamese", 1, R("Văn An", "Nguyễn", "Nguyễn Văn An", "M", "2010-09-09", nat=["VN"]),
     R("Van An", "Nguyen", sex="M", born="2010-09-09", nat=["VN"])),
    ("swapped", 1, R("Ali", "Hassan", sex="M", born="2009-04-04", nat=["IQ"]),
     R("Hassan", "Ali", sex="M", born="2009-04-04", nat=["IQ"])),
    ("arabic_latin", 1, R("Mohammed", "Ahmadi", "محمد أحمدي", "M", "2008-06-15", nat=["AF"]),
     R("Muhammad", "Ahmady", sex="M", nat=["AF"])),
    ("geez_latin", 1, R("Tesfaye", "Haile", "ተስፋየ ሃይለ", "M", "2008-12-12", nat=["ER"]),
     R("Tesfay", "Hayle", sex="M", ages=(16, 18), nat=["ER"])),
    ("alias", 1, R("Yusuf", "Karimi", sex="M", born="2009-08-08", nat=["AF"], aliases=["Ahmad Rahimi"]),
     R("Ahmad", "Rahimi", sex="M", ages=(15, 17), nat=["AF"])),
    ("siblings", 0, R("Oleksandr", "Shevchenko", sex="M", born="2010-03-14", nat=["UA"]),
     R("Dmytro", "Shevchenko", sex="M", born="2013-10-01", nat=["UA"])),
    ("siblings", 0, R("Ivan", "Petrov", sex="M", born="2009-05-01", nat=["RU"]),
     R("Ivana", "Petrova", sex="F", born="2012-02-11", nat=["RU"])),
    ("twins", 0, R("Hassan", "Rahimi", sex="M", born="2011-01-01", nat=["AF"]),
     R("Hussein", "Rahimi", sex="M", born="2011-01-01", nat=["AF"])),
    ("common_name_other_year", 0, R("Mohammed", "Ahmadi", sex="M", born="2008-06-15", nat=["AF"]),
     R("Mohammed", "Ahmadi", sex="M", born="2012-03-03", nat=["AF"])),
    ("common_name_other_year", 0, R("Mohammed", "Ahmadi", sex="M", year=2007, nat=["AF"]),
     R("Muhammad", "Ahmadi", sex="M", ages=(10, 12), nat=["AF"])),
    ("same_given_other_family", 0, R("Oleksandr", "Kovalenko", sex="M", born="2010-03-14", nat=["UA"]),
     R("Oleksandr", "Bondarenko", sex="M", nat=["UA"])),
    ("similar_names", 0, R("Ali", "Karimi", sex="M", born="2010-01-01", nat=["AF"]),
     R("Alia", "Karimi", sex="F", born="2013-01-01", nat=["AF"])),
    ("similar_names", 0, R("Mohammed", "Nouri", sex="M", born="2008-01-01", nat=["SY"]),
     R("Mahmoud", "Nouri", sex="M", born="2012-05-01", nat=["SY"])),
]

HOLDOUT_TRICKY = [
    ("cyrillic_latin", 1, R("Volodymyr", "Shcherbak", "Володимир Щербак", "M", "2009-10-10", nat=["UA"]),
     R("Wolodymyr", "Schtscherbak", sex="M", born="2009-10-10")),
    ("czech_feminine", 1, R("Tetiana", "Rudenko", sex="F", born="2010-02-02", nat=["UA"]),
     R("Taťána", "Rudenková", sex="F", ages=(14, 16), nat=["UA"])),
    ("czech_feminine", 1, R("Natalia", "Zhukovskaya", sex="F", year=2012, nat=["RU"]),
     R("Natalija", "Žukovská", sex="F", year=2012)),
    ("missing_part", 1, R("Abdul Karim", "Al-Masri", sex="M", born="2008-03-03", nat=["EG"]),
     R("Abdulkarim", "Almasri", sex="M", born="2008-03-03", nat=["EG"])),
    ("swapped", 1, R("Osman", "Haidari", sex="M", ages=(15, 17), nat=["AF"]),
     R("Haidari", "Usman", sex="M", year=2009, nat=["AF"])),
    ("siblings", 0, R("Bilal", "Nazari", sex="M", born="2008-08-08", nat=["AF"]),
     R("Hamid", "Nazari", sex="M", born="2012-02-02", nat=["AF"])),
    ("common_name_other_year", 0, R("Abdullah", "Rezaei", sex="M", born="2007-09-09", nat=["AF"]),
     R("Abdallah", "Rezai", sex="M", born="2013-01-01", nat=["AF"])),
    ("twins", 0, R("Yohannes", "Tewelde", sex="M", born="2010-05-05", nat=["ER"]),
     R("Robel", "Tewelde", sex="M", born="2010-05-05", nat=["ER"])),
]


def build(pool: dict, seed: int, scale: float, tricky) -> list[dict]:
    """All pairs of one set: generated categories plus the hand-written tricky pairs."""
    g = Generator(pool, seed)
    plan = [
        (g.cyrillic_latin, 30), (g.translit_variant, 24), (g.ua_ru_form, 12), (g.czech_diacritics, 12),
        (g.czech_feminine, 14), (g.swapped, 14), (g.typo, 26), (g.missing_part, 16),
        (lambda n: g.abjad_or_geez(n, "ar", "arabic_latin"), 22), (lambda n: g.abjad_or_geez(n, "ti", "geez_latin"), 14),
        (g.vietnamese, 12), (g.mixed, 14), (g.alias, 6),
        (g.siblings, 34), (lambda n: g.siblings(n, twins=True), 6), (g.common_name_other_year, 24),
        (g.same_given_other_family, 22), (g.same_nationality, 22), (g.similar_names, 14),
        (g.same_given_similar_family, 16),
    ]
    for make, n in plan:
        make(max(1, round(n * scale)))
    g.hand_written(tricky)
    return g.rows


def write(rows: list[dict], path: Path) -> None:
    """Write rows as UTF-8 CSV."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    """Regenerate both CSV files."""
    train = build(TRAIN, seed=20250601, scale=1.0, tricky=TRAIN_TRICKY)
    holdout = build(HOLDOUT, seed=77031, scale=0.7, tricky=HOLDOUT_TRICKY)
    write(train, TRAIN_CSV)
    write(holdout, HOLDOUT_CSV)
    print(f"{len(train)} pairs -> {TRAIN_CSV.relative_to(ROOT)}; {len(holdout)} pairs -> {HOLDOUT_CSV.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
