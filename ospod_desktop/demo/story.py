"""What the officer wrote about a demo child (all fictitious): how it was found, its family, its wishes, its age
assessments and documents, and the words of a missing report.

Every text fits the child it is written about:

- its sex: Czech verbs and adjectives agree with the child ("nevrátil se", "nevrátila se"; for a child whose sex is
  unknown the neuter of "dítě": "nevrátilo se"). A template writes the three forms as `{m|f|n}`:
  "Nevrátil{|a|o} se" (`gendered`);
- its age as the record gives it: a text is used only when every age the record allows is within the text's ages
  (`lo`–`hi`: a date of birth gives one age, a birth year two, an assessed range its range), so no child under 6
  has a school in its story, none under 14 has worked, none over 2 is in a pram and none under 10 travels alone;
- how it was found (the channel, travelling with an adult or not) and the family drawn for it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from ospod_desktop.core.ages import years_between
from ospod_desktop.demo.data import (
    ABROAD,
    ABROAD_BY_NATIONALITY,
    COMPANION_WITH,
    CZ_TOWNS,
    CZ_TOWNS_BY_NATIONALITY,
    HOMES,
    HOMES_BY_POOL,
    OWN_SURNAME_POOLS,
    PATRONYMIC_FAMILY,
    RELATIONS,
    Country,
    Name,
    Pool,
)  # fmt: skip

SEX_FORM = {"M": 0, "F": 1, "U": 2}  # the form of a gendered text for the child's sex ("U": the neuter of "dítě")
_ALT = re.compile(r"\{([^{}|]*)\|([^{}|]*)\|([^{}|]*)\}")
SLAVIC = frozenset({"UA", "RU", "BY", "MD", "GE", "SK"})
ROUTE = frozenset({"AF", "SY", "IQ", "PK", "BD", "MA", "ER", "SO", "NG", "XX", ""})  # came the long way, mostly alone
WAR = frozenset({"AF", "SY", "SO", "ER", "IQ"})  # a parent is more often dead or not heard of
RUNAWAY_AGE = 12  # the youngest child who runs away from a placement on its own
IN_CZECHIA = {"UA": 0.2, "VN": 0.3, "MD": 0.1, "GE": 0.1}  # the share with an adult relative living in Czechia


def gendered(template: str) -> tuple[str, str, str]:
    """The masculine, feminine and neuter forms: "Nevrátil{|a|o} se" → "Nevrátil se", "Nevrátila se", "Nevrátilo se"."""
    def form(i: int) -> str:
        return _ALT.sub(lambda match: match.group(i + 1), template)

    return form(0), form(1), form(2)


def years(n: int) -> str:
    """An age in Czech words: 1 rok, 2–4 roky, 5 let (and 0 let)."""
    return f"{n} {'rok' if n == 1 else 'roky' if 2 <= n <= 4 else 'let'}"


@dataclass(frozen=True, eq=False)  # compared (and hashed, for `_fitting`'s cache) by identity: cheap
class Text:
    """A gendered text and the children it fits: ages `low`–`high`, and (when given) channels, status, nationalities."""

    low: int
    high: int
    forms: tuple[str, str, str]
    channels: frozenset[str] = frozenset()
    status: str = ""
    nationalities: frozenset[str] = frozenset()

    def fits(self, lo: int, hi: int, channel: str = "", status: str = "", nationality: str = "") -> bool:
        return (self.low <= lo and hi <= self.high and (not self.channels or channel in self.channels)
                and (not self.status or status == self.status)
                and (not self.nationalities or nationality in self.nationalities))


def _t(low: int, high: int, template: str, channels: str = "", status: str = "", nationalities: frozenset[str] | str = "") -> Text:
    nats = nationalities if isinstance(nationalities, frozenset) else frozenset(nationalities.split())
    return Text(low, high, gendered(template), frozenset(channels.split()), status, nats)


# -- how the child was found (the first sentence of the notes) ------------------------------------------------------
FINDINGS: tuple[Text, ...] = (
    # Every child has one that fits: by channel for a child alone, any channel for a child with an adult.
    _t(0, 17, "Předán{|a|o} hlídkou Policie ČR k neodkladnému opatření.", "police field border airport",
       "unaccompanied"),
    _t(0, 17, "Registrován{|a|o} v KACPU bez doprovodu zákonného zástupce.", "kacpu", "unaccompanied"),
    _t(0, 17, "Předán{|a|o} pracovníky přijímacího střediska, kde se ocitl{|a|o} bez doprovodu.", "other",
       "unaccompanied"),
    _t(0, 17, "Přicestoval{|a|o} {with_}; doprovod nemá doklad o tom, že je zákonným zástupcem dítěte.",
       status="separated"),
    _t(0, 17, "Do KACPU {ho|ji|je} přivedl doprovod ({with_name}), který nemá plnou moc od rodičů.", "kacpu",
       "separated"),
    _t(0, 2, "Nalezen{|a|o} v kočárku v čekárně; osoba, která {ho|ji|je} přivezla, už nepřišla.", "police",
       "unaccompanied"),
    _t(0, 5, "Předán{|a|o} hlídkou Policie ČR; podle spolucestujících doprovod vystoupil na předchozí zastávce.",
       "police border", "unaccompanied"),
    _t(3, 9, "Nalezen{|a|o} se skupinou dospělých cizinců, kteří o sobě tvrdili, že jsou příbuzní, a pak z místa odešli.",
       "police field border", "unaccompanied"),
    _t(0, 7, "Do KACPU {ho|ji|je} přivedla dobrovolnice z nádraží; s kým přijel{|a|o}, se nepodařilo zjistit.", "kacpu",
       "unaccompanied"),
    _t(6, 11, "Oddělil{|a|o} se od skupiny krajanů na nádraží; nezná adresu, kam měli jet.", "police",
       "unaccompanied"),
    _t(8, 17, "Přijel{|a|o} vlakem ze Lvova s rodinou známých, která pokračovala do Polska; v ČR nemá nikoho, kdo by se o "
       "{něj|ni|ně} postaral.", "kacpu", "unaccompanied"),
    _t(10, 17, "Zadržen{|a|o} při kontrole kamionu, ve kterém cestoval{|a|o} {schovaný|schovaná|schované} mezi paletami "
       "s dalšími migranty.", "border", "unaccompanied", ROUTE),
    _t(12, 17, "Přiletěl{|a|o} {sám|sama|samo} z Istanbulu s cizím pasem.", "airport", "unaccompanied", ROUTE),
    _t(12, 17, "Oslovil{|a|o} hlídku; nemá kde přespat ani peníze.", "police field", "unaccompanied"),
    _t(12, 17, "Cestoval{|a|o} {sám|sama|samo} několik měsíců přes Turecko a Balkán; cestu převaděčům platila rodina.",
       "police field border other", "unaccompanied", "AF SY IQ PK BD"),
    _t(12, 17, "Cestoval{|a|o} {sám|sama|samo} přes Libyi a Itálii; cestu převaděčům platila rodina.",
       "police field border other", "unaccompanied", "ER SO"),
    _t(14, 17, "Uvádí, že rok pracoval{|a|o} v Turecku v textilní dílně, aby si vydělal{|a|o} na cestu.",
       status="unaccompanied", nationalities="AF SY IQ PK BD"),
    _t(14, 17, "Uvádí, že pracoval{|a|o} na stavbě v Srbsku, než pokračoval{|a|o} dál.", status="unaccompanied",
       nationalities=ROUTE),
    _t(14, 17, "Uvádí, že pracoval{|a|o} při sklizni ve Španělsku a pak pokračoval{|a|o} vlakem přes Francii a Německo.",
       status="unaccompanied", nationalities="MA"),
    _t(13, 17, "Přiletěl{|a|o} s cizím pasem; podle svých slov měl{|a|o} pracovat v obchodě krajanů.",
       status="unaccompanied", nationalities="VN"),
    _t(12, 17, "Utekl{|a|o} z domova na Slovensku; zadržen{|a|o} hlídkou při kontrole ve vlaku.", "police",
       "unaccompanied", "SK"),
)
SCHOOLING: tuple[Text, ...] = (
    _t(7, 17, "Doma chodil{|a|o} do {grade}. třídy.", nationalities=SLAVIC),
    _t(8, 17, "Do školy chodil{|a|o} jen {school_years}.", nationalities=ROUTE),
    _t(7, 17, "Do školy nikdy nechodil{|a|o}, neumí číst ani psát.", nationalities=ROUTE - {"MA", "NG"}),
    _t(7, 17, "Ve Vietnamu chodil{|a|o} do školy, česky umí jen pár slov.", nationalities="VN"),
)
URGENCY_REASONS: tuple[Text, ...] = (
    _t(0, 9, "Dítě mladší 10 let bez doprovodu rodičů."),
    _t(0, 17, "Známky vyčerpání a podchlazení, potřebuje lékařské ošetření."),
    _t(0, 17, "Zdravotní obtíže, nemá s sebou léky."),
    _t(12, 17, "Noc strávil{|a|o} venku, nemá kde přespat."),
    _t(0, 17, "Podezření na obchodování s dětmi: doprovod se vydává za příbuzného.", status="separated"),
)


def urgency_reason(rng: random.Random, sex: str, lo: int, hi: int, status: str) -> str:
    """Why the case is urgent: a child under 10 for its age alone, an older one for what was seen."""
    return pick(rng, URGENCY_REASONS[:1] if hi < 10 else URGENCY_REASONS[1:], sex, lo, hi, status=status)


@cache
def _fitting(texts: tuple[Text, ...], lo: int, hi: int, channel: str, status: str, nationality: str) -> tuple[Text, ...]:
    return tuple(t for t in texts if t.fits(lo, hi, channel, status, nationality))


def pick(rng: random.Random, texts: tuple[Text, ...], sex: str, lo: int, hi: int, channel: str = "", status: str = "",
         nationality: str = "", **values: object) -> str:
    """One of the texts that fit the child, in its sex's form, with `values` filled in ("" when none fits)."""
    fitting = _fitting(texts, lo, hi, channel, status, nationality)
    if not fitting:
        return ""
    text = rng.choice(fitting).forms[SEX_FORM[sex]]
    return text.format(**values) if values else text


