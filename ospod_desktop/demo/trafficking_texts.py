"""Texts of the demo's trafficking assessments (all fictitious): what an officer notes beside an answer, the reasons
for a conclusion that departs from the engine's, a supervisor's comments, the police units and the organisations of
the Czech programme for the support and protection of victims of trafficking. Czech, as the office writes; a child's
own words sometimes quoted in the child's language (and script) with the officer's translation.
"""

from __future__ import annotations

# -- answer notes -------------------------------------------------------------------------------------
# Where the officer learned it (the answer's source) -> a lead-in; a note is "<lead-in> <detail>".
LEAD_INS: dict[str, tuple[str, ...]] = {
    "child_account": ("Dítě při pohovoru s tlumočníkem uvedlo:", "Podle výpovědi dítěte:", "Dítě samo popsalo:",
                      "Při druhém pohovoru dítě doplnilo:"),
    "observation": ("Pozorováno při příjmu:", "Zjištěno při návštěvě v zařízení:", "Pracovnice ZDVOP pozorovala:",
                    "Při pohovoru bylo patrné:"),
    "documents": ("Z dokladů u dítěte vyplývá:", "Podle záznamu v telefonu dítěte:", "Ze spisu cizinecké policie:",
                  "Podle jízdenek a dokladů o platbách:"),
    "third_party": ("Podle sdělení Policie ČR:", "Podle informace pedagoga ze školy:", "Sdělila pracovnice NNO:",
                    "Podle sdělení lékaře při vstupní prohlídce:"),
}
# Details by the form of exploitation the child's story is about (and "" for an indicator not tied to a form).
DETAILS: dict[str, tuple[str, ...]] = {
    "labour": ("pracoval/a bez mzdy v prodejně a skladu, bydlel/a v místě práce", "pracovní doba přes 12 hodin denně, "
               "bez volných dnů", "dluh za cestu má odpracovat, výše dluhu se stále zvyšuje",
               "doklady mu/jí odebral zaměstnavatel „do úschovy“"),
    "sexual": ("na telefonu inzeráty s fotografiemi dítěte", "starší muž, „přítel“, zajišťoval ubytování a oblečení "
               "výměnou za „služby“", "dítě mluví o „klientech“ a o tom, že musí „vydělat“", "opakované noční odchody "
               "ze zařízení, návraty s penězi a novým telefonem"),
    "begging": ("se sourozenci žebral/a u stanic metra, výtěžek odevzdával/a dospělému",
                "dospělý doprovod dítě ráno přiváží a večer odváží", "dítě nesmí peníze použít pro sebe"),
    "criminal": ("hlídal/a pěstírnu konopí v rodinném domě, nesměl/a odejít", "byl/a nucen/a ke krádežím v obchodech",
                 "převážel/a balíčky mezi městy na pokyn „strýce“", "dluh za převaděče má splatit prodejem drog"),
    "forced_marriage": ("rodina dohodla sňatek se starším mužem, dítě nesouhlasí",
                        "dítě uvádí, že ho/ji po příjezdu „předají“ manželovi", "za dítě bylo zaplaceno věno"),
    "organ_removal": ("dítěti byla slíbena léčba v zahraničí, doklady o „vyšetřeních“ neodpovídají",),
    "other": ("dítě bylo drženo v bytě, komunikaci zajišťoval jen doprovod",
              "dítě nezná adresu, kde bydlelo, a bojí se o ní mluvit"),
    # Indicators not about one form: by the element of their dimension ("element:<code>"; then "" for any other).
    "element:act": ("cestu zařídila a zaplatila třetí osoba, dítě nezná její jméno", "do ČR dítě přivezl „strýc“, který "
            "není příbuzný", "dítěti slíbili práci a školu v Německu", "dítě bylo několikrát přestěhováno mezi byty"),
    "element:means": ("doklady mu/jí odebral doprovod „do úschovy“", "dítě má dluh vůči osobě, která cestu zařídila",
              "telefon dítěte kontroluje doprovázející osoba", "dítě odpovídá naučenými větami a bojí se",
              "dítěti vyhrožovali, že ublíží rodině doma"),
    "element:vulnerability": ("dítě je v ČR bez rodičů a bez kontaktu na příbuzné", "dítě nemá vlastní doklady ani peníze",
                      "rodina doma je zadlužená, dítě má posílat peníze", "dítě dlouho nechodilo do školy"),
    "element:other": ("modřiny na předloktích, vysvětlení neodpovídá", "dítě je vyčerpané a podvyživené"),
    "": ("cesta organizována třetí osobou, dítě nezná její jméno", "dítě nemá vlastní doklady ani peníze",
         "kontakt s rodinou zprostředkuje jen doprovázející osoba", "dítě je ustrašené, odpovídá naučenými větami",
         "po příjezdu volal neznámý muž a ptal se, kde dítě je", "dítě má dluh vůči osobě, která cestu zařídila"),
}
# The child's own words, in the language and script the child used, with the officer's Czech translation; by the
# child's nationality (the profile's code).
QUOTES: dict[str, tuple[str, ...]] = {
    "UA": ("«Мені сказали, що я маю відпрацювати борг.» (Řekli mi, že musím odpracovat dluh.)",
           "«Паспорт забрав дядько Віктор.» (Pas si vzal strýc Viktor.)"),
    "RU": ("«Мне сказали, что я должен отработать долг.» (Řekli mi, že musím odpracovat dluh.)",),
    "BY": ("«Мне сказали, что я должен отработать долг.» (Řekli mi, že musím odpracovat dluh.)",),
    "MD": ("„Mi-au spus că trebuie să muncesc ca să plătesc drumul.“ (Řekli mi, že musím cestu odpracovat.)",),
    "VN": ("„Tôi phải làm việc để trả nợ cho chú.“ (Musím pracovat, abych strýci splatil dluh.)",
           "„Tôi không được ra ngoài một mình.“ (Nesmím ven sám/sama.)"),
    "SY": ("«قالوا لي إنه يجب أن أعمل لأسدد الدين» (Řekli mi, že musím pracovat, abych splatil/a dluh.)",),
    "IQ": ("«قالوا لي إنه يجب أن أعمل لأسدد الدين» (Řekli mi, že musím pracovat, abych splatil/a dluh.)",),
    "MA": ("«قالوا لي إنه يجب أن أعمل لأسدد الدين» (Řekli mi, že musím pracovat, abych splatil/a dluh.)",),
    "AF": ("«باید کار می‌کردم تا قرض قاچاقبر را بپردازم» (Musel/a jsem pracovat, abych splatil/a dluh převaděči.)",),
    "GE": ("„ვალი უნდა გადავიხადო“ (Musím splatit dluh.)",),
    "": ("(Dítě odpovídalo jen jednoslovně, tlumočník nejistý v dialektu.)",),
}
ABSENT_NOTES = ("Dítě popřelo.", "Nezjištěno, dítě odpovídalo otevřeně.", "Ověřeno u zařízení, bez nálezu.")
UNKNOWN_NOTES = ("Dítě nevědělo, doplnit při dalším pohovoru.", "Nelze ověřit bez tlumočníka.", "Dítě odmítlo odpovědět.")
DEPARTED = "Závěr se liší od vyhodnocení katalogu: rozhodly okolnosti zjištěné mimo indikátory (viz poznámky)."

