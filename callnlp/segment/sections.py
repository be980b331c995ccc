"""Sections (opening, safe_harbor, prepared_remarks, qa, closing) and Q&A exchanges with their questions.

Reads turns and participants; adds ``Turn.section``, the ``Section`` ranges and ``QAExchange``
records. Q&A starts at a Q&A header, the operator's first question introduction, or the first
analyst turn; it refuses to start Q&A on an executive's mention of "questions" alone.
"""
from __future__ import annotations

import dataclasses
import re

from .speakers import GENERIC_ANALYST
from ..records import Participant, ParticipantKind, QAExchange, Question, Section, SectionKind, Turn

_SAFE_HARBOR = re.compile(
    r"forward[- ]looking statements?|safe harbou?r|前瞻性陈述|前瞻性陳述|安全港|non-GAAP financial measures", re.I)
_OPEN_QA = re.compile(
    r"(first|next|following)\s+question|question[- ]and[- ]answer\s+session|open (it |the call |the line |the floor )?"
    r"(up )?(to|for) questions|begin the question|take (your |our )?(first )?questions|\(operator instructions\)|"
    r"\[operator instructions\]|问答环节|提问环节|第一个问题|第一位提问|開始提問|开始提问", re.I)
_CLOSE = re.compile(
    r"(no (further|more) questions|end of (the |our )?(question|q&a)|conclude[sd]? (our|the|today's|this)|"
    r"concludes (our|the|today's|this)|closing (remarks|comments)|that concludes|this concludes|"
    r"turn (the call |the conference |it )?back (over )?to|you may (now )?disconnect|"
    r"问答环节到此结束|会议到此结束|會議到此結束|结束语|"
    r"(?:that'?s|that is) all (?:the time )?(?:we have|for today)|thank(?:s| you),? (?:all |everyone |everybody )?for joining|"
    r"(?:交流|会议|會議|问答|問答|电话会|電話會)[^。！]{0,6}到(?:这里|這裡|此)(?:结束|結束)?)", re.I)


def label_sections(turns: tuple[Turn, ...], participants: tuple[Participant, ...], *,
                   qa_header_turn: int | None = None) -> tuple[tuple[Turn, ...], tuple[Section, ...]]:
    """Assign a section to every turn and return the section ranges."""
    if not turns:
        return turns, ()
    kinds = _kinds(participants)
    n = len(turns)
    qa_start = _qa_start(turns, kinds, qa_header_turn)
    closing_start = _closing_start(turns, kinds, qa_start)
    labels: list[SectionKind] = []
    first_company = next((i for i, t in enumerate(turns) if kinds.get(t.speaker) in (
        ParticipantKind.EXECUTIVE, ParticipantKind.INVESTOR_RELATIONS)), None)
    for i, t in enumerate(turns):
        if qa_start is not None and i >= qa_start and (closing_start is None or i < closing_start):
            labels.append(SectionKind.QA)
        elif closing_start is not None and i >= closing_start:
            labels.append(SectionKind.CLOSING)
        elif first_company is None or i < first_company:
            labels.append(SectionKind.OPENING)
        elif kinds.get(t.speaker) is ParticipantKind.INVESTOR_RELATIONS and _mostly_safe_harbor(t) and i <= (first_company + 1):
            labels.append(SectionKind.SAFE_HARBOR)
        elif kinds.get(t.speaker) is ParticipantKind.OPERATOR and all(
                lab is SectionKind.OPENING for lab in labels):
            labels.append(SectionKind.OPENING)
        else:
            labels.append(SectionKind.PREPARED_REMARKS)
    if closing_start is None and qa_start is None and n > 2 and kinds.get(turns[-1].speaker) is ParticipantKind.OPERATOR:
        labels[-1] = SectionKind.CLOSING
    new_turns = tuple(dataclasses.replace(t, section=lab) for t, lab in zip(turns, labels))
    sections: list[Section] = []
    for i, lab in enumerate(labels):
        if sections and sections[-1].kind is lab and sections[-1].last_turn == i - 1:
            sections[-1] = Section(lab, sections[-1].first_turn, i)
        else:
            sections.append(Section(lab, i, i))
    return new_turns, tuple(sections)


def _kinds(participants) -> dict[str, ParticipantKind]:
    out: dict[str, ParticipantKind] = {}
    for p in participants:
        out.setdefault(p.name, p.kind)
    return out


