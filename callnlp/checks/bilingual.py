"""Reconcile each paragraph with its translation: same figures on both sides, no English left over.

Reads: ``Turn.paragraphs`` and their ``translation`` (callnlp.records), quantities from
callnlp.numbers.parse_quantities. Adds: ``Check`` records of kind
- ``bilingual_mismatch``: a figure whose two renderings differ ("RMB45.3 million" vs "45.3億元"),
  with the likely slip (万/亿 = x10^4, million/billion = x10^3, million/億 = x100);
- ``missing_in_translation``: a money amount or percentage of one side with no counterpart;
- ``untranslated_text``: a run of >= 8 English words, reading as a sentence, inside the Chinese side.

Matching rule: two figures are the same when they fall in each other's rounding interval (the
last printed digit, see ``base.half_units``) or differ by <= 0.5% (models/check_tolerances.md).
Percent and percentage points match each other (translations blur them); money, counts and bare
scaled numbers match each other ("超過1000萬" for "over 10 million").

Refuses to guess: years, dates, small bare numbers ("2 categories") and verbal ranges are not
compared; a figure missing on one side is only a warning when it is money or a percentage on the
side that was translated from, and nothing is said when either side holds no figure at all
(a paragraph left as "(foreign language)").
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..numbers import parse_quantities
from ..records import Lang, Paragraph, Quantity, Structure
from ..tokenize.sentences import split_sentences
from .base import Check, fmt_decimal, half_units, is_money

RELATIVE_TOLERANCE = Decimal("0.005")
MIN_UNTRANSLATED_WORDS = 8
_PCT_UNITS = {"%": Decimal(1), "pp": Decimal(1), "bp": Decimal("0.01")}
_EN_SCALE = re.compile(r"(?<![a-z])(thousand|million|billion|trillion|mln|mn|mm|bln|bn|tn|[kmb])(?![a-z])", re.I)
_ZH_SCALE = re.compile(r"[十百千]?[万萬][亿億]?|[十百千]?[亿億]|千")
_SCALE_TEXT = re.compile(r"thousand|million|billion|trillion|[万萬亿億千]", re.I)
# A run of text with no CJK character or CJK punctuation in it.
_NON_CJK_RUN = re.compile(r"[^\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\n]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_FUNCTION_WORDS = frozenset(
    "the of to in our we is was are were by for with that this it be have has will on as at from "
    "an a you they their its which would could should".split()
)


def check_bilingual(structure: Structure) -> list[Check]:
    """Every bilingual finding of the call, in text order."""
    out: list[Check] = []
    for turn in structure.turns:
        for en, zh, source_is_en in _pairs(turn.paragraphs):
            out.extend(reconcile_paragraph(en, zh, turn.index, source_is_en=source_is_en))
            out.extend(find_untranslated(zh, turn.index))
    return out


def _pairs(paragraphs) -> list[tuple[Paragraph, Paragraph, bool]]:
    """(English, Chinese, English-is-the-original) for each translated paragraph the segmenter paired."""
    out = []
    for p in paragraphs:
        tr = p.translation
        if tr is None:
            continue
        if p.language is Lang.EN and tr.language.is_zh and _looks_en(p.text):
            out.append((p, tr, True))
        elif tr.language is Lang.EN and p.language.is_zh and _looks_en(tr.text):
            out.append((tr, p, False))
    return out


def _looks_en(text: str) -> bool:
    """English by its letters (the segmenter sometimes pairs two Chinese lines)."""
    latin = len(re.findall(r"[A-Za-z]", text))
    return latin > 0 and _cjk_count(text) <= 0.1 * latin


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


# ---- figures -----------------------------------------------------------------------------------


def _family(q: Quantity) -> str | None:
    """"pct" or "amount" for figures worth comparing; None for everything else."""
    if q.qualitative:
        return None
    if q.unit in _PCT_UNITS:
        return "pct"
    if is_money(q):
        return "amount"
    big = max(abs(q.low), abs(q.high))
    if q.unit == "count":
        return "amount" if big >= 10 else None
    if q.unit is None and (big >= 1000 or _SCALE_TEXT.search(q.text)):
        return "amount"
    return None


def _match_family(q: Quantity) -> str | None:
    """Like ``_family`` but also admits small counts and bare numbers ("219" for "219 個")."""
    if q.qualitative:
        return None
    return "pct" if q.unit in _PCT_UNITS else "amount"


def _norm(q: Quantity) -> tuple[Decimal, Decimal]:
    f = _PCT_UNITS.get(q.unit or "", Decimal(1))
    return q.low * f, q.high * f


def _close(x: Decimal, hx: Decimal, y: Decimal, hy: Decimal) -> bool:
    if abs(x - y) <= hx + hy:
        return True
    return abs(x - y) <= RELATIVE_TOLERANCE * max(abs(x), abs(y))


def same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two renderings stand for the same figure (both bounds, within rounding)."""
    if _match_family(a) != _match_family(b) or _match_family(a) is None:
        return False
    if a.is_range != b.is_range:
        return False
    (al, ah), (bl, bh) = _norm(a), _norm(b)
    (hal, hah), (hbl, hbh) = half_units(a), half_units(b)
    fa = _PCT_UNITS.get(a.unit or "", Decimal(1))
    fb = _PCT_UNITS.get(b.unit or "", Decimal(1))
    return _close(al, hal * fa, bl, hbl * fb) and _close(ah, hah * fa, bh, hbh * fb)


