"""Rule layer of the tagger: the generic lexicon, spaCy entity_ruler patterns, Chinese regexes.

Reads: models/segments_lexicon.json (generic metric/segment/firm words, English -> Chinese).
Adds: English entity_ruler patterns (MONEY for RMB/US$/HK$/NT$ amounts, PERIOD, METRIC) and
MONEY/PERCENT/PERIOD spans found by regex in Chinese text.
Refuses to guess: a bare number is never MONEY; Chinese money needs a currency word or 元, or a
scale (亿/万) right after a currency word; PERIOD needs a year, quarter, half or month word.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import model_path

# --- the generic lexicon ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Canonical English form -> Chinese forms (Simplified), per kind."""

    metrics: tuple[tuple[str, tuple[str, ...]], ...]
    segments: tuple[tuple[str, tuple[str, ...]], ...]
    orgs: tuple[tuple[str, tuple[str, ...]], ...]

    def zh_alias(self) -> dict[str, str]:
        """Chinese (Simplified) form -> canonical English form, over all kinds."""
        out: dict[str, str] = {}
        for group in (self.metrics, self.segments, self.orgs):
            for en, zhs in group:
                for zh in zhs:
                    out.setdefault(zh, en)
        return out


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    p = Path(path) if path else model_path("segments_lexicon.json")
    if not p.is_file():
        return Lexicon((), (), ())
    data = json.loads(p.read_text(encoding="utf-8"))

    def group(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((k, tuple(v)) for k, v in data.get(key, {}).items())

    return Lexicon(group("metrics"), group("segments"), group("orgs"))


# --- English entity_ruler patterns ------------------------------------------------------------

_SCALES = ["thousand", "million", "billion", "trillion", "k", "m", "mm", "mn", "bn", "b", "mil"]
_CUR_PREFIX = r"(?:RMB|Rmb|CNY|USD|HKD|TWD|US\$|HK\$|NT\$|S\$|A\$|C\$|\$|¥|€|£)"
_YEAR = r"^(?:19|20)\d\d$"
_ORDINALS = ["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", "last", "next",
             "current", "same", "prior", "previous"]


def ruler_patterns(lexicon: Lexicon | None = None) -> list[dict]:
    """The patterns stored in models/entity_patterns.jsonl (a test keeps the two in sync)."""
    lex = lexicon or load_lexicon()
    money_tok = {"TEXT": {"REGEX": rf"^{_CUR_PREFIX}\(?\d[\d,]*(?:\.\d+)?$"}}
    cur_word = {"TEXT": {"IN": ["RMB", "Rmb", "CNY", "USD", "HKD", "TWD", "US$", "HK$", "NT$", "$", "¥"]}}
    scale = {"LOWER": {"IN": _SCALES}, "OP": "?"}
    num = {"LIKE_NUM": True}
    year = {"TEXT": {"REGEX": _YEAR}}
    pats: list[dict] = [
        {"label": "MONEY", "pattern": [money_tok, scale], "id": "money-prefixed"},
        {"label": "MONEY", "pattern": [cur_word, num, scale], "id": "money-currency-word"},
        {"label": "MONEY", "pattern": [num, scale, {"LOWER": {"IN": ["rmb", "yuan", "renminbi", "dollars"]}}],
         "id": "money-suffixed"},
        {"label": "MONEY", "pattern": [num, scale, {"LOWER": {"IN": ["us", "hong", "new"]}},
                                       {"LOWER": {"IN": ["kong", "taiwan"]}, "OP": "?"}, {"LOWER": "dollars"}],
         "id": "money-suffixed-2"},
        {"label": "PERCENT", "pattern": [num, {"ORTH": "%"}], "id": "percent-sign"},
        {"label": "PERCENT", "pattern": [num, {"LOWER": {"IN": ["percent", "per-cent", "pct"]}}], "id": "percent-word"},
        {"label": "PERCENT", "pattern": [num, {"LOWER": "percentage"}, {"LOWER": {"IN": ["point", "points"]}}],
         "id": "percent-points"},
        {"label": "PERIOD", "pattern": [{"LOWER": {"IN": _ORDINALS}}, {"LOWER": {"IN": ["quarter", "half"]}},
                                        {**year, "OP": "?"}], "id": "period-quarter"},
        {"label": "PERIOD", "pattern": [{"LOWER": {"IN": _ORDINALS}}, {"LOWER": {"IN": ["quarter", "half"]}},
                                        {"LOWER": "of"}, {"LOWER": {"IN": ["fiscal", "calendar"]}, "OP": "?"}, year],
         "id": "period-quarter-of"},
        {"label": "PERIOD", "pattern": [{"LOWER": {"IN": ["this", "last", "next", "current", "prior", "previous",
                                                          "coming", "same"]}},
                                        {"LOWER": {"IN": ["fiscal", "calendar"]}, "OP": "?"},
                                        {"LOWER": {"IN": ["quarter", "year", "half"]}}], "id": "period-relative"},
        {"label": "PERIOD", "pattern": [{"LOWER": {"IN": ["fiscal", "full", "calendar"]}}, {"ORTH": "-", "OP": "?"},
                                        {"LOWER": "year"}, {**year, "OP": "?"}], "id": "period-year"},
        {"label": "PERIOD", "pattern": [{"LOWER": {"IN": ["fiscal", "calendar", "fy"]}}, year], "id": "period-fy"},
        {"label": "PERIOD", "pattern": [{"TEXT": {"REGEX": r"^(?:Q[1-4]|[1-4]Q|H[12]|[12]H|FY)(?:'?\d{2}|\d{4})?$"}},
                                        {**year, "OP": "?"}], "id": "period-code"},
        {"label": "PERIOD", "pattern": [{"LOWER": {"IN": ["first", "last", "past", "trailing", "next"]}},
                                        {"LOWER": {"IN": ["three", "six", "nine", "twelve", "3", "6", "9", "12"]}},
                                        {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["months", "month"]}}],
         "id": "period-months"},
    ]
    for en, _ in lex.metrics:
        pats.append({"label": "METRIC", "pattern": en.lower(), "id": f"metric-{en.lower()}"})
        if en.islower() and not en.endswith("s"):
            pats.append({"label": "METRIC", "pattern": en.lower() + "s", "id": f"metric-{en.lower()}"})
    return pats


