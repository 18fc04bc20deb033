"""Czech texts of the demo's supervision visits, information requests, IPODs, guardians and asylum applications
(all fictitious): small pools the planner (`demo.care`) draws from. A gendered text is written once with
{masculine|feminine|neuter} alternatives (`story.gendered`) and stored as its three forms."""

from __future__ import annotations

from ospod_desktop.demo.story import gendered


def _g(*templates: str) -> tuple[tuple[str, str, str], ...]:
    return tuple(gendered(t) for t in templates)


# Why the child was not seen (neutral: "dítě").
NOT_SEEN = (
    "Dítě bylo v době návštěvy ve škole, návštěva přeplánována.",
    "Dítě bylo na vycházce mimo zařízení.",
    "Dítě bylo s vychovatelkou u lékaře.",
    "Dítě odmítlo s pracovnicí OSPOD mluvit, vychovatelka doporučila přijít jindy.",
    "Dítě bylo na výletě se skupinou, zařízení o návštěvě nevědělo.",
    "Dítě bylo nemocné a spalo, lékař doporučil klid.",
)
NOT_SEEN_MISSING = "Dítě je v době návštěvy pohřešováno; policie byla informována."

PRESENT_FACILITY = ("vychovatelka", "sociální pracovnice zařízení", "vychovatel", "vedoucí skupiny",
                    "sociální pracovnice zařízení, tlumočník", "vychovatelka, tlumočnice (telefonicky)")
PRESENT_SCHOOL = ("třídní učitelka", "výchovná poradkyně školy", "asistentka pedagoga")
PLACE_OTHER = ("úřadovna OSPOD, nám. 14. října 1381/4, Praha 5", "Pedagogicko-psychologická poradna Praha 5",
               "pracoviště Organizace pro pomoc uprchlíkům, Praha 8", "dětská ambulance FN Motol")
SCHOOLS = ("ZŠ Weberova, Praha 5", "ZŠ a MŠ Grafická, Praha 5", "ZŠ Kořenského, Praha 5", "ZŠ Tyršova, Beroun",
           "SOU gastronomie a podnikání, Praha 9", "ZŠ Jižní, Kladno", "ZŠ Komenského, Pardubice")

