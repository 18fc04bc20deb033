"""Transliteration rules of duplicate detection, kept as data tables (used by `ospod_desktop.core.names`).

Two kinds of knowledge live here:

- Rewrite rules that turn a folded name word into a tolerant phonetic key, so that the spellings of one
  Cyrillic, Arabic or Ge'ez name by different systems (passport, Czech, German, Polish, French, English)
  collide. Each rule names the system it belongs to when only one system writes it that way, so that a
  match can say "German spelling" or "Polish spelling".
- The hushing and hissing consonants each spelling can stand for (Ш/С, Ж/З, Ч/Ц, Х), which the tolerant
  key merges. Two words with one key whose spellings stand for different consonants (Sharov and Sarov,
  Savchenko and Shevchenko) are different names, not two transliterations.

Pure Python; changing a rewrite rule changes the stored blocking keys (bump `names.BLOCKING_KEYS_VERSION`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

GERMAN, POLISH, FRENCH = "de", "pl", "fr"

# Ordered rewrite rules applied to one folded word: (pattern, replacement, system or ""). Earlier rules
# see the raw spelling, later ones the partly normalised key, so longer clusters come before their parts.
# The key keeps vowels, reduced to classes (a/e -> a, o/u -> u, i and vowel y -> i), because
# Latin-vs-Latin comparison needs them to tell Hassan from Hussein and Mohammed from Mahmoud.
# Polish ł, ś, ź, ż, ć, ń and Czech š, č, ž, ř arrive here already folded by anyascii (l, s, z, z, c, n).
RULES: tuple[tuple[str, str, str], ...] = (
    (r"^[iyj](?=e)", "", ""),                  # initial Е/Є: Yegor/Jegor/Egor, Yevhen/Ievgen/Evgen
    (r"^i(?=[aou])", "y", ""),                 # Iuliia, Iakiv: ICAO writes initial Ю/Я as iu/ia
    (r"^ol", "al", ""),                        # Ukrainian Ol- = Russian Al-: Oleksandr/Aleksandr, Olena/Alena
    (r"aye$", "ay", ""),                       # Tesfaye/Tesfay: the Ge'ez final vowel is often dropped
    (r"(?<=[aeiou])h$", "", ""),               # Sarah/Sara, Fatimah/Fatima: final silent h
    (r"(?<=s)[eio](?=f$)", "u", ""),           # Arabic -usuf: Yusuf/Youssef/Yousif
    (r"[iy][ijy]$", "i", ""),                  # -ий/-ій in every system: -skyi, -skyj, -skij, -skiy; Andrii/Andrij
    (r"^abd[aeiou]l", "abdal", ""),            # Arabic Abd al- (servant of): Abdul, Abdel, Abdol, Abdal Rahman
    (r"dsch", "j", GERMAN),                    # German Дж / Arabic ج: Dschamal
    (r"dzh|dj", "j", ""),                      # Дж: Dzhamal, Djamal -> Jamal
    (r"ck|q", "k", ""),                        # Qasim/Kasim; before ch so that "chk" stays c + k
    (r"(?<=[^aeiou])[iyj]o", "e", ""),         # Russian ё after a consonant: Fyodor/Fjodor/Fedor, -arjov/-arev
    # Щ (German schtsch, Polish szcz, French chtch, English shch, Czech šč, Russian-habit sch) merges with Ш.
    (r"schtsch", "s", GERMAN),
    (r"szcz", "s", POLISH),
    (r"shtsh|shch|chtch|sc(?!h)", "s", ""),
    (r"tsch", "c", GERMAN),                    # Ч in German (before sch, which it contains)
    (r"sch", "s", GERMAN),                     # Ш (and Ж, see ALTERNATIVES) in German
    (r"sz", "s", POLISH),                      # Ш in Polish
    (r"(?<=[bcdgkpt])rz", "z", POLISH),        # Polish rz after a consonant is Ж: Brzezinski/Bzhezinskyi
    (r"sh", "s", ""),                          # Ш: English sh, Czech š
    (r"cz", "c", POLISH),                      # Ч in Polish
    (r"tch|ch|ts|tz", "c", ""),                # Ч: French tch, English ch; Ц: ts, tz, Czech c
    (r"zh", "z", ""),                          # Ж: zh vs Czech ž -> z
    (r"kh|gh", "h", ""),                       # Х: Kharkiv/Harkiv, Ghulam/Gulam
    (r"ph", "f", ""),                          # Greek-style ph
    (r"th", "t", ""),                          # English th for Arabic ت/ث, Vietnamese th
    (r"x", "ks", ""),                          # Alexandr/Aleksandr
    (r"w", "v", ""),                           # German and Polish w: Schewtschenko, Kowalski
    (r"j", "y", ""),                           # Й and German/Czech/Polish j: Jusuf/Yusuf, Sergej/Sergey
    (r"h", "g", ""),                           # Ukrainian г = h, Russian г = g: Olha/Olga, Serhii/Sergii
    (r"ou|oo", "u", ""),                       # French/English u: Youssef, Mahmoud
    (r"ee", "i", ""),                          # English ee: Nadeem/Nadim
    (r"iy(?=[aeiou])|ii(?=[aeou])", "i", ""),  # Mariya/Maria, Juliya/Julia, Dariia/Daria
    (r"(?<=[aeiou])y(?=[aeiou])", "i", ""),    # y between vowels: Ayesha/Aisha, Araya/Araia
    (r"y(?![aeiou])", "i", ""),                # y not before a vowel is a vowel: Dmytro/Dmitro, Nikolay
    (r"(?<=[^aeiouy])i(?=[aeou])", "y", ""),   # i as a glide: Hnatiuk/Hnatyuk, Mariam/Maryam, Daria/Darya
    (r"(?<=[bdgkptv])er$", "r", ""),           # Oleksander/Oleksandr, Peter/Petr
    (r"(?<=.[^aeiou])[eiou]+$", "", ""),      # final non-a vowels: Dmytro/Dmitriy, Sergiy/Serhii/Sergei
    (r"e", "a", ""),                           # vowel classes: Mohammed/Muhammad, Ahmed/Ahmad
    (r"o", "u", ""),
    (r"(.)\1+", r"\1", ""),                    # double letters: Mohammed/Mohamed, Hussein/Husein, Iuliia
)

# What a name's spelling shows of the system it was written in, where that changes how to read a letter:
# German w for В and sch for Ш/Ж (then s may be З and z is Ц); French ou for У, tch for Ч and the trema
# (then j is Ж). Decided on the whole name: the w of Wassyl tells how to read the z of Zybulskyj.
LOOKS: tuple[tuple[str, re.Pattern], ...] = (
    (GERMAN, re.compile(r"sch|w")),
    (FRENCH, re.compile(r"ou|tch|[ïë]")),
)

# Alternative readings of an ambiguous spelling, each yielding an extra key for the same word:
# (pattern, replacement, True if the reading is a feminine surname form, system, only in names that look
# like this system (LOOKS) or "").
ALTERNATIVES: tuple[tuple[str, str, bool, str, str], ...] = (
    (r"(?<![st])ch", "h", False, "", ""),               # Czech/German/Polish ch is Х: Charkiv, Mychajlo
    (r"(?<![st])ch", "sh", False, "", ""),              # French ch is Ш: Chevtchenko, Rachid, Aicha
    (r"(?<![st])ch", "k", False, "", ""),               # Greek ch is K: Michael/Mikael, Christina/Kristina
    (r"(?<!t)sch(?!tsch)", "zh", False, GERMAN, ""),    # German sch is also Ж: Schukow = Zhukov
    (r"z", "ts", False, GERMAN, GERMAN),                # German z is Ц: Zybulskyj = Tsybulskyi
    (r"(?<![szt])s(?!s|c?h)", "z", False, GERMAN, GERMAN),  # German s is also З: Sinowij, Kusnezow
    (r"(?<!d)j", "zh", False, "", FRENCH),              # French j is Ж: Joukov = Zhukov, Janna = Zhanna
    (r"th", "s", False, "", ""),                        # Arabic ث the Persian/Turkish way: Othman = Osman
    (r"(?<=[bcdfgklmnprstvz])ie(?=.)", "e", False, "", ""),  # Polish ie after a consonant: Siergiej
    (r"(?<=...)ova$", "", True, "", ""),               # Czech -ová: Ševčenková -> Ševčenk(o), Nováková
    (r"(?<=..[oe]v)a$|(?<=..in)a$", "", True, "", ""),  # Slavic -a: Ivanova -> Ivanov, Pushkina
    (r"(?<=..[sc]k)(?:a|aya|aja)$", "", True, "", ""),  # -ska/-skaya vs -ski/-skyi/-ský: Kowalska
)

# Abjad folds carry long vowels as w/y between consonants (حسين -> hsyn, يوسف -> ywsf) and ta marbuta
# as a final h (فاطمة -> ftmh); make them vowels so the consonant skeleton matches Latin spellings.
ABJAD_RULES: tuple[tuple[str, str], ...] = (
    (r"(?<=[^aeiou])w(?![aeiou])", "u"),
    (r"(?<=[^aeiou])y(?![aeiou])", "i"),
    (r"(?<=.)h$", "a"),
)

# --------------------------------------------------------------------------------------------------
# Hushing and hissing consonants
# --------------------------------------------------------------------------------------------------

SH, SHCH, S, ZH, Z, CH, TS, KH = (1 << i for i in range(8))  # Ш, Щ, С, Ж, З, Ч, Ц, Х

# What each Latin spelling can stand for, longest spellings first. Bare s and z are decided per word (below).
SOUNDS: tuple[tuple[str, int], ...] = (
    (r"schtsch|shch|szcz|šč|chtch|shtsh", SHCH),
    (r"dzh|dsch|dž|dż|dj", 0),        # Дж is read as j by the key: no hushing or hissing consonant
    (r"tsch|tch|cz|č", CH),
    (r"sch", SH | ZH | SHCH),         # German Ш and Ж; Щ the Russian way (Polischuk)
    (r"sh", SH | SHCH),               # English sh, sometimes for Щ as well (Yushenko)
    (r"sz|š", SH),
    (r"zh|ž|ż", ZH),
    (r"(?<=[bcdgkpt])rz", ZH),        # Polish rz after a consonant
    (r"kh", KH),
    (r"ch", CH | KH | SH),            # English Ч, Czech/German/Polish Х, French Ш
    (r"ts|tz|ć", TS),
    (r"c(?!k)", TS | CH),             # Czech/Polish Ц, or Č typed without its háček
    (r"ss|ś|x", S),
    (r"ź", Z),
    (r"s", S),
    (r"z", Z),
    (r"j", 0),                        # Й, or Ж in a French spelling
)
_SOUND_PATTERN = re.compile("|".join(f"({pattern})" for pattern, _ in SOUNDS))
_SOUND_VALUES = tuple(value for _, value in SOUNDS)
_BARE_S, _BARE_Z, _BARE_J = len(SOUNDS) - 2, len(SOUNDS) - 1, len(SOUNDS)  # group numbers of bare s, z, j

CYRILLIC_SOUNDS = {"ш": SH, "щ": SHCH, "с": S, "ж": ZH, "з": Z, "ч": CH, "ц": TS, "х": KH}

# Spellings that show which system a name was written in: in such a name a bare s is С and a bare z is З.
# Without them (Sarov, Sevcenko) the name may be Czech typed without háčeks, where s can be Š and z Ž.
# Besides digraphs and diacritics, y before a vowel (Yurii, Mariya) and й written as i or y at the end
# (Andrei, Dmitrii, Kovalskyi) are English or passport spelling: Czech writes j there.
STYLE_MARKERS = re.compile(r"sh|zh|kh|ts|sz|cz|ch|[^\x00-\x7f]|y(?=[aeiou])|[aeiouy][iy]\b")
# A bare c or a j before a vowel or at the end is Czech (or Polish, German) spelling: such a word may have
# lost its háčeks even when the other words of the name show a system.
CZECH_LOOKING = re.compile(r"c(?![hkz])|j(?=[aeiou]|$)")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


def has_style_markers(text: str) -> bool:
    """True if a Latin name shows its transliteration system (see STYLE_MARKERS)."""
    return STYLE_MARKERS.search(unicodedata.normalize("NFC", text.casefold())) is not None


def looks_like(text: str) -> str:
    """The systems (LOOKS) whose telltale spellings a Latin name has, as one string ("", "de", "defr")."""
    low = unicodedata.normalize("NFC", text.casefold())
    return "".join(system for system, pattern in LOOKS if pattern.search(low))


@lru_cache(maxsize=65536)
def sounds(word: str, folded: str, definite: bool, looks: str = "") -> tuple[int, ...]:
    """The hushing and hissing consonants of one word, in order, each as the set (bits) it may stand for.

    `word` is the word as typed (with its diacritics), `folded` its ASCII fold; `definite` tells whether
    the name it belongs to shows its transliteration system, so that a bare s or z is С or З rather than
    maybe Š or Ž; `looks` which systems the name's spelling shows (LOOKS): in a German spelling s may be З
    and z is Ц, in a French one j is Ж. Cyrillic is read letter by letter; other scripts by their fold,
    whose digraphs are fixed.
    """
    low = unicodedata.normalize("NFC", word.casefold())
    if _CYRILLIC.search(low):
        return tuple(CYRILLIC_SOUNDS[ch] for ch in low if ch in CYRILLIC_SOUNDS)
    if _NON_LATIN.search(low):
        low, definite = folded, True
    definite = (definite and not CZECH_LOOKING.search(low)) or STYLE_MARKERS.search(low) is not None
    looks += looks_like(low)
    german, french = GERMAN in looks, FRENCH in looks
    out = []
    for m in _SOUND_PATTERN.finditer(low):
        group = m.lastindex
        assert group is not None  # every alternative of the pattern is a group
        value = _SOUND_VALUES[group - 1]
        if group == _BARE_S:  # a German spelling is no Czech one without háčeks: its s is no Š
            value |= Z if german else 0 if definite else SH
        elif group == _BARE_Z:
            value |= (0 if definite else ZH) | (TS if german else 0)
        elif group == _BARE_J and french:
            value = ZH
        if value:
            out.append(value)
    return tuple(out)


def sounds_clash(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """True if two words' consonants line up and one of them cannot be the same sound on both sides."""
    return len(a) == len(b) and any(not (x & y) for x, y in zip(a, b, strict=True))
