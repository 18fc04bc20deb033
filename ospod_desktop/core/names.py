"""Name normalisation for duplicate detection: folding to ASCII, tolerant phonetic keys, blocking keys.

Pure Python (anyascii only). Scoring lives in `ospod_desktop.core.matching`; `match`, `MatchResult`,
`Reason` and `DEFAULT_THRESHOLD` are re-exported here lazily so callers can use one module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from anyascii import anyascii

from ospod_desktop.core.ages import add_years

__all__ = [
    "BLOCKING_KEYS_VERSION",
    "NameRecord",
    "PreparedRecord",
    "Token",
    "blocking_keys",
    "fold",
    "name_keys",
    "phonetic_key",
    "prepare",
    "skeleton",
]

# --------------------------------------------------------------------------------------------------
# Folding
# --------------------------------------------------------------------------------------------------

# Apostrophes and their look-alikes join what they separate: Ol'ga -> olga, O'Brien -> obrien, and the
# hamza/ayin marks anyascii emits for Arabic and Ethiopic (`ly, 'amanu'el) simply disappear.
_APOSTROPHES = re.compile(r"['`\u00b4\u2018\u2019\u02b9\u02bb\u02bc\u02be\u02bf]")
# Anything else that is not a letter or digit (hyphens, dots, commas, symbols) separates words.
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Fold any-script text to lowercase ASCII words separated by single spaces (idempotent)."""
    if not text:
        return ""
    # NFKC first so compatibility forms (ligatures, full-width letters, circled digits) decompose.
    folded = anyascii(unicodedata.normalize("NFKC", text).casefold()).lower()
    folded = _APOSTROPHES.sub("", folded)
    return _NON_ALNUM.sub(" ", folded).strip()


# Scripts written without short vowels (abjads): their folded form is a consonant skeleton such as
# "mhmd", so they are compared with Latin names by consonants only.
_ABJAD = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Latin letters (with diacritics) and IPA: a name made only of these is "written in Latin".
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


def is_abjad(text: str) -> bool:
    """True if the text contains Hebrew, Arabic, Syriac or Thaana letters."""
    return _ABJAD.search(text) is not None


def is_latin(text: str) -> bool:
    """True if every letter of the text is a Latin letter (diacritics allowed)."""
    return _NON_LATIN_LETTER.search(text) is None


# --------------------------------------------------------------------------------------------------
# Phonetic keys
# --------------------------------------------------------------------------------------------------