def write_ruler_patterns(path: str | Path) -> None:
    """Regenerate models/entity_patterns.jsonl from ``ruler_patterns()``."""
    lines = [json.dumps(p, ensure_ascii=False, sort_keys=True) for p in ruler_patterns()]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- spaCy label mapping ----------------------------------------------------------------------

_PERIOD_WORDS_RE = re.compile(
    r"\b(?:quarter|half|year|fiscal|FY\d*|[QH][1-4]|[1-4]Q|months?|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_SPACY_MAP = {"ORG": "ORG", "PERSON": "PERSON", "GPE": "GPE", "MONEY": "MONEY", "PERCENT": "PERCENT",
              "PERIOD": "PERIOD", "METRIC": "METRIC", "SEGMENT": "SEGMENT"}


def map_spacy_label(label: str, text: str) -> str | None:
    """Our label for a spaCy entity, or None to drop it (DATE only when it names a period)."""
    if label == "DATE":
        return "PERIOD" if _PERIOD_WORDS_RE.search(text) and not re.search(r"\bago\b|\bdays?\b", text, re.I) else None
    return _SPACY_MAP.get(label)


# --- Chinese regexes (run on the Simplified text; offsets equal the original's) ----------------

_ZH_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ZH_CUR_BEFORE = r"(?:人民币|美元|港元|港币|新台币|RMB|US\$|HK\$|NT\$|\$|¥|￥)"
_ZH_SCALE = r"(?:千亿|百亿|十亿|亿|千万|百万|十万|万|千)"
_ZH_CUR_AFTER = r"(?:元人民币|美元|港元|港币|新台币|元)"
ZH_MONEY_RE = re.compile(
    rf"{_ZH_CUR_BEFORE}\s?{_ZH_NUM}\s?{_ZH_SCALE}?{_ZH_CUR_AFTER}?"
    rf"|{_ZH_NUM}\s?{_ZH_SCALE}?{_ZH_CUR_AFTER}"
)
ZH_PERCENT_RE = re.compile(rf"{_ZH_NUM}\s?[%％]|百分之[零一二三四五六七八九十百点\d.]+")
_ZH_Q = r"(?:第?[一二三四1-4]季度?|[一二三四1-4]季度|Q[1-4]|[上下]半年|前[三二]季度|全年|年度|财年)"
ZH_PERIOD_RE = re.compile(
    rf"(?:(?:19|20)\d\d|[一二〇零○]{{4}})\s?(?:财年|年)(?:第?[一二三四1-4]季度?|前[三二]季度|[上下]半年|全年|度)?"
    rf"|(?:本|上|下一?|去年同|同)(?:个)?季度?|去年同期|第[一二三四1-4]季度?|[上下]半年|前[三二]季度|全年"
    rf"|[1-4]Q(?:\d\d)?|Q[1-4]"
)
_ZH_PERIOD_NOT = re.compile(r"^同季度?$")


def zh_rule_spans(simplified: str) -> list[tuple[int, int, str]]:
    """MONEY, PERCENT and PERIOD spans (start, end, label) in Simplified Chinese text."""
    out: list[tuple[int, int, str]] = []
    for rx, label in ((ZH_MONEY_RE, "MONEY"), (ZH_PERCENT_RE, "PERCENT"), (ZH_PERIOD_RE, "PERIOD")):
        for m in rx.finditer(simplified):
            if label == "PERIOD" and _ZH_PERIOD_NOT.match(m.group()):
                continue
            out.append((m.start(), m.end(), label))
    return out