def _qa_start(turns, kinds, header_turn) -> int | None:
    first_analyst = next((i for i, t in enumerate(turns) if kinds.get(t.speaker) is ParticipantKind.ANALYST), None)
    if header_turn is not None and (first_analyst is None or header_turn <= first_analyst):
        return header_turn
    if first_analyst is None:
        return None
    # Back up to the operator (or host) turn that opened Q&A, if it is right before.
    start = first_analyst
    for j in range(first_analyst - 1, max(-1, first_analyst - 3), -1):
        t = turns[j]
        if kinds.get(t.speaker) is ParticipantKind.OPERATOR and _OPEN_QA.search(t.text):
            start = j
        else:
            break
    return start


def _closing_start(turns, kinds, qa_start) -> int | None:
    if qa_start is None:
        return None
    last_analyst = max((i for i, t in enumerate(turns) if kinds.get(t.speaker) is ParticipantKind.ANALYST and i >= qa_start),
                       default=None)
    if last_analyst is None:
        return None
    # the operator, or in a call without one, the host from investor relations
    closers = {ParticipantKind.OPERATOR} | ({ParticipantKind.INVESTOR_RELATIONS} if not any(
        kinds.get(t.speaker) is ParticipantKind.OPERATOR for t in turns[qa_start:]) else set())
    for i in range(last_analyst + 1, len(turns)):
        t = turns[i]
        if kinds.get(t.speaker) in closers and _CLOSE.search(t.text):
            return i
    return None


def _mostly_safe_harbor(t: Turn) -> bool:
    return bool(_SAFE_HARBOR.search(t.text))


# ---------------------------------------------------------------------------------------------
# Q&A exchanges

def find_exchanges(turns: tuple[Turn, ...], participants: tuple[Participant, ...]) -> tuple[QAExchange, ...]:
    """Group Q&A turns into exchanges: an analyst's question turns and the answers until the next analyst."""
    kinds = _kinds(participants)
    firms = _firms_by_turn(turns, participants)
    asker = _moderator(turns, kinds)
    out: list[dict] = []
    cur: dict | None = None
    for t in turns:
        if t.section is not SectionKind.QA:
            continue
        kind = kinds.get(t.speaker)
        if kind is ParticipantKind.OPERATOR:
            continue
        if kind is ParticipantKind.ANALYST or t.speaker == asker:
            firm = firms.get(t.index)
            # An unnamed analyst, or an interviewer, after an answer: a new exchange.
            anonymous_again = firm is None and (GENERIC_ANALYST.match(t.speaker) or t.speaker == asker) and cur and cur["a"]
            if cur and cur["analyst"] == t.speaker and cur["firm"] == firm and not anonymous_again:
                cur["q"].append(t.index)
                cur["qtexts"].append(t)
            else:
                if cur and cur["a"] and _hands_over(turns[cur["a"][-1]], t.speaker):
                    cur["a"].pop()  # the host calling on this analyst: not an answer
                    cur["by"] = list(dict.fromkeys(turns[k].speaker for k in cur["a"]))
                cur = {"analyst": t.speaker, "firm": firm, "q": [t.index], "a": [], "by": [], "qtexts": [t]}
                out.append(cur)
        elif cur is not None:
            cur["a"].append(t.index)
            if t.speaker not in cur["by"]:
                cur["by"].append(t.speaker)
    exchanges = []
    for i, c in enumerate(out, 1):
        questions: list[Question] = []
        for qt in c["qtexts"]:
            questions.extend(split_questions(qt, first=not questions))
        if not questions:
            questions = [Question(c["qtexts"][0].text, c["qtexts"][0].paragraphs[0].span, c["qtexts"][0].index)]
        exchanges.append(QAExchange(i, c["analyst"], c["firm"], tuple(c["q"]), tuple(c["a"]), tuple(c["by"]),
                                    tuple(questions)))
    return tuple(exchanges)


def _hands_over(t: Turn, analyst: str) -> bool:
    """A short company turn that calls on the next analyst by name ("Next, we'll go to Priyanka Deshmane
    at Caldera Rock Capital. Priyanka?", "下面请云栖资产的付志强提问。"): the host of a call without an operator."""
    if len(t.text) > 400:
        return False
    parts = [analyst] + ([w for w in analyst.split() if len(w) >= 3] if " " in analyst else [])
    return any(p in t.text for p in parts)