# Ordered rewrite rules applied to one folded token. Earlier rules see the raw spelling, later ones the
# partly normalised key, so longer clusters come before their parts. The key keeps vowels, reduced to
# classes (a/e -> a, o/u -> u, i and vowel y -> i), because Latin-vs-Latin comparison needs them to tell
# Hassan from Hussein and Mohammed from Mahmoud; `skeleton` drops them for abjad scripts.
_RULES: tuple[tuple[str, str], ...] = (
    (r"^[iyj](?=e)", ""),                  # initial Е/Є: Yegor/Jegor/Egor, Yevhen/Ievgen/Evgen
    (r"^i(?=[aou])", "y"),                 # Iuliia, Iakiv: ICAO writes initial Ю/Я as iu/ia
    (r"^ol", "al"),                        # Ukrainian Ol- = Russian Al-: Oleksandr/Aleksandr, Olena/Alena
    (r"aye$", "ay"),                       # Tesfaye/Tesfay: the Ge'ez final vowel is often dropped
    (r"(?<=[aeiou])h$", ""),               # Sarah/Sara, Fatimah/Fatima: final silent h
    (r"(?<=s)[eio](?=f$)", "u"),           # Arabic -usuf: Yusuf/Youssef/Yousif
    (r"dzh|dsch|dj", "j"),                 # Дж / Arabic ج: Dzhamal, Dschamal, Djamal -> Jamal
    (r"ck|q", "k"),                        # Qasim/Kasim; before ch so that "chk" stays c + k
    (r"(?<=[^aeiou])[iyj]o", "e"),         # Russian ё after a consonant: Fyodor/Fjodor/Fedor, -arjov/-arev
    # Щ (German schtsch, French chtch, English shch, Czech šč, Russian-habit sch) merges with Ш: s.
    (r"schtsch|shtsh|shch|chtch|szcz|sc(?!h)", "s"),
    (r"tsch", "c"),                        # Ч in German (before sch, which it contains)
    (r"sch|sh|sz", "s"),                   # Ш: German sch, English sh, Polish sz, Czech š -> s
    (r"tch|ch|cz|ts|tz", "c"),             # Ч: French tch, English ch, Polish cz; Ц: ts, tz, Czech c
    (r"zh", "z"),                          # Ж: zh vs Czech ž -> z
    (r"kh|gh", "h"),                       # Х: Kharkiv/Harkiv, Ghulam/Gulam
    (r"ph", "f"),                          # Greek-style ph
    (r"th", "t"),                          # English th for Arabic ت/ث, Vietnamese th
    (r"x", "ks"),                          # Alexandr/Aleksandr
    (r"w", "v"),                           # German/Polish w: Schewtschenko, Kowalski
    (r"j", "y"),                           # Й and German/Czech j: Jusuf/Yusuf, Sergej/Sergey
    (r"h", "g"),                           # Ukrainian г = h, Russian г = g: Olha/Olga, Serhii/Sergii
    (r"ou|oo", "u"),                       # French/English u: Youssef, Mahmoud
    (r"ee", "i"),                          # English ee: Nadeem/Nadim
    (r"iy(?=[aeiou])|ii(?=[aeou])", "i"),  # Mariya/Maria, Juliya/Julia, Dariia/Daria
    (r"(?<=[aeiou])y(?=[aeiou])", "i"),    # y between vowels: Ayesha/Aisha, Araya/Araia
    (r"y(?![aeiou])", "i"),                # y not before a vowel is a vowel: Dmytro/Dmitro, Nikolay
    (r"(?<=[^aeiouy])i(?=[aeou])", "y"),   # i as a glide: Hnatiuk/Hnatyuk, Mariam/Maryam, Daria/Darya
    (r"(?<=[bdgkptv])er$", "r"),           # Oleksander/Oleksandr, Peter/Petr
    (r"(?<=.[^aeiou])[eiou]+$", ""),      # final non-a vowels: Dmytro/Dmitriy, Sergiy/Serhii/Sergei
    (r"e", "a"),                           # vowel classes: Mohammed/Muhammad, Ahmed/Ahmad
    (r"o", "u"),
    (r"(.)\1+", r"\1"),                    # double letters: Mohammed/Mohamed, Hussein/Husein, Iuliia
)
_COMPILED_RULES = tuple((re.compile(pattern), repl) for pattern, repl in _RULES)

# Alternative readings of an ambiguous spelling, each yielding an extra key for the same token:
# (pattern, replacement, True if the reading is a feminine surname form, reported as such).
_ALTERNATIVES: tuple[tuple[str, str, bool], ...] = (
    (r"(?<![st])ch", "h", False),               # Czech/German ch is Х: Charkiv = Kharkiv, Mychajlo
    (r"(?<![st])ch", "sh", False),              # French ch is Ш: Chevtchenko, Rachid, Aicha
    (r"(?<![st])ch", "k", False),               # Greek ch is K: Michael/Mikael, Christina/Kristina
    (r"(?<=...)ova$", "", True),                # Czech -ová: Ševčenková -> Ševčenk(o), Nováková -> Novák
    (r"(?<=..[oe]v)a$|(?<=..in)a$", "", True),  # Slavic -a: Ivanova -> Ivanov, Pushkina -> Pushkin
    (r"(?<=..[sc]k)(?:a|aya|aja)$", "", True),  # -ska/-skaya vs -ski/-skyi/-ský: Kowalska, Ostrovskaya
)
_COMPILED_ALTERNATIVES = tuple((re.compile(pattern), repl, feminine) for pattern, repl, feminine in _ALTERNATIVES)