VIEWS = _g(
    "Přeje si co nejdřív odjet za příbuznými, ptá se, jak dlouho bude řízení trvat.",
    "Je spokojen{|á|é}, jen by chtěl{|a|o} častěji telefonovat domů.",
    "Stýská se {mu|jí|mu} po rodině; chce se učit česky a chodit do školy.",
    "Přeje si pracovat a posílat peníze domů; bylo {mu|jí|mu} vysvětleno, co zákon dovoluje.",
)
VIEWS_FACILITY = _g(
    "Chce zůstat v zařízení, líbí se {mu|jí|mu} tu; přeje si víc času na sport.",
    "Nechce se stěhovat do jiného zařízení, má tu kamarády.",
    "Chtěl{|a|o} by bydlet u příbuzných v Česku, souhlasí s jejich prověřením.",
)
VIEWS_HOME = _g(
    "V rodině se cítí dobře, chce tu zůstat.",
    "V rodině si rozumí, jen {mu|jí|mu} chybí kamarádi ze zařízení.",
)
VIEWS_AT = {True: VIEWS + VIEWS_HOME, False: VIEWS + VIEWS_FACILITY}  # at a family's home, in a facility
LIVING_FACILITY = (
    "Pokoj pro dvě děti, čistý a vybavený; dítě má vlastní skříňku a psací stůl.",
    "Skupina osmi dětí, pokoje po dvou; zařízení v dobrém stavu.",
    "Pokoj sdílí se dvěma vrstevníky; v zimě bylo chladno, zařízení zajistilo přímotop.",
    "Podmínky odpovídají věku dítěte, strava pravidelná, hygiena zajištěna.",
)
LIVING_HOME = (
    "Byt prostorný, dítě má vlastní pokoj; domácnost uklizená.",
    "Rodinný dům se zahradou, dítě sdílí pokoj s dalším dítětem v rodině; podmínky vyhovující.",
    "Podmínky odpovídají věku dítěte, strava pravidelná, hygiena zajištěna.",
)
HEALTH = _g(
    "Bez zdravotních obtíží, očkování doplněno podle plánu.",
    "Prodělal{|a|o} nachlazení, nyní zdráv{|a|o}; kontrola u pediatra proběhla.",
    "Ošetřen{|a|o} u zubaře, čeká na další termín.",
    "Špatně spí, má noční můry; zařízení zajistilo psychologa.",
    "Vstupní prohlídka provedena, bez nálezu; sledována hmotnost.",
    "Užívá léky na alergii, předepsané pediatrem.",
)
SCHOOL_SMALL = ("Dochází do mateřské školy, adaptace proběhla dobře.", "Zatím nenavštěvuje mateřskou školu, je doma s pěstounkou.")
SCHOOL_YOUNG = _g(
    "Chodí do základní školy, zlepšuje se v češtině; třídní učitelka je spokojená.",
    "Zařazen{|a|o} do přípravné třídy pro cizince, prospěch dostatečný.",
    "Do školy chodí rád{|a|o}, má asistentku pedagoga.",
    "Absence ve škole narůstají; domluvena schůzka s výchovnou poradkyní.",
)
SCHOOL_OLDER = _g(
    "Navštěvuje intenzivní kurz češtiny, docházka pravidelná.",
    "Připravuje se na přijímací zkoušky na učební obor.",
    "Dochází do učebního oboru kuchař, praxe v restauraci {ho|ji|ho} baví.",
    "Absence v kurzu češtiny narůstají; domluvena schůzka s lektorkou.",
    "Dokončuje základní vzdělání v kurzu pro cizince.",
)
FAMILY = _g(
    "Telefonuje s matkou jednou týdně přes WhatsApp.",
    "S rodinou v zemi původu nemá kontakt; OSPOD požádal o pátrání Červený kříž.",
    "Kontakt se sourozenci po videohovorech, bez potíží.",
    "Otec volá nepravidelně, dítě po hovorech bývá smutné.",
)
FAMILY_CZ = _g(  # a child with an adult relative living in Czechia
    "Navštěvuje {ho|ji|ho} příbuzný z Česka každou druhou neděli.",
    "Příbuzní v Česku projevili zájem o převzetí do péče; prověřuje se.",
)
CONCERNS = (
    "Podezření, že dítě kontaktuje neznámý dospělý přes sociální síť; předáno policii.",
    "Dítě mluví o odchodu do Německa; zařízení zvýší dohled.",
    "Zhoršený prospěch a časté absence.",
    "Konflikty s vrstevníky ve skupině.",
    "Dítě nemá doklady, řeší se s ambasádou.",
)
VISIT_NOTES = ("", "", "", "Návštěva trvala asi hodinu.", "Tlumočeno telefonicky.", "Pracovnice předala dítěti kontakt na linku 116 111.")

ADDRESSEES = (
    "třídní učitelka, {school}",
    "MUDr. Eva Kubátová, praktická lékařka pro děti a dorost",
    "Pedagogicko-psychologická poradna Praha 5",
    "psycholožka zařízení",
    "Organizace pro pomoc uprchlíkům, z. s.",
    "Český červený kříž – pátrací služba",
    "Odbor azylové a migrační politiky MV",
)
REQUEST_NOTES = ("Žádost o zprávu o docházce a prospěchu.", "Žádost o lékařskou zprávu.",
                 "Žádost o zprávu o chování a adaptaci dítěte.", "Dotaz na stav pátrání po rodině.",
                 "Dotaz na stav řízení o mezinárodní ochraně.")

IPOD_FIRST = (
    "IPOD sestaven s dítětem (s tlumočníkem) a zařízením; cíle: stabilizace, zdravotní péče, kontakt s rodinou.",
    "IPOD po přijetí: posouzení potřeb dítěte, zjištění rodiny, opatrovník, škola.",
    "IPOD zpracován na případové konferenci se zařízením a opatrovníkem.",
)
IPOD_UPDATE = (
    "Aktualizace IPOD po přemístění: adaptace v novém prostředí, školní docházka.",
    "Pravidelná aktualizace IPOD: hodnocení cílů, příprava na samostatný život.",
    "Aktualizace IPOD: sloučení s rodinou v zahraničí se prověřuje.",
)

LAWYERS = ("JUDr. Pavla Benešová, advokátka", "Mgr. Ondřej Krejčí, advokát", "Mgr. Lucie Marešová, advokátka",
           "JUDr. Tomáš Fiala, advokát")
REPRESENTATIVES = ("Mgr. Jana Kolářová (OPU)", "Mgr. Petr Urban (Poradna pro integraci)")
EXCEPTION_REASON = "Řízení ve věci samé je zahájeno (sp. zn. {file}); předběžné opatření trvá do jeho skončení."
