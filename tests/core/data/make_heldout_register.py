"""Generate registers of children for duplicate detection, with known duplicates (deterministic, seeded).

    python tests/core/data/make_heldout_register.py      # writes dev_register.csv and heldout_register.csv

A register is what the duplicate report runs over: about 400 registrations, of which 120 pairs are the same
child registered twice, and hard negatives beside them (twins and siblings found together, children with a
near surname, surnames that share a loose phonetic key, children with the same name born months apart).

`dev_register.csv` is built from the DEV name pools (which may overlap the names the matcher was written
against) and is the one to tune on. `heldout_register.csv` is built from the HELDOUT pools, which share no
given or family name with DEV, with `make_duplicate_pairs.py`'s pools, or with the matcher's tests; it is
for measuring only.

Every row is one registration: `person` says which child it is (two rows of one person are a true pair),
`category` the class it was made for. All names are invented combinations of common names; no real person
is described. Cyrillic names are transliterated by the systems a Czech officer meets (Ukrainian passport
KMU 2010, Russian passport ICAO, Czech, German, Polish, French, and Ukrainian read the Russian way).
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_duplicate_pairs as base  # noqa: E402  (transliteration tables shared with the pair sets)
from register_pools import DEV, HELDOUT  # noqa: E402

DEV_CSV = HERE / "dev_register.csv"
HELDOUT_CSV = HERE / "heldout_register.csv"
COLUMNS = ("row", "person", "category", "given", "family", "original", "sex", "birth_date", "birth_year",
           "age_min", "age_max", "found_on", "nationality")

# --------------------------------------------------------------------------------------------------
# Transliteration with context (German and Polish depend on neighbouring letters)
# --------------------------------------------------------------------------------------------------

_VOWELS = set("аеєиіїоуюяыэё")
_SOFTENING = set("ьіїєюяеёи")  # letters after which Polish writes l, not ł


def polish(word: str, russian: bool) -> str:
    """Polish practical transcription of one Ukrainian or Russian word (Szewczenko, Wołodymyr, Siergiej)."""
    low = word.lower()
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        after_consonant = bool(prev) and prev not in _VOWELS and prev not in "ьъ'’"
        if ch == "л":
            out.append("l" if nxt in _SOFTENING else "ł")
        elif ch in "єюяё" or (ch == "е" and russian):
            vowel = {"є": "e", "е": "e", "ю": "u", "я": "a", "ё": "o"}[ch]
            if prev == "л" or (russian and ch in "её" and prev in "жшцчщ"):
                out.append(vowel)
            elif after_consonant:
                out.append("i" + vowel)
            else:
                out.append("j" + vowel)
        elif ch == "ь":
            soft = {"с": "ś", "з": "ź", "ц": "ć", "н": "ń"}.get(prev)
            if soft:
                out[-1] = soft
        elif ch == "и":
            out.append("y" if not russian or prev in "жшц" else "i")
        else:
            out.append({
                "а": "a", "б": "b", "в": "w", "г": "g" if russian else "h", "ґ": "g", "д": "d", "е": "e",
                "ж": "ż", "з": "z", "і": "i", "ї": "ji", "й": "j", "к": "k", "м": "m", "н": "n", "о": "o",
                "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz",
                "ш": "sz", "щ": "szcz", "ы": "y", "э": "e", "ъ": "", "'": "", "’": "",
            }.get(ch, ch))
    return "".join(out)


def german(word: str, russian: bool) -> str:
    """German (Duden) transcription of one Ukrainian or Russian word (Schewtschenko, Sinowij, Wassyl)."""
    table = base.RUS_GERMAN if russian else base.UKR_GERMAN
    low = word.lower()
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if ch == "с" and prev in _VOWELS and nxt in _VOWELS:
            out.append("ss")  # s between vowels would read as з
            continue
        value = table.get(ch, ch)
        if isinstance(value, tuple):
            value = value[1] if i == 0 else value[0]
        out.append(value)
    return "".join(out)


def spell(text: str, system: str, russian: bool) -> str:
    """One Cyrillic name (any number of words) in one system, capitalised per word."""
    words = []
    for word in text.replace("-", " ").split():
        if system == "pl":
            latin = polish(word, russian)
        elif system == "de":
            latin = german(word, russian)
        else:
            latin = base.translit(word, SYSTEMS[russian][system]).lower()
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)


SYSTEMS = {
    False: {"passport": base.UKR_KMU, "cz": base.UKR_CZECH, "fr": base.UKR_FRENCH, "ru": base.UKR_AS_RUSSIAN},
    True: {"passport": base.RUS_ICAO, "cz": base.RUS_CZECH, "fr": base.RUS_FRENCH, "ru": base.RUS_BGN},
}
OTHER_SYSTEMS = ("cz", "cz_plain", "de", "pl", "fr", "ru")

# Neighbouring nationalities an officer may record for the same child (born across the border, a parent's
# nationality, the language the child speaks).
NEIGHBOURS = {"UA": ["MD", "RU", "BY"], "RU": ["UA", "BY"], "AF": ["IR", "PK"], "SY": ["IQ", "LB"],
              "IQ": ["SY", "IR"], "ER": ["ET", "SD"], "ET": ["ER", "SO"], "SO": ["ET"]}


# --------------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------------


@dataclass
class Person:
    """A fictional child: native names, every Latin spelling, sex, birth, nationality, where found."""

    id: int
    origin: str  # ua, ru (Cyrillic); ar, af, ti (listed Latin spellings)
    sex: str
    given: str  # native script
    family: str
    given_latin: list[str]
    family_latin: list[str]
    born: date
    nationality: str
    found_on: date
    feminine_czech: str = ""

    def latin(self, rng: random.Random, system: str | None = None) -> tuple[str, str]:
        """Given and family name in one spelling (a Cyrillic system, or one listed spelling)."""
        if self.origin in ("ua", "ru"):
            system = system or rng.choice(("passport", *OTHER_SYSTEMS))
            russian = self.origin == "ru"
            if system == "cz_plain":
                return tuple(base.strip_diacritics(spell(n, "cz", russian)) for n in (self.given, self.family))
            return spell(self.given, system, russian), spell(self.family, system, russian)
        if system == "passport":
            return self.given_latin[0], self.family_latin[0]
        return rng.choice(self.given_latin), rng.choice(self.family_latin)


@dataclass
class Row:
    """One registration."""

    person: int
    category: str
    given: str
    family: str
    original: str = ""
    sex: str = "U"
    birth_date: date | None = None
    birth_year: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    found_on: date | None = None
    nationality: list[str] = field(default_factory=list)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Register:
    """Builds one register from one pool with one seeded random generator."""

    def __init__(self, pool: dict, seed: int):
        self.pool = pool
        self.rng = random.Random(seed)
        self.rows: list[Row] = []
        self.people: list[Person] = []
        self.used: set[tuple[str, str]] = set()  # (given, family) of every child made, to avoid chance twins

    # --- people -----------------------------------------------------------------------------------
    def found(self) -> date:
        return date(2024, 1, 1) + timedelta(days=self.rng.randint(0, 540))

    def birth(self, found_on: date) -> date:
        return found_on - timedelta(days=self.rng.randint(365 * 8, 365 * 17 + 300))

    def person(self, origin: str | None = None, sex: str | None = None, given=None, family=None,
               born: date | None = None, found_on: date | None = None, nationality: str | None = None,
               fresh: bool = True) -> Person:
        """A new child; with fresh=True, a name combination not yet in the register."""
        rng = self.rng
        origin = origin or rng.choice(["ua", "ua", "ua", "ru", "ar", "af", "af", "ti", "ti"])
        for _ in range(200):
            s = sex or rng.choice("MF")
            g = given or rng.choice(self.pool[f"{origin}_{s.lower()}"])
            f = family or rng.choice(self.pool[f"{origin}_fam"])
            g_key = g if isinstance(g, str) else g[0]
            f_key = f if isinstance(f, str) else f[0]
            if not fresh or (g_key, f_key) not in self.used:
                break
        self.used.add((g_key, f_key))
        found_on = found_on or self.found()
        born = born or self.birth(found_on)
        if origin in ("ua", "ru"):
            masculine, feminine = f if isinstance(f, tuple) else (f, f)
            fam = masculine if s == "M" else feminine
            czech_fem = base.czech_feminine(spell(masculine, "cz", origin == "ru")) if s == "F" else ""
            p = Person(len(self.people) + 1, origin, s, g, fam, [], [], born,
                       nationality or ("UA" if origin == "ua" else "RU"), found_on, czech_fem)
        else:
            p = Person(len(self.people) + 1, origin, s, g[0], f[0], list(g[1]), list(f[1]), born,
                       nationality or rng.choice(self.pool[f"{origin}_nat"]), found_on)
        self.people.append(p)
        return p

    # --- rows ---------------------------------------------------------------------------------------
    def row(self, p: Person, category: str, names: tuple[str, str], birth: str = "exact",
            original: bool = False, found_on: date | None = None) -> Row:
        """A registration of p under the given names, with the birth recorded one way."""
        r = Row(p.id, category, names[0], names[1], sex=p.sex, nationality=[p.nationality],
                found_on=found_on or p.found_on)
        if original:
            r.original = f"{p.given} {p.family}"
        self.set_birth(r, p.born, birth)
        self.rows.append(r)
        return r

    def set_birth(self, r: Row, born: date, how: str) -> None:
        """exact, year, range (containing the true age), jan1 (1 January of the year), unknown."""
        rng = self.rng
        r.birth_date = r.birth_year = r.age_min = r.age_max = None
        age = age_on(born, r.found_on)
        if how == "exact":
            r.birth_date = born
        elif how == "year":
            r.birth_year = born.year
        elif how == "range":
            r.age_min = max(0, age - rng.choice([0, 0, 1]))
            r.age_max = max(age, r.age_min + rng.choice([1, 2]))
        elif how == "jan1":
            r.birth_date = date(born.year, 1, 1)
        elif how == "year_off":  # an assessed year of birth one year off
            r.birth_year = born.year + rng.choice([-1, 1])
        elif how == "range_off":  # an assessed age range that misses the true age by a year
            if rng.random() < 0.5:
                r.age_min = r.age_max = age + 1
            else:
                r.age_min, r.age_max = max(0, age - 2), max(0, age - 1)
        elif how != "unknown":
            raise ValueError(how)

    def noise(self, r: Row) -> None:
        """What goes missing at a hurried registration: sex or nationality, sometimes."""
        if self.rng.random() < 0.06:
            r.sex = "U"
        if self.rng.random() < 0.06:
            r.nationality = []

    def births(self) -> tuple[str, str]:
        """How two registrations of one child record the birth."""
        return self.rng.choices(
            [("exact", "exact"), ("exact", "range"), ("exact", "year"), ("range", "range"), ("exact", "unknown"),
             ("year", "range"), ("unknown", "unknown")],
            weights=[40, 20, 10, 10, 10, 6, 4],
        )[0]

    def pair(self, p: Person, category: str, a: tuple[str, str], b: tuple[str, str], births=None,
             a_original: bool = False, b_original: bool = False) -> tuple[Row, Row]:
        """Two registrations of the same child, found on different days."""
        how_a, how_b = births or self.births()
        ra = self.row(p, category, a, how_a, a_original)
        later = p.found_on + timedelta(days=self.rng.randint(3, 200))
        rb = self.row(p, category, b, how_b, b_original, found_on=later)
        if how_b in ("range", "range_off"):
            self.set_birth(rb, p.born, how_b)  # the age on the later day
        self.noise(rb)
        return ra, rb

    def cyrillic(self) -> str:
        return self.rng.choice(["ua", "ua", "ua", "ru"])

    def listed(self) -> str:
        return self.rng.choice(["ar", "af", "ti"])

    # --- true pairs -----------------------------------------------------------------------------------
    def transliterated(self, n: int, system: str) -> None:
        """The passport spelling against another system's (Czech, German, Polish, the Russian way)."""
        for _ in range(n):
            origin = "ua" if system == "de" and self.rng.random() < 0.7 else self.cyrillic()
            p = self.person(origin)
            other = "cz" if system == "cz" and self.rng.random() < 0.5 else system
            if system == "cz" and other == "cz" and self.rng.random() < 0.5:
                other = "cz_plain"
            self.pair(p, f"translit_{system}", p.latin(self.rng, "passport"), p.latin(self.rng, other))

    def original_script(self, n: int) -> None:
        """The original script (with one spelling) on one registration, another spelling on the other."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ua", "ru", "ar", "af", "ti", "ti"]))
            a = p.latin(self.rng, "passport")
            b = p.latin(self.rng, None)
            if self.rng.random() < 0.25:
                b = ("", "")  # only the original script was taken down
            self.pair(p, "original_script", a, b, a_original=True, b_original=b == ("", ""))

    def czech_feminine(self, n: int) -> None:
        """A girl's surname in the Czech feminine form (-ová, -ská) against the passport form."""
        for _ in range(n):
            p = self.person(self.cyrillic(), sex="F")
            given = p.latin(self.rng, self.rng.choice(["cz", "passport"]))[0]
            family = p.feminine_czech if self.rng.random() < 0.6 else base.strip_diacritics(p.feminine_czech)
            self.pair(p, "czech_feminine", p.latin(self.rng, "passport"), (given, family))

    def swapped(self, n: int) -> None:
        """Given and family names exchanged on one registration."""
        for _ in range(n):
            p = self.person(self.rng.choice(["ua", "ar", "af", "ti"]))
            g, f = p.latin(self.rng)
            self.pair(p, "swapped", (g, f), (f, g) if self.rng.random() < 0.5 else p.latin(self.rng)[::-1])

    def compound(self, n: int, swap: bool) -> None:
        """A compound name written apart on one registration and joined on the other (and swapped)."""
        for _ in range(n):
            while True:  # a name combination not yet in the register (no chance twins)
                origin, native, apart, joined = self.rng.choice(self.pool["compound"])
                other = self.rng.choice(self.pool["ti_m" if origin == "ti" else f"{origin}_fam"])
                if ((other[0], native) if origin == "ti" else (native, other[0])) not in self.used:
                    break
            if origin == "ti":  # Tigrinya compounds are father's names: the family name
                p = self.person("ti", sex="M", given=other, family=(native, apart + joined))
                g = self.rng.choice(p.given_latin)
                a, b = (g, self.rng.choice(apart)), (g, self.rng.choice(joined))
            else:
                p = self.person(origin, sex="M", given=(native, apart + joined), family=other)
                f = self.rng.choice(p.family_latin)
                a, b = (self.rng.choice(apart), f), (self.rng.choice(joined), self.rng.choice(p.family_latin))
            if self.rng.random() < 0.5:
                a, b = b, a
            if swap:
                b = b[::-1]
            self.pair(p, "compound_swapped" if swap else "compound", a, b)

    def grandfather(self, n: int) -> None:
        """Given name, father's and grandfather's names on one registration; the grandfather dropped on the other."""
        for _ in range(n):
            origin = self.rng.choice(["ti", "ti", "ar", "af"])
            p = self.person(origin, sex=self.rng.choice("MF"))
            grand = self.rng.choice(self.pool[f"{origin}_m"])
            g, f = p.latin(self.rng)
            g2, f2 = p.latin(self.rng)
            full = (g, f"{f} {self.rng.choice(grand[1])}")
            p.family = f"{p.family} {grand[0]}"
            self.pair(p, "grandfather_dropped", full, (g2, f2), a_original=self.rng.random() < 0.3)

    def birth_class(self, n: int, category: str, births: list[tuple[str, str]]) -> None:
        """Same child, the birth recorded differently (1 January, year only, an assessed age a year off)."""
        for _ in range(n):
            p = self.person()
            self.pair(p, category, p.latin(self.rng), p.latin(self.rng), births=self.rng.choice(births))

    def neighbour(self, n: int, year_off: bool) -> None:
        """A neighbouring nationality on one registration (and an assessed year of birth one year off)."""
        for _ in range(n):
            origin = self.rng.choice(["ua", "af", "af", "ar", "ti", "ti"])
            p = self.person(origin)
            births = ("year", "year_off") if year_off else None
            ra, rb = self.pair(p, "year_off_neighbour" if year_off else "neighbour_nationality",
                               p.latin(self.rng), p.latin(self.rng), births=births)
            rb.nationality = [self.rng.choice(NEIGHBOURS[p.nationality])]

    def two_typos(self, n: int) -> None:
        """Each registration carries a different typing slip of the same surname."""
        for _ in range(n):
            p = self.person()
            g, f = p.latin(self.rng, "passport")
            fa = fb = f
            while fa == f or fb == f or fa == fb:
                fa, fb = slip(self.rng, f), slip(self.rng, f)
            g2 = p.latin(self.rng)[0] if self.rng.random() < 0.3 else g
            self.pair(p, "two_typos", (g, fa), (g2, fb))

    # --- hard negatives -----------------------------------------------------------------------------
    def sibling(self, p: Person, days: tuple[int, int], sex: str | None = None) -> Person:
        """A brother or sister found with p: same family name and nationality, another given name."""
        while True:
            born = p.born + timedelta(days=self.rng.choice([-1, 1]) * self.rng.randint(*days))
            if not 365 * 7 < (p.found_on - born).days < 365 * 18:
                continue
            s = sex or self.rng.choice("MF")
            family = next(f for f in self.pool[f"{p.origin}_fam"] if p.family.split()[0] in f)
            q = self.person(p.origin, sex=s, family=family, born=born, found_on=p.found_on,
                            nationality=p.nationality, fresh=True)
            if q.given != p.given:
                return q
            self.people.pop()

    def family_rows(self, q: Person, category: str, system: str | None) -> None:
        how = self.rng.choice(["exact", "exact", "range", "year"])
        self.row(q, category, q.latin(self.rng, system), how)

    def twins_and_siblings(self, n_twins: int, n_siblings: int, duplicated: list[Person]) -> None:
        """Twins (same birth date) and siblings (born 1 to 5 years apart), found with a child registered twice."""
        in_pool = [p for p in duplicated if any(p.family.split()[0] in f for f in self.pool[f"{p.origin}_fam"])]
        anchors = self.rng.sample(in_pool, n_twins + n_siblings)
        for i, p in enumerate(anchors):
            twins = i < n_twins
            same_sex = twins and self.rng.random() < 0.6
            q = self.sibling(p, (0, 0) if twins else (330, 365 * 5), sex=p.sex if same_sex else None)
            if twins:
                self.row(q, "twins", q.latin(self.rng, self.rng.choice([None, "passport"])), "exact")
            else:
                self.family_rows(q, "siblings", None)
                if self.rng.random() < 0.4:
                    self.family_rows(self.sibling(p, (330, 365 * 5)), "siblings", None)

    def near_names(self, n: int, pairs_key: str, category: str) -> None:
        """Two children with the same given name and a near or loosely alike surname, of an age."""
        for _ in range(n):
            fa, fb = self.rng.choice(self.pool[pairs_key])
            origin = "ru" if fa.endswith(("ов", "ев", "ин")) else "ua"
            sex = self.rng.choice("MF") if origin == "ua" else "M"
            for _ in range(200):  # a given name that neither surname has yet in the register
                given = self.rng.choice(self.pool[f"{origin}_{sex.lower()}"])
                if (given, fa) not in self.used and (given, fb) not in self.used:
                    break
            p = self.person(origin, sex=sex, given=given, family=(fa, fa))
            q = self.person(origin, sex=sex, given=given, family=(fb, fb),
                            born=p.born + timedelta(days=self.rng.randint(-500, 500)))
            # Typed without diacritics, Šarov and Sarov are one spelling: no matcher can tell such children
            # apart, so surnames that differ only there are written in systems that keep the difference.
            systems = [s for s in OTHER_SYSTEMS if category != "key_collision" or s != "cz_plain"]
            system = self.rng.choice(["passport", "passport", *systems])
            self.row(p, category, p.latin(self.rng, system), self.rng.choice(["exact", "range", "year"]))
            self.row(q, category, q.latin(self.rng, self.rng.choice([system, "passport"])),
                     self.rng.choice(["exact", "range", "year"]))

    def same_name_months_apart(self, n: int) -> None:
        """Two children with one common name, born in the same year months apart (full dates stated)."""
        for _ in range(n):
            origin = self.rng.choice(["ar", "af", "af", "ti", "ua"])
            p = self.person(origin)
            while True:
                other = p.born.replace(month=self.rng.randint(1, 12), day=self.rng.randint(2, 28))
                if abs((other - p.born).days) >= 90:
                    break
            q = self.person(origin, sex=p.sex, given=self._native(p, "given"), family=self._native(p, "family"),
                            born=other, nationality=p.nationality, fresh=False)
            self.row(p, "same_name_other_date", p.latin(self.rng), "exact")
            self.row(q, "same_name_other_date", q.latin(self.rng), "exact")

    def _native(self, p: Person, part: str):
        """The pool entry p's given or family name came from."""
        value = getattr(p, part)
        key = f"{p.origin}_{p.sex.lower()}" if part == "given" else f"{p.origin}_fam"
        for entry in self.pool[key]:
            if (entry if isinstance(entry, str) else entry[0]) == value or (
                    isinstance(entry, tuple) and value in entry and p.origin in ("ua", "ru")):
                return entry
        raise KeyError(value)

    def background(self, count: int) -> None:
        """Unrelated children, registered once."""
        while len(self.rows) < count:
            p = self.person()
            self.row(p, "background", p.latin(self.rng), self.rng.choice(["exact", "exact", "range", "year"]))


