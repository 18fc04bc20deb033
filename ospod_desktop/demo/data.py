"""Data for the demo database (all fictitious): name pools, profiles, places, and helpers that make values.

A pool entry is `Latin|original script|other spellings`; entries are separated by `;`. A gendered family
name is written `male/female` in each field (`Ivanov/Ivanova|Иванов/Иванова|Ivanow/Ivanowa`). The other
spellings are the ones a second registration plausibly uses: English, Czech or German transliteration,
Somali orthography, a Vietnamese name with its diacritics kept.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from ospod_desktop.core.ages import add_years

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")

_UK = dict(
    male="""Oleksandr|Олександр|Alexandr,Aleksandr,Oleksander; Andrii|Андрій|Andriy,Andrij,Andrej;
    Dmytro|Дмитро|Dmitro,Dmitrij; Maksym|Максим|Maxim,Maksim; Artem|Артем|Artom,Artěm; Bohdan|Богдан|Bogdan;
    Yurii|Юрій|Yuriy,Jurij,Yuri; Vladyslav|Владислав|Vladislav,Wladyslaw; Mykola|Микола|Nikolaj,Mikola;
    Ivan|Іван|Iwan; Danylo|Данило|Danilo,Danil; Serhii|Сергій|Serhiy,Serhij,Sergej; Taras|Тарас|;
    Yaroslav|Ярослав|Jaroslav; Denys|Денис|Denis; Kyrylo|Кирило|Kirilo,Kirill; Oleh|Олег|Oleg;
    Vitalii|Віталій|Vitaliy,Vitalij; Nazar|Назар|; Illia|Ілля|Ilya,Illja,Ilja; Volodymyr|Володимир|Volodimir,Vladimir;
    Matvii|Матвій|Matviy,Matvij""",
    female="""Anastasiia|Анастасія|Anastasia,Anastasija,Anastasiya; Sofiia|Софія|Sofia,Sofija,Sofiya;
    Oleksandra|Олександра|Alexandra,Aleksandra; Kateryna|Катерина|Katerina,Kateřina; Yuliia|Юлія|Yulia,Julija,Yuliya;
    Daryna|Дарина|Darina; Viktoriia|Вікторія|Viktoria,Viktorija,Viktoriya; Polina|Поліна|; Iryna|Ірина|Irina;
    Olena|Олена|Elena,Jelena; Mariia|Марія|Maria,Marija,Mariya; Khrystyna|Христина|Kristina,Chrystyna,Khristina;
    Valeriia|Валерія|Valeria,Valerija; Alina|Аліна|; Diana|Діана|; Veronika|Вероніка|; Yana|Яна|Jana; Zlata|Злата|""",
    family="""Kovalenko|Коваленко|Kowalenko; Shevchenko|Шевченко|Ševčenko,Schewtschenko; Bondarenko|Бондаренко|;
    Tkachenko|Ткаченко|Tkačenko; Kravchenko|Кравченко|Kravčenko; Melnyk|Мельник|Melnik; Boiko|Бойко|Bojko,Boyko;
    Kovalchuk|Ковальчук|Kovalčuk; Oliinyk|Олійник|Olijnyk,Oleinik; Shevchuk|Шевчук|Ševčuk;
    Polishchuk|Поліщук|Poliščuk,Polishuk; Lysenko|Лисенко|Lisenko; Marchenko|Марченко|Marčenko;
    Savchenko|Савченко|Savčenko; Rudenko|Руденко|; Moroz|Мороз|; Pavlenko|Павленко|; Petrenko|Петренко|;
    Hrytsenko|Гриценко|Gritsenko,Hrycenko; Tkachuk|Ткачук|Tkačuk; Ponomarenko|Пономаренко|;
    Zinchenko|Зінченко|Zinčenko; Levchenko|Левченко|Levčenko; Kharchenko|Харченко|Charčenko;
    Honcharuk|Гончарук|Hončaruk,Goncharuk; Klymenko|Клименко|Klimenko;
    Kovalskyi/Kovalska|Ковальський/Ковальська|Kovalskyj/Kovalská,Kowalski/Kowalska;
    Savytskyi/Savytska|Савицький/Савицька|Savyckyj/Savycká,Savitsky/Savitskaya""",
    middle_m="""Oleksandrovych|Олександрович|Oleksandrovyč,Alexandrovič; Serhiiovych|Сергійович|Serhijovyč;
    Volodymyrovych|Володимирович|Volodymyrovyč; Ivanovych|Іванович|Ivanovyč; Mykolaiovych|Миколайович|Mykolajovyč;
    Andriiovych|Андрійович|Andrijovyč""",
    middle_f="""Oleksandrivna|Олександрівна|Alexandrovna; Serhiivna|Сергіївна|Serhijivna; Volodymyrivna|Володимирівна|;
    Ivanivna|Іванівна|; Mykolaivna|Миколаївна|Mykolajivna; Andriivna|Андріївна|Andrijivna""",
    middle_rate=0.2,
)

_RU = dict(
    male="""Aleksandr|Александр|Alexandr,Alexander,Aleksander; Dmitrii|Дмитрий|Dmitry,Dmitrij,Dmitriy;
    Maksim|Максим|Maxim; Artyom|Артём|Artem,Arťom,Artjom; Nikita|Никита|; Ivan|Иван|; Mikhail|Михаил|Michail,Michael;
    Egor|Егор|Yegor,Jegor; Kirill|Кирилл|Kiril; Daniil|Даниил|Daniel,Danil; Timofei|Тимофей|Timofey,Timofej;
    Matvei|Матвей|Matvey,Matvej; Roman|Роман|; Vladimir|Владимир|Wladimir; Denis|Денис|; Ilya|Илья|Ilja,Ilia""",
    female="""Anastasiya|Анастасия|Anastasia,Anastasija; Mariya|Мария|Maria,Marija; Sofiya|София|Sofia,Sofja,Sophia;
    Darya|Дарья|Daria,Darja; Polina|Полина|; Anna|Анна|; Viktoriya|Виктория|Viktoria,Victoria;
    Ekaterina|Екатерина|Yekaterina,Jekatěrina,Katerina; Kseniya|Ксения|Ksenia,Xenia; Alina|Алина|;
    Elizaveta|Елизавета|Yelizaveta,Jelizaveta; Arina|Арина|; Valeriya|Валерия|Valeria,Valerija; Veronika|Вероника|""",
    family="""Ivanov/Ivanova|Иванов/Иванова|Ivanow/Ivanowa; Smirnov/Smirnova|Смирнов/Смирнова|Smirnow/Smirnowa;
    Kuznetsov/Kuznetsova|Кузнецов/Кузнецова|Kuzněcov/Kuzněcova,Kuznecov/Kuznecova; Popov/Popova|Попов/Попова|;
    Sokolov/Sokolova|Соколов/Соколова|; Lebedev/Lebedeva|Лебедев/Лебедева|Lebeděv/Lebeděva;
    Kozlov/Kozlova|Козлов/Козлова|; Novikov/Novikova|Новиков/Новикова|; Morozov/Morozova|Морозов/Морозова|;
    Volkov/Volkova|Волков/Волкова|Wolkow/Wolkowa; Pavlov/Pavlova|Павлов/Павлова|;
    Semyonov/Semyonova|Семёнов/Семёнова|Semenov/Semenova,Semjonov/Semjonova;
    Fyodorov/Fyodorova|Фёдоров/Фёдорова|Fedorov/Fedorova,Fjodorov/Fjodorova; Orlov/Orlova|Орлов/Орлова|;
    Zaitsev/Zaitseva|Зайцев/Зайцева|Zajcev/Zajceva,Zaytsev/Zaytseva; Petrov/Petrova|Петров/Петрова|""",
    middle_m="""Aleksandrovich|Александрович|Alexandrovič; Sergeevich|Сергеевич|Sergejevič,Sergeyevich;
    Dmitrievich|Дмитриевич|Dmitrijevič; Ivanovich|Иванович|Ivanovič; Andreevich|Андреевич|Andrejevič""",
    middle_f="""Aleksandrovna|Александровна|Alexandrovna; Sergeevna|Сергеевна|Sergejevna;
    Dmitrievna|Дмитриевна|Dmitrijevna; Ivanovna|Ивановна|; Andreevna|Андреевна|Andrejevna""",
    middle_rate=0.2,
)

_BE = dict(
    male="""Aliaksandr|Аляксандр|Alexandr,Aleksandr; Dzmitry|Дзмітрый|Dmitrij,Dmitry; Maksim|Максім|Maxim;
    Uladzislau|Уладзіслаў|Vladislav,Uladzislav; Mikita|Мікіта|Nikita; Yahor|Ягор|Jahor,Egor; Kiryl|Кірыл|Kirill;
    Pavel|Павел|; Ivan|Іван|""",
    female="""Aliaksandra|Аляксандра|Alexandra; Hanna|Ганна|Anna,Ganna; Palina|Паліна|Polina;
    Katsiaryna|Кацярына|Katerina,Kacjaryna; Yulia|Юлія|Julija; Anastasiya|Анастасія|Anastasia""",
    family="""Lukashevich|Лукашэвіч|Lukaševič; Zhuk|Жук|Žuk; Kavaliou/Kavaliova|Кавалёў/Кавалёва|Kovalev/Kovaleva;
    Novik|Новік|; Kazlou/Kazlova|Казлоў/Казлова|Kozlov/Kozlova; Shauchenka|Шаўчэнка|Ševčenko,Shevchenko;
    Karpovich|Карповіч|Karpovič; Sidarenka|Сідарэнка|Sidorenko; Melnikau/Melnikava|Мельнікаў/Мельнікава|Melnikov/Melnikova;
    Kuzmich|Кузьміч|Kuzmič""",
)

_AF = dict(
    male="""Mohammad|محمد|Muhammad,Mohammed,Mohamad; Ahmad|احمد|Ahmed,Achmad; Ali|علی|Aly; Hamid|حمید|Hameed;
    Mustafa|مصطفی|Mostafa; Farid|فرید|Fareed; Javid|جاوید|Jawid,Javed; Omid|امید|Umid; Sohrab|سهراب|Suhrab;
    Bilal|بلال|Belal; Navid|نوید|Naveed,Nawid; Hassan|حسن|Hasan; Hussain|حسین|Hossein,Husain;
    Rahmatullah|رحمت الله|Rahmatulla; Zabihullah|ذبیح الله|Zabiullah,Zabihulla; Ismail|اسماعیل|Esmail,Ismajl;
    Samiullah|سمیع الله|Samiulla; Naqibullah|نقیب الله|Nakibullah""",
    female="""Fatima|فاطمه|Fatemeh,Fatema; Zahra|زهرا|Zehra; Maryam|مریم|Mariam,Marjam; Sakina|سکینه|Sakineh;
    Mursal|مرسل|Morsal; Parwana|پروانه|Parvana; Shabnam|شبنم|; Nilofar|نیلوفر|Nilufar; Zarghona|زرغونه|Zarghuna;
    Freshta|فرشته|Fereshta,Fereshteh""",
    family="""Ahmadi|احمدی|Ahmady,Achmadi; Rahimi|رحیمی|Rahimy; Hakimi|حکیمی|; Karimi|کریمی|Karimy;
    Sultani|سلطانی|Soltani; Popal|پوپل|; Noori|نوری|Nuri,Nouri; Safi|صافی|; Amiri|امیری|; Haidari|حیدری|Heydari,Haydari;
    Stanikzai|ستانکزی|Stanekzai; Wardak|وردک|Vardak; Hussaini|حسینی|Hosseini,Husseini;
    Mohammadi|محمدی|Muhammadi,Mohamadi; Azizi|عزیزی|; Rezaei|رضایی|Rezai,Rezaie; Sadat|سادات|; Nazari|نظری|""",
    middle_m="Reza|رضا|Raza; Jan|جان|Djan; Nabi|نبی|; Amin|امین|; Wali|ولی|Vali",
    middle_f="Gul|گل|Gol",
    middle_rate=0.15,
    family_rate=0.75,  # many Afghan children give one name only
)

_SY = dict(
    male="""Mohammad|محمد|Muhammad,Mohamed,Mohammed; Ahmad|أحمد|Ahmed; Omar|عمر|Umar; Khaled|خالد|Khalid,Chaled;
    Yousef|يوسف|Youssef,Yusuf,Jusuf; Ibrahim|إبراهيم|Ebrahim; Abdullah|عبد الله|Abdallah,Abdulla;
    Hamza|حمزة|Hamzah; Mahmoud|محمود|Mahmud,Machmud; Rami|رامي|Ramy; Ali|علي|Aly; Mohannad|مهند|Muhannad;
    Tarek|طارق|Tariq,Tarik; Kinan|كنان|Kenan""",
    female="""Rania|رانيا|Ranya; Fatima|فاطمة|Fatma,Fatmeh; Layla|ليلى|Leila,Laila,Lajla; Noor|نور|Nour,Nur;
    Aya|آية|Aja; Hiba|هبة|Heba; Rasha|رشا|; Sara|سارة|Sarah; Amira|أميرة|Ameera; Rahaf|رهف|;
    Yasmin|ياسمين|Yasmine,Jasmin; Batoul|بتول|Batul""",
    family="""Al-Hassan|الحسن|Alhassan,El Hassan,Al Hasan; Al-Ahmad|الأحمد|Alahmad,Al Ahmed; Haddad|حداد|Hadad;
    Khalil|خليل|Chalil,Khaleel; Al-Khatib|الخطيب|Alkhatib,El Khatib; Darwish|درويش|Darvish,Derwisch;
    Hamdan|حمدان|; Suleiman|سليمان|Sulaiman,Sulejman; Mansour|منصور|Mansur; Al-Ali|العلي|Alali;
    Othman|عثمان|Osman,Uthman; Al-Kurdi|الكردي|Kurdi,Alkurdi; Hammoud|حمود|Hamoud; Al-Saleh|الصالح|Alsaleh""",
    middle_m="@male",  # the father's name, often written among the given names
    middle_f="@male",
    middle_rate=0.3,
)

_MA = dict(
    male="""Mohamed|محمد|Mohammed,Muhammad; Youssef|يوسف|Yousef,Yusuf; Ayoub|أيوب|Ayub,Ayyoub; Hamza|حمزة|Hamzah;
    Anas|أنس|; Bilal|بلال|Belal; Amine|أمين|Amin; Zakaria|زكرياء|Zakariya,Zakariae; Mehdi|المهدي|Mahdi;
    Soufiane|سفيان|Sufyan,Sofiane; Ilyas|إلياس|Ilias,Elias; Adam|آدم|; Othmane|عثمان|Otman,Osman;
    Achraf|أشرف|Ashraf; Rayan|ريان|Rayane""",
    female="""Fatima|فاطمة|Fatma; Salma|سلمى|; Imane|إيمان|Iman; Khadija|خديجة|Khadidja; Meryem|مريم|Maryam,Mariam;
    Hajar|هاجر|Hagar; Chaimae|شيماء|Shaima,Chaima; Oumaima|أميمة|Umaima""",
    family="""El Amrani|العمراني|Amrani,Elamrani; Benali|بنعلي|Ben Ali; El Idrissi|الإدريسي|Idrissi,Elidrissi;
    Bouzid|بوزيد|; Alaoui|العلوي|El Alaoui,Alawi; Tazi|التازي|; Bennani|بناني|Benani; Chakir|شاكر|Shakir;
    Ouahbi|وهبي|Wahbi; El Fassi|الفاسي|Fassi; Boukhari|البخاري|Bukhari; Ait Ali|آيت علي|Aitali;
    El Mansouri|المنصوري|Mansouri""",
    middle_m="Amine|أمين|Amin; Reda|رضا|Rida",
    middle_f="Zahra|الزهراء|Ezzahra,Zohra",
    middle_rate=0.2,
)

_IQ = dict(
    male="""Mustafa|مصطفى|Mostafa; Ali|علي|Aly; Hussein|حسين|Husain,Hussain; Abbas|عباس|; Haider|حيدر|Haidar,Hajdar;
    Karrar|كرار|Karar; Mohammed|محمد|Muhammad,Mohamed; Ahmed|أحمد|Ahmad; Murtadha|مرتضى|Murtada,Mortaza;
    Sajjad|سجاد|Sajad; Yaseen|ياسين|Yasin,Jasin; Omar|عمر|Umar""",
    female="""Zainab|زينب|Zaynab,Zejnab; Fatima|فاطمة|Fatma; Maryam|مريم|Mariam; Ruqaya|رقية|Roqaya,Ruqayya;
    Nabaa|نبأ|Naba; Huda|هدى|Hoda; Sama|سما|; Ola|علا|Ula""",
    family="""Al-Jubouri|الجبوري|Jubouri,Al-Juburi; Al-Tamimi|التميمي|Tamimi,Altamimi; Al-Obaidi|العبيدي|Obaidi,Al-Ubaidi;
    Kadhim|كاظم|Kazim,Kadhem; Al-Shammari|الشمري|Shammari; Jaber|جابر|Jabir; Hassan|حسن|Hasan;
    Al-Saadi|الساعدي|Saadi; Abdulrahman|عبد الرحمن|Abdul Rahman,Abdelrahman; Mahmood|محمود|Mahmoud,Mahmud;
    Barzani|بارزاني|; Rasul|رسول|Rasool""",
    middle_m="@male",
    middle_f="@male",
    middle_rate=0.35,
)

_PK = dict(
    male="""Muhammad|محمد|Mohammad,Mohammed; Ali|علی|Aly; Usman|عثمان|Osman,Othman; Bilal|بلال|; Hamza|حمزہ|Hamzah;
    Hassan|حسن|Hasan; Ahmed|احمد|Ahmad; Zain|زین|Zayn; Abdullah|عبداللہ|Abdulla; Imran|عمران|;
    Faisal|فیصل|Faysal; Waqas|وقاص|Vakas; Shahzad|شہزاد|Shehzad""",
    female="""Ayesha|عائشہ|Aisha,Aysha; Fatima|فاطمہ|Fatma; Zainab|زینب|Zaynab; Maryam|مریم|Mariam; Hira|حرا|;
    Sana|ثنا|; Iqra|اقرا|Ikra""",
    family="""Khan|خان|; Malik|ملک|; Hussain|حسین|Hussein,Husain; Butt|بٹ|; Chaudhry|چودھری|Chaudhary,Choudhry;
    Qureshi|قریشی|Kureshi; Sheikh|شیخ|Shaikh; Raja|راجہ|; Iqbal|اقبال|Ikbal; Mirza|مرزا|; Awan|اعوان|;
    Abbasi|عباسی|""",
    middle_m="@male",
    middle_f="",
    middle_rate=0.3,
)

_BN = dict(
    male="""Mohammad|মোহাম্মদ|Mohammed,Muhammad; Abdul|আব্দুল|Abdel; Rahim|রহিম|Raheem; Karim|করিম|Kareem;
    Sakib|সাকিব|Shakib,Saqib; Rafi|রাফি|Rafee; Tanvir|তানভীর|Tanveer; Arif|আরিফ|Aref; Imran|ইমরান|;
    Rashed|রাশেদ|Rashid; Sohel|সোহেল|Shohel; Jahid|জাহিদ|Zahid""",
    female="""Fatema|ফাতেমা|Fatima; Nusrat|নুসরাত|Nusrath; Sumaiya|সুমাইয়া|Sumaya,Sumaia; Tahmina|তাহমিনা|;
    Farzana|ফারজানা|Farjana; Sadia|সাদিয়া|Sadiya; Rupa|রুপা|""",
    family="""Hossain|হোসেন|Hossen,Hussain,Hosen; Rahman|রহমান|Rahaman; Islam|ইসলাম|; Ahmed|আহমেদ|Ahmad;
    Uddin/Akter|উদ্দিন/আক্তার|Udin/Akhter; Miah/Begum|মিয়া/বেগম|Mia/Begom; Sarker|সরকার|Sarkar;
    Chowdhury|চৌধুরী|Choudhury; Mondal|মন্ডল|Mandal; Alam|আলম|""",
    middle_m="@male",
    middle_f="",
    middle_rate=0.3,
)

_ER = dict(
    male="""Yonas|ዮናስ|Jonas; Daniel|ዳንኤል|Danel; Samuel|ሳሙኤል|Samiel; Merhawi|መርሃዊ|Mehrawi,Merhawy;
    Filmon|ፊልሞን|Philmon,Filimon; Robel|ሮቤል|Robiel; Semere|ሰመረ|Semre; Tesfaldet|ተስፋልደት|Tesfalidet;
    Biniam|ቢንያም|Biniyam,Binyam; Habtom|ሃብቶም|Habtum; Yohannes|ዮሃንስ|Yohanes,Johannes; Kibrom|ክብሮም|Kibrum;
    Mussie|ሙሴ|Muse,Musie; Amanuel|ኣማኑኤል|Emanuel; Natnael|ናትናኤል|Natnel""",
    female="""Helen|ሄለን|Hellen; Senait|ሰናይት|Senayt; Luwam|ሉዋም|Luam; Selam|ሰላም|Salam; Winta|ዊንታ|;
    Saba|ሳባ|; Rahel|ራሄል|Rachel; Yordanos|ዮርዳኖስ|Jordanos; Feven|ፌቨን|Fevin; Eden|ኤደን|; Hiwet|ሕወት|Hewet""",
    family="""Tesfay|ተስፋይ|Tesfai,Tesfaye; Gebremedhin|ገብረመድህን|Gebre Medhin,Ghebremedhin; Haile|ሃይለ|Hayle;
    Kidane|ኪዳነ|Kidana; Tekle|ተኽለ|Tekleh; Berhane|በርሃነ|Berhe,Birhane; Habte|ሃብተ|Habtay;
    Ghebreyesus|ገብረየሱስ|Gebreyesus; Woldemariam|ወልደማርያም|Weldemariam; Asmerom|ኣስመሮም|Asmerum;
    Mehari|መሓሪ|Mehary; Tsegay|ጸጋይ|Tsegai; Abraha|ኣብርሃ|Abreha""",
)

_SO = dict(
    male="""Abdirahman||Abdurahman,Cabdiraxmaan; Mohamed||Maxamed,Mohammed; Abdullahi||Cabdullaahi,Abdulahi;
    Ahmed||Axmed,Ahmad; Hassan||Xasan,Hasan; Yusuf||Yuusuf,Yousef; Ali||Cali; Omar||Cumar,Umar;
    Ismail||Ismaaciil; Abdiaziz||Cabdicasiis,Abdulaziz; Mahad||Mahat; Khalid||Khaalid""",
    female="""Fadumo||Faadumo,Fatuma; Hodan||Hodaan; Amina||Aamina; Sahra||Saxra,Sahro; Ayan||Ayaan;
    Hibo||Hibaaq; Nasra||Nasro; Ifrah||Ifraax; Hamdi||Xamdi; Sagal||Saagal""",
    family="""Mohamed||Maxamed,Mohammed; Abdi||Cabdi; Hassan||Xasan; Farah||Faarax; Warsame||Warsama;
    Osman||Cismaan,Othman; Jama||Jaamac; Hussein||Xuseen,Hussain; Ahmed||Axmed; Ibrahim||Ibraahim;
    Aden||Aadan,Adan; Nur||Nuur; Egal||Cigaal; Dahir||Daahir""",
)

_NG = dict(
    male="""Chinedu||; Emeka||Chukwuemeka; Oluwaseun||Seun; Babatunde||Tunde; Ibrahim||; Musa||Moussa;
    Ifeanyi||Ifeanyichukwu; Samuel||; David||Dawid; Daniel||; Osaro||Osarobo; Efosa||Efe; Godspower||;
    Emmanuel||Emanuel""",
    female="""Chioma||; Blessing||; Ngozi||; Aisha||Aishat,Aishatu; Funmilayo||Funmi; Adaeze||Ada; Esther||;
    Precious||; Joy||; Favour||Favor; Osasere||; Gift||; Faith||""",
    family="""Okafor||; Okonkwo||Okonkvo; Adeyemi||; Olawale||; Eze||; Nwosu||Nwaosu; Ibrahim||; Bello||;
    Abubakar||; Okoro||; Obi||; Adebayo||; Ogunleye||; Osagie||; Igbinedion||Igbinidion; Omoregie||;
    Edosa||; Uwadiae||""",
)

_SK = dict(
    male="""Lukáš||Lukas; Matej||Matěj; Tomáš||Tomas; Martin||; Samuel||; Jakub||; Adam||; Michal||;
    Peter||Petr; Filip||; Dávid||David; Marek||; Patrik||Patrick; Dominik||; Erik||""",
    female="""Natália||Natalia,Natálie; Nikola||; Simona||; Lucia||Lucie; Viktória||Viktoria,Viktorie;
    Kristína||Kristina,Kristýna; Barbora||; Ema||Emma; Laura||; Soňa||Sona; Vanesa||Vanessa; Nikoleta||""",
    family="""Horváth/Horváthová||Horvath/Horvathova; Kováč/Kováčová||Kovac/Kovacova,Kovář/Kovářová;
    Varga/Vargová||Varga/Vargova; Tóth/Tóthová||Toth/Tothova; Nagy/Nagyová||Nagy/Nagyova;
    Baláž/Balážová||Balaz/Balazova; Szabó/Szabóová||Szabo/Szaboova; Molnár/Molnárová||Molnar/Molnarova;
    Lakatoš/Lakatošová||Lakatos/Lakatosova; Mižigár/Mižigárová||Mizigar/Mizigarova; Gažo/Gažová||Gazo/Gazova;
    Oláh/Oláhová||Olah/Olahova; Červeňák/Červeňáková||Cervenak/Cervenakova; Rigo/Rigová||Rigo/Rigova;
    Dužda/Duždová||Duzda/Duzdova""",
)

_MD = dict(
    male="""Ion||Ioan,Jon; Andrei||Andrej,Andrey; Mihai||Mihail,Michail; Alexandru||Alexandr,Aleksandru;
    Vasile||Vasilij; Dumitru||Dmitrij; Nicolae||Nicolai,Nikolaj; Victor||Viktor; Cristian||Kristian;
    Ștefan||Stefan,Štefan; Daniel||; Maxim||Maksim""",
    female="""Maria||Marija; Ana||Anna; Elena||Jelena; Cristina||Kristina; Daniela||; Mihaela||Michaela;
    Ecaterina||Ekaterina,Katerina; Natalia||Natalija; Ioana||Joana; Andreea||Andrea; Victoria||Viktorie""",
    family="""Rusu||; Ceban||Cheban,Čeban; Ciobanu||Chobanu,Čobanu; Munteanu||Muntyanu; Cojocaru||Kozhokaru,Kožokaru;
    Popa||; Țurcanu||Turcanu; Lungu||; Moraru||; Botnaru||; Sârbu||Sirbu,Sarbu; Guțu||Gutu; Bivol||; Grosu||;
    Melnic||Melnik; Roșca||Rosca,Roška""",
)

_KA = dict(
    male="""Giorgi|გიორგი|Georgi; Luka|ლუკა|; Davit|დავით|David; Nikoloz|ნიკოლოზ|Nikolozi; Saba|საბა|;
    Levan|ლევან|Levani; Irakli|ირაკლი|Irakly; Sandro|სანდრო|; Lasha|ლაშა|Laša; Tornike|თორნიკე|;
    Dachi|დაჩი|Dači; Giga|გიგა|""",
    female="""Nino|ნინო|; Mariam|მარიამ|Mariami; Ana|ანა|Anna; Salome|სალომე|; Elene|ელენე|Elena;
    Tamar|თამარ|Tamari,Tamara; Nata|ნატა|; Keti|ქეთი|Qeti; Barbare|ბარბარე|Barbara; Tekla|თეკლა|Thekla""",
    family="""Beridze|ბერიძე|Beridse; Kapanadze|კაპანაძე|Kapanadse; Gelashvili|გელაშვილი|Gelašvili,Gelaschwili;
    Maisuradze|მაისურაძე|Maisuradse; Giorgadze|გიორგაძე|Giorgadse; Lomidze|ლომიძე|; Tsiklauri|წიკლაური|Ciklauri;
    Bolkvadze|ბოლქვაძე|Bolkwadze; Kvaratskhelia|კვარაცხელია|Kvarackhelija; Nozadze|ნოზაძე|;
    Japaridze|ჯაფარიძე|Džaparidze; Mchedlishvili|მჭედლიშვილი|Mčedlišvili; Abashidze|აბაშიძე|Abašidze""",
)

_VI = dict(
    male="""An|An|; Minh|Minh|; Tuan|Tuấn|; Hung|Hùng|; Dung|Dũng|; Long|Long|; Nam|Nam|; Phong|Phong|; Huy|Huy|;
    Khanh|Khánh|; Duc|Đức|; Hieu|Hiếu|; Quan|Quân|; Bao|Bảo|; Thang|Thắng|""",
    female="""Linh|Linh|; Trang|Trang|; Huong|Hương|; Lan|Lan|; Mai|Mai|; Ngoc|Ngọc|; Thao|Thảo|; Ha|Hà|; Anh|Anh|;
    Vy|Vy|; Nhung|Nhung|; Hoa|Hoa|; Yen|Yến|; Phuong|Phương|""",
    family="""Nguyen|Nguyễn|Nguen; Tran|Trần|; Le|Lê|; Pham|Phạm|; Hoang|Hoàng|; Phan|Phan|; Vu|Vũ|; Dang|Đặng|;
    Bui|Bùi|; Do|Đỗ|; Ho|Hồ|; Ngo|Ngô|; Duong|Dương|; Ly|Lý|; Dinh|Đinh|; Truong|Trương|""",
    middle_m="Van|Văn|; Duc|Đức|; Quang|Quang|; Huu|Hữu|; Thanh|Thanh|",
    middle_f="Thi|Thị|; Ngoc|Ngọc|; Thu|Thu|; Thanh|Thanh|; Kim|Kim|",
    middle_rate=0.9,
    vietnamese=True,  # family name first; the script form (with diacritics) is also a Latin spelling
)

POOL_SOURCES: dict[str, dict] = {
    "uk": _UK, "ru": _RU, "be": _BE, "af": _AF, "sy": _SY, "ma": _MA, "iq": _IQ, "pk": _PK, "bn": _BN,
    "er": _ER, "so": _SO, "ng": _NG, "sk": _SK, "md": _MD, "ka": _KA, "vi": _VI,
}  # fmt: skip


@dataclass(frozen=True)
class Name:
    """One name: Latin and original-script forms (male, female) and other Latin spellings."""

    latin: str
    latin_f: str
    script: str
    script_f: str
    alts: tuple[str, ...]
    alts_f: tuple[str, ...]

    def form(self, female: bool) -> tuple[str, str, tuple[str, ...]]:
        return (self.latin_f, self.script_f, self.alts_f) if female else (self.latin, self.script, self.alts)


@dataclass(frozen=True)
class Pool:
    """The names of one language or culture."""

    male: tuple[Name, ...]
    female: tuple[Name, ...]
    family: tuple[Name, ...]
    middle_m: tuple[Name, ...]
    middle_f: tuple[Name, ...]
    middle_rate: float
    family_rate: float
    vietnamese: bool


def _pair(text: str) -> tuple[str, str]:
    male, _, female = text.partition("/")
    return male.strip(), (female or male).strip()


def _entry(text: str, vietnamese: bool) -> Name:
    latin, script, alts = (text.split("|") + ["", ""])[:3]
    lm, lf = _pair(latin)
    sm, sf = _pair(script)
    pairs = [_pair(a) for a in alts.split(",") if a.strip()]
    if vietnamese and sm != lm:
        pairs.insert(0, (sm, sf))
    # An ASCII-only spelling of a name like Varga/Vargová differs only in the female form.
    return Name(lm, lf, sm, sf, tuple(p[0] for p in pairs if p[0] != lm), tuple(p[1] for p in pairs if p[1] != lf))


def _entries(text: str, vietnamese: bool = False) -> tuple[Name, ...]:
    return tuple(_entry(part.strip(), vietnamese) for part in text.split(";") if part.strip())


@cache
def pool(key: str) -> Pool:
    """The parsed pool `key` (cached: parsing happens once per process)."""
    src = POOL_SOURCES[key]
    vi = bool(src.get("vietnamese"))
    male = _entries(src["male"], vi)

    def middle(spec: str) -> tuple[Name, ...]:
        return male if spec == "@male" else _entries(spec, vi)

    return Pool(
        male, _entries(src["female"], vi), _entries(src["family"], vi),
        middle(src.get("middle_m", "")), middle(src.get("middle_f", "")),
        src.get("middle_rate", 0.0), src.get("family_rate", 1.0), vi,
    )  # fmt: skip


@dataclass(frozen=True)
class Profile:
    """A kind of child arriving: nationality, name pool and how their registrations tend to look."""

    nationality: str  # ISO 3166 alpha-2, "XX" stateless, "" unknown
    pool: str
    weight: int
    boys: float  # share of boys (a few percent are recorded with sex unknown)
    documents: float  # share with an exact date of birth
    separated: float  # share travelling with an adult who is not their guardian
    kacpu: bool  # registered mostly through the Ukraine assistance centres
    ova: bool  # a Czech officer may give a girl's surname the Czech -ová ending
    young: bool  # ages spread over childhood (families fleeing war), not mostly 15–17


PROFILES: tuple[Profile, ...] = (
    Profile("UA", "uk", 30, 0.55, 0.85, 0.45, True, True, True),
    Profile("UA", "ru", 6, 0.55, 0.85, 0.45, True, True, True),  # Russian-speaking Ukrainians
    Profile("AF", "af", 11, 0.95, 0.15, 0.15, False, False, False),
    Profile("SY", "sy", 6, 0.85, 0.4, 0.2, False, False, False),
    Profile("VN", "vi", 5, 0.6, 0.7, 0.3, False, False, False),
    Profile("MA", "ma", 5, 0.97, 0.3, 0.05, False, False, False),
    Profile("SK", "sk", 3, 0.6, 0.9, 0.2, False, False, False),
    Profile("ER", "er", 2, 0.65, 0.2, 0.1, False, False, False),
    Profile("SO", "so", 2, 0.75, 0.1, 0.1, False, False, False),
    Profile("NG", "ng", 2, 0.4, 0.4, 0.1, False, False, False),
    Profile("MD", "md", 3, 0.6, 0.8, 0.3, False, True, False),
    Profile("GE", "ka", 3, 0.75, 0.8, 0.3, False, True, False),
    Profile("RU", "ru", 2, 0.6, 0.8, 0.4, False, True, False),
    Profile("BY", "be", 1, 0.6, 0.8, 0.3, False, True, False),
    Profile("BY", "ru", 1, 0.6, 0.8, 0.3, False, True, False),
    Profile("IQ", "iq", 3, 0.85, 0.35, 0.3, False, False, False),
    Profile("PK", "pk", 3, 0.98, 0.3, 0.05, False, False, False),
    Profile("BD", "bn", 2, 0.95, 0.4, 0.05, False, False, False),
    Profile("XX", "sy", 1, 0.8, 0.2, 0.3, False, False, False),  # stateless Palestinians and Kurds from Syria
    Profile("XX", "ru", 1, 0.6, 0.3, 0.3, False, True, False),
    Profile("", "af", 1, 0.9, 0.0, 0.1, False, False, False),
    Profile("", "so", 1, 0.8, 0.0, 0.1, False, False, False),
)

# (place, reporting agency: the prefix of its reference number, how the case reached OSPOD)
KACPU_PLACES: tuple[tuple[str, str, str], ...] = (
    ("KACPU Praha – Kongresové centrum", "KACPU", "kacpu"), ("KACPU Praha – Vysočany", "KACPU", "kacpu"),
    ("KACPU Brno – Výstaviště", "KACPU", "kacpu"), ("KACPU Ostrava – Černá louka", "KACPU", "kacpu"),
    ("KACPU Plzeň", "KACPU", "kacpu"), ("KACPU Hradec Králové", "KACPU", "kacpu"),
    ("Praha – hlavní nádraží", "KRPA", "police"), ("Brno – hlavní nádraží", "KRPB", "police"),
    ("Ostrava – hlavní nádraží", "KRPT", "police"), ("Bohumín – vlakové nádraží", "KRPT", "police"),
)  # fmt: skip
ROUTE_PLACES: tuple[tuple[str, str, str], ...] = (
    ("Praha – hlavní nádraží", "KRPA", "police"), ("Praha – autobusové nádraží Florenc", "KRPA", "police"),
    ("Letiště Václava Havla Praha", "CPR", "border"), ("Policie ČR, Obvodní ředitelství Praha II", "KRPA", "police"),
    ("Praha 5 – Anděl", "KRPA", "field"), ("Policie ČR Brno, Kounicova", "KRPB", "police"),
    ("Brno – hlavní nádraží", "KRPB", "police"), ("Hraniční přechod Břeclav – Lanžhot (D2)", "KRPB", "border"),
    ("Hraniční přechod Mikulov – Drasenhofen", "KRPB", "border"),
    ("Hraniční přechod Hatě – Kleinhaugsdorf", "KRPB", "border"), ("Dálnice D5, Rozvadov", "KRPP", "border"),
    ("Plzeň – hlavní nádraží", "KRPP", "police"), ("Dálnice D1, odpočívadlo Větrný Jeníkov", "KRPJ", "police"),
    ("Ostrava – hlavní nádraží", "KRPT", "police"), ("Hraniční přechod Bohumín – Chałupki", "KRPT", "border"),
    ("České Budějovice – autobusové nádraží", "KRPC", "police"),
    ("Hraniční přechod Dolní Dvořiště – Wullowitz", "KRPC", "border"),
    ("Ústí nad Labem – hlavní nádraží", "KRPU", "police"),
    ("Hraniční přechod Krásný Les – Breitenau (D8)", "KRPU", "border"),
    ("Olomouc – hlavní nádraží", "KRPM", "police"), ("Pardubice – hlavní nádraží", "KRPE", "police"),
    ("Hradec Králové – terminál HD", "KRPH", "police"), ("Liberec – autobusové nádraží", "KRPL", "police"),
    ("Přijímací středisko Zastávka u Brna", "OAM", "other"),
    ("Zařízení pro zajištění cizinců Bělá-Jezová", "CPR", "police"),
)  # fmt: skip
AGENCIES = {
    "KACPU": "Krajské asistenční centrum pomoci Ukrajině",
    "CPR": "Policie ČR, Ředitelství služby cizinecké policie",
    "OAM": "Ministerstvo vnitra, Odbor azylové a migrační politiky",
    "KRPA": "Policie ČR, Krajské ředitelství policie hl. m. Prahy",
    "KRPB": "Policie ČR, Krajské ředitelství policie Jihomoravského kraje",
    "KRPC": "Policie ČR, Krajské ředitelství policie Jihočeského kraje",
    "KRPE": "Policie ČR, Krajské ředitelství policie Pardubického kraje",
    "KRPH": "Policie ČR, Krajské ředitelství policie Královéhradeckého kraje",
    "KRPJ": "Policie ČR, Krajské ředitelství policie kraje Vysočina",
    "KRPL": "Policie ČR, Krajské ředitelství policie Libereckého kraje",
    "KRPM": "Policie ČR, Krajské ředitelství policie Olomouckého kraje",
    "KRPP": "Policie ČR, Krajské ředitelství policie Plzeňského kraje",
    "KRPT": "Policie ČR, Krajské ředitelství policie Moravskoslezského kraje",
    "KRPU": "Policie ČR, Krajské ředitelství policie Ústeckého kraje",
}
# Languages a child of each pool speaks (ISO 639 codes as the registration form takes them), weighted.
LANGUAGES: dict[str, tuple[tuple[str, int], ...]] = {
    "uk": (("uk", 5), ("uk;ru", 4), ("ru", 1)), "ru": (("ru", 7), ("ru;uk", 3)), "be": (("be;ru", 1), ("ru", 1)),
    "af": (("fa", 6), ("ps", 3), ("fa;ps", 2)), "sy": (("ar", 8), ("ar;ku", 2)),
    "ma": (("ar", 6), ("ar;fr", 3), ("zgh;ar", 1)), "iq": (("ar", 6), ("ckb;ar", 2), ("ku", 1)),
    "pk": (("ur", 5), ("ur;pa", 3), ("ps;ur", 2)), "bn": (("bn", 1),), "er": (("ti", 8), ("ti;en", 1)),
    "so": (("so", 8), ("so;ar", 1)), "ng": (("en", 4), ("en;yo", 2), ("en;ig", 2), ("en;bin", 2), ("pcm;en", 2)),
    "sk": (("sk", 6), ("sk;rom", 3), ("sk;hu", 1)), "md": (("ro", 6), ("ro;ru", 4)), "ka": (("ka", 7), ("ka;ru", 3)),
    "vi": (("vi", 7), ("vi;cs", 3)),
}  # fmt: skip
# The adult with a separated child: (relationship as the officer writes it, adult is a woman, relative).
COMPANIONS: tuple[tuple[str, bool, bool], ...] = (
    ("babička", True, True), ("dědeček", False, True), ("teta", True, True), ("strýc", False, True),
    ("zletilý bratr", False, True), ("zletilá sestra", True, True), ("známá rodiny", True, False),
    ("známý rodiny", False, False), ("sousedka", True, False), ("muž, který o sobě tvrdí, že je strýc", False, False),
)  # fmt: skip
NO_INTERPRETER = {"cs", "sk"}  # Slovak children and Czech-schooled ones manage without an interpreter

# Age at the date found, 0..17: most unaccompanied children are 15–17; war refugees span childhood.
AGE_WEIGHTS_ROUTE = (0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 1, 1, 1, 1, 2, 3, 4, 8, 12, 18, 24, 22)
AGE_WEIGHTS_YOUNG = (3, 3, 3, 3, 3, 3, 5, 5, 5, 5, 5, 5, 5, 8, 9, 10, 11, 11)


# -- making plausible values ------------------------------------------------------------------------
class Dice(random.Random):
    """`random.Random` whose `choice`, `randrange` and `randint` each take one float draw: a third of the cost of
    the exact (bias-free) ones, which a demo of 100,000 children making ~100 draws each does not need. Same seed,
    same values."""

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start + step - 1) // step))

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


def estimate(rng: random.Random, age: int) -> tuple[int, int]:
    """An assessed age range containing the true age, never above 17 (if in doubt, presume a child)."""
    lo = max(0, age - rng.randint(0, 2))
    hi = min(17, max(age, lo + rng.randint(1, 3)))
    return (max(0, hi - 1), hi) if lo == hi else (lo, hi)


def reference_number(rng: random.Random, prefix: str, year: int) -> str:
    """A reference number in the style of the reporting agency (police č. j., KACPU, OAMP)."""
    if prefix == "KACPU":
        return f"KACPU-{year}-{rng.randrange(1, 100000):05d}"
    if prefix == "OAM":
        return f"OAM-{rng.randrange(1, 100000):05d}/ZA-{year}"
    if prefix == "CPR":
        return f"CPR-{rng.randrange(1, 100000):05d}-{rng.randint(1, 9)}/ČJ-{year}-930310"
    unit = rng.choice(("000099", "001111", "000010", "0000KR"))
    return f"{prefix}-{rng.randrange(1, 1000000):06d}-{rng.randint(1, 9)}/ČJ-{year}-{unit}"


def czech_female(family: Name) -> str:
    """The surname as a Czech officer may write it for a girl (Kovalenko → Kovalenková)."""
    name = family.latin_f
    if name.endswith(("ska", "cka")):  # an adjectival surname takes the Czech long vowel: Kovalská
        return name[:-1] + "á"
    return name[:-1] + "ová" if name.endswith("a") else name + "ová"  # Ivanova → Ivanovová


def typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard on a letter: dropped, swapped with the next, doubled, or a wrong vowel."""
    letters = [i for i in range(1, len(text) - 1) if text[i].isalpha()]
    if not letters:
        return text + text[-1:]
    i = rng.choice(letters)
    ops = ["double"] + ["drop"] * (len(text) > 4) + ["swap"] * (text[i + 1].isalpha() and text[i] != text[i + 1])
    op = rng.choice(ops + ["vowel"] * (text[i] in "aeiou"))
    if op == "drop":
        return text[:i] + text[i + 1 :]
    if op == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op == "vowel":
        return text[:i] + rng.choice([v for v in "aeiou" if v != text[i]]) + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def cumulative(weights: Sequence[float]) -> list[float]:
    """Running totals, for `random.choices(cum_weights=...)` (faster than weights on every draw)."""
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def birth_for_age(rng: random.Random, found: date, age: int) -> date:
    """A birth date that makes the child exactly `age` on the day found."""
    latest = add_years(found, -age)
    earliest = add_years(found, -(age + 1)) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


