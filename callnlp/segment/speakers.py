"""Speaker labels: split a printed label into name / title / firm, and classify the participant.

Reads label strings such as "Sean Eastman -- KeyBanc Capital Markets -- Analyst",
"Yipeng Li - CFO & Director", "Jessie Wang - MediaTek, Investor Relation", "李娜（中金公司）".
It does not guess a firm from a title alone, nor a kind from a name alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import ParticipantKind

_LETTER = r"[^\W\d_]"
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")

OPERATOR_LABELS = {"operator", "主持人", "会议主持人", "會議主持人", "接线员", "接線員", "moderator", "conference operator"}
GENERIC_COMPANY = re.compile(
    r"^(unidentified|unknown)\s+(company\s+)?(representative|speaker|participant|executive)s?$|"
    r"^(company\s+representative|interpreter|translator|management|公司代表|管理层|管理層|翻译|翻譯)$", re.I)
GENERIC_ANALYST = re.compile(r"^(unidentified|unknown)\s+(analyst|participant|caller|audience member)$", re.I)
# A label that only says "an analyst is speaking": the operator's introduction names who.
BARE_ANALYST = re.compile(r"^(?:analyst|questioner|分析师|分析師)$", re.I)

_ANALYST_TITLE = re.compile(r"\banalyst\b|\bresearch\b|分析师|分析師|研究员|研究員", re.I)
_IR_TITLE = re.compile(
    r"investor\s+relations?|\bIR\b|head of capital markets|投资者关系|投資者關係|董秘|董事会秘书|董事會秘書|投资人关系|投資人關係|"
    r"发言人|發言人", re.I)
_EXEC_TITLE = re.compile(
    r"chief|officer|\bC[EFOTI]O\b|president|chair|director|\bhead\b|\bvice\b|\bVP\b|\bSVP\b|\bEVP\b|founder|"
    r"treasurer|controller|manager|partner|executive|counsel|secretary|\bMD\b|general|"
    r"总裁|總裁|总经理|總經理|首席|董事|经理|經理|财务|財務|副总|副總|创始人|創始人|主席|总监|總監", re.I)


# Chinese organisations by their last characters: a brokerage, fund, bank or research house.
_ZH_FIRM = re.compile(r"(?:证券|證券|基金|资本|資本|投资|投資|资管|資管|资产|資產|银行|銀行|研究所|研究院|保险|保險|信托|信託|"
                      r"期货|期貨|投顾|投顧|控股|集团|集團|公司|资产管理|資產管理|私募|创投|創投|财富|財富|金控|国际|國際)$")
# "问（李娜，华岳证券）", "答（张伟，首席执行官）": a question or answer mark with who says it
ZH_QA_MARK = re.compile(r"^(?P<mark>[问問答])\s*[（(](?P<inside>[^）)]{2,40})[）)]$")
_ZH_PART_SEP = re.compile(r"\s*[，,、/]\s*|\s+")


def _zh_person_label(parts: list[str], *, asks: bool | None = None) -> "Label | None":
    """Name plus title or firm, in either order ("张伟 首席执行官", "华岳证券 李娜"). ``asks``: the
    label marks a question (the other part is a firm) or an answer (a title); None when unmarked."""
    parts = [p for p in parts if p]
    if len(parts) != 2:
        return None
    for name, other in (parts, parts[::-1]):
        if not _CJK_NAME.match(name) or _ZH_FIRM.search(name) or _EXEC_TITLE.search(name) or _IR_TITLE.search(name):
            continue
        firm = _ZH_FIRM.search(other) is not None
        title = bool(_EXEC_TITLE.search(other) or _IR_TITLE.search(other))
        if asks or (asks is None and (firm or _ANALYST_TITLE.search(other)) and (firm or not _EXEC_TITLE.search(other))):
            return Label(clean_name(name), firm=other, analyst=True)
        if title:
            return Label(clean_name(name), title=other)
    return None


@dataclass(frozen=True, slots=True)
class Label:
    """A parsed speaker label."""

    name: str
    title: str | None = None
    firm: str | None = None
    analyst: bool = False


def looks_like_name(s: str) -> bool:
    """True for a person's name, 'Operator' or a generic speaker label; False for sentences."""
    s = s.strip()
    if not s or len(s) > 60:
        return False
    if s.lower() in OPERATOR_LABELS or GENERIC_COMPANY.match(s) or GENERIC_ANALYST.match(s):
        return True
    if _CJK_NAME.match(s):
        return True
    words = s.split()
    if not 1 <= len(words) <= 6:
        return False
    if s[-1] in ".?!,;:" and not re.search(r"(\b[A-Z]\.|\b(Jr|Sr|Dr|St)\.)$", s):
        return False
    words = [w for w in words if w.rstrip(",.") not in ("Jr", "Sr", "II", "III", "IV")] or words
    caps = sum(1 for w in words if w[:1].isupper() or w[:1] in "[(")
    return caps >= max(1, len(words) - 1) and bool(re.match(rf"^[\[\(]?{_LETTER}", s))


def clean_name(name: str) -> str:
    name = re.sub(r"[\[\]]", "", name).strip()
    return re.sub(r"\s+", " ", name)