def power_of_ten_slip(a: Quantity, b: Quantity) -> int | None:
    """k when b == a x 10^k (k != 0, |k| <= 8) within rounding; None otherwise."""
    if _family(a) != _family(b) or _family(a) is None or a.is_range != b.is_range:
        return None
    if _family(a) == "amount" and not (is_money(a) or is_money(b)):
        return None
    (al, ah), (bl, bh) = _norm(a), _norm(b)
    if al == 0 or bl == 0 or (al < 0) != (bl < 0):
        return None
    ratio = bl / al
    k = int(ratio.log10().to_integral_value())
    if k == 0 or abs(k) > 8:
        return None
    scaled = al * Decimal(10) ** k
    scaled_hi = ah * Decimal(10) ** k
    if abs(scaled - bl) <= Decimal("0.01") * abs(bl) and abs(scaled_hi - bh) <= Decimal("0.01") * abs(bh):
        return k
    return None


def _slip_words(en: Quantity, zh: Quantity, k: int) -> str:
    ew = _EN_SCALE.search(en.text)
    zw = _ZH_SCALE.search(zh.text)
    hint = {4: "万/亿 confusion (x10^4)", 3: "million/billion confusion (x10^3)",
            2: "million read as 億 (x100)", 1: "a misplaced decimal point (x10)"}.get(abs(k), f"x10^{abs(k)}")
    if ew and zw:
        return f"'{ew.group()}' rendered as '{zw.group()}', {hint}"
    return hint


# ---- reconciliation ----------------------------------------------------------------------------


def reconcile_paragraph(en: Paragraph, zh: Paragraph, turn: int, *, source_is_en: bool = True) -> list[Check]:
    """Match every figure of ``en`` to one of ``zh``; report what does not match."""
    eq = [q for q in parse_quantities(en.text) if _match_family(q)]
    zq = [q for q in parse_quantities(zh.text) if _match_family(q)]
    if not any(map(_family, eq)) or not any(map(_family, zq)):
        return []  # one side carries no figure at all: an untranslated or empty paragraph
    e_left, z_left = _match(eq, zq, len(en.text), len(zh.text), same_figure)
    e_left = [q for q in e_left if _family(q)]
    z_left = [q for q in z_left if _family(q)]
    z_left = _absorb_verbal([q for q in parse_quantities(en.text) if q.qualitative], z_left)
    e_left = _absorb_verbal([q for q in parse_quantities(zh.text) if q.qualitative], e_left)
    out: list[Check] = []
    # power-of-ten slips first, then a single leftover pair per family, then what remains
    pairs: list[tuple[Quantity, Quantity, int | None]] = []
    for q in list(e_left):
        for z in z_left:
            k = power_of_ten_slip(q, z)
            if k is not None:
                pairs.append((q, z, k))
                e_left.remove(q)
                z_left.remove(z)
                break
    for fam in ("amount", "pct"):
        ef = [q for q in e_left if _family(q) == fam and (fam == "pct" or is_money(q))]
        zf = [q for q in z_left if _family(q) == fam and (fam == "pct" or is_money(q))]
        if len(ef) == 1 and len(zf) == 1 and not ef[0].approx and not zf[0].approx:
            pairs.append((ef[0], zf[0], None))
            e_left.remove(ef[0])
            z_left.remove(zf[0])
    for q, z, k in pairs:
        out.append(_mismatch(en, zh, q, z, k, turn, source_is_en))
    for q in e_left:
        out.append(_missing(en, zh, q, turn, side_is_source=source_is_en))
    for z in z_left:
        out.append(_missing(zh, en, z, turn, side_is_source=not source_is_en))
    out.sort(key=lambda c: c.char_span)
    return out


