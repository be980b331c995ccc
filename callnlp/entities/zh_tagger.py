"""Chinese entities: jieba part-of-speech tags + regexes for money, percentages and periods.

Reads: Chinese paragraph text (Simplified or Traditional). Adds: (start, end, label) spans with
offsets into the ORIGINAL text. Tags: nr -> PERSON, ns -> GPE, nt -> ORG, and the user
dictionary's own tags metric -> METRIC, segment -> SEGMENT.
Refuses to guess: single-character names, and jieba's transliteration tag (nrt), which mixes
people with firms and places, are dropped; words jieba does not know get a POS guess only when
they are 2-3 characters long and start with a surname.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..tokenize.script import CJK_CLASS
from ..tokenize.zh import segment_zh, to_simplified
from .rules import zh_rule_spans

if TYPE_CHECKING:  # pragma: no cover
    from ..analyzer import Analyzer

_TAGS = {"nr": "PERSON", "nrfg": "PERSON", "ns": "GPE", "nt": "ORG", "metric": "METRIC", "segment": "SEGMENT"}
_ALL_CJK_RE = re.compile(f"^[{CJK_CLASS}]+$")
# The most common Chinese surnames (Simplified). jieba tags many ordinary dictionary words nr
# (谢谢, 陈述, 许可证), so a PERSON needs a surname, 2-3 characters and a rare or unknown word.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)


def _looks_like_name(word: str, dict_freq: int) -> bool:
    return (
        2 <= len(word) <= 3
        and word[0] in _SURNAMES
        and dict_freq < 50
        and not (len(word) == 2 and word[0] == word[1])
    )


def chinese_spans(text: str, analyzer: "Analyzer", *, simplified: str | None = None) -> list[tuple[int, int, str]]:
    """Entity spans (start, end, label) in Chinese ``text``; POS spans never overlap rule spans."""
    simp = simplified if simplified is not None else to_simplified(text, analyzer)
    pos = analyzer.jieba_pos
    tags = pos.word_tag_tab
    freq = analyzer.jieba.FREQ
    spans = zh_rule_spans(simp)
    taken = [(a, b) for a, b, _ in spans]
    for _word, a, b in segment_zh(text, analyzer, simplified=simp):
        w = simp[a:b]
        if not _ALL_CJK_RE.match(w):
            continue
        tag = tags.get(w)
        if tag is None and not freq.get(w) and 2 <= len(w) <= 3 and w[0] in _SURNAMES:
            # Unknown word: only a possible name is worth jieba's (slow) HMM tag guess.
            guess = pos.lcut(w)
            tag = guess[0].flag if len(guess) == 1 else None
        label = _TAGS.get(tag or "")
        if label is None or (label == "GPE" and len(w) < 2):
            continue
        if label == "PERSON" and not _looks_like_name(w, freq.get(w) or 0):
            continue
        if any(a < y and x < b for x, y in taken):
            continue
        spans.append((a, b, label))
    return spans
