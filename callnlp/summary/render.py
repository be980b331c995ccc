"""Render a summary dict (the contract) as a one-page Markdown summary or notebook HTML."""
from __future__ import annotations

import html
from typing import Any


def _num(v: Any, unit: str | None = None, per_share: bool = False) -> str:
    if v is None:
        return "—"
    if unit in ("%", "pp", "bp"):
        return f"{v:g}{'%' if unit == '%' else ' ' + unit}"
    if isinstance(v, (int, float)) and unit and unit not in ("count",) and not per_share and abs(v) >= 1e6:
        for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
            if abs(v) >= scale:
                return f"{unit} {v / scale:,.4g}{word}"
    if isinstance(v, float):
        s = f"{v:,.4f}".rstrip("0").rstrip(".")
    else:
        s = f"{v:,}"
    if unit and unit != "count":
        s = f"{unit} {s}"
    return s + (" /share" if per_share else "")


def _range(item: dict) -> str:
    lo, hi, unit, ps = item.get("low"), item.get("high"), item.get("unit"), item.get("per_share", False)
    approx = f"{item['approx']} " if item.get("approx") else ""
    if lo is None and hi is None:
        return "—"
    if lo == hi or hi is None:
        return approx + _num(lo, unit, ps)
    return f"{approx}{_num(lo, unit, ps)} to {_num(hi, unit, ps)}"


def _growth(lo, hi) -> str:
    if lo is None:
        return ""
    return f"{lo:g}%" if hi in (None, lo) else f"{lo:g}% to {hi:g}%"


def _cell(s: Any) -> str:
    return str(s if s is not None else "").replace("|", "\\|").replace("\n", " ")


def to_markdown(d: dict) -> str:
    """A readable one-page summary: call, people, guidance, metrics, segment claims, Q&A, checks."""
    call = d.get("call", {})
    title = " ".join(x for x in (call.get("company"), call.get("fiscal_period")) if x) or "Earnings call"
    out = [f"# {title}", ""]
    src = d.get("source", {})
    out.append(f"*Source:* `{src.get('path') or 'text'}` · format {src.get('format')} · "
               f"languages {', '.join(src.get('languages', []))} · {len(d.get('turns', []))} turns")
    out.append("")
    people = [p for p in d.get("participants", []) if p["kind"] != "operator"]
    if people:
        out += ["## Participants", ""]
        for kind, head in (("executive", "Executives"), ("investor_relations", "Investor relations"),
                           ("analyst", "Analysts"), ("interpreter", "Interpreters"), ("other", "Other")):
            group = [p for p in people if p["kind"] == kind]
            if group:
                names = "; ".join(
                    p["name"] + (f" ({p['role'] or p['affiliation']})" if (p.get("role") or p.get("affiliation")) else "")
                    + (f" a.k.a. {', '.join(p['aliases'])}" if p.get("aliases") else "") for p in group)
                out.append(f"- **{head}:** {names}")
        out.append("")
    out += ["## Guidance", ""]
    if d.get("guidance"):
        out += ["| metric | segment | period | range | implied growth | status | speaker |", "|---|---|---|---|---|---|---|"]
        for g in d["guidance"]:
            out.append("| " + " | ".join(_cell(x) for x in (
                g.get("metric"), g.get("segment") or "", g.get("period"), _range(g),
                _growth(g.get("growth_low_pct"), g.get("growth_high_pct")) + (f" {g['basis']}" if g.get("basis") else ""),
                g.get("status"), g.get("speaker"))) + " |")
    else:
        out.append("No numeric guidance found.")
    out.append("")
    for key, head in (("metrics", "Headline metrics"), ("segment_claims", "Segment claims")):
        items = d.get(key) or []
        out += [f"## {head}", ""]
        if not items:
            out += ["None found.", ""]
            continue
        out += ["| metric | segment | period | value | change | prior | speaker |", "|---|---|---|---|---|---|---|"]
        for m in items:
            approx = f"{m['approx']} " if m.get("approx") else ""
            has_value = m.get("value") is not None
            change = "" if m.get("change_pct") is None else (
                ("" if has_value else approx) + f"{m['change_pct']:g}%" + (f" {m['basis']}" if m.get("basis") else ""))
            value = approx + _num(m.get("value"), m.get("unit"), m.get("per_share", False)) if has_value else "—"
            out.append("| " + " | ".join(_cell(x) for x in (
                m.get("metric"), m.get("segment") or "", m.get("period") or "", value, change,
                _num(m.get("prior_value"), m.get("unit")) if m.get("prior_value") is not None else "", m.get("speaker"))) + " |")
        out.append("")
    if d.get("qa"):
        out += ["## Q&A", ""]
        for x in d["qa"]:
            firm = f" ({x['firm']})" if x.get("firm") else ""
            by = ", ".join(x.get("answered_by", []))
            out.append(f"**{x['index']}. {x['analyst']}{firm}** — answered by {by or '—'}")
            for i, q in enumerate(x.get("questions", []), 1):
                topics = f" *[{', '.join(q.get('topics', []))}]*" if q.get("topics") else ""
                text = q["text"] if len(q["text"]) < 240 else q["text"][:237] + "..."
                out.append(f"  {i}. {_cell(text)}{topics}")
            out.append("")
    if d.get("topics"):
        out += ["## Topics", ""]
        for t in d["topics"][:12]:
            out.append(f"- {t.get('label')} ({t.get('section', '')}, weight {t.get('weight', 0):.2f})")
        out.append("")
    out += ["## Checks", ""]
    if d.get("checks"):
        for c in d["checks"]:
            out.append(f"- **{c.get('severity', 'info')}** `{c.get('kind')}` (turn {c.get('turn')}): {_cell(c.get('message'))}")
    else:
        out.append("No inconsistencies found.")
    out.append("")
    if d.get("warnings"):
        out += ["## Warnings", ""] + [f"- {w}" for w in d["warnings"]] + [""]
    return "\n".join(out)


def to_html(d: dict) -> str:
    """Notebook view: the Markdown summary in a <pre>-free, escaped HTML block."""
    call = d.get("call", {})
    rows = "".join(
        f"<tr><td>{html.escape(str(g.get('metric')))}</td><td>{html.escape(str(g.get('period')))}</td>"
        f"<td>{html.escape(_range(g))}</td><td>{html.escape(str(g.get('status')))}</td></tr>"
        for g in d.get("guidance", []))
    return (f"<div><h3>{html.escape(str(call.get('company') or 'Call'))} {html.escape(str(call.get('fiscal_period') or ''))}</h3>"
            f"<p>{len(d.get('participants', []))} participants · {len(d.get('turns', []))} turns · "
            f"{len(d.get('qa', []))} Q&amp;A exchanges · {len(d.get('metrics', []))} metrics · "
            f"{len(d.get('checks', []))} checks</p>"
            f"<table><tr><th>metric</th><th>period</th><th>guidance</th><th>status</th></tr>{rows}</table></div>")