KEYBOARD = base.Generator.KEYBOARD


def slip(rng: random.Random, text: str) -> str:
    """One typing slip (neighbouring key, dropped, doubled or swapped letter) after the first letter."""
    i = rng.randrange(1, len(text))
    kind = rng.choice(["neighbour", "drop", "double", "swap"])
    if kind == "neighbour" and text[i].lower() in KEYBOARD:
        return text[:i] + rng.choice(KEYBOARD[text[i].lower()]) + text[i + 1:]
    if kind == "double":
        return text[:i] + text[i] + text[i:]
    if kind == "swap" and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + text[i + 1:]


PLAN = [  # (method, arguments, number of true pairs)
    ("transliterated", ("cz",), 10), ("transliterated", ("de",), 12), ("transliterated", ("pl",), 8),
    ("transliterated", ("ru",), 6), ("original_script", (), 12), ("czech_feminine", (), 8), ("swapped", (), 6),
    ("compound", (False,), 6), ("compound", (True,), 6), ("grandfather", (), 8),
    ("birth_class", ("jan1", [("jan1", "exact"), ("jan1", "year"), ("jan1", "range")]), 6),
    ("birth_class", ("year_only", [("year", "exact"), ("year", "range"), ("year", "jan1")]), 6),
    ("birth_class", ("age_year_off", [("exact", "range_off"), ("range_off", "year")]), 6),
    ("neighbour", (False,), 6), ("two_typos", (), 8), ("neighbour", (True,), 6),
]