# -- conclusions --------------------------------------------------------------------------------------
# (engine outcome, officer's conclusion) -> reasons an officer gives for departing from the engine's outcome.
DEPARTURES: dict[tuple[str, str], tuple[str, ...]] = {
    ("concern", "presumed_victim"): (
        "Výpověď dítěte je podrobná, konzistentní a podložená zjištěními z pozorování; indikátory katalogu situaci "
        "plně nepostihují. Vzhledem k riziku pro dítě postupuji jako u předpokládané oběti.",
        "Policie ČR sdělila, že osoba doprovázející dítě je stíhána pro obchodování s lidmi; i bez dalších "
        "indikátorů jde o předpokládanou oběť.",
    ),
    ("presumed_victim", "concern"): (
        "Informace pochází pouze od třetí osoby a nepodařilo se je ověřit; po pohovoru s tlumočníkem do rodného "
        "jazyka posouzení zopakuji.",
        "Dítě části výpovědi odvolalo a doklady odpovídají jeho nové verzi; trvá podezření, nikoli předpoklad.",
    ),
    ("no_indication", "concern"): (
        "Dítě bylo při pohovoru zjevně pod vlivem doprovázející osoby, která nechtěla odejít; žádný indikátor "
        "nelze potvrdit, ale situace vyžaduje sledování.",
        "Opakované telefonáty neznámé osoby do zařízení; do dalšího posouzení vedeno jako podezření.",
    ),
    ("concern", "no_indication"): (
        "Indikátory se týkají cesty před příjezdem do ČR (převaděč) a dítě nadále nikomu nic nedluží; bez známek "
        "vykořisťování.",
        "Práce u strýce byla brigáda o prázdninách za mzdu, ověřeno u školy i u matky; podezření se nepotvrdilo.",
    ),
}
REASONINGS = (  # a conclusion the engine agrees with, sometimes explained anyway
    "", "", "", "Pohovor veden s tlumočníkem, dítě spolupracovalo.", "Posouzení provedeno při vstupním pohovoru.",
    "Posouzení doplněno po konzultaci s vedoucí oddělení.",
)
APPROVALS = ("", "", "", "Souhlasím.", "Souhlasím, sledovat při další návštěvě.", "Bez připomínek.")
RETURNS = (
    "Prosím doplnit zdroj informací u indikátorů náboru a odůvodnit, proč u dluhu uvádíte „neznámo“.",
    "Závěr neodpovídá poznámkám – dítě podle poznámky odevzdává výdělek; doplňte formy vykořisťování.",
    "Chybí země vykořisťování; doplňte po pohovoru s tlumočníkem.",
)