def _moderator(turns, kinds) -> str | None:
    """In a Q&A with no analyst (an interview, a fireside chat), the one speaker who asks: at least
    two turns, most of them with a question mark, and someone else answers."""
    qa = [t for t in turns if t.section is SectionKind.QA and kinds.get(t.speaker) is not ParticipantKind.OPERATOR]
    if not qa or any(kinds.get(t.speaker) is ParticipantKind.ANALYST for t in qa):
        return None
    asked: dict[str, list[bool]] = {}
    for t in qa:
        asked.setdefault(t.speaker, []).append("?" in t.text or "？" in t.text)
    ranked = sorted(((sum(v) / len(v), len(v), k) for k, v in asked.items() if len(v) >= 2), reverse=True)
    if len(asked) < 2 or not ranked or ranked[0][0] < 0.6:
        return None
    if len(ranked) > 1 and ranked[1][0] >= 0.5:
        return None  # two askers: not an interview
    return ranked[0][2]


def _firms_by_turn(turns, participants) -> dict[int, str | None]:
    """Firm of the analyst speaking each turn; 'Unidentified Analyst' turns take the firm in order."""
    by_name: dict[str, list[str | None]] = {}
    for p in participants:
        if p.kind is ParticipantKind.ANALYST:
            by_name.setdefault(p.name, []).append(p.affiliation)
    out: dict[int, str | None] = {}
    used: dict[str, int] = {}
    prev_speaker = None
    for t in turns:
        firms = by_name.get(t.speaker)
        if firms is None:
            prev_speaker = t.speaker if t.speaker != "Operator" else prev_speaker
            continue
        k = used.get(t.speaker, -1)
        if len(firms) > 1:
            if prev_speaker != t.speaker or k < 0:
                k = min(k + 1, len(firms) - 1)
                used[t.speaker] = k
        else:
            k = 0
        out[t.index] = firms[k]
        prev_speaker = t.speaker
    return out


_ORD_WORD = (r"first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last|final|next|another|one more|follow[- ]up|"
             r"secondly|thirdly|lastly|finally|firstly")
_MARKER = re.compile(
    rf"(?:(?<=[\s.?!,;:])|^)(?:(?:and|so|then|my|the|a|on|for|also|just)\s+)*"
    rf"(?:(?:{_ORD_WORD})\s+(?:question|one|thing|part|point|topic|item|is|on|about|regarding)\b"
    rf"|(?:secondly|thirdly|lastly|finally|firstly)\b|(?:first|second|third|fourth|fifth|last)\s*[,:]"
    rf"|\bquestion\s+(?:number\s+)?(?:one|two|three|four|[1-5])\b)"
    rf"|(?:(?<=[\s.?!;:])|^)\(?[1-5][).、](?!\d)\s*(?=\S)"
    rf"|第[一二三四五六1-6](?:个|個)?(?:问题|問題|是|[，,])|(?:(?<=[：:，,。；;？?])|^)[一二三四五]是|其次|另外[，,]|另外一个问题|另外一個問題|最后一个问题|最後一個問題|再一个问题"
    rf"|(?:(?<=[。？?！；;])|^)[1-5][)）、]",
    re.I)


def split_questions(turn: Turn, *, first: bool = True) -> list[Question]:
    """The separate questions inside one analyst turn ("my first question ... second ...", "1) ... 2)").

    A follow-up turn without a question mark (thanks, acknowledgements) adds none.
    """
    out: list[Question] = []
    for para in turn.paragraphs:
        text = para.text
        base = para.span[0]
        marks = []
        seen_ordinals: set[str] = set()
        for m in _MARKER.finditer(text):
            ordinal = _ordinal_of(m.group(0))
            if ordinal and ordinal in seen_ordinals:
                continue  # "the first one is ... the first one is" restates, it does not start a question
            if ordinal:
                seen_ordinals.add(ordinal)
            marks.append(m.start())
        cuts = _dedupe_cuts(text, marks)
        by_units = not cuts
        if by_units:
            cuts = _question_units(text)
        if not cuts:
            if out:
                out[-1] = Question(out[-1].text + "\n" + text, (out[-1].span[0], base + len(text)), turn.index)
            else:
                out.append(Question(text, (base, base + len(text)), turn.index))
            continue
        pieces = []
        starts = [0] + cuts if cuts[0] > 0 else cuts
        for a, b in zip(starts, starts[1:] + [len(text)]):
            pieces.append((a, b))
        # Preamble before the first marker ("I have 2 questions.") joins the first question.
        if not by_units and cuts[0] > 0 and len(pieces) > 1 and _is_preamble(text[pieces[0][0]:pieces[0][1]]):
            a0, _ = pieces.pop(0)
            pieces[0] = (a0, pieces[0][1])
            if out and _is_preamble(out[-1].text):
                prev = out.pop()
                out.append(Question(prev.text + "\n" + text[pieces[0][0]:pieces[0][1]],
                                    (prev.span[0], base + pieces[0][1]), turn.index))
                pieces.pop(0)
        for a, b in pieces:
            out.append(Question(text[a:b].strip(), (base + a, base + b), turn.index))
    qs = [q for q in out if q.text.strip()]
    if not first and not any(_is_question(q.text) for q in qs):
        return []
    if not first:
        qs = [q for q in qs if _is_question(q.text)]
    return qs


