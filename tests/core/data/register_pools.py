"""Name pools of the duplicate-detection registers (see make_heldout_register.py).

DEV reuses the pools the matcher was written against (make_duplicate_pairs.TRAIN) and adds the classes that
set lacks; it is for tuning. HELDOUT shares no given or family name with DEV, with make_duplicate_pairs'
TRAIN and HOLDOUT pools, or with the matcher's unit tests; it is for measuring only.

Cyrillic entries are native names (family names as (masculine, feminine)); the others are
(original script, [Latin spellings seen in practice, the passport's first]). Compound names are
(origin, original script written apart, [Latin written apart], [Latin written together]); none of them is
also a family name of its pool, so that two children never share a name by chance.
"""

from __future__ import annotations

import make_duplicate_pairs as base

_T = base.TRAIN

# German and French spellings of Arabic-script names (German ch and French ou, j, tréma), which the TRAIN
# lists have few of.
_MORE_SPELLINGS = {
    "محمد": ["Mouhamad"], "أحمد": ["Achmad"], "حسين": ["Houssein"], "يوسف": ["Jussuf"], "خالد": ["Chaled"],
    "جمال": ["Dschamal"], "ياسين": ["Jassin"], "سعيد": ["Saïd"], "جواد": ["Dschawad"], "مصطفى": ["Moustapha"],
    "محمود": ["Machmud"], "عائشة": ["Aïcha"], "زينب": ["Sainab"], "ليلى": ["Leïla"], "حسيني": ["Husseini"],
    "جعفري": ["Dschafari"], "الخطيب": ["Al-Chatib"], "رحيمي": ["Rachimi"],
}


def _more(entries: list) -> list:
    return [(native, latin + _MORE_SPELLINGS.get(native, [])) for native, latin in entries]


DEV = {
    "ua_m": _T["ua_m"].split(), "ua_f": _T["ua_f"].split(), "ua_fam": _T["ua_fam"],
    "ru_m": _T["ru_m"].split(), "ru_f": _T["ru_f"].split(), "ru_fam": _T["ru_fam"],
    "ar_m": _more(_T["ar_m"]), "ar_f": _more(_T["ar_f"]), "ar_fam": _more(_T["ar_fam"]), "ar_nat": ["SY", "IQ"],
    "af_m": [
        ("نجیب", ["Najib", "Najeeb", "Nadschib"]), ("شفیق", ["Shafiq", "Shafik", "Chafik"]),
        ("فرهاد", ["Farhad", "Farhod"]), ("جاوید", ["Javid", "Jawid", "Javed", "Dschawid"]),
        ("وحید", ["Wahid", "Vahid", "Waheed", "Wachid"]),
        ("سهراب", ["Sohrab", "Suhrab"]), ("مسعود", ["Masoud", "Masud", "Massoud", "Massud"]),
        ("ظاهر", ["Zahir", "Zaher", "Sahir"]),
        ("قدیر", ["Qadir", "Kadir", "Ghadir"]), ("شکیب", ["Shakib", "Schakib"]),
    ],
    "af_f": [
        ("زهرا", ["Zahra", "Sahra"]), ("مرسل", ["Mursal", "Morsal"]), ("پروانه", ["Parwana", "Parvaneh"]),
        ("شبنم", ["Shabnam", "Schabnam"]), ("فرشته", ["Fereshta", "Fereshteh", "Freshta"]), ("نرگس", ["Nargis", "Narges"]),
    ],
    "af_fam": [
        ("احمدزی", ["Ahmadzai", "Ahmadzay"]), ("وردک", ["Wardak", "Vardak"]), ("ستانکزی", ["Stanikzai", "Stanekzai"]),
        ("یوسفزی", ["Yousafzai", "Yusufzai"]), ("کاکړ", ["Kakar", "Kakkar"]), ("نیازی", ["Niazi", "Nyazi"]),
        ("مومند", ["Mohmand", "Momand", "Mochmand"]), ("صافی", ["Safi", "Saafi"]),
    ],
    "af_nat": ["AF"],
    "ti_m": _T["ti_m"], "ti_f": _T["ti_f"], "ti_fam": _T["ti_fam"], "ti_nat": ["ER", "ET"],
    "compound": [
        ("ar", "عبد الرحمن", ["Abdul Rahman", "Abdel Rahman"], ["Abdulrahman", "Abdelrahman"]),
        ("af", "محمد علی", ["Mohammad Ali", "Mohammed Ali"], ["Mohammadali", "Muhammadali"]),
        ("ar", "عبد الكريم", ["Abdul Karim", "Abdel Karim"], ["Abdulkarim", "Abdelkarim"]),
        ("af", "غلام رسول", ["Ghulam Rasul", "Gholam Rasoul"], ["Ghulamrasul", "Gholamrasoul"]),
        ("af", "محمد حسین", ["Mohammad Hussein", "Mohammad Hossein"], ["Mohammadhussein", "Mohammadhossein"]),
        ("ti", "ገብረ ስላሴ", ["Gebre Selassie", "Ghebre Selassie"], ["Gebreselassie", "Ghebreselassie"]),
        ("ti", "ሃብተ ማርያም", ["Habte Mariam", "Habte Maryam"], ["Habtemariam", "Habtemaryam"]),
    ],
    "near_surnames": _T["stem_pairs"],
    "key_collisions": [("Шевченко", "Савченко"), ("Шевчук", "Савчук"), ("Мищенко", "Мисенко"), ("Шаров", "Саров"),
                       ("Жуков", "Зуков"), ("Чуйко", "Цуйко")],
}

