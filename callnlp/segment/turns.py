"""Raw turns -> ``Turn`` records with languages, translations, resolved speakers and participants.

Reads a ``RawDoc``; adds paragraph languages, translation pairing, and who really speaks: the named
person behind a generic label (the IR representative after the operator's hand-over; the executive
behind "[Interpreted]" turns), analysts' firms from the operator's introductions, executives' aliases
from hand-overs ("turn the call over to Steven"). It does not merge two different analysts who are
both printed as "Unidentified Analyst": each keeps the firm the operator named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Lang, Paragraph, Participant, ParticipantKind, Turn
from ..tokenize.script import zh_script
from .language import detect_language, is_chinese
from .layouts import RawDoc, RawPara
from .speakers import BARE_ANALYST, GENERIC_ANALYST, GENERIC_COMPANY, Label, classify, is_exec_text, is_ir_text

_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_FOREIGN = re.compile(r"^\(?(foreign language|speaks in foreign language|in chinese|外語|外语|中文)\)?[.。]?$", re.I)
_INTERPRETED = re.compile(r"^\[?(interpreted|translated|解讀|解读|已翻譯|口譯|口译)\]?\s*", re.I)
_NAME = r"(?:\[?[A-Z][\w'’\-]+\]?(?:\s+\[?[A-Z][\w'’\-]*\.?\]?){0,3})"
_HANDOVER = re.compile(
    rf"(?:turn|hand|pass|give|introduce)\w*\s+(?:the\s+)?(?:call|conference|floor|meeting|it|things|presentation)?\s*"
    rf"(?:back\s+)?(?:over\s+)?(?:to\s+)?(?:(?:our|your|the|today's)\s+[\w ,&'-]{{0,60}}?,?\s+)?"
    rf"(?:(?:Mr|Ms|Mrs|Dr|Miss)\.?\s+)?(?P<name>{_NAME})(?P<role>,\s*[^.]{{0,90}})?",
)
_INTRO = re.compile(
    r"(?:(?:question|questions|line)\s+(?:(?:is|will|be|comes?|coming|today|now|then|next|also|here)\s+){0,3}"
    r"(?:from|with)|(?:next|first|now|then),?\s+(?:we\s+have|we(?:'ll|\s+will)\s+(?:go|move|turn)\s+to|let's\s+go\s+to))"
    r"\s+(?:the\s+line\s+of\s+)?(?P<name>\(inaudible\)|\[[^\]]+\]|[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}|"
    r"(?:an?\s+)?unidentified\s+\w+)"
    r"\s+(?:of|from|with|at)\s+(?!our\b|the\s+company\b)(?P<firm>(?:[A-Z]\.\s*)?[A-Z0-9(\[][^.?!;]*?(?:\b[A-Z]\.\s*[^.?!;]*?)*)"
    r"(?=\s*(?:[.?!;]\s|[.?!;]?$|,\s*(?:please|your|go ahead|you)|\s+(?:please|your line|you may)))",
    re.I,
)
_ZH_INTRO = re.compile(r"来自(?P<firm>[\u4e00-\u9fffA-Za-z&]{2,20}?)的(?P<name>[\u4e00-\u9fffA-Za-z ]{2,20}?)(?:[。，,]|$|提问|的提问)")


@dataclass(slots=True)
class _Person:
    name: str
    kind: ParticipantKind | None
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)


def build_turns(doc: RawDoc, text: str) -> tuple[tuple[Turn, ...], tuple[Participant, ...], str | None]:
    """Returns (turns, participants, company guessed from labels)."""
    # Speech only: a header or disclaimer before the first speaker, or a page summary, is not a turn.
    has_speakers = any(t.label.name and t.label.name != "Summary" for t in doc.turns)
    raw = [t for t in doc.turns if (t.paras or t.label.name)
           and not (has_speakers and (not t.label.name or t.label.title == "document summary"))]
    people: dict[tuple[str, str | None], _Person] = {}
    company = doc.company or _company_from_labels(doc)

    for name, lab in doc.roster.items():
        _person_for(people, lab, company)

    turns: list[Turn] = []
    pending: dict[str, tuple[str, str]] = {}  # analyst name key (or "?") -> (name as said, firm) from the operator's intro
    bare_analyst: str | None = None  # who the last bare "Analyst:" label turned out to be
    handover: tuple[str, str | None] | None = None
    foreign_speaker: str | None = None
    interpreted_for: str | None = None  # the executive an "Interpreter:" label spoke for last
    for rt in raw:
        lab = rt.label
        paras = _paragraphs(rt.paras, text)
        if not paras:
            continue
        body = "\n".join(p.text for p in paras)
        kind = classify(lab)
        speaker = lab.name or "Unknown"
        interpreted = False
        bare = BARE_ANALYST.match(lab.name or "") is not None

        if kind is ParticipantKind.OPERATOR:
            speaker = "Operator"
            people.setdefault(("Operator", None), _Person("Operator", ParticipantKind.OPERATOR))
            for m in _iter_intros(body):
                pending[_key(m[0])] = m
            handover = _find_handover(body)
        elif GENERIC_COMPANY.match(lab.name or "") or lab.name in ("答",):
            first = paras[0].text.strip()
            principal = None
            if kind is ParticipantKind.INTERPRETER:
                # "Interpreter:" speaks for the executive it spoke for before, the first time for the one just before it
                prev = turns[-1].speaker if turns else None
                prev_kind = next((p.kind for p in people.values() if p.name == prev), None)
                principal = interpreted_for or (prev if prev and prev_kind in (
                    ParticipantKind.EXECUTIVE, ParticipantKind.INVESTOR_RELATIONS, None) and not (
                    GENERIC_COMPANY.match(prev) or prev == "Operator") else None)
            if foreign_speaker and (_INTERPRETED.match(first) or _INTERPRETED.match(body.strip())):
                speaker, interpreted = foreign_speaker, True
            elif principal:
                speaker, interpreted = principal, True
                interpreted_for = principal
            elif handover and handover[0]:
                person = _resolve_handover(people, handover, company)
                speaker = person.name if person else speaker
            elif lab.name == "答":
                speaker = "公司管理层"
            if not interpreted:
                foreign_speaker = None
            if not any(p.name == speaker for p in people.values()):
                people.setdefault((speaker, None), _Person(speaker, ParticipantKind.EXECUTIVE, affiliation=company))
            handover = _find_handover(body)
        elif bare and pending and next(iter(pending)) != "?":
            # "Analyst:" after "The next question comes from the line of Timothy Zhao with Goldman Sachs"
            speaker, firm = _pop_any(pending)
            people.setdefault((speaker, firm), _Person(speaker, ParticipantKind.ANALYST, affiliation=firm))
            bare_analyst, handover = speaker, None
        elif bare and bare_analyst and not pending:
            speaker, handover = bare_analyst, None  # the same analyst again ("Thank you, Jackson.")
        elif bare or GENERIC_ANALYST.match(lab.name or "") or lab.name in ("问", "問"):
            intro = pending.pop("?", None) or _pop_any(pending)
            firm = intro[1] if intro else None
            speaker = "Unidentified Analyst" if bare or lab.name in ("问", "問") else lab.name
            p = people.setdefault((speaker, firm), _Person(speaker, ParticipantKind.ANALYST, affiliation=firm))
            handover = None
        elif lab.name:
            person = _person_for(people, lab, company)
            key = _key(lab.name)
            if key in pending and person.kind in (ParticipantKind.ANALYST, None):
                firm = pending.pop(key)[1]
                person.kind = ParticipantKind.ANALYST
                if not person.affiliation:
                    person.affiliation = firm
            if handover and person.kind in (ParticipantKind.EXECUTIVE, ParticipantKind.INVESTOR_RELATIONS, None):
                _maybe_alias(people, person, handover[0])
                _role_from_handover(person, handover)
            handover = _find_handover(body) if person.kind is not ParticipantKind.ANALYST else None
            if person.kind in (ParticipantKind.INVESTOR_RELATIONS, None):  # a host calling on analysts
                for m in _iter_intros(body, zh=False):
                    pending.setdefault(_key(m[0]), m)
            speaker = person.name
        foreign_speaker = speaker if _is_foreign_only(paras) and not interpreted else (
            foreign_speaker if interpreted else None)
        paras = [p for p in paras if not (_FOREIGN.match(p.text.strip()) or _INTERPRETED.fullmatch(p.text.strip()))] or paras
        lang = next((p.language for p in paras if p.language is not Lang.OTHER), Lang.OTHER)
        turns.append(Turn(
            index=len(turns), speaker=speaker, label=rt.raw_label.strip() or speaker, paragraphs=tuple(paras),
            span=(rt.label_span[0], paras[-1].span[1]), interpreted=interpreted, language=lang))

    _settle_unknown_kinds(people, turns)
    for p in people.values():
        if p.kind in (ParticipantKind.EXECUTIVE, ParticipantKind.INVESTOR_RELATIONS) and not p.affiliation:
            p.affiliation = company
    participants = tuple(
        Participant(p.name, p.kind or ParticipantKind.OTHER, p.role, p.affiliation, tuple(dict.fromkeys(p.aliases)))
        for p in people.values())
    return tuple(turns), participants, company


def _key(name: str) -> str:
    name = re.sub(r"[\[\]]", "", name).strip()
    if name.lower() in ("(inaudible)", "inaudible") or re.match(r"(?i)^(an?\s+)?unidentified", name):
        return "?"
    return name.lower()


def _pop_any(d: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    if d:
        k = next(iter(d))
        return d.pop(k)
    return None


def _iter_intros(body: str, *, zh: bool = True):
    for m in _INTRO.finditer(body):
        firm = m.group("firm").strip().rstrip(",")
        firm = re.sub(r"\s+(please|go ahead).*$", "", firm, flags=re.I)
        firm = re.sub(r"^(the\s+)", "", firm, flags=re.I)
        yield m.group("name").strip(), firm
    for m in _ZH_INTRO.finditer(body) if zh else ():
        yield m.group("name").strip(), m.group("firm").strip()


def _find_handover(body: str) -> tuple[str, str | None] | None:
    last = None
    for m in _HANDOVER.finditer(body):
        name = re.sub(r"[\[\]]", "", m.group("name")).strip()
        name = re.sub(r"\s+(Please|Thank|Go|Okay|You)\b.*$", "", name)
        if name.lower() in ("you", "the", "management", "our", "questions", "q", "a"):
            continue
        last = (name, (m.group("role") or "").strip(", ") or None)
    return last


def _resolve_handover(people, handover, company) -> _Person | None:
    name, role = handover
    for p in people.values():
        if p.name == name or p.name.split()[0] == name.split()[0] and len(name.split()) == 1:
            return p
        if name in p.aliases:
            return p
    if len(name.split()) >= 2 or role:
        kind = ParticipantKind.INVESTOR_RELATIONS if role and is_ir_text(role) else ParticipantKind.EXECUTIVE
        return people.setdefault((name, None), _Person(name, kind, role=role, affiliation=company))
    return None


def _maybe_alias(people, person: _Person, target: str) -> None:
    target = target.strip()
    if not target or len(target.split()) != 1:
        return
    if target in person.name.split():
        return
    if any(target in p.name.split() for p in people.values()):
        return
    person.aliases.append(target)


def _person_for(people, lab: Label, company: str | None) -> _Person:
    kind = classify(lab)
    key = (lab.name, None)
    if key in people:
        p = people[key]
        if p.kind is None and kind:
            p.kind = kind
        if not p.role and lab.title:
            p.role = lab.title
        if not p.affiliation and lab.firm:
            p.affiliation = lab.firm
        return p
    affil = lab.firm or (company if kind in (ParticipantKind.EXECUTIVE, ParticipantKind.INVESTOR_RELATIONS) else None)
    p = _Person(lab.name, kind, lab.title, affil)
    people[key] = p
    return p


def _settle_unknown_kinds(people, turns: list[Turn]) -> None:
    """A person whose label did not say: the title someone gave them ("Bram Castellanos, our CEO"),
    else an analyst if they speak in short question-like turns, else an executive."""
    if all(p.kind is not None for p in people.values()):
        return
    introduced = _introduced_roles(turns, people)
    spoke = {}
    for t in turns:
        spoke.setdefault(t.speaker, []).append(t)
    for p in people.values():
        if p.kind is not None:
            continue
        role = introduced.get(p.name)
        if role:
            p.role = p.role or role
            p.kind = ParticipantKind.INVESTOR_RELATIONS if is_ir_text(role) else ParticipantKind.EXECUTIVE
            continue
        ts = spoke.get(p.name, [])
        text = " ".join(t.text for t in ts)
        if p.affiliation and re.search(r"\b(securities|capital|research|bank|partners|markets|sachs|stanley|morgan)\b", p.affiliation, re.I):
            p.kind = ParticipantKind.ANALYST
        elif p.role and is_exec_text(p.role):
            p.kind = ParticipantKind.EXECUTIVE
        elif ts and text.count("?") >= 1 and len(text) < 3000 and all(len(t.text) < 2500 for t in ts):
            p.kind = ParticipantKind.ANALYST
        elif ts:
            p.kind = ParticipantKind.EXECUTIVE
        else:
            p.kind = ParticipantKind.OTHER


def _company_from_labels(doc: RawDoc) -> str | None:
    firms: dict[str, int] = {}
    for lab in doc.roster.values():
        if lab.firm and not lab.analyst:
            firms[lab.firm] = firms.get(lab.firm, 0) + 1
    return max(firms, key=firms.get) if firms else None


def _is_foreign_only(paras: list[Paragraph]) -> bool:
    return all(_FOREIGN.match(p.text.strip()) for p in paras)


def _paragraphs(raw: list[RawPara], text: str) -> list[Paragraph]:
    """Paragraph records; a Chinese paragraph right after an English one becomes its translation."""
    out: list[Paragraph] = []
    recent_en: list[str] = []
    for rp in raw:
        s, e = _trim(text, rp.span)
        if s >= e:
            continue
        ptext = text[s:e]
        lang = rp.lang or detect_language(ptext)
        if rp.translation:
            ts, te = _trim(text, rp.translation)
            tr = Paragraph(text[ts:te], (ts, te), rp.translation_lang or _translation_lang(text[ts:te])) if ts < te else None
            out.append(Paragraph(ptext, (s, e), lang, tr))
            recent_en.append(ptext)
            continue
        prev = out[-1] if out else None
        if prev and lang is Lang.EN and prev.language is Lang.EN and prev.translation is None \
                and len(_CJK_CHAR.findall(ptext)) >= 10:
            lang = zh_script(ptext)  # a translation that kept an English sentence is still the translation
        if prev and is_chinese(lang) and prev.translation is None and prev.language is Lang.EN:
            if prev is out[0] and not out[:-1]:
                s = _skip_zh_name(text, s, e)  # "Timothy Zhao：…" repeats the speaker label
            out[-1] = Paragraph(prev.text, prev.span, prev.language, Paragraph(text[s:e], (s, e), lang))
            continue
        # A repeated English paragraph (plain alternating layouts print the original again).
        stripped = re.sub(r"^原文[:：]\s*", "", ptext).strip()
        if lang is Lang.EN and any(stripped == r.strip() for r in recent_en[-3:]):
            continue
        if lang is Lang.EN:
            recent_en.append(ptext)
        out.append(Paragraph(ptext, (s, e), lang))
    return out


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _skip_zh_name(text: str, s: int, e: int) -> int:
    m = re.match(r"^[^：:，。,]{1,30}[：:]\s*", text[s:e])
    return s + m.end() if m and m.end() < e - s else s


def _role_from_handover(person: _Person, handover: tuple[str, str | None]) -> None:
    """"your host, Laura Whitfield, Vice President of Investor Relations" gives Laura her role."""
    name, role = handover
    if not role or name not in person.name and person.name not in name:
        return
    role = re.split(r"\.\s|\s+(?:please|thank|you may|go ahead)", role, flags=re.I)[0].strip(" ,.")
    if not person.role:
        person.role = role
    if is_ir_text(role) and person.kind in (None, ParticipantKind.EXECUTIVE):
        person.kind = ParticipantKind.INVESTOR_RELATIONS
    elif person.kind is None and is_exec_text(role):
        person.kind = ParticipantKind.EXECUTIVE


# "Joining me today are Bram Castellanos, our President and Chief Executive Officer, and ...",
# "with me is our CFO, Grace Wu": who is who, said by the host or an executive
_ROLE_AFTER = re.compile(rf"(?P<name>{_NAME}),\s+(?:our|the\s+company's)\s+(?P<role>[^,.;]{{2,80}}?)(?=,|\.|;|\s+and\s)")
_ROLE_BEFORE = re.compile(rf"\bour\s+(?P<role>[^,.;]{{2,60}}?),?\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?P<name>{_NAME})\b")


def _introduced_roles(turns: list[Turn], people) -> dict[str, str]:
    """Company titles given to people in the speech of non-analysts (first mention wins)."""
    kinds = {p.name: p.kind for p in people.values()}
    out: dict[str, str] = {}
    for t in turns:
        if kinds.get(t.speaker) is ParticipantKind.ANALYST:
            continue
        for rx in (_ROLE_AFTER, _ROLE_BEFORE):
            for m in rx.finditer(t.text):
                role = m.group("role").strip()
                if is_exec_text(role) or is_ir_text(role):
                    out.setdefault(m.group("name").strip(), role)
    return out


def _translation_lang(text: str) -> Lang:
    """The translation side of a tagged pair is Chinese whenever it has Chinese in it."""
    lang = detect_language(text)
    return zh_script(text) if not lang.is_zh and _CJK_CHAR.search(text) else lang