_ORDINALS = {"first": 1, "1st": 1, "firstly": 1, "第一": 1, "second": 2, "2nd": 2, "secondly": 2, "第二": 2, "其次": 2,
             "third": 3, "3rd": 3, "thirdly": 3, "第三": 3, "fourth": 4, "4th": 4, "第四": 4, "fifth": 5, "5th": 5}


def _ordinal_of(marker: str) -> str | None:
    low = marker.lower()
    for word, n in _ORDINALS.items():
        if re.search(rf"(?<![a-z]){word}(?![a-z])", low) if word.isascii() else word in low:
            return str(n)
    m = re.search(r"([1-5])\)", low)
    return m.group(1) if m else None


def _dedupe_cuts(text: str, marks: list[int]) -> list[int]:
    cuts: list[int] = []
    for m in marks:
        gap = 8 if re.search(r"[\u4e00-\u9fff]", text[cuts[-1]:m] if cuts else "") else 25
        if cuts and m - cuts[-1] < gap:
            continue
        cuts.append(m)
    if len(cuts) == 1 and cuts[0] > 0:
        # One "first question" marker alone announces a single question: no split.
        return [] if not re.match(r"(?i)\W*(?:(?:and|so|then|also|my|the|a|just)\s+)*(second|third|next|another|last|final|follow|secondly|lastly|finally|其次|第二|2[).、)])",
                                  text[cuts[0]:cuts[0] + 30]) else cuts
    if len(cuts) == 1:
        return []
    return cuts


_QWORDS = re.compile(
    r"\?|？|\b(what|how|why|when|where|which|who|could you|can you|would you|wondering|any color|"
    r"give us|help us|talk about|comment|elaborate|share|update|understand|curious|ask|question)\b|"
    r"吗|嗎|什么|什麼|如何|怎么|怎麼|是否|能否|请问|請問|介绍|介紹", re.I)


def _is_question(text: str) -> bool:
    return bool(_QWORDS.search(text))


_SENT_END = re.compile(r"(?<=[?？。！!])\s*|(?<=\.)\s+(?=[A-Z\u4e00-\u9fff])")
_AND_Q = re.compile(
    r",\s+and\s+(?=(?:how|what|why|when|where|which|who|do|does|did|is|are|was|were|can|could|would|should|will|"
    r"any|have|has)\b)", re.I)


def _question_units(text: str) -> list[int]:
    """Cuts for a turn with no ordinal markers: one unit per interrogative.

    Sentences up to a question mark form a unit; ", and how ..." inside a question starts another;
    a short confirming question ("Is that reasonable?") stays with the one before.
    Returns [] when there is at most one unit.
    """
    starts: list[int] = []
    unit_open = 0
    pos = 0
    sentences = []
    for m in _SENT_END.finditer(text):
        if m.end() > pos:
            sentences.append((pos, m.end()))
            pos = m.end()
    if pos < len(text):
        sentences.append((pos, len(text)))
    for a, b in sentences:
        sent = text[a:b].strip()
        if not sent.endswith(("?", "？")):
            continue
        if starts and len(sent) < 45 and not re.match(r"(?i)(and|also|另外|还有)\b", sent):
            unit_open = b
            continue
        starts.append(unit_open)
        for m in _AND_Q.finditer(text, a, b):
            starts.append(m.start() + 1)
        unit_open = b
    cuts = sorted(set(c for c in starts if 0 < c < len(text)))
    return cuts if cuts else []


def _is_preamble(text: str) -> bool:
    """Opening words before the first question ("Thanks. I have two questions.")."""
    return "?" not in text and "？" not in text and len(text) < 220
