"""Vietnamese text: the one cleaning function, search folding, and sort order."""

from __future__ import annotations

import re
import unicodedata

# The one control-character policy, for text stored (clean_text), shown (safe.plain, SafeInput)
# and printed (the CLI, its JSON): C0 and C1 control characters except \t and \n, plus DEL
# (ESC 0x1b is among them, so no escape sequence — OSC 52 clipboard, window title, CSI —
# survives), and the bidi controls, zero-width characters and BOM that can reorder or hide
# text on a terminal.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[^\S\n\t]+")  # whitespace other than newline and tab


def clean_text(value: str) -> str:
    """Clean any text from keyboard, paste, CLI or file before it is stored.

    NFC; \\r\\n and \\r become \\n; control characters (except \\n, \\t) and bidi/zero-width
    marks removed; runs of spaces collapsed; each line stripped; leading/trailing blank
    lines dropped.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(text)
    text = unicodedata.normalize("NFC", text)  # after removals, which can join base + mark
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return "\n".join(lines).strip("\n ")


def strip_controls(value: str) -> str:
    """value without the characters of CONTROL_CHARS, nothing else changed."""
    return CONTROL_CHARS.sub("", value)


def clean_line(value: str) -> str:
    """clean_text for one-line fields: newlines and tabs become single spaces."""
    return " ".join(clean_text(value).split())


_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(value: str) -> str:
    """Search key: NFD, drop combining marks, đ→d, casefold, collapse spaces.

    "Số hóa" and "so hoa" fold alike; "Hoà" and "Hòa" fold alike.
    """
    text = unicodedata.normalize("NFD", value.translate(_D_MAP))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().translate(_D_MAP).split())


def matches(query: str, *texts: str) -> bool:
    """True when every word of the folded query occurs in the folded texts."""
    words = fold(query).split()
    haystack = " ".join(fold(t) for t in texts if t)
    return all(w in haystack for w in words)


# --- Sort order ------------------------------------------------------------------------------
#
# sort_key reproduces ICU's collation for locale "vi" (CLDR root order plus the Vietnamese
# tailoring) in pure Python. Like UCA, ICU compares the primary weights of the whole string
# first (letters; digits before them; spaces and punctuation before digits: they are not
# ignored), then the secondary weights (accents: the tones), then the tertiary ones (case,
# lower first). The CLDR "vi" rules are
#
#     &\u0300 << \u0309 << \u0303 << \u0301 << \u0323      (grave, hook, tilde, acute, dot below)
#     &a < ă <<< Ă < â <<< Â   &d < đ <<< Đ   &e < ê <<< Ê   &o < ô <<< Ô < ơ <<< Ơ   &u < ư <<< Ư
#
# so ă â đ ê ô ơ ư are letters of their own and the tones come none < huyền < hỏi < ngã < sắc
# < nặng, compared left to right (no French accent order). The key holds one string of weights
# per level, so comparing keys compares ICU sort keys. The tables were read from ICU 72 and are
# exact for ASCII, every character in them, and every letter made of one of those plus marks
# U+0300-U+0362 (tests/data/make_icu_vi_order.py builds the reference orders). Other characters
# get a stable approximation, see _derive.

# Characters in ICU primary order. Each string is one primary weight; its characters differ
# only at the tertiary level, lowest first.
_PRIMARY_GROUPS: tuple[str, ...] = (
    # White space. Other control characters are ignored, as in ICU.
    "\t", "\n", "\x0b", "\x0c", "\r", "\x85", "\u2028", "\u2029", " \u00a0",
    # Punctuation: dashes, then , ; : ! ? . then quotes, brackets and the rest.
    "_", "-", "\u2010\u2011", "\u2012", "\u2013", "\u2014", "\u2015",
    ",", ";", ":", "!", "¡", "?", "¿", ".", "·",
    "'", "\u2018", "\u2019", "\u201a", "\u201b", "\u2039", "\u203a",
    '"', "\u201c", "\u201d", "\u201e", "\u201f", "«", "»",
    "(", ")", "[", "]", "{", "}", "‖", "§", "¶", "@", "*", "/", "\\", "&", "#", "%", "‰",
    "†", "‡", "•", "′", "※",
    # Symbols: modifiers, math, currency.
    "`", "´", "^", "¯", "¨", "¸", "°", "©", "®",
    "+", "±", "÷", "×", "<", "=", ">", "¬", "|", "¦", "~", "⁄",
    "¤", "¢", "$", "£", "¥", "₫", "€",
    # Digits, then letters with the Vietnamese ones in place (f j w z keep their Latin place).
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    "aA", "ăĂ", "âÂ", "bB", "cC", "dD", "đĐ", "eE", "êÊ", "fF", "gG", "hH", "iI", "ı",
    "jJ", "kK", "lL", "mM", "nN", "ŋŊ", "oO", "ôÔ", "ơƠ", "pP", "qQ", "rR", "sS", "tT",
    "uU", "ưƯ", "vV", "wW", "xX", "yY", "zZ", "þÞ",
)  # fmt: skip

# Combining marks in ICU secondary order; marks in one string weigh the same.
_MARK_GROUPS: tuple[str, ...] = (
    "\u0332",  # low line
    "\u0313",  # comma above
    "\u0314",  # reversed comma above
    "\u0300",  # grave: huyền
    "\u0309",  # hook above: hỏi
    "\u0303",  # tilde: ngã
    "\u0301",  # acute: sắc
    "\u0323",  # dot below: nặng
    "\u0306",  # breve (ă is a letter; this is the breve on other letters)
    "\u0302",  # circumflex (likewise)
    "\u030c",  # caron
    "\u030a",  # ring above
    "\u0342",  # greek perispomeni
    "\u0308",  # diaeresis
    "\u030b",  # double acute
    "\u0307",  # dot above
    "\u0338",  # long solidus overlay
    "\u0327",  # cedilla
    "\u0328",  # ogonek
    "\u0304",  # macron
    "\u030d\u030e\u0312\u0315\u031a\u033d\u033e\u033f\u0346\u034a\u034b\u034c\u0350\u0351"
    "\u0352\u0357\u035b\u035d\u035e",  # other marks above
    "\u0316\u0317\u0318\u0319\u031c\u031d\u031e\u031f\u0320\u0329\u032a\u032b\u032c\u032f"
    "\u0333\u033a\u033b\u033c\u0347\u0348\u0349\u034d\u034e\u0353\u0354\u0355\u0356\u0359"
    "\u035a\u035c\u035f\u0362",  # other marks below
    "\u0336\u0337",  # long stroke overlay, short solidus overlay
    "\u0335",  # short stroke overlay
    "\u0305",  # overline
    "\u030f",  # double grave
    "\u0310",  # candrabindu
    "\u0311",  # inverted breve
    "\u031b",  # horn (ơ ư are letters; this is the horn on other letters)
    "\u0321",  # palatalized hook below
    "\u0322",  # retroflex hook below
    "\u0324",  # diaeresis below
    "\u0325",  # ring below
    "\u0326",  # comma below
    "\u032d",  # circumflex below
    "\u032e",  # breve below
    "\u0330",  # tilde below
    "\u0331",  # macron below
    "\u0334",  # tilde overlay
    "\u0339",  # right half ring below
    "\u0345",  # greek ypogegrammeni
    "\u0358",  # dot above right
    "\u0360",  # double tilde
    "\u0361",  # double inverted breve
)

# The Vietnamese letters that ICU builds from a base letter and a mark, even when other marks
# stand between them (ặ = a + dot below + breve), as canonical composition does.
_CONTRACTIONS = {unicodedata.normalize("NFD", letter): letter for letter in "ăĂâÂêÊôÔơƠưƯ"}

# Secondary weights: letters, digits and punctuation have the common one; ICU gives the first
# part of ß æ œ ð one just above it; then the marks.
_S_COMMON = 1
_S_LIGATURE = 2
_S_MARK = {mark: 3 + i for i, group in enumerate(_MARK_GROUPS) for mark in group}
_S_OTHER_MARK = 3 + len(_MARK_GROUPS)
# ICU (CLDR root) reads l or L directly followed by a middle dot as one letter, like Catalan
# ŀ: l, then a secondary weight above every accent.
_MIDDLE_DOT = "\u00b7"
_S_MIDDLE_DOT = _S_OTHER_MARK + 1

# Tertiary weights follow ICU's: 0x05 common (lower case, uncased), 0x1c upper case, others for
# the variants below. Only weights under equal primaries and secondaries are ever compared.
_T_COMMON = 0x05
_T_UPPER = 0x1C
_T_GROUP = (_T_COMMON, _T_UPPER)
_T_VARIANT = 0x1F  # added for compatibility forms (², ﬁ, full-width) and foreign digits

# Characters ICU weighs exactly like a spelled-out sequence.
_SAME_AS = {
    "ø": "o\u0338",
    "Ø": "O\u0338",
    "ł": "l\u0335",
    "Ł": "L\u0335",
    "ŀ": "l" + _MIDDLE_DOT,
    "Ŀ": "L" + _MIDDLE_DOT,
    "\u202f": "\u00a0",  # narrow no-break space
}
# Expansions: (letter whose primary is used, secondary, tertiary) per collation element.
_EXPANSIONS = {
    "ß": (("s", _S_LIGATURE, 0x05), ("s", _S_COMMON, 0x13)),
    "ẞ": (("s", _S_LIGATURE, 0x20), ("s", _S_COMMON, 0x22)),
    "æ": (("a", _S_LIGATURE, 0x05), ("e", _S_COMMON, 0x13)),
    "Æ": (("a", _S_LIGATURE, 0x20), ("e", _S_COMMON, 0x22)),
    "œ": (("o", _S_LIGATURE, 0x05), ("e", _S_COMMON, 0x13)),
    "Œ": (("o", _S_LIGATURE, 0x20), ("e", _S_COMMON, 0x22)),
    "ð": (("d", _S_LIGATURE, 0x05),),
    "Ð": (("d", _S_LIGATURE, 0x20),),
    "…": ((".", _S_COMMON, 0x18),) * 3,
}

# A collation element: (primary as a string, "" when ignorable; secondary; tertiary).
_CE = tuple[str, int, int]

# Primary weights: chr(1), chr(2) ... in group order, with one free value just before "0" for
# symbols not listed and one after the last group for letters of other scripts (each followed
# by the character itself). All listed weights stay below 256: fast string comparison.
_DIGITS_AT = _PRIMARY_GROUPS.index("0")
_PRIMARY = {
    ch: chr(1 + i + (i >= _DIGITS_AT)) for i, group in enumerate(_PRIMARY_GROUPS) for ch in group
}
_P_OTHER_SYMBOL = chr(1 + _DIGITS_AT)
_P_OTHER_LETTER = chr(2 + len(_PRIMARY_GROUPS))

_CES: dict[str, tuple[_CE, ...]] = {}
for _group in _PRIMARY_GROUPS:
    for _t, _ch in zip(_T_GROUP, _group, strict=False):
        _CES[_ch] = ((_PRIMARY[_ch], _S_COMMON, _t),)
for _mark, _s in _S_MARK.items():
    _CES[_mark] = (("", _s, _T_COMMON),)
for _ch, _spec in _EXPANSIONS.items():
    _CES[_ch] = tuple((_PRIMARY[base], s, t) for base, s, t in _spec)
del _group, _t, _ch, _mark, _s, _spec


def _ces(ch: str) -> tuple[_CE, ...]:
    """Collation elements of one character, derived on first use."""
    ces = _CES.get(ch)
    if ces is None:
        ces = _CES[ch] = _derive(ch)
    return ces


def _ces_of(seq: str) -> tuple[_CE, ...]:
    """Collation elements of a canonically ordered sequence, with ICU's contractions.

    A mark joins the base letter before it into a Vietnamese letter (a + breve = ă) unless a
    mark of the same combining class stands between them; l + middle dot is one letter.
    """
    chars = list(seq)
    out: list[_CE] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch in "lL" and i + 1 < len(chars) and chars[i + 1] == _MIDDLE_DOT:
            out.extend(_ces(ch))
            out.append(("", _S_MIDDLE_DOT, _T_COMMON))
            i += 2
            continue
        j, highest = i + 1, 0
        while j < len(chars) and (ccc := unicodedata.combining(chars[j])):
            letter = _CONTRACTIONS.get(ch + chars[j])
            if letter is not None and highest < ccc:
                ch = letter
                del chars[j]
                break
            highest = max(highest, ccc)
            j += 1
        out.extend(_ces(ch))
        i += 1
    return tuple(out)


def _is_ignorable(ch: str) -> bool:
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Cc", "Cf", "Cs")
        or cp == 0x034F  # combining grapheme joiner
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors
        or 0xE0100 <= cp <= 0xE01EF
    )


def _derive(ch: str) -> tuple[_CE, ...]:
    """Collation elements of a character not in the tables.

    Exact for letters that decompose into known letters and marks (ấ, é, ñ, ǘ ...). Otherwise
    an approximation of ICU: compatibility forms weigh as their decomposition with a higher
    tertiary weight, digits of other scripts as 0-9, other symbols and punctuation just before
    the digits and other letters after z, both in code point order.
    """
    if ch in _SAME_AS:
        return _ces_of(_SAME_AS[ch])
    nfd = unicodedata.normalize("NFD", ch)
    if nfd != ch:
        return _ces_of(nfd)
    if _is_ignorable(ch):
        return ()
    nfkd = unicodedata.normalize("NFKD", ch)
    if nfkd != ch:
        return tuple((p, s, t + _T_VARIANT) for p, s, t in _ces_of(nfkd))
    category = unicodedata.category(ch)
    if category in ("Mn", "Me"):
        return (("", _S_OTHER_MARK, _T_COMMON),)
    if category == "Nd":
        return ((_PRIMARY[str(unicodedata.decimal(ch))], _S_COMMON, _T_VARIANT),)
    if category[0] in "PSZ":
        return ((_P_OTHER_SYMBOL + ch, _S_COMMON, _T_COMMON),)
    lower = ch.lower()
    if lower != ch and len(lower) == 1:
        return ((_P_OTHER_LETTER + lower, _S_COMMON, _T_UPPER),)
    return ((_P_OTHER_LETTER + ch, _S_COMMON, _T_COMMON),)


_O_HORN = frozenset("ơƠợỢ")


def _is_fcd(cluster: str) -> bool:
    """True when the characters' canonical decompositions follow each other in order."""
    previous = 0
    for ch in cluster:
        nfd = unicodedata.normalize("NFD", ch)
        lead = unicodedata.combining(nfd[0])
        if lead and lead < previous:
            return False
        previous = unicodedata.combining(nfd[-1])
    return True