def build(pool: dict, seed: int, size: int = 400) -> list[Row]:
    """One register: the planned true pairs, hard negatives around them, unrelated children to `size` rows."""
    reg = Register(pool, seed)
    for method, args, n in PLAN:
        getattr(reg, method)(n, *args)
    duplicated = list(reg.people)
    reg.twins_and_siblings(6, 16, duplicated)
    reg.near_names(10, "near_surnames", "near_surname")
    reg.near_names(8, "key_collisions", "key_collision")
    reg.same_name_months_apart(8)
    reg.background(size)
    reg.rng.shuffle(reg.rows)
    return reg.rows


def as_csv_row(number: int, r: Row) -> list:
    """One registration as a CSV row (COLUMNS)."""
    return [number, r.person, r.category, r.given, r.family, r.original, r.sex,
            r.birth_date.isoformat() if r.birth_date else "", r.birth_year or "",
            "" if r.age_min is None else r.age_min, "" if r.age_max is None else r.age_max,
            r.found_on.isoformat() if r.found_on else "", ";".join(r.nationality)]


def write(rows: list[Row], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(COLUMNS)
        for i, r in enumerate(rows, 1):
            out.writerow(as_csv_row(i, r))


def main() -> int:
    for pool, seed, path in ((DEV, 4111, DEV_CSV), (HELDOUT, 90217, HELDOUT_CSV)):
        rows = build(pool, seed)
        write(rows, path)
        people = {}
        for r in rows:
            people[r.person] = people.get(r.person, 0) + 1
        pairs = sum(n * (n - 1) // 2 for n in people.values())
        print(f"{len(rows)} rows, {pairs} true pairs -> {path.relative_to(HERE.parents[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