def _match(eq, zq, elen, zlen, same) -> tuple[list[Quantity], list[Quantity]]:
    """Greedy one-to-one matching; among equal figures prefer the one at the closer relative position."""
    z_free = list(zq)
    e_left = []
    for q in eq:
        pos = q.char_span[0] / max(elen, 1)
        cands = [z for z in z_free if same(q, z)]
        if not cands:
            e_left.append(q)
            continue
        best = min(cands, key=lambda z: abs(z.char_span[0] / max(zlen, 1) - pos))
        z_free.remove(best)
    return e_left, z_free


def _sentence(p: Paragraph, q: Quantity) -> tuple[str, tuple[int, int]]:
    for a, b in split_sentences(p.text, lang=p.language):
        if a <= q.char_span[0] < b:
            return p.text[a:b], (p.span[0] + a, p.span[0] + b)
    return p.text, p.span


def _show(q: Quantity) -> str:
    lo, hi = _norm(q)
    unit = q.unit if q.unit in ("%", "pp", "bp") else (q.unit or "")
    if lo == hi:
        return f"{fmt_decimal(lo, 0) if lo == lo.to_integral_value() else lo.normalize():} {unit}".strip()
    return f"{lo.normalize():f}-{hi.normalize():f} {unit}".strip()


def _name(p: Paragraph) -> str:
    return "English" if p.language is Lang.EN else "Chinese"


def _mismatch(en, zh, q, z, k, turn, source_is_en) -> Check:
    sent, span = _sentence(en, q)
    zsent, _ = _sentence(zh, z)
    tr = zh if source_is_en else en
    if k is not None:
        times = Decimal(10) ** abs(k)
        bigger = _name(zh) if k > 0 else _name(en)
        why = f"the {bigger} figure is {times:,f}x the other; likely slip: {_slip_words(q, z, k)}"
    else:
        why = "the two values differ"
    msg = (f"{_name(en)} '{q.text}' ({_show(q)}) vs {_name(zh)} '{z.text}' ({_show(z)}): {why}; "
           f"the {_name(tr)} side is the translation")
    return Check("bilingual_mismatch", "warning", turn, msg, sent, span,
                 expected=_norm(q)[0], found=_norm(z)[0], other_evidence=zsent)


def _missing(side: Paragraph, other: Paragraph, q: Quantity, turn: int, *, side_is_source: bool) -> Check:
    sent, span = _sentence(side, q)
    serious = side_is_source and (is_money(q) or q.unit in _PCT_UNITS) and not q.approx
    where = "translation" if side_is_source else "original"
    msg = f"{_name(side)} '{q.text}' ({_show(q)}) has no counterpart in the {_name(other)} {where}"
    return Check("missing_in_translation", "warning" if serious else "info", turn, msg, sent, span,
                 expected=_norm(q)[0], found=None)


# ---- English left in the Chinese ---------------------------------------------------------------


def find_untranslated(zh: Paragraph, turn: int) -> list[Check]:
    """Runs of >= 8 English words that read as a sentence inside a Chinese paragraph."""
    out = []
    for m in _NON_CJK_RUN.finditer(zh.text):
        run = m.group()
        words = _EN_WORD.findall(run)
        if len(words) < MIN_UNTRANSLATED_WORDS:
            continue
        if sum(1 for w in words if w.lower() in _FUNCTION_WORDS) < 2:
            continue  # a list of names or terms, not a sentence
        a = m.start() + (len(run) - len(run.lstrip(" \t,.;:)-—")))
        b = m.end() - (len(run) - len(run.rstrip(" \t,;:(-—")))
        text = zh.text[a:b]
        msg = f"the Chinese text keeps {len(words)} English words untranslated: '{_clip(text)}'"
        out.append(Check("untranslated_text", "warning", turn, msg, text, (zh.span[0] + a, zh.span[0] + b)))
    return out


def _clip(s: str, n: int = 120) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


def _absorb_verbal(verbal: list[Quantity], other: list[Quantity]) -> list[Quantity]:
    """Figures on one side that render a verbal range of the other ("low-to-mid twenties", 20-26 %,
    as "20%出頭至25%左右") are its counterparts: every figure of that unit inside its bounds (+-1)."""
    for q in verbal:
        other = [z for z in other if not (z.unit == q.unit and q.low - 1 <= z.low and z.high <= q.high + 1)]
    return other