def _cluster_ces(cluster: str) -> tuple[_CE, ...]:
    """Collation elements of a letter with loose combining marks (or of l·), as ICU has them.

    ICU reads such text as its NFD, with one quirk kept here: where it does not normalise
    (FCD text, as NFC text nearly always is), ơ or ợ followed by a circumflex that it can
    reach is read as ô + horn, while the same text in NFD reads as ơ + circumflex. Not
    Vietnamese either way, but it is what ICU does with the NFC form.
    """
    nfd = unicodedata.normalize("NFD", cluster)
    if cluster[0] in _O_HORN and _is_fcd(cluster):
        highest = 0
        for k in range(1, len(nfd)):
            ccc = unicodedata.combining(nfd[k])
            if not ccc:
                break
            if nfd[k] == "\u0302" and highest < ccc:
                base = "Ô" if nfd[0] == "O" else "ô"
                return _ces(base) + _ces_of(nfd[1:k] + nfd[k + 1 :])
            highest = max(highest, ccc)
    return _ces_of(nfd)


# Combining-mark blocks. NFC text without a loose mark or a middle dot (all ordinary text) is
# keyed character by character; otherwise a letter and the marks after it are keyed together.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_NEEDS_CLUSTERS = re.compile(f"[{_MARKS}{_MIDDLE_DOT}]")
_CLUSTER = re.compile(f"(?s)[lL]{_MIDDLE_DOT}[{_MARKS}]*|.[{_MARKS}]*")
_CLUSTER_CACHE = 4096  # clusters remembered; single characters always are