HELDOUT = {
    "ua_m": "Олег Віктор Орест Мирон Нестор Гліб Денис В’ячеслав Леонід Федір Зіновій Любомир Геннадій Аркадій "
            "Семен Яків Тихон Устим".split(),
    "ua_f": "Лариса Надія Зоряна Богдана Євгенія Аліна Вероніка Діана Марта Роксолана Стефанія Ярина Інна Лілія "
            "Жанна Ніна".split(),
    "ua_fam": [(n, n) for n in (
        "Кузьменко Сидоренко Петренко Лук’яненко Шаповал Білик Кучер Пономаренко Левченко Ярошенко Гаврилюк "
        "Чорновол Щербина Зайченко Самойленко Карпенко Шульга Черненко Дяченко Костенко Заїка Цимбалюк "
        "Чумаченко Вовк Кириленко Приходько").split()] + [("Пшеничний", "Пшенична"), ("Заславський", "Заславська")],
    "ru_m": "Борис Глеб Валерий Анатолий Эдуард Станислав Артём Матвей Даниил".split(),
    "ru_f": "Валерия Ангелина Варвара Маргарита Алиса Кристина Зинаида Жанна".split(),
    "ru_fam": [
        ("Соловьёв", "Соловьёва"), ("Медведев", "Медведева"), ("Козлов", "Козлова"), ("Егоров", "Егорова"),
        ("Никитин", "Никитина"), ("Макаров", "Макарова"), ("Захаров", "Захарова"), ("Зуев", "Зуева"),
        ("Щукин", "Щукина"), ("Журавлёв", "Журавлёва"), ("Чернышёв", "Чернышёва"), ("Ершов", "Ершова"),
        ("Рожков", "Рожкова"), ("Белоусов", "Белоусова"),
    ],
    "ar_m": [
        ("عدنان", ["Adnan", "Adnane"]), ("أنس", ["Anas", "Anass"]), ("أيمن", ["Ayman", "Aiman", "Eiman"]),
        ("بشير", ["Bashir", "Bachir", "Beshir"]), ("فادي", ["Fadi", "Fady"]), ("فيصل", ["Faisal", "Faysal", "Feisal"]),
        ("غسان", ["Ghassan", "Ghasan"]), ("هشام", ["Hisham", "Hicham", "Hesham"]),
        ("جلال", ["Jalal", "Djalal", "Dschalal"]), ("كمال", ["Kamal", "Kemal"]), ("نبيل", ["Nabil", "Nabeel"]),
        ("سمير", ["Samir", "Sameer"]), ("وليد", ["Walid", "Waleed"]), ("زكريا", ["Zakaria", "Zakariya", "Sakaria"]),
        ("زياد", ["Ziad", "Ziyad"]), ("مراد", ["Murad", "Mourad"]),
    ],
    "ar_f": [
        ("أسماء", ["Asmaa", "Asma"]), ("داليا", ["Dalia", "Daliya"]), ("حنان", ["Hanan", "Hanane"]),
        ("إيمان", ["Iman", "Eman", "Imane"]), ("لينا", ["Lina", "Leena"]), ("نادية", ["Nadia", "Nadiya", "Nadja"]),
        ("رنا", ["Rana", "Ranaa"]), ("ريم", ["Reem", "Rim"]), ("سلمى", ["Salma", "Selma"]), ("يارا", ["Yara", "Jara"]),
        ("شهد", ["Shahad", "Chahad", "Schahad"]),
    ],
    "ar_fam": [
        ("درويش", ["Darwish", "Darwich", "Derwisch"]), ("حمدان", ["Hamdan", "Hamdane"]),
        ("خليل", ["Khalil", "Khaleel", "Chalil"]), ("منصور", ["Mansour", "Mansur", "Mansoor"]),
        ("صالح", ["Saleh", "Salih"]), ("شاهين", ["Shaheen", "Chahine", "Schahin"]), ("زيدان", ["Zidan", "Zeidan"]),
        ("الحلبي", ["Al-Halabi", "Alhalabi", "El Halabi"]), ("الحمصي", ["Al-Homsi", "Alhomsi"]),
        ("العلي", ["Al-Ali", "Alali"]), ("البكري", ["Al-Bakri", "Albakri", "El Bakri"]),
        ("قاسم", ["Qasem", "Kassem", "Kasim"]),
    ],
    "ar_nat": ["SY", "IQ"],
    "af_m": [
        ("امین", ["Amin", "Ameen"]), ("بصیر", ["Basir", "Baseer", "Bassir"]), ("فواد", ["Fawad", "Fuad", "Fowad"]),
        ("حبیب", ["Habib", "Habeeb"]), ("جمشید", ["Jamshid", "Jamsheed", "Dschamschid"]),
        ("نوید", ["Navid", "Naweed", "Nawid"]), ("رحمت", ["Rahmat", "Rachmat"]), ("صمیم", ["Samim", "Sameem"]),
        ("شریف", ["Sharif", "Sharef", "Scharif"]), ("ولی", ["Wali", "Vali"]), ("ذکی", ["Zaki", "Zakee"]),
        ("اسد", ["Asad", "Assad"]),
    ],
    "af_f": [
        ("آرزو", ["Arezo", "Arzu", "Arezoo"]), ("گلالی", ["Gulalai", "Gulali"]), ("ملالی", ["Malalai", "Malali"]),
        ("نازنین", ["Nazanin", "Nasanin"]), ("سحر", ["Sahar", "Sachar"]), ("سودابه", ["Sudaba", "Soudabeh"]),
        ("مینا", ["Mina", "Meena"]),
    ],
    "af_fam": [
        ("امیری", ["Amiri", "Amiry"]), ("عزیزی", ["Azizi", "Asisi"]), ("حبیبی", ["Habibi", "Habiby"]),
        ("حکیمی", ["Hakimi", "Hakeemi"]), ("هاشمی", ["Hashimi", "Hashemi", "Haschemi"]),
        ("جلالی", ["Jalali", "Djalali"]), ("نجفی", ["Najafi", "Nadschafi"]), ("رسولی", ["Rasuli", "Rasouli"]),
        ("صمدی", ["Samadi", "Samady"]), ("شریفی", ["Sharifi", "Scharifi", "Sharefi"]), ("مرادی", ["Moradi", "Muradi"]),
    ],
    "af_nat": ["AF"],
    "ti_m": [
        ("ዮናታን", ["Yonatan", "Jonatan", "Yonathan"]), ("ሙሴ", ["Mussie", "Muse", "Musie"]),
        ("ቢንያም", ["Biniam", "Biniyam", "Binyam"]), ("ኤፍሬም", ["Efrem", "Ephrem"]), ("ኤርምያስ", ["Ermias", "Ermyas"]),
        ("ናሆም", ["Nahom", "Nahum"]), ("ሰናይ", ["Senay", "Senai"]), ("መርሃዊ", ["Merhawi", "Mehrawi"]),
        ("ሰሎሞን", ["Solomon", "Selomon"]), ("ኣሮን", ["Aron", "Aaron"]),
    ],
    "ti_f": [
        ("ሕይወት", ["Hiwet", "Hywet", "Hiwot"]), ("ሉዋም", ["Luwam", "Lwam"]), ("ራሄል", ["Rahel", "Rachel"]),
        ("ሰምሃር", ["Semhar", "Semhaar"]), ("ዊንታ", ["Winta", "Vinta"]), ("ዮሃና", ["Yohana", "Johana", "Yohanna"]),
    ],
    "ti_fam": [
        ("ኣብርሃ", ["Abraha", "Abrha"]), ("ካሕሳይ", ["Kahsay", "Kahsai"]), ("ነጋሽ", ["Negash", "Negasch"]),
        ("ዘርኣይ", ["Zerai", "Zeray"]), ("ኣስፍሃ", ["Asfaha", "Asfeha"]), ("ባህታ", ["Bahta", "Bahtha"]),
        ("የማነ", ["Yemane", "Jemane"]), ("ወልደጊዮርጊስ", ["Weldegiorgis", "Woldegiorgis"]),
    ],
    "ti_nat": ["ER", "ET"],
    "compound": [
        ("ar", "عبد العزيز", ["Abdul Aziz", "Abdel Aziz"], ["Abdulaziz", "Abdelaziz"]),
        ("af", "محمد رضا", ["Mohammad Reza", "Mohamad Reza"], ["Mohammadreza", "Mohamadreza"]),
        ("af", "علی رضا", ["Ali Reza"], ["Alireza"]),
        ("af", "نور احمد", ["Nur Ahmad", "Noor Ahmad"], ["Nurahmad", "Noorahmad"]),
        ("ar", "عبد الباسط", ["Abdul Basit", "Abdel Basset"], ["Abdulbasit", "Abdelbasset"]),
        ("af", "گل محمد", ["Gul Mohammad", "Gul Muhammad"], ["Gulmohammad", "Gulmuhammad"]),
        ("af", "امیر حسین", ["Amir Hossein", "Amir Hussain"], ["Amirhossein", "Amirhussain"]),
        ("ar", "عبد الصمد", ["Abdul Samad", "Abdel Samad"], ["Abdulsamad", "Abdessamad"]),
        ("ti", "ገብረ ሂወት", ["Gebre Hiwet", "Ghebre Hiwet"], ["Gebrehiwet", "Ghebrehiwet"]),
        ("ti", "ወልደ ማርያም", ["Wolde Mariam", "Welde Mariam"], ["Woldemariam", "Weldemariam"]),
        ("ti", "ተስፋ ማርያም", ["Tesfa Mariam"], ["Tesfamariam", "Tesfamaryam"]),
    ],
    "near_surnames": [
        ("Петренко", "Петрук"), ("Сидоренко", "Сидорук"), ("Левченко", "Левчук"), ("Гаврилюк", "Гавриленко"),
        ("Карпенко", "Карпюк"), ("Пономаренко", "Пономарчук"), ("Ярошенко", "Ярошук"), ("Кузьменко", "Кузьмич"),
        ("Костенко", "Костюк"), ("Кириленко", "Кирилюк"),
    ],
    "key_collisions": [("Сахно", "Шахно"), ("Шуляк", "Суляк"), ("Шабанов", "Сабанов"), ("Жаров", "Заров"),
                       ("Шилов", "Силов")],
}