# Abjad folds carry long vowels as w/y between consonants (حسين -> hsyn, يوسف -> ywsf) and ta marbuta
# as a final h (فاطمة -> ftmh); make them vowels so the consonant skeleton matches Latin spellings.
_ABJAD_RULES = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"(?<=[^aeiou])w(?![aeiou])", "u"),
        (r"(?<=[^aeiou])y(?![aeiou])", "i"),
        (r"(?<=.)h$", "a"),
    )
)
# Vowel classes, and y after the first letter (Maryam vs مريم -> mrym -> mrim).
_VOWELS = re.compile(r"[aiu]|(?<=.)y")


def _apply(rules, token: str) -> str:
    """Apply compiled (pattern, replacement) rules in order."""
    for pattern, repl in rules:
        token = pattern.sub(repl, token)
    return token


_FOLDED_WORD = re.compile(r"[a-z0-9]*")


@lru_cache(maxsize=65536)
def phonetic_key(token: str) -> str:
    """Tolerant key of one name word (folded first if it is not): transliteration variants collide."""
    if not _FOLDED_WORD.fullmatch(token):
        token = fold(token).replace(" ", "")
    return _apply(_COMPILED_RULES, token)




@lru_cache(maxsize=65536)
def name_keys(token: str) -> tuple[tuple[str, bool], ...]:
    """All keys of a folded token, main key first, each flagged True if it needs a feminine reading."""
    # Alternatives combine (Chomenková needs both ch = Kh and -ová), so expand readings cumulatively.
    readings = {token: False}
    for pattern, repl, is_feminine in _COMPILED_ALTERNATIVES:
        for text, feminine in list(readings.items()):
            variant = pattern.sub(repl, text)
            if variant != text and variant not in readings:
                readings[variant] = feminine or is_feminine
    keys: dict[str, bool] = {}
    for text, feminine in readings.items():
        key = phonetic_key(text)
        keys[key] = keys.get(key, True) and feminine
    return tuple(keys.items())


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """Consonant skeleton of a phonetic key (vowel classes removed), used against abjad scripts."""
    return _VOWELS.sub("", key)


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameRecord:
    """The identifying data of one registered child, as far as duplicate detection needs it."""

    given_names: str = ""
    family_names: str = ""
    original_script_name: str = ""
    aliases: tuple[str, ...] = ()
    sex: str = "U"  # M, F or U (unknown)
    birth_date: date | None = None
    birth_year: int | None = None
    age_min: int | None = None  # estimated age range in whole years on reference_date
    age_max: int | None = None
    reference_date: date | None = None
    nationalities: tuple[str, ...] = ()  # ISO 3166-1 alpha-2

    def __post_init__(self) -> None:
        """Accept lists for the tuple fields so that records stay hashable (prepare() caches them)."""
        for name in ("aliases", "nationalities"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, (value,) if value else ())
            elif not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value or ()))