# -- where a child was found: who decides and who comes out -----------------------------------------
# Place found -> (the district court that decides on the child's placement: the court of the district where the
# child is, § 452 z. ř. s.; the municipal office whose OSPOD on-call worker came out to the child).
PLACE_AUTHORITIES: dict[str, tuple[str, str]] = {
    "KACPU Praha – Kongresové centrum": ("Obvodní soud pro Prahu 4", "Úřad městské části Praha 4"),
    "KACPU Praha – Vysočany": ("Obvodní soud pro Prahu 9", "Úřad městské části Praha 9"),
    "KACPU Brno – Výstaviště": ("Městský soud v Brně", "Úřad městské části Brno-střed"),
    "KACPU Ostrava – Černá louka": ("Okresní soud v Ostravě", "Úřad městského obvodu Moravská Ostrava a Přívoz"),
    "KACPU Plzeň": ("Okresní soud Plzeň-město", "Magistrát města Plzně"),
    "KACPU Hradec Králové": ("Okresní soud v Hradci Králové", "Magistrát města Hradec Králové"),
    "Praha – hlavní nádraží": ("Obvodní soud pro Prahu 2", "Úřad městské části Praha 2"),
    "Brno – hlavní nádraží": ("Městský soud v Brně", "Úřad městské části Brno-střed"),
    "Ostrava – hlavní nádraží": ("Okresní soud v Ostravě", "Úřad městského obvodu Moravská Ostrava a Přívoz"),
    "Bohumín – vlakové nádraží": ("Okresní soud v Karviné", "Městský úřad Bohumín"),
    "Praha – autobusové nádraží Florenc": ("Obvodní soud pro Prahu 8", "Úřad městské části Praha 8"),
    "Letiště Václava Havla Praha": ("Obvodní soud pro Prahu 6", "Úřad městské části Praha 6"),
    "Policie ČR, Obvodní ředitelství Praha II": ("Obvodní soud pro Prahu 2", "Úřad městské části Praha 2"),
    "Praha 5 – Anděl": ("Obvodní soud pro Prahu 5", "Úřad městské části Praha 5"),
    "Policie ČR Brno, Kounicova": ("Městský soud v Brně", "Úřad městské části Brno-střed"),
    "Hraniční přechod Břeclav – Lanžhot (D2)": ("Okresní soud v Břeclavi", "Městský úřad Břeclav"),
    "Hraniční přechod Mikulov – Drasenhofen": ("Okresní soud v Břeclavi", "Městský úřad Mikulov"),
    "Hraniční přechod Hatě – Kleinhaugsdorf": ("Okresní soud ve Znojmě", "Městský úřad Znojmo"),
    "Dálnice D5, Rozvadov": ("Okresní soud v Tachově", "Městský úřad Tachov"),
    "Plzeň – hlavní nádraží": ("Okresní soud Plzeň-město", "Magistrát města Plzně"),
    "Dálnice D1, odpočívadlo Větrný Jeníkov": ("Okresní soud v Jihlavě", "Magistrát města Jihlavy"),
    "Hraniční přechod Bohumín – Chałupki": ("Okresní soud v Karviné", "Městský úřad Bohumín"),
    "České Budějovice – autobusové nádraží": ("Okresní soud v Českých Budějovicích", "Magistrát města České Budějovice"),
    "Hraniční přechod Dolní Dvořiště – Wullowitz": ("Okresní soud v Českém Krumlově", "Městský úřad Kaplice"),
    "Ústí nad Labem – hlavní nádraží": ("Okresní soud v Ústí nad Labem", "Magistrát města Ústí nad Labem"),
    "Hraniční přechod Krásný Les – Breitenau (D8)": ("Okresní soud v Ústí nad Labem", "Magistrát města Ústí nad Labem"),
    "Olomouc – hlavní nádraží": ("Okresní soud v Olomouci", "Magistrát města Olomouce"),
    "Pardubice – hlavní nádraží": ("Okresní soud v Pardubicích", "Magistrát města Pardubic"),
    "Hradec Králové – terminál HD": ("Okresní soud v Hradci Králové", "Magistrát města Hradec Králové"),
    "Liberec – autobusové nádraží": ("Okresní soud v Liberci", "Magistrát města Liberec"),
    "Přijímací středisko Zastávka u Brna": ("Okresní soud Brno-venkov", "Městský úřad Rosice"),
    "Zařízení pro zajištění cizinců Bělá-Jezová": ("Okresní soud v Mladé Boleslavi", "Magistrát města Mladá Boleslav"),
}
# The court of the office's own district (Radlická is in Prague 5): a placement of a child found nowhere listed.
HOME_COURT = "Obvodní soud pro Prahu 5"

