"""Name normalisation for duplicate detection: folding to ASCII, tolerant phonetic keys, blocking keys.

Pure Python (anyascii only). The transliteration rules are data in `ospod_desktop.core.name_rules`;
scoring lives in `ospod_desktop.core.matching`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from anyascii import anyascii

from ospod_desktop.core.ages import add_years
from ospod_desktop.core.name_rules import ABJAD_RULES, ALTERNATIVES, RULES, has_style_markers, looks_like, sounds

__all__ = [
    "BLOCKING_KEYS_VERSION",
    "NameRecord",
    "PreparedRecord",
    "Token",
    "blocking_keys",
    "fold",
    "join_tokens",
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


@lru_cache(maxsize=65536)  # names repeat: an import folds 100,000s of them
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
# Phonetic keys (the rules themselves are data: `ospod_desktop.core.name_rules`)
# --------------------------------------------------------------------------------------------------

_COMPILED_RULES = tuple((re.compile(pattern), repl, system) for pattern, repl, system in RULES)
_COMPILED_ALTERNATIVES = tuple(
    (re.compile(pattern), repl, feminine, system, looks) for pattern, repl, feminine, system, looks in ALTERNATIVES
)
_COMPILED_ABJAD_RULES = tuple((re.compile(pattern), repl) for pattern, repl in ABJAD_RULES)
# Vowel classes, and y after the first letter (Maryam vs مريم -> mrym -> mrim).
_VOWELS = re.compile(r"[aiu]|(?<=.)y")
_FOLDED_WORD = re.compile(r"[a-z0-9]*")
_NO_SYSTEMS: frozenset[str] = frozenset()


@lru_cache(maxsize=65536)
def _keyed(token: str) -> tuple[str, frozenset[str]]:
    """Main key of a folded word and the transliteration systems whose own rules shaped it."""
    systems = set()
    for pattern, repl, system in _COMPILED_RULES:
        if system:
            token, changed = pattern.subn(repl, token)
            if changed:
                systems.add(system)
        else:
            token = pattern.sub(repl, token)
    return token, frozenset(systems) if systems else _NO_SYSTEMS


def phonetic_key(token: str) -> str:
    """Tolerant key of one name word (folded first if it is not): transliteration variants collide."""
    if not _FOLDED_WORD.fullmatch(token):
        token = fold(token).replace(" ", "")
    return _keyed(token)[0]


@lru_cache(maxsize=65536)
def _readings(token: str, looks: str = "") -> tuple[tuple[str, bool, frozenset[str]], ...]:
    """Every key of a folded word, main key first: (key, needs a feminine reading, systems behind it).

    `looks`: the systems the spelling of the word's name shows (name_rules.LOOKS), which add readings."""
    # Alternatives combine (Chomenková needs both ch = Kh and -ová), so expand readings cumulatively.
    readings: dict[str, tuple[bool, frozenset[str]]] = {token: (False, frozenset())}
    for pattern, repl, is_feminine, system, only_in in _COMPILED_ALTERNATIVES:
        if only_in and only_in not in looks:
            continue
        for text, (feminine, systems) in list(readings.items()):
            variant = pattern.sub(repl, text)
            if variant != text and variant not in readings:
                readings[variant] = (feminine or is_feminine, systems | {system} if system else systems)
    keys: dict[str, tuple[bool, frozenset[str]]] = {}
    for text, (feminine, systems) in readings.items():
        key, key_systems = _keyed(text)
        if key in keys:  # the plainest reading of a key wins: no feminine form, fewest systems
            old_feminine, old_systems = keys[key]
            keys[key] = (old_feminine and feminine, old_systems & (systems | key_systems))
        else:
            keys[key] = (feminine, systems | key_systems)
    return tuple((key, feminine, systems) for key, (feminine, systems) in keys.items())


def name_keys(token: str) -> tuple[tuple[str, bool], ...]:
    """All keys of a folded token, main key first, each flagged True if it needs a feminine reading."""
    return tuple((key, feminine) for key, feminine, _ in _readings(token))


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
    sounds: tuple[int, ...] = ()  # hushing/hissing consonants as spelled (name_rules.sounds)
    systems: tuple[tuple[str, frozenset[str]], ...] = ()  # key -> transliteration systems behind it
    looks: str = ""  # systems the name's spelling shows (name_rules.LOOKS), which add readings
    ident: str = ""  # what the similarity cache knows the word by: text, script, reading and sounds


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
def _token(text: str, abjad: bool, foreign: bool, spoken: tuple[int, ...] = (), looks: str = "") -> Token:
    """Build (and intern) a Token for a folded word, the consonants its spelling stands for, and the
    systems its name's spelling shows."""
    source = _apply_abjad(text) if abjad else text
    readings = _readings(source, looks)
    keys = frozenset(k for k, _, _ in readings)
    feminine = frozenset(k for k, needs_feminine, _ in readings if needs_feminine)
    systems = tuple((k, s) for k, _, s in readings if s)
    return Token(text, readings[0][0], keys, feminine, frozenset(skeleton(k) for k in keys), abjad, foreign,
                 spoken, systems, looks, f"{text}/{abjad:d}{looks}/{'.'.join(map(str, spoken))}")


def _apply_abjad(text: str) -> str:
    for pattern, repl in _COMPILED_ABJAD_RULES:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=65536)
def _tokens(text: str, definite: bool | None = None, looks: str | None = None) -> tuple[Token, ...]:
    """Tokens of one name field (cached: names repeat). `definite`: the name shows its transliteration
    system; `looks`: the systems its spelling shows (see name_rules); read from the field when not given."""
    abjad, foreign = is_abjad(text), not is_latin(text)
    if definite is None:
        definite = has_style_markers(text)
    if looks is None:
        looks = "" if foreign else looks_like(text)
    out = []
    for chunk in text.split():
        words = fold(chunk).split()
        if not words:  # a chunk that folds to nothing (punctuation, a symbol) names nobody
            continue
        # The consonants are read from the word as typed (Š, ш), which folding loses; a chunk that folds
        # to several words (Al-Hassan) is read part by part when its hyphens say where the parts are.
        parts = [chunk]
        if len(words) > 1:
            parts = chunk.split("-")
            if len(parts) != len(words) or any(fold(p) != w for p, w in zip(parts, words, strict=True)):
                parts = words
        for word, part in zip(words, parts, strict=True):
            out.append(_token(word, abjad, foreign, sounds(part, word, definite, looks), looks))
    return tuple(out)


def join_tokens(tokens: tuple[Token, ...]) -> Token:
    """The words written together as one word (Abdul Rahman -> abdulrahman), read as its parts were."""
    first = tokens[0]
    return _token("".join(t.text for t in tokens), first.abjad, first.foreign, sum((t.sounds for t in tokens), ()),
                  first.looks)


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
    # Given and family names are written in one system: a sign of it in either tells how to read the other.
    name = f"{rec.given_names} {rec.family_names}"
    definite, looks = has_style_markers(name), looks_like(name) if is_latin(name) else ""
    sex = (rec.sex or "U").strip().upper()[:1] or "U"
    return PreparedRecord(
        record=rec,
        given=_tokens(rec.given_names, definite, looks),
        family=_tokens(rec.family_names, definite, looks),
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
BLOCKING_KEYS_VERSION = 2  # 2: German and Polish rules (Polish rz), rules moved into name_rules
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
            keys |= _token_blocks(join_tokens(group))
    keys.discard("")
    return keys