class _Level(dict):
    """Weights at one level, as a string, for a code point (for str.translate) or a cluster.

    Filled on first use, for all three levels at once.
    """

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def __missing__(self, unit: int | str) -> str:
        if isinstance(unit, int):
            ces = _ces(chr(unit))
        elif len(unit) == 1:
            ces = _ces(unit)
        else:
            ces = _cluster_ces(unit)
        weights = (
            "".join(p for p, _, _ in ces),
            "".join(chr(s) for _, s, _ in ces),
            "".join(chr(t) for _, _, t in ces),
        )
        if isinstance(unit, int) or len(self) < _CLUSTER_CACHE:
            for level, table in enumerate(_LEVELS):
                table[unit] = weights[level]
        return weights[self.level]


_LEVELS = (_Level(0), _Level(1), _Level(2))
_PRIMARIES, _SECONDARIES, _TERTIARIES = _LEVELS


def sort_key(value: str) -> tuple:
    """Vietnamese collation key: sorts exactly like ICU with locale "vi".

    a ă â b c d đ e ê ... o ô ơ ... u ư ..., then tones (none, huyền, hỏi, ngã, sắc, nặng),
    then case (lower first); spaces and punctuation sort before digits, digits before letters,
    digits one by one ("Xã 10" before "Xã 2"). The key is the (primary, secondary, tertiary)
    weight strings; strings that ICU calls equal get equal keys.
    """
    text = unicodedata.normalize("NFC", value)
    if _NEEDS_CLUSTERS.search(text) is None:
        return (
            text.translate(_PRIMARIES),
            text.translate(_SECONDARIES),
            text.translate(_TERTIARIES),
        )
    units = _CLUSTER.findall(text)
    return (
        "".join(map(_PRIMARIES.__getitem__, units)),
        "".join(map(_SECONDARIES.__getitem__, units)),
        "".join(map(_TERTIARIES.__getitem__, units)),
    )