@dataclass(frozen=True, slots=True)
class Token:
    """One folded name word with its phonetic keys."""

    text: str
    key: str  # main phonetic key
    keys: frozenset[str]  # main key and alternative readings
    feminine_keys: frozenset[str]  # keys that only come from a feminine-surname reading
    skeletons: frozenset[str]
    abjad: bool  # written in an abjad script: compare by consonant skeleton
    foreign: bool  # written in a non-Latin script


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A NameRecord with folded tokens and birth bounds precomputed for fast matching."""

    record: NameRecord
    given: tuple[Token, ...]
    family: tuple[Token, ...]
    original: tuple[Token, ...]
    aliases: tuple[tuple[Token, ...], ...]
    sex: str
    birth_lo: int | None  # proleptic ordinals of the earliest and latest plausible birth date
    birth_hi: int | None
    birth_exact: bool  # birth_lo == birth_hi comes from a stated birth date
    birth_year: int | None
    nationalities: frozenset[str] = field(default_factory=frozenset)


@lru_cache(maxsize=65536)
def _token(text: str, abjad: bool, foreign: bool) -> Token:
    """Build (and intern) a Token for a folded word."""
    source = _apply(_ABJAD_RULES, text) if abjad else text
    keyed = name_keys(source)
    keys = frozenset(k for k, _ in keyed)
    feminine = frozenset(k for k, needs_feminine in keyed if needs_feminine)
    return Token(text, keyed[0][0], keys, feminine, frozenset(skeleton(k) for k in keys), abjad, foreign)


def _tokens(text: str) -> tuple[Token, ...]:
    """Tokens of one name field."""
    abjad, foreign = is_abjad(text), not is_latin(text)
    return tuple(_token(word, abjad, foreign) for word in fold(text).split())


def _birth_bounds(rec: NameRecord) -> tuple[int | None, int | None, bool, int | None]:
    """Earliest and latest plausible birth dates (ordinals), exactness, and the birth year if known."""
    if rec.birth_date is not None:
        ordinal = rec.birth_date.toordinal()
        return ordinal, ordinal, True, rec.birth_date.year
    if rec.birth_year is not None and 1 <= rec.birth_year <= 9999:
        return date(rec.birth_year, 1, 1).toordinal(), date(rec.birth_year, 12, 31).toordinal(), False, rec.birth_year
    low_age = rec.age_min if rec.age_min is not None else rec.age_max
    high_age = rec.age_max if rec.age_max is not None else rec.age_min
    if rec.reference_date is None or low_age is None or high_age is None:
        return None, None, False, None
    low_age, high_age = sorted((max(0, low_age), max(0, high_age)))
    try:
        latest = add_years(rec.reference_date, -low_age).toordinal()
        earliest = add_years(rec.reference_date, -(high_age + 1)).toordinal() + 1
    except (ValueError, OverflowError):
        return None, None, False, None
    return earliest, latest, False, None


@lru_cache(maxsize=16384)
def prepare(rec: NameRecord) -> PreparedRecord:
    """Fold and key a record once so that it can be matched against many others (cached)."""
    lo, hi, exact, year = _birth_bounds(rec)
    sex = (rec.sex or "U").strip().upper()[:1] or "U"
    return PreparedRecord(
        record=rec,
        given=_tokens(rec.given_names),
        family=_tokens(rec.family_names),
        original=_tokens(rec.original_script_name),
        aliases=tuple(t for t in (_tokens(alias) for alias in rec.aliases) if t),
        sex=sex if sex in "MF" else "U",
        birth_lo=lo,
        birth_hi=hi,
        birth_exact=exact,
        birth_year=year,
        nationalities=frozenset(n.strip().upper() for n in rec.nationalities if n and n.strip()),
    )


# --------------------------------------------------------------------------------------------------
# Blocking
# --------------------------------------------------------------------------------------------------

# Stored blocking keys depend on every rule above: bump this when a rule changes so that the
# stored keys (child_name_key) are rebuilt.
BLOCKING_KEYS_VERSION = 1
_BLOCK_LENGTH = 6  # long enough to keep buckets small, short enough to forgive a typo near the end
# Blocking merges the consonants that transliterations confuse (Ч/Ц/Ш/С/Ж/Г/Х: c, s, z, g), so that one
# key per word covers every reading, at the price of somewhat larger buckets.
_BLOCK_COLLAPSE = str.maketrans("csz", "ggg")


def _token_blocks(token: Token) -> set[str]:
    """Blocking keys of one token: its collapsed consonant skeleton (and that of a feminine reading)."""
    blocks = set()
    for key in (token.key, *token.feminine_keys):
        skel = skeleton(key).translate(_BLOCK_COLLAPSE)
        # "Ali" has skeleton "l": far too common; keep the vowelled key for such short names.
        blocks.add(skel[:_BLOCK_LENGTH] if len(skel) >= 2 else key[:_BLOCK_LENGTH])
    return blocks


def blocking_keys(rec: NameRecord | PreparedRecord) -> set[str]:
    """Short keys to index a record by; a likely duplicate shares at least one of them."""
    prepared = rec if isinstance(rec, PreparedRecord) else prepare(rec)
    keys: set[str] = set()
    for group in (prepared.given, prepared.family, prepared.original, *prepared.aliases):
        for token in group:
            keys |= _token_blocks(token)
        if 2 <= len(group) <= 3:
            # The matcher also compares words written together (Abdul Karim / Abdulkarim, Al-Masri).
            joined = "".join(t.text for t in group)
            keys |= _token_blocks(_token(joined, group[0].abjad, group[0].foreign))
    keys.discard("")
    return keys