def parse_label(text: str) -> Label:
    """Split a printed speaker label.

    Example:
        >>> parse_label("Sean Eastman -- KeyBanc Capital Markets -- Analyst")
        Label(name='Sean Eastman', title='Analyst', firm='KeyBanc Capital Markets', analyst=True)
    """
    s = text.strip().strip("*").strip()
    mark = ZH_QA_MARK.match(s.rstrip(":：").strip())
    if mark:
        lab = _zh_person_label(_ZH_PART_SEP.split(mark.group("inside").strip()), asks=mark.group("mark") != "答")
        if lab:
            return lab
    if re.fullmatch(r"[\u4e00-\u9fff·]+\s+[\u4e00-\u9fff·]+", s):
        lab = _zh_person_label(s.split())
        if lab:
            return lab
    m = re.match(r"^(.+?)[（(]([^）)]+)[）)]\s*[:：]?$", s)
    if m and re.search(r"[\u4e00-\u9fff]", s):
        name, inside = m.group(1).strip(), m.group(2).strip()
        if _EXEC_TITLE.search(inside) or _IR_TITLE.search(inside):
            return Label(clean_name(name), title=inside)
        return Label(clean_name(name), firm=inside, analyst=True)
    parts = [p.strip() for p in re.split(r"\s+--\s+|\s+-\s+|\s+—\s+|\s+–\s+", s) if p.strip()]
    if len(parts) == 1:
        return Label(clean_name(parts[0]))
    name, rest = parts[0], parts[1:]
    if len(rest) >= 2 and _is_analyst_word(rest[-1]):
        return Label(clean_name(name), title=rest[-1], firm=" -- ".join(rest[:-1]), analyst=True)
    joined = " - ".join(rest)
    # "Company, Title" (Markdown and Refinitiv style)
    m = re.match(r"^(.+?),\s+(.+)$", joined)
    if m and not _EXEC_TITLE.search(m.group(1)) and (
            _EXEC_TITLE.search(m.group(2)) or _IR_TITLE.search(m.group(2)) or _ANALYST_TITLE.search(m.group(2))):
        firm, title = m.group(1), m.group(2)
        if ", Research Division" in joined or "Research Division" in title:
            firm = joined.split(", Research Division")[0].split(" - ")[0]
        return Label(clean_name(name), title=title, firm=firm, analyst=bool(_ANALYST_TITLE.search(title)))
    m = re.match(r"^(.+?)\s+(?:Equity\s+|Research\s+|Senior\s+)*Analyst$", joined)
    if m and len(rest) == 1 and not _EXEC_TITLE.search(m.group(1)) and not re.fullmatch(r"(?i)(equity|research|senior|sell[- ]side)( research)?", m.group(1)):
        return Label(clean_name(name), title="Analyst", firm=m.group(1).strip(" ,-"), analyst=True)
    return Label(clean_name(name), title=joined, analyst=bool(re.search(r"\banalyst\b", joined, re.I)))


def classify(label: Label, *, raw: str = "") -> ParticipantKind | None:
    """Kind from the label alone; None when the label does not say."""
    low = label.name.lower()
    if low in OPERATOR_LABELS:
        return ParticipantKind.OPERATOR
    if GENERIC_ANALYST.match(label.name) or label.analyst:
        return ParticipantKind.ANALYST
    if re.match(r"^(interpreter|translator|翻译|翻譯)$", low):
        return ParticipantKind.INTERPRETER
    title = label.title or ""
    if title == "document summary":
        return ParticipantKind.OTHER
    if _IR_TITLE.search(title):
        return ParticipantKind.INVESTOR_RELATIONS
    if _ANALYST_TITLE.search(title) and not _EXEC_TITLE.search(title.replace("Analyst", "")):
        return ParticipantKind.ANALYST
    if _EXEC_TITLE.search(title):
        return ParticipantKind.EXECUTIVE
    if GENERIC_COMPANY.match(label.name):
        return ParticipantKind.EXECUTIVE
    return None


def is_ir_text(text: str) -> bool:
    return bool(_IR_TITLE.search(text))


def is_exec_text(text: str) -> bool:
    return bool(_EXEC_TITLE.search(text))


def strict_name(s: str) -> bool:
    """A bare line that can only be a name: every word capitalised, no sentence punctuation."""
    s = s.strip()
    if not looks_like_name(s) or s.lower() in OPERATOR_LABELS:
        return looks_like_name(s)
    words = [w for w in s.split() if w.rstrip(",.") not in ("Jr", "Sr", "II", "III", "IV", "de", "van", "von", "der", "da", "di", "la", "le", "bin", "al")]
    return 1 <= len(words) <= 4 and all(w[:1].isupper() or w[:1] in "[(" for w in words) and not re.search(
        r"\b(Thank|Thanks|Good|Hello|Hi|Okay|Yes|No|Great|Sure|Right|Question|Questions|Answer)\b", s)


def _is_analyst_word(w: str) -> bool:
    """'Analyst' as printed, including truncations and typos ("A", "Anslyst")."""
    import difflib

    w = w.lower().strip(" .")
    return w in ("analyst", "research analyst") or (len(w) <= 8 and (
        "analyst".startswith(w) or difflib.SequenceMatcher(None, w, "analyst").ratio() >= 0.7))