# -- victim events ------------------------------------------------------------------------------------
POLICE_UNITS = (
    "Policie ČR, NCOZ SKPV – odbor obchodu s lidmi", "Policie ČR, KŘP hl. m. Prahy, SKPV – 2. oddělení",
    "Policie ČR, OŘ Praha II, SKPV", "Policie ČR, KŘP Středočeského kraje, SKPV",
    "Policie ČR, Ředitelství služby cizinecké policie",
)
CHANNELS = ("datovou schránkou", "osobně na služebně", "telefonicky a následně datovou schránkou", "e-mailem s podpisem")
ASSISTANCE = (
    "La Strada Česká republika, o. p. s.",
    "Diakonie ČCE – Středisko celostátních programů a služeb",
    "Magdala – Arcidiecézní charita Praha",
    "Organizace pro pomoc uprchlíkům, z. s.",
)
EVENT_NOTES: dict[str, tuple[str, ...]] = {
    "police_report": ("Oznámení podezření ze spáchání trestného činu obchodování s lidmi (§ 168 TZ).",
                      "Oznámení podáno s přiloženým záznamem z pohovoru s dítětem.", ""),
    "identified": ("Policie ČR sdělila, že dítě považuje za oběť obchodování s lidmi.",
                   "Dítě zařazeno jako oběť; trestní řízení vedeno proti neznámému pachateli.", ""),
    "referred": ("Dítě předáno do Programu podpory a ochrany obětí obchodování s lidmi, první schůzka sjednána.",
                 "Kontakt s organizací zprostředkován, dítě souhlasí s podporou.", ""),
    "reflection_period": ("Poučeno o lhůtě k rozmyšlení; s dítětem a opatrovníkem projednáno, co lhůta znamená.",
                          "Lhůta k rozmyšlení poskytnuta, pobyt dítěte zajištěn v ZDVOP.", ""),
}

# -- stories ------------------------------------------------------------------------------------------
# The form of exploitation a child's story is about, by nationality (and sex): (form, weight).
STORIES: dict[str, tuple[tuple[str, int], ...]] = {
    "VN": (("criminal", 50), ("labour", 40), ("sexual", 10)),
    "NG": (("sexual", 75), ("labour", 15), ("criminal", 10)),
    "MA": (("criminal", 60), ("begging", 20), ("sexual", 20)),
    "SK": (("sexual", 40), ("begging", 30), ("criminal", 30)),
    "female": (("sexual", 50), ("labour", 25), ("forced_marriage", 20), ("other", 5)),
    "male": (("labour", 55), ("criminal", 30), ("sexual", 10), ("begging", 4), ("organ_removal", 1)),
}
RISK = {"VN": 3.0, "NG": 3.0, "MD": 2.0, "MA": 1.5, "RO": 2.0, "BG": 2.0}
ROUTES: dict[str, tuple[str, ...]] = {  # countries where a child of that nationality was exploited (besides CZ)
    "VN": ("DE", "PL", "GB", "RU"), "UA": ("PL", "DE", "SK"), "AF": ("TR", "RS", "HU", "AT"), "SY": ("TR", "RS"),
    "NG": ("LY", "IT", "ES"), "MA": ("ES", "FR", "IT"), "MD": ("RO", "DE"), "": ("DE", "AT", "PL"),
}