# -- what the child looks like ----------------------------------------------------------------------------------------
HEIGHT_BOYS = (72, 84, 92, 100, 107, 114, 121, 127, 132, 138, 143, 149, 155, 162, 168, 172, 175, 176)
HEIGHT_GIRLS = (70, 82, 91, 99, 106, 113, 120, 126, 132, 137, 143, 150, 156, 159, 161, 162, 163, 163)
BUILD: tuple[Text, ...] = (  # one at most: how tall and how built
    _t(0, 2, "v kočárku"), _t(0, 2, "v dětské kombinéze"), _t(2, 5, "drobné postavy"),
    _t(6, 17, "{hubený|hubená|hubené}, asi {cm} cm"), _t(6, 17, "menší postavy, asi {cm} cm"),
    _t(12, 17, "{vysoký|vysoká|vysoké}, asi {cm} cm"),
)  # fmt: skip
MARKS: tuple[Text, ...] = (  # and maybe one thing more
    _t(0, 3, "s dudlíkem"), _t(2, 8, "s plyšovým medvídkem"), _t(2, 10, "v příliš velké bundě"),
    _t(0, 17, "tmavé vlasy, tmavé oči"), _t(3, 17, "krátké tmavé vlasy"), _t(10, 17, "s batohem"),
    _t(10, 17, "jizva na bradě"), _t(12, 17, "mobilní telefon bez SIM karty"),
)  # fmt: skip
CHILD_WORD = {"baby": gendered("{Chlapeček|Holčička|Dítě}"), "child": gendered("{Chlapec|Dívka|Dítě}")}


