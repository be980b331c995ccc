"""Layout detection and line-level parsing into raw speaker turns.

Reads ``Transcript.text``; returns a ``RawDoc``: raw turns (printed label, paragraph spans), the
participant roster a layout declares, and where a Q&A header stands. Layouts: bilingual
interleaved (doubled speaker lines), Motley Fool, Refinitiv/StreetEvents, Markdown headers,
"[EN]"/"[中]" tagged, Chinese records (主持人/问/答), inline "Name: text", plain prose.
It refuses to invent speakers: text with no recognisable speaker lines becomes one turn.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Lang, Span
from .speakers import (GENERIC_ANALYST, GENERIC_COMPANY, OPERATOR_LABELS, ZH_QA_MARK, Label, clean_name,
                       is_exec_text, looks_like_name, parse_label, strict_name)


@dataclass(slots=True)
class RawPara:
    span: Span
    lang: Lang | None = None
    translation: Span | None = None
    translation_lang: Lang | None = None


@dataclass(slots=True)
class RawTurn:
    label: Label
    raw_label: str
    label_span: Span
    paras: list[RawPara] = field(default_factory=list)
    qa_header_before: bool = False


@dataclass(slots=True)
class RawDoc:
    format: str
    turns: list[RawTurn]
    roster: dict[str, Label]
    company: str | None = None
    period: str | None = None
    qa_header_seen: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # stripped
    span: Span  # of the stripped text


def split_lines(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        start = pos + (len(raw) - len(raw.lstrip())) if stripped else pos
        out.append(Line(stripped, (start, start + len(stripped))))
        pos += len(raw) + 1
    return out


QA_HEADER = re.compile(
    r"^(#+\s*)?(questions?\s*(and|&)\s*answers?( session)?|q\s*&\s*a( session)?|question-and-answer session|"
    r"问答环节|問答環節|问答|問答|答问环节|提问环节)\s*:?\s*$", re.I)
PREPARED_HEADER = re.compile(r"^(#+\s*)?(prepared remarks|presentation|management remarks|管理层发言|管理層發言|开场陈述)\s*:?\s*$", re.I)
PARTICIPANTS_HEADER = re.compile(
    r"^(#+\s*|━━\s*)?(call participants|corporate participants|conference call participants|company participants|"
    r"participants|analysts|executives|参会人员|參會人員|出席人员)\s*:?\s*(━━)?$", re.I)
END_MARKERS = re.compile(r"^(duration:\s*\d+\s*minutes|call participants:?|more .* analysis|all earnings call transcripts)$", re.I)
# Motley Fool pages interleave promotions; drop paragraphs that are plainly ads.
PROMO = re.compile(
    r"(motley fool|stock advisor|\b10 stocks we like better|\*stock advisor returns|fool\.com|"
    r"our analyst team (just )?(revealed|picked)|returns as of \w+ \d|this article is a transcript of)", re.I)
TRANSCRIPT_START = re.compile(r"^(#+\s*)?(full conference call transcript|transcript|完整的电话会议记录|逐字稿)\s*:?$", re.I)


# ---------------------------------------------------------------------------------------------
# detection

def detect_layout(lines: list[Line]) -> str:
    texts = [ln.text for ln in lines]
    nonempty = [t for t in texts if t]
    n_tagged = sum(1 for t in nonempty if re.match(r"^\[\s*\d+\]\s*\[EN\]", t))
    if n_tagged >= 3 or sum(1 for t in nonempty if t.startswith("[EN]")) >= 3:
        return "tagged-bilingual"
    doubled = 0
    prev = None
    for t in nonempty:
        if t == prev and len(t) < 120 and _speaker_line_simple(t):
            doubled += 1
        prev = t
    if doubled >= 3:
        return "bilingual-interleaved"
    if any(t in ("CORPORATE PARTICIPANTS", "CONFERENCE CALL PARTICIPANTS") for t in nonempty[:400]) or (
            "PRESENTATION" in nonempty and "QUESTIONS AND ANSWERS" in nonempty):
        return "refinitiv"
    if sum(1 for t in nonempty if re.match(r"^\*\*[^*]{2,120}\*\*$", t) and looks_like_name(_md_name(t))) >= 3:
        return "markdown"
    fool = sum(1 for t in nonempty if _fool_speaker(t))
    if fool >= 3 or any(t in ("Prepared Remarks:", "Questions and Answers:") for t in nonempty):
        return "motley-fool"
    zh = sum(1 for t in nonempty if _ZH_INLINE.match(t))
    inline = sum(1 for t in nonempty if _inline_match(t))
    if inline >= 3 and inline >= zh / 2:
        return "inline"
    if zh >= 3:
        return "chinese-record"
    return "plain"


def _speaker_line_simple(t: str) -> bool:
    name = re.split(r"\s+-{1,2}\s+|\s+[–—]\s+", t)[0]
    return looks_like_name(name) and not re.search(r"[\u4e00-\u9fff]", t)


def _fool_speaker(t: str) -> bool:
    if len(t) > 160 or " -- " not in t:
        return False
    name, _, title = t.partition(" -- ")
    if re.search(r"[?!]$", t) or (t.endswith(".") and len(title.split()) > 12):
        return False
    return looks_like_name(name)


def _md_name(t: str) -> str:
    inner = t.strip("*").strip()
    return re.split(r"\s+-\s+|\s+–\s+|\s+—\s+|[（(]", inner)[0].strip()


_ZH_INLINE = re.compile(
    r"^(主持人|会议主持人|會議主持人|接线员|操作员|问|答|問|Q|A|[\u4e00-\u9fff·]{2,5}(?:[（(][^）)]{1,40}[）)])|"
    r"[\u4e00-\u9fff·]{2,4})\s*[:：]\s*\S?")
_INLINE = re.compile(r"^(?P<name>[A-Z\u00C0-\u024F\[][\w.'’\-\]\[]*(?:\s+[\w.'’\-\]\[()]+){0,4})\s?:\s*(?P<rest>\S.*)?$")


def _inline_match(t: str) -> re.Match | None:
    m = _INLINE.match(t)
    if not m:
        return None
    name = m.group("name")
    if not looks_like_name(name) or re.match(r"^(Q[1-4]|Note|Source|Date|Time|Company|Quarter|URL|Translated|Backend|Paragraphs|"
                                             r"Ticker|Title|Subject|Re|Example|Step \d+)$", name, re.I):
        return None
    return m


# ---------------------------------------------------------------------------------------------
# parsing

def parse_layout(text: str, layout: str | None = None) -> RawDoc:
    lines = split_lines(text)
    layout = layout or detect_layout(lines)
    parser = {
        "bilingual-interleaved": _parse_doubled,
        "motley-fool": _parse_fool,
        "refinitiv": _parse_refinitiv,
        "markdown": _parse_markdown,
        "tagged-bilingual": _parse_tagged,
        "chinese-record": _parse_inline_zh,
        "inline": _parse_inline,
        "plain": _parse_plain,
    }[layout]
    doc = parser(text, lines)
    doc.format = layout
    if not doc.turns or not any(t.paras for t in doc.turns):
        doc = _parse_plain(text, lines)
        doc.format = "plain"
    if doc.format == "plain":
        doc.warnings.append("no speaker lines recognised; the whole text is one turn")
    return doc


def _new_turn(label_text: str, span: Span, qa: bool) -> RawTurn:
    return RawTurn(parse_label(label_text), label_text, span, [], qa)


def _body_lines(doc: RawDoc, lines: list[Line], is_speaker, *, skip_repeat: bool = False,
                join_wrapped: bool = False) -> None:
    """Generic loop for layouts whose speaker label stands on its own line(s).

    ``is_speaker(i) -> (label_text, n_lines) | None`` decides speaker lines.
    """
    cur: RawTurn | None = None
    qa_pending = False
    in_participants = False
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        t = ln.text
        if not t:
            i += 1
            continue
        if QA_HEADER.match(t):
            qa_pending = True
            doc.qa_header_seen = True
            in_participants = False
            i += 1
            continue
        if PREPARED_HEADER.match(t) or TRANSCRIPT_START.match(t) or re.match(r"^#{1,6}\s", t):
            in_participants = False
            i += 1
            continue
        if END_MARKERS.match(t) or PARTICIPANTS_HEADER.match(t):
            in_participants = bool(PARTICIPANTS_HEADER.match(t) or t.lower().startswith("call participants"))
            i += 1
            continue
        hit = is_speaker(i)
        if in_participants:
            if hit:
                lab = parse_label(hit[0])
                doc.roster.setdefault(lab.name, lab)
                i += hit[1]
            else:
                i += 1
            continue
        if hit:
            label_text, used = hit
            cur = _new_turn(label_text, lines[i].span, qa_pending)
            qa_pending = False
            doc.turns.append(cur)
            lab = cur.label
            if lab.title or lab.firm:
                doc.roster.setdefault(lab.name, lab)
            i += used
            continue
        if PROMO.search(t):
            i += 1
            continue
        if cur is None:
            cur = RawTurn(Label(""), "", (ln.span[0], ln.span[0]), [], False)
            doc.turns.append(cur)
        if join_wrapped and cur.paras and _continues(lines, i, cur.paras[-1]):
            cur.paras[-1].span = (cur.paras[-1].span[0], ln.span[1])
        else:
            cur.paras.append(RawPara(ln.span))
        i += 1


def _continues(lines: list[Line], i: int, para: RawPara) -> bool:
    """A hard-wrapped line continues the previous paragraph when nothing separates them."""
    prev = lines[i - 1]
    return bool(prev.text) and prev.span[1] == para.span[1] and len(prev.text) >= 95


def _parse_doubled(text: str, lines: list[Line]) -> RawDoc:
    doc = RawDoc("bilingual-interleaved", [], {})
    nonempty_idx = [i for i, ln in enumerate(lines) if ln.text]
    nxt = {a: b for a, b in zip(nonempty_idx, nonempty_idx[1:])}

    def is_speaker(i: int):
        t = lines[i].text
        j = nxt.get(i)
        if j is not None and lines[j].text == t and len(t) < 120 and _speaker_line_simple(t):
            return t, j - i + 1
        return None

    _body_lines(doc, lines, is_speaker)
    return doc


def _parse_fool(text: str, lines: list[Line]) -> RawDoc:
    doc = RawDoc("motley-fool", [], {})
    texts = [ln.text for ln in lines]
    # Names declared anywhere as "Name -- Title" are speakers even when printed bare later.
    declared = {t.split(" -- ")[0].strip() for t in texts if _fool_speaker(t)}
    # Bare names printed alone between blank lines at least twice are speakers too.
    bare: dict[str, int] = {}
    for i, t in enumerate(texts):
        if t and strict_name(t) and _blank_or_end(texts, i + 1) and (i == 0 or not texts[i - 1]):
            bare[t] = bare.get(t, 0) + 1
    declared |= {t for t, c in bare.items() if c >= 2}

    def is_speaker(i: int):
        t = texts[i]
        if _fool_speaker(t):
            return t, 1
        if (t.lower() in OPERATOR_LABELS or t in declared or GENERIC_ANALYST.match(t) or GENERIC_COMPANY.match(t)) \
                and _blank_or_end(texts, i + 1):
            return t, 1
        return None

    _body_lines(doc, lines, is_speaker)
    return doc


def _blank_or_end(texts: list[str], j: int) -> bool:
    return j >= len(texts) or not texts[j]


_REFI_AFFIL = re.compile(r"^(?P<org>.+?)\s+-\s+(?P<title>.+)$")


def _parse_refinitiv(text: str, lines: list[Line]) -> RawDoc:
    doc = RawDoc("refinitiv", [], {})
    texts = [ln.text for ln in lines]
    # Participant blocks: "Name" line followed by "Org - Title" line.
    side = None
    body_start = 0
    consumed: set[int] = set()
    for i, t in enumerate(texts):
        if i in consumed:
            continue
        if t == "CORPORATE PARTICIPANTS":
            side = "company"
            continue
        if t == "CONFERENCE CALL PARTICIPANTS":
            side = "analyst"
            continue
        if t in ("PRESENTATION", "QUESTIONS AND ANSWERS"):
            body_start = i
            break
        if side and t and looks_like_name(t):
            nxt = _next_nonblank(texts, i + 1)
            m = _REFI_AFFIL.match(texts[nxt]) if nxt is not None else None
            if m and " - " in texts[nxt]:
                doc.roster[t] = _refi_label(t, texts[nxt], side)
                consumed.add(nxt)
            else:
                doc.roster[t] = Label(t, analyst=side == "analyst")
    known = set(doc.roster)

    def is_speaker(i: int):
        if i < body_start:
            return None
        t = texts[i]
        if not t or len(t) > 70:
            return None
        j = i + 1
        if t in known or t.lower() in OPERATOR_LABELS or GENERIC_ANALYST.match(t) or GENERIC_COMPANY.match(t):
            if j < len(texts) and _REFI_AFFIL.match(texts[j]) and len(texts[j]) < 160 and not re.search(r"[.?!]$", texts[j]):
                return f"{t} - {texts[j]}", 2
            return t, 1
        if looks_like_name(t) and j < len(texts) and _REFI_AFFIL.match(texts[j]) and len(texts[j]) < 160 \
                and not re.search(r"[.?!]$", texts[j]) and not re.search(r"[.?!,]$", t):
            return f"{t} - {texts[j]}", 2
        return None

    _body_lines(doc, lines[:], lambda i: is_speaker(i), join_wrapped=True)
    # Labels printed in the body carry "Org - Title": rebuild from the roster where we know better.
    for turn in doc.turns:
        name = turn.raw_label.split(" - ")[0].strip()
        if name in doc.roster:
            turn.label = doc.roster[name]
        elif " - " in turn.raw_label:
            org_title = turn.raw_label[len(name) + 3:]
            turn.label = _refi_label(name, org_title, None)
    return doc


def _refi_label(name: str, org_title: str, side: str | None) -> Label:
    m = _REFI_AFFIL.match(org_title)
    org, title = (m.group("org"), m.group("title")) if m else (org_title, None)
    org = org.split(", Research Division")[0].split(" Research Division")[0].strip().rstrip(",")
    analyst = side == "analyst" or ("Research" in org_title and side != "company") or bool(
        title and re.search(r"analyst", title, re.I) and side != "company")
    return Label(name, title=title, firm=org, analyst=analyst)


def _next_nonblank(texts: list[str], j: int) -> int | None:
    while j < len(texts):
        if texts[j].strip():
            return j
        j += 1
    return None


def _parse_markdown(text: str, lines: list[Line]) -> RawDoc:
    doc = RawDoc("markdown", [], {})
    texts = [ln.text for ln in lines]
    start = 0
    for i, t in enumerate(texts):
        if re.match(r"^#{1,3}\s*(transcript|逐字稿|會議逐字稿|会议逐字稿)\s*$", t, re.I):
            start = i + 1
            break

    def is_speaker(i: int):
        t = texts[i]
        m = re.match(r"^\*\*([^*]{2,160})\*\*:?$", t)
        if m and i >= start and looks_like_name(_md_name(t)):
            inner = m.group(1).strip()
            name = _md_name(t)
            rest = inner[len(name):].strip(" -–—")
            return (f"{name} - {rest}" if rest else name), 1
        return None

    _body_lines(doc, lines[start:], lambda i: is_speaker(i + start))
    for turn in doc.turns:
        turn.paras = [p for p in turn.paras if not _is_timestamp_only(text, p.span)]
    return doc


def _is_timestamp_only(text: str, span: Span) -> bool:
    return bool(re.fullmatch(r"\(?\d{1,2}:\d{2}(:\d{2})?\)?", text[span[0]:span[1]].strip()))


# "[  1] [EN] text" / "[中] text" pairs, with a duplicate English line after each pair.
_TAG_EN = re.compile(r"^(?:\[\s*\d+\]\s*)?\[EN\]\s*")
_TAG_ZH = re.compile(r"^\[(?:中|ZH|zh|中文)\]\s*")
# "👤 Chief Operating Officer — Bo Qin": a roster entry of the tagged layout (title, then name)
_ROSTER_ICON = re.compile(r"^\s*👤\s*(?P<title>[^—–]+?)\s+[—–]\s+(?P<name>\S.*?)\s*$")
_HEAVY = re.compile(r"^━━\s*(.*?)\s*(━━)?$")


def _parse_tagged(text: str, lines: list[Line]) -> RawDoc:
    doc = RawDoc("tagged-bilingual", [], {})
    paras: list[RawPara] = []
    texts = [ln.text for ln in lines]
    recent_en: list[str] = []
    i = 0
    for i, t in enumerate(texts[:40]):
        m = re.match(r"^Company:\s*(.+?)(?:\s*[（(].*)?$", t)
        if m:
            doc.company = m.group(1).strip()
        m = re.match(r"^Quarter:\s*(.+)$", t)
        if m:
            doc.period = m.group(1).strip()
    for t in texts[:120]:
        m = _ROSTER_ICON.match(t)
        if m and not re.search(r"[\u4e00-\u9fff]", m.group("name")):
            name = clean_name(m.group("name"))
            doc.roster.setdefault(name, Label(name, title=m.group("title").strip()))
    i = 0
    while i < len(texts):
        t = texts[i]
        ln = lines[i]
        if not t or set(t) <= set("=━-─ "):
            i += 1
            continue
        m = _TAG_EN.match(t)
        h = _HEAVY.match(t)
        if m or (h and h.group(1) and not re.search(r"[\u4e00-\u9fff]{2}", h.group(1)[:20])):
            if m:
                start = ln.span[0] + m.end()
                end = ln.span[1]
            else:
                inner = h.group(1)
                start = ln.span[0] + t.index(inner)
                end = start + len(inner)
            para = RawPara((start, end), Lang.EN)
            j = i + 1
            while j < len(texts) and not texts[j]:
                j += 1
            if j < len(texts):
                zt = texts[j]
                zm = _TAG_ZH.match(zt) or _HEAVY.match(zt)
                if zm:
                    zinner = zm.group(1) if zm.re is _HEAVY else zt[zm.end():]
                    zs = lines[j].span[0] + (zt.index(zinner) if zinner else zm.end())
                    para.translation = (zs, zs + len(zinner))
                    j += 1
            recent_en.append(text[start:end].strip(" ━"))
            paras.append(para)
            i = j
            continue
        stripped = re.sub(r"^原文[:：]\s*", "", t).strip(" ━")
        if stripped and any(stripped == r or (len(stripped) > 40 and r.startswith(stripped[:60])) for r in recent_en[-3:]):
            i += 1
            continue
        if _TAG_ZH.match(t) or t.startswith("原文"):
            i += 1
            continue
        i += 1
    _split_inline_speakers(doc, text, paras)
    return doc


def _split_inline_speakers(doc: RawDoc, text: str, paras: list[RawPara]) -> None:
    """Turns from paragraphs whose text starts with "Name:"; text before the transcript proper is a summary."""
    counts: dict[str, int] = {}
    for p in paras:
        m = _inline_match(text[p.span[0]:p.span[1]])
        if m:
            counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    # A name that also appears elsewhere (the operator introducing an analyst) is a speaker too.
    speakers = {n for n, c in counts.items() if c >= 2 or n.lower() in OPERATOR_LABELS or text.count(n) >= 3}
    start_idx = 0
    for k, p in enumerate(paras):
        if TRANSCRIPT_START.match(text[p.span[0]:p.span[1]].strip()):
            start_idx = k + 1
    cur: RawTurn | None = None
    qa = False
    for k, p in enumerate(paras):
        ptext = text[p.span[0]:p.span[1]]
        if k < start_idx:
            if TRANSCRIPT_START.match(ptext.strip()):
                continue
            if cur is None:
                cur = RawTurn(Label("Summary", title="document summary"), "", (p.span[0], p.span[0]), [], False)
                doc.turns.append(cur)
            cur.paras.append(p)
            continue
        m = _inline_match(ptext)
        if m and m.group("name") in speakers:
            name = m.group("name")
            cur = _new_turn(name, (p.span[0], p.span[0] + len(name)), qa)
            doc.turns.append(cur)
            body_start = p.span[0] + m.start("rest") if m.group("rest") else p.span[1]
            p = RawPara((body_start, p.span[1]), p.lang, _strip_zh_name(text, p.translation), p.translation_lang)
            if p.span[0] >= p.span[1]:
                continue
        elif cur is None:
            cur = RawTurn(Label("Summary", title="document summary"), "", (p.span[0], p.span[0]), [], False)
            doc.turns.append(cur)
        cur.paras.append(p)


def _strip_zh_name(text: str, span: Span | None) -> Span | None:
    if not span:
        return span
    t = text[span[0]:span[1]]
    m = re.match(r"^[^：:]{1,30}[：:]", t)
    if m and not re.search(r"[，。,]", m.group(0)):
        return (span[0] + m.end(), span[1])
    return span


def _parse_inline(text: str, lines: list[Line]) -> RawDoc:
    doc = RawDoc("inline", [], {})
    paras = []
    recent: list[str] = []
    in_participants = False
    side = "company"
    for ln in lines:
        t = ln.text
        if not t:
            continue
        if PARTICIPANTS_HEADER.match(t):
            in_participants = True
            side = "analyst" if re.search(r"analyst|conference call participants", t, re.I) else "company"
            continue
        if TRANSCRIPT_START.match(t):
            in_participants = False
            paras.append(RawPara((ln.span[0], ln.span[0]), lang=Lang.OTHER))  # marker: speech starts here
            continue
        if in_participants:
            m = _inline_match(t)
            if m or QA_HEADER.match(t) or PREPARED_HEADER.match(t) or len(t) > 100 or re.search(r"\d", t):
                in_participants = False
            else:
                lab = _roster_entry(t)
                if lab and side == "analyst" and not lab.analyst:
                    lab = Label(lab.name, title="Analyst", firm=lab.firm or lab.title, analyst=True)
                if lab:
                    doc.roster.setdefault(lab.name, lab)
                continue
        # Plain alternating bilingual pages print the English line again after its translation.
        again = re.sub(r"^原文[:：]\s*", "", t)
        if again in recent:
            continue
        if not re.search(r"[\u4e00-\u9fff]", t):
            recent = (recent + [t])[-3:]
        if QA_HEADER.match(t):
            doc.qa_header_seen = True
            paras.append(RawPara((ln.span[0], ln.span[0])))
            continue
        if PREPARED_HEADER.match(t) or PROMO.search(t):
            continue
        paras.append(RawPara(ln.span))
    _inline_turns(doc, text, paras, _inline_match, roster_names=set(doc.roster))
    return doc


def _inline_turns(doc: RawDoc, text: str, paras: list[RawPara], matcher, roster_names: set[str]) -> None:
    counts: dict[str, int] = {}
    for p in paras:
        m = matcher(text[p.span[0]:p.span[1]])
        if m:
            counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    starts = [k for k, p in enumerate(paras) if p.span[0] == p.span[1] and p.lang is Lang.OTHER]
    start_at = starts[-1] if starts else 0
    cur: RawTurn | None = None
    qa = False
    for k, p in enumerate(paras):
        if p.span[0] == p.span[1]:
            qa = qa or p.lang is not Lang.OTHER
            continue
        ptext = text[p.span[0]:p.span[1]]
        if k < start_at:
            if cur is None:
                cur = RawTurn(Label("Summary", title="document summary"), "", (p.span[0], p.span[0]), [], False)
                doc.turns.append(cur)
            cur.paras.append(p)
            continue
        m = matcher(ptext)
        name = m.group("name") if m else None
        if m and (counts[name] >= 2 or name in roster_names or name.lower() in OPERATOR_LABELS
                  or ZH_QA_MARK.match(name) or _mentioned_elsewhere(text, name)):
            lab_text = name
            if name in doc.roster:
                lab = doc.roster[name]
            else:
                lab = parse_label(name)
            cur = RawTurn(lab, lab_text, (p.span[0], p.span[0] + len(name)), [], qa)
            qa = False
            doc.turns.append(cur)
            if m.group("rest"):
                cur.paras.append(RawPara((p.span[0] + m.start("rest"), p.span[1])))
            continue
        if cur is None:
            cur = RawTurn(Label(""), "", (p.span[0], p.span[0]), [], False)
            doc.turns.append(cur)
        cur.paras.append(p)


_ZH_LINE = re.compile(
    r"^(?P<name>主持人|会议主持人|會議主持人|接线员|操作员|[问問答]\s*[（(][^）)]{2,40}[）)]|问|答|問|Q|A|"
    r"[\u4e00-\u9fff·A-Za-z ]{2,12}(?:[（(][^）)]{1,40}[）)])?)"
    r"\s*[:：]\s*(?P<rest>\S.*)?$")


def _zh_match(t: str) -> re.Match | None:
    m = _ZH_LINE.match(t)
    if not m:
        return None
    name = m.group("name")
    outside = re.sub(r"[（(][^）)]*[）)]", "", name)
    if re.search(r"[，。,]", outside) or re.match(r"^(注|备注|来源|日期|时间|公司|地点|会议|标题)", name):
        return None
    return m


def _parse_inline_zh(text: str, lines: list[Line]) -> RawDoc:
    doc = RawDoc("chinese-record", [], {})
    paras = []
    for ln in lines:
        t = ln.text
        if not t:
            continue
        if QA_HEADER.match(t) or re.match(r"^(#+\s*)?(问答环节|問答環節|问答|Q&A)[:：]?$", t):
            doc.qa_header_seen = True
            paras.append(RawPara((ln.span[0], ln.span[0])))
            continue
        paras.append(RawPara(ln.span))
    _inline_turns(doc, text, paras, _zh_match, roster_names=set())
    for turn in doc.turns:
        if turn.label.name in ("问", "問", "Q"):
            turn.label = Label("问", analyst=True)
        elif turn.label.name in ("答", "A"):
            turn.label = Label("答", title="management")
    return doc


def _parse_plain(text: str, lines: list[Line]) -> RawDoc:
    doc = RawDoc("plain", [], {})
    turn = RawTurn(Label(""), "", (0, 0), [], False)
    for ln in lines:
        if ln.text:
            turn.paras.append(RawPara(ln.span))
    doc.turns.append(turn)
    return doc


def _roster_entry(t: str) -> Label | None:
    """A participants-list line: "Name -- Title", "Name, Firm", or "Role — Name"."""
    t = t.lstrip("-*•👤 ").strip()
    if not t or re.search(r"[\u4e00-\u9fff]", t):
        return None
    parts = [p.strip() for p in re.split(r"\s+[—–-]{1,2}\s+", t) if p.strip()]
    if len(parts) == 2 and (is_exec_text(parts[0]) or not strict_name(parts[0])) and strict_name(parts[1]) \
            and not is_exec_text(parts[1]):
        t = f"{parts[1]} - {parts[0]}"
    lab = parse_label(t)
    if not lab.name or not strict_name(lab.name):
        m = re.match(r"^(?P<name>[^,]+),\s*(?P<firm>.+)$", t)
        if m and strict_name(m.group("name")):
            return Label(m.group("name").strip(), firm=m.group("firm").strip(), analyst=False)
        return None
    return lab


def _mentioned_elsewhere(text: str, name: str) -> bool:
    """The name also appears where it is not a speaker label (an operator introducing an analyst)."""
    base = re.split(r"[（(]", name)[0].strip()
    as_label = len(re.findall(rf"(?m)^\s*(?:原文[:：]\s*)?{re.escape(base)}\s?(?:[（(][^）)]*[）)])?\s*[:：]", text))
    if bool(base) and text.count(base) > as_label:
        return True
    person = parse_label(name).name  # "望舒基金 殷梦琪": the name alone, as the host says it
    return person != base and text.count(person) > text.count(name)