# -- a child's family: where it lives, how relatives are named ------------------------------------------------------
Country = tuple[str, int, tuple[str, ...]]  # the country as written in Czech, its calling code, towns
HOMES: dict[str, tuple[Country, ...]] = {
    "UA": (("Ukrajina", 380, ("Charkov", "Záporoží", "Dnipro", "Mykolajiv", "Oděsa", "Kyjev", "Chersoň", "Sumy")),),
    "AF": (("Afghánistán", 93, ("Kábul", "Herát", "Mazár-e Šaríf", "Kundúz", "Džalálábád")),
           ("Írán", 98, ("Mašhad", "Teherán"))),
    "SY": (("Sýrie", 963, ("Aleppo", "Idlib", "Damašek", "Dajr az-Zaur")), ("Turecko", 90, ("Gaziantep", "Istanbul")),
           ("Libanon", 961, ("Bejrút",))),
    "VN": (("Vietnam", 84, ("Nghệ An", "Hà Tĩnh", "Hanoj", "Hải Phòng")),),
    "MA": (("Maroko", 212, ("Tanger", "Casablanca", "Fès", "Béni Mellal")),),
    "SK": (("Slovensko", 421, ("Košice", "Michalovce", "Trebišov", "Rimavská Sobota")),),
    "ER": (("Eritrea", 291, ("Asmara", "Keren")), ("Etiopie", 251, ("Addis Abeba",)), ("Súdán", 249, ("Chartúm",))),
    "SO": (("Somálsko", 252, ("Mogadišo", "Hargeisa", "Kismaayo")), ("Keňa", 254, ("Nairobi",))),
    "NG": (("Nigérie", 234, ("Benin City", "Lagos", "Ibadan")),),
    "MD": (("Moldavsko", 373, ("Kišiněv", "Bălți", "Cahul")),),
    "GE": (("Gruzie", 995, ("Tbilisi", "Kutaisi", "Batumi")),),
    "RU": (("Rusko", 7, ("Moskva", "Petrohrad", "Groznyj")),),
    "BY": (("Bělorusko", 375, ("Minsk", "Homel", "Brest")),),
    "IQ": (("Irák", 964, ("Mosul", "Erbíl", "Bagdád", "Sulajmáníja")),),
    "PK": (("Pákistán", 92, ("Gudžrát", "Láhaur", "Péšávar")),),
    "BD": (("Bangladéš", 880, ("Sylhet", "Dháka")),),
}  # fmt: skip
# Stateless or unknown nationality: the family lives where the name pool points.
HOMES_BY_POOL: dict[str, tuple[Country, ...]] = {
    "sy": (("Sýrie", 963, ("Jarmúk", "Aleppo")), ("Libanon", 961, ("Bejrút", "Sidón"))),
    "ru": HOMES["RU"], "af": HOMES["AF"], "so": HOMES["SO"],
}  # fmt: skip
# Relatives further west: (country, "do …" for a wish to go there, calling code, towns).
ABROAD: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("Německo", "do Německa", 49, ("Berlín", "Hamburk", "Mnichov", "Frankfurt nad Mohanem", "Kolín nad Rýnem")),
    ("Rakousko", "do Rakouska", 43, ("Vídeň", "Linec", "Štýrský Hradec")),
    ("Francie", "do Francie", 33, ("Paříž", "Lyon", "Marseille")),
    ("Belgie", "do Belgie", 32, ("Brusel", "Antverpy")),
    ("Nizozemsko", "do Nizozemska", 31, ("Amsterdam", "Rotterdam")),
    ("Švédsko", "do Švédska", 46, ("Stockholm", "Malmö")),
    ("Spojené království", "do Spojeného království", 44, ("Londýn", "Birmingham")),
    ("Itálie", "do Itálie", 39, ("Milán", "Řím")),
    ("Španělsko", "do Španělska", 34, ("Madrid", "Almería")),
    ("Polsko", "do Polska", 48, ("Varšava", "Krakov", "Vratislav")),
)
ABROAD_BY_NATIONALITY: dict[str, tuple[str, ...]] = {  # where relatives of these children mostly live
    "UA": ("Polsko", "Německo"), "MA": ("Španělsko", "Francie", "Belgie", "Itálie"),
    "AF": ("Německo", "Rakousko", "Švédsko", "Francie"), "SY": ("Německo", "Švédsko", "Nizozemsko"),
    "VN": ("Německo", "Spojené království"), "NG": ("Itálie", "Spojené království", "Německo"),
    "ER": ("Německo", "Nizozemsko", "Švédsko", "Spojené království"), "SO": ("Švédsko", "Nizozemsko", "Spojené království"),
}  # fmt: skip
# Towns where relatives living in Czechia are (Vietnamese families around Sapa and in the west).
CZ_TOWNS = ("Praha", "Brno", "Plzeň", "Ostrava", "Pardubice", "Mladá Boleslav", "Kladno")
CZ_TOWNS_BY_NATIONALITY = {"VN": ("Praha 4 – Libuš", "Cheb", "Ústí nad Labem", "Sokolov", "Brno")}
# A relative as the officer writes it: (a woman, genitive "u …", instrumental "za …/s …").
RELATIONS: dict[str, tuple[bool, str, str]] = {
    "matka": (True, "matky", "matkou"), "otec": (False, "otce", "otcem"),
    "bratr": (False, "bratra", "bratrem"), "sestra": (True, "sestry", "sestrou"),
    "zletilý bratr": (False, "zletilého bratra", "zletilým bratrem"),
    "zletilá sestra": (True, "zletilé sestry", "zletilou sestrou"),
    "strýc": (False, "strýce", "strýcem"), "teta": (True, "tety", "tetou"),
    "babička": (True, "babičky", "babičkou"), "dědeček": (False, "dědečka", "dědečkem"),
    "bratranec": (False, "bratrance", "bratrancem"), "sestřenice": (True, "sestřenice", "sestřenicí"),
}  # fmt: skip
# Relatives who can take a child in (a placement with relatives): adults, living in Czechia.
CARER_RELATIONS = ("teta", "strýc", "babička", "dědeček", "zletilý bratr", "zletilá sestra")
# With whom a separated child travelled, as a phrase after the verb ("přicestoval s babičkou").
COMPANION_WITH = {
    "babička": "s babičkou", "dědeček": "s dědečkem", "teta": "s tetou", "strýc": "se strýcem",
    "zletilý bratr": "se zletilým bratrem", "zletilá sestra": "se zletilou sestrou", "známá rodiny": "se známou rodiny",
    "známý rodiny": "se známým rodiny", "sousedka": "se sousedkou",
    "muž, který o sobě tvrdí, že je strýc": "s mužem, který o sobě tvrdí, že je strýc",
}  # fmt: skip
# Pools whose women keep their own family name on marriage (a mother's surname is not the child's).
OWN_SURNAME_POOLS = {"af", "sy", "ma", "iq", "pk", "bn", "er", "so", "ng", "vi"}
# Pools where a child's second name is the father's given name (Tesfay, Warsame; the Arabic "middle" name).
PATRONYMIC_FAMILY = {"er", "so"}