def height(rng: random.Random, sex: str, age: int, build: str = "") -> int:
    """About how tall a child of this age and sex is, in whole 5 cm ("menší"/"vysoký" `build`: shorter, taller)."""
    table = HEIGHT_GIRLS if sex == "F" else HEIGHT_BOYS
    offset = -8 if build.startswith("menší") else 8 if build.startswith("vysok") else 0
    return round((table[min(max(age, 0), 17)] + offset + rng.randint(-4, 4)) / 5) * 5


def description(rng: random.Random, sex: str, lo: int, hi: int, age: int) -> str:
    """Who the child is at first sight: "Chlapec, asi 15 let, hubený, asi 170 cm, s batohem"."""
    form = SEX_FORM[sex]
    if hi <= 1:
        head = f"{CHILD_WORD['baby'][form]} v kojeneckém věku"
    else:
        head = f"{CHILD_WORD['baby' if hi <= 5 else 'child'][form]}, asi {years(age)}"
    parts = [head]
    for texts, chance in ((BUILD, 1.0), (MARKS, 0.6)):
        fitting = _fitting(texts, lo, hi, "", "", "")
        if fitting and rng.random() < chance:
            text = rng.choice(fitting).forms[form]
            parts.append(text.format(cm=height(rng, sex, (lo + hi) // 2, text)) if "{cm}" in text else text)
    return ", ".join(parts) + "."


# -- the family ---------------------------------------------------------------------------------------------------------
@dataclass
class Kin:
    """A child's family contacts (`family_contact` rows) and what its wishes may refer to."""

    contacts: list[dict] = field(default_factory=list)
    abroad: tuple[str, str] | None = None  # (relationship, "do Německa"): a relative further west, alive
    in_czechia: str = ""  # the relationship of a relative living in Czechia
    mother_home: bool = False  # the mother is alive, at home


def _phone(rng: random.Random, code: int) -> str:
    """A fictitious number: the country's code, then 000 (as the demo facilities' +420 000 … numbers)."""
    return f"+{code} 000 {rng.randrange(100000, 1000000)}"


class Family:
    """Draws a child's family contacts; one per generator, so a seed gives the same families.

    Parents live at the child's home (the father now and then elsewhere in the country), brothers and sisters
    mostly too; nobody in one family shares a given name; a relative's surname is the child's unless the pool's
    women keep their own (a mother's, an aunt's).
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()  # given names taken in the family being drawn
        self.ages: set[int] = set()  # and the ages of its brothers and sisters

    def _name(self, names: Pool, woman: bool, family: Name | None, own_surname: bool = False) -> str:
        rng = self.rng
        pool = names.female if woman else names.male
        given = rng.choice(pool).form(woman)[0]
        for _ in range(4):
            if given not in self.used:
                break
            given = rng.choice(pool).form(woman)[0]
        self.used.add(given)
        surname = rng.choice(names.family) if own_surname else family
        fam = surname.form(woman)[0] if surname is not None else ""
        return f"{fam} {given}".strip() if names.vietnamese else f"{given} {fam}".strip()

    def draw(self, nationality: str, pool_key: str, names: Pool, given: str, family: Name | None, middle: Name | None,
             age: int, birth: date, found_on: date, companion: tuple[str, str], share: float = 0.75) -> Kin:
        rng, kin = self.rng, Kin()
        self.used, self.ages = {given}, {age}
        homes = HOMES.get(nationality) or HOMES_BY_POOL.get(pool_key) or HOMES["UA"]
        home = rng.choice(homes)
        town = rng.choice(home[2])
        relationship, companion_name = companion
        if relationship in RELATIONS and companion_name:  # the relative the child travelled with stays in Czechia
            cz_town = rng.choice(CZ_TOWNS_BY_NATIONALITY.get(nationality, CZ_TOWNS))
            kin.contacts.append(_contact(relationship, companion_name, f"ČR, {cz_town}", _phone(rng, 420), "yes",
                                         "Doprovod dítěte při nálezu."))
            kin.in_czechia = relationship
        if rng.random() >= share and not kin.contacts:
            return kin
        young = age <= 4  # a small child rarely knows its parents' full names
        own = pool_key in OWN_SURNAME_POOLS
        died = 0.15 if nationality in WAR else 0.06 if nationality == "UA" else 0.04
        for rel, chance in (("matka", 0.8), ("otec", 0.65)):
            if rng.random() >= chance:
                continue
            woman = rel == "matka"
            note = ""
            if young and rng.random() < 0.7:
                name, note = "", "Celé jméno dítě nezná."
            elif not woman and pool_key in PATRONYMIC_FAMILY and family is not None:
                name = f"{family.latin} {rng.choice(names.family).latin}"  # the child's second name is his given name
            elif not woman and middle is not None and names.middle_m is names.male:
                name = f"{middle.latin} {family.latin if family else ''}".strip()  # the child's middle name is his
            else:
                name = self._name(names, woman, family, own and woman)
            where = f"{home[0]}, {town if woman or rng.random() < 0.8 else rng.choice(home[2])}"
            r = rng.random()
            alive = "no" if r < died else "unknown" if r < died + 0.2 else "yes"
            phone = ""
            if alive == "no":
                note = f"{'Zemřela' if woman else 'Zemřel'} v roce {rng.randint(birth.year, found_on.year)}."
            elif alive == "unknown":
                note = note or rng.choice(("Od odjezdu dítěte bez zpráv.", "Kontakt se přerušil během cesty.", ""))
            else:
                phone = _phone(rng, home[1]) if rng.random() < 0.5 else ""
                if not woman and nationality == "UA" and rng.random() < 0.3:
                    note = note or "Slouží v armádě."
                elif phone:
                    note = note or rng.choice(("Spojení přes WhatsApp.", "Volají si jednou týdně.", ""))
                kin.mother_home = kin.mother_home or woman
            kin.contacts.append(_contact(rel, name, where, phone, alive, note))
        r = rng.random()
        for _ in range(0 if r < 0.5 else 1 if r < 0.8 else 2 if r < 0.95 else 3):  # brothers and sisters
            kin.contacts.append(self._sibling(names, family, age, home, town))
        if rng.random() < (0.3 if nationality in ROUTE else 0.15):
            self._abroad(kin, nationality, names, family)
        if not kin.in_czechia and rng.random() < IN_CZECHIA.get(nationality, 0.03):
            rel = rng.choice(("teta", "strýc", "babička", "zletilý bratr", "zletilá sestra"))
            woman = RELATIONS[rel][0]
            cz_town = rng.choice(CZ_TOWNS_BY_NATIONALITY.get(nationality, CZ_TOWNS))
            note = "Dočasná ochrana v ČR." if nationality == "UA" else rng.choice(("Má v ČR povolení k pobytu.", ""))
            name = self._name(names, woman, family, own and woman and rel != "zletilá sestra")
            kin.contacts.append(_contact(rel, name, f"ČR, {cz_town}", _phone(rng, 420), "yes", note))
            kin.in_czechia = rel
        if not kin.contacts:  # drawn to have a family on file: at least the mother, whereabouts unknown
            kin.contacts.append(_contact("matka", "", f"{home[0]}, {town}", "", "unknown", "Od odjezdu dítěte bez zpráv."))
        return kin

    def _sibling(self, names: Pool, family: Name | None, age: int, home: Country, town: str) -> dict:
        rng = self.rng
        woman = rng.random() < 0.5
        other = age
        for _ in range(4):  # no twins: every brother or sister a different age
            delta = rng.randint(1, 8)
            other = age - delta if age - delta >= 1 and rng.random() < 0.5 else age + delta
            if other not in self.ages:
                break
        self.ages.add(other)
        r = rng.random()
        if r < 0.15 and other <= 17:  # a brother or sister registered in a Czech facility of their own
            location = rng.choice(("ČR, Zařízení pro děti-cizince, Praha 5", "ČR, Dětský domov Brno",
                                   "ČR, Zařízení pro děti vyžadující okamžitou pomoc Praha 4"))
            phone, note = "", f"{years(other)}, umístěn{'a' if woman else ''} v zařízení."
        elif r < 0.3:
            abroad = rng.choice(ABROAD)
            location, phone, note = f"{abroad[0]}, {rng.choice(abroad[3])}", "", f"{years(other)}."
        else:
            location = f"{home[0]}, {town}"
            phone = _phone(rng, home[1]) if other >= 14 and rng.random() < 0.3 else ""
            note = f"{years(other)}."
        alive = "yes" if rng.random() < 0.9 else "unknown"
        return _contact("sestra" if woman else "bratr", self._name(names, woman, family), location, phone, alive, note)

    def _abroad(self, kin: Kin, nationality: str, names: Pool, family: Name | None) -> None:
        rng = self.rng
        rel = rng.choices(("strýc", "teta", "bratranec", "zletilý bratr", "sestřenice"), (40, 20, 15, 15, 10))[0]
        woman = RELATIONS[rel][0]
        preferred = ABROAD_BY_NATIONALITY.get(nationality)
        country, towards, code, towns = rng.choice([a for a in ABROAD if not preferred or a[0] in preferred])
        alive = "yes" if rng.random() < 0.9 else "unknown"
        phone = _phone(rng, code) if alive == "yes" and rng.random() < 0.6 else ""
        note = rng.choice(("", f"{'Ochotna' if woman else 'Ochoten'} dítě přijmout; ověřuje se přes sociální službu "
                               "země pobytu."))
        name = self._name(names, woman, family, woman and nationality not in SLAVIC)
        kin.contacts.append(_contact(rel, name, f"{country}, {rng.choice(towns)}", phone, alive, note))
        if alive == "yes":
            kin.abroad = (rel, towards)


def _contact(relationship: str, name: str, location: str, phone: str, alive: str, notes: str) -> dict:
    return {"relationship": relationship, "name": name, "location": location, "phone": phone, "alive": alive,
            "notes": notes}


def wishes(rng: random.Random, kin: Kin, lo: int, hi: int, nationality: str) -> str:
    """What the child says it wants: what a child of its age says, about the family it has."""
    if hi < 6:
        return "Vzhledem k věku se k přáním nevyjadřuje."
    r = rng.random()
    if r < 0.15:
        return ""
    if kin.abroad and lo >= 10 and r < 0.75:
        rel, towards = kin.abroad
        return f"Chce pokračovat za {RELATIONS[rel][2]} {towards}."
    if kin.in_czechia and r < 0.7:
        return f"Chce bydlet u {RELATIONS[kin.in_czechia][1]}."
    if kin.mother_home and r < 0.6:
        if hi <= 11:
            return "Chce zpátky k mamince."
        return "Chce se vrátit domů k rodině, až skončí válka." if nationality == "UA" else "Chce se vrátit domů k rodině."
    if lo >= 15:
        return rng.choice(("Chce zůstat v ČR, vyučit se a pracovat.", "Chce pracovat a posílat peníze rodině."))
    if lo >= 6:
        return "Chce zůstat v ČR a chodit do školy."
    return "Ptá se, kdy pojede domů."


# -- the notes ----------------------------------------------------------------------------------------------------------
def notes(rng: random.Random, sex: str, lo: int, hi: int, channel: str, status: str, nationality: str,
          companion: tuple[str, str], ospod: str) -> str:
    """How the child was found, what schooling it had (from 7), and the OSPOD that came out to it."""
    relationship, name = companion
    with_ = COMPANION_WITH.get(relationship, "s dospělým doprovodem")
    parts = [pick(rng, FINDINGS, sex, lo, hi, channel, status, nationality, with_=with_,
                  with_name=f"{relationship}, {name}" if name else relationship)]
    if lo >= 7 and rng.random() < 0.6:
        parts.append(pick(rng, SCHOOLING, sex, lo, hi, "", "", nationality, grade=min(lo - 6, 11),
                          school_years=years(rng.randint(1, max(1, lo - 7)))))
    parts.append(f"Na místo nálezu vyjela pohotovost OSPOD ({ospod}).")
    return " ".join(p for p in parts if p)


# -- age: the assessments, the documents --------------------------------------------------------------------------------
PSYCHOLOGISTS = ("Mgr. Lenka Horká, psycholožka ZDC Radlická", "PhDr. Martin Rys, klinický psycholog",
                 "Bc. Hana Vojtová, sociální pracovnice OSPOD Praha 5")
RADIOLOGISTS = ("MUDr. Petr Malý, FN Motol – Klinika zobrazovacích metod",
                "MUDr. Ondřej Kříž, Ústav soudního lékařství 1. LF UK a VFN")
DENTIST = "MUDr. Jana Veselá, stomatologická klinika FN Motol"
PAEDIATRICIAN = "MUDr. Eva Kubátová, praktická lékařka pro děti a dorost"
X_RAY = "RTG levé ruky a zápěstí (Greulich–Pyle); odchylka metody asi ±2 roky."
DOCUMENT_WORDS = {"passport": "cestovního pasu", "id_card": "průkazu totožnosti", "birth_certificate": "rodného listu"}


def _assessment(method: str, day: date, assessor: str, lo: int, hi: int, notes: str,
                before: tuple[int, int] | None = None) -> dict:
    return {"method": method, "assessed_on": day, "assessor": assessor, "age_min": lo, "age_max": hi, "notes": notes,
            "before": before}


def assessments(rng: random.Random, dob: str, lo: int, hi: int, birth: date, found_on: date, today: date,
                claimed: int | None, document: str, agency: str) -> list[dict]:
    """Formal age assessments, oldest first. An assessed range (`dob` "range"): the last assessment is the record's
    range (as of the day found: both fall within the first weeks), sometimes after a wider first estimate from an
    interview. A date of birth: now and then the check of the child's document. A birth year only: none."""
    first = min(found_on + timedelta(days=rng.randint(1, 21)), today)
    if dob == "range":
        def said(low: int, high: int) -> str:
            if claimed is None:
                return "Posouzení podle rozhovoru, tělesného vývoje a životního příběhu."
            return f"Dítě uvádí věk {years(claimed)}; odhad {'tomu odpovídá' if low <= claimed <= high else 'tomu neodpovídá'}."

        if lo >= 10 and rng.random() < 0.35:  # an interview first, the medical examination narrows it
            second = min(first + timedelta(days=rng.randint(7, 30)), today)
            wide = (max(0, lo - 1), hi + 1)
            return [_assessment("interview", first, rng.choice(PSYCHOLOGISTS), *wide, said(*wide)),
                    _assessment("medical", second, rng.choice(RADIOLOGISTS), lo, hi, X_RAY, wide)]
        r = rng.random()
        if lo >= 10 and r < 0.4:
            return [_assessment("interview", first, rng.choice(PSYCHOLOGISTS), lo, hi, said(lo, hi))]
        if lo >= 14 and r < 0.6:
            return [_assessment("medical", first, DENTIST, lo, hi, "Panoramatický snímek chrupu; stav třetích molárů.")]
        if lo >= 6 or r < 0.7:
            text = X_RAY if lo >= 6 else "Posouzení podle tělesného vývoje a chrupu."
            return [_assessment("medical", first, rng.choice(RADIOLOGISTS) if lo >= 6 else PAEDIATRICIAN, lo, hi, text)]
        return [_assessment("other", first, PAEDIATRICIAN, lo, hi, "Pozorování pediatrem během pobytu v zařízení.")]
    if dob == "date" and document in DOCUMENT_WORDS and rng.random() < 0.35:
        day = min(found_on + timedelta(days=rng.randint(0, 10)), today)
        age = years_between(birth, day)
        checker = "OAMP – pracoviště KACPU" if agency == "KACPU" else "Policie ČR, odbor cizinecké policie"
        return [_assessment("documents", day, checker, age, age, f"Ověřeno podle {DOCUMENT_WORDS[document]}.")]
    return []


_LETTERS = "ABCDEFGHJKLMNPRSTUVXZ"


def documents(rng: random.Random, nationality: str, age: int) -> list[dict]:
    """The identity document a child with a known date of birth carries (fictitious numbers)."""
    country = nationality if len(nationality) == 2 and nationality != "XX" else ""
    if nationality == "SK":
        kind = "id_card" if age >= 15 else "birth_certificate"
    elif nationality in SLAVIC:
        kind = (("passport" if rng.random() < 0.7 else "id_card") if age >= 14
                else "birth_certificate" if rng.random() < 0.55 else "passport")
    else:
        kind = "passport" if rng.random() < 0.8 else "birth_certificate"
    letters = "".join(rng.choice(_LETTERS) for _ in range(2))
    if kind == "passport":
        number = f"{letters}{rng.randrange(10 ** 6):06d}" if nationality in SLAVIC else f"{letters[0]}{rng.randrange(10 ** 7):07d}"
    elif kind == "id_card":
        number = f"{rng.randrange(10 ** 9):09d}"
    else:
        number = f"{rng.choice(('I', 'II', 'III', 'IV'))}-{letters} {rng.randrange(10 ** 6):06d}"
    return [{"kind": kind, "number": number, "country": country, "issuer": ""}]


def birth_number(rng: random.Random, birth: date, sex: str) -> str:
    """A valid (Czech and Slovak) birth number for this date and sex: YYMMDD/SSSC, divisible by 11."""
    month = birth.month + (50 if sex == "F" else 0)
    serial = rng.randrange(1000)
    head = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial:03d}"
    check = int(head) % 11
    return f"{head[:6]}/{head[6:]}{0 if check == 10 else check}"


# -- a missing report ---------------------------------------------------------------------------------------------------
EPISODE_CIRCUMSTANCES = tuple(gendered(t) for t in (
    "Nevrátil{|a|o} se z vycházky.",
    "{Odešel|Odešla|Odešlo} v noci oknem; podle spolubydlících mluvil{|a|o} o cestě za příbuznými do zahraničí.",
    "Po telefonátu z neznámého čísla {odešel|odešla|odešlo} ze školy.",
    "Neodjel{|a|o} s ostatními ze školy, telefon má vypnutý.",
))
EPISODE_LOOKS = tuple(gendered(t) for t in (
    "{hubený|hubená|hubené}, asi {cm} cm, krátké černé vlasy", "menší postavy, asi {cm} cm, tmavé vlnité vlasy",
    "{vysoký|vysoká|vysoké}, asi {cm} cm, jizva na bradě", "asi {cm} cm, dlouhé tmavé vlasy v culíku",
))
EPISODE_FOUND = tuple(gendered(t) for t in (
    "{vrátil|vrátila|vrátilo} se {sám|sama|samo}", "Praha hl. n. – předán{|a|o} Policií ČR",
    "zadržen{|a|o} na D5 u Rozvadova", "Drážďany – předán{|a|o} spolkovou policií", "u známých v Brně",
))
EPISODE_CONDITION = tuple(gendered(t) for t in (
    "v pořádku, unaven{ý|á|é}", "bez zranění, hladov{ý|á|é}", "podchlazen{ý|á|é}, ošetřen{|a|o}", "v pořádku",
))
