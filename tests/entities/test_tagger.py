"""tag_entities / count_entities on invented snippets, and the Cloopen acceptance checks."""
import pytest

from callnlp.entities import Entity, count_entities, learn_gazetteer, tag_entities
from callnlp.records import Lang

EN = ("Thank you. Our NovaVoice business generated RMB45.2 million in revenues in the third quarter of 2022, "
      "up 31.5% year-over-year. Mei Lin from Harbor Peak Securities asked about Tencent.")
ZH = "我們的NovaVoice業務在2022年第三季收入達到人民幣4,520萬元,年增31.5%。我們與騰訊合作。"


def _gaz():
    return learn_gazetteer(company="Zentrix", participants=[("Mei Lin", "Harbor Peak Securities")],
                           texts=[EN, ZH, "Revenue from NovaVoice rose."])


def _labels(ents):
    return {(e.text, e.label) for e in ents}


@pytest.mark.slow
def test_tag_entities_english(analyzer):
    ents = tag_entities([(EN, 10, Lang.EN)], analyzer=analyzer, gazetteer=_gaz())
    got = _labels(ents)
    assert {("NovaVoice", "SEGMENT"), ("RMB45.2 million", "MONEY"), ("31.5%", "PERCENT"), ("Mei Lin", "PERSON"),
            ("Harbor Peak Securities", "ORG"), ("Tencent", "ORG"), ("third quarter of 2022", "PERIOD")} <= got
    assert ("revenues", "METRIC") in got
    for e in ents:
        assert EN[e.span[0] - 10:e.span[1] - 10] == e.text and e.lang is Lang.EN


@pytest.mark.slow
def test_tag_entities_chinese(analyzer):
    ents = tag_entities([(ZH, 0, Lang.ZH_HANT)], analyzer=analyzer, gazetteer=_gaz())
    got = _labels(ents)
    assert {("NovaVoice", "SEGMENT"), ("人民幣4,520萬元", "MONEY"), ("31.5%", "PERCENT"), ("騰訊", "ORG"),
            ("2022年第三季", "PERIOD"), ("收入", "METRIC")} <= got
    for e in ents:
        assert ZH[e.span[0]:e.span[1]] == e.text


@pytest.mark.slow
def test_gazetteer_wins_over_model_label(analyzer):
    text = "Analysts asked about Orbitel and its results."
    plain = _labels(tag_entities([(text, 0, Lang.EN)], analyzer=analyzer))
    from callnlp.entities import Gazetteer

    gaz = Gazetteer(segments=frozenset({"Orbitel"}))
    tagged = _labels(tag_entities([(text, 0, Lang.EN)], analyzer=analyzer, gazetteer=gaz))
    assert ("Orbitel", "SEGMENT") in tagged
    assert not any(t == "Orbitel" and lab != "SEGMENT" for t, lab in tagged)
    assert plain != tagged


def test_count_entities_merges_by_norm():
    ents = [
        Entity("Tencent", "ORG", (0, 7), Lang.EN, "Tencent"),
        Entity("騰訊", "ORG", (20, 22), Lang.ZH_HANT, "Tencent"),
        Entity("Tencent", "ORG", (30, 37), Lang.EN, "Tencent"),
        Entity("CC", "SEGMENT", (40, 42), Lang.EN, "CC"),
        Entity("revenues", "METRIC", (50, 58), Lang.EN, "revenue"),
    ]
    rows = count_entities(ents)
    assert rows[0] == {"text": "Tencent", "label": "ORG", "count": 3}
    assert count_entities(ents, labels=["SEGMENT"]) == [{"text": "CC", "label": "SEGMENT", "count": 1}]


# --- corpus acceptance (reads ../shared at run time) --------------------------------------------


def _cloopen_segments(path):
    from callnlp.tokenize import detect_language

    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    segs, i = [], 0
    while i < len(lines):
        if lines[i] and i + 1 < len(lines) and lines[i + 1] == lines[i]:
            i += 2  # a speaker line, printed twice
            continue
        if lines[i].strip():
            segs.append((lines[i], starts[i], detect_language(lines[i])))
        i += 1
    return text, segs


@pytest.fixture(scope="module")
def cloopen(shared_dir, analyzer):
    path = shared_dir / "corpus" / "seeds" / "cloopen_2021q3_bilingual.txt"
    if not path.is_file():
        pytest.skip("Cloopen seed transcript not present")
    text, segs = _cloopen_segments(path)
    gaz = learn_gazetteer(
        company="Cloopen",
        participants=[("Changxun Sun", "Cloopen"), ("Yipeng Li", "Cloopen"), ("Tina Hou", "Goldman Sachs"),
                      ("Unidentified Analyst", "Bernstein"), ("Unidentified Analyst", "CICC")],
        texts=[t for t, _, _ in segs],
    )
    ents = tag_entities(segs, analyzer=analyzer, gazetteer=gaz)
    return text, segs, gaz, ents


@pytest.mark.slow
@pytest.mark.corpus
def test_cloopen_learned_segments(cloopen):
    _, _, gaz, _ = cloopen
    assert {"CC", "UC&C", "CPaaS", "RongCC", "7moor"} <= gaz.segments
    assert "EliteCRM" not in gaz.segments


@pytest.mark.slow
@pytest.mark.corpus
def test_cloopen_entities(cloopen):
    text, _, _, ents = cloopen
    by = {}
    for e in ents:
        by.setdefault(e.label, set()).add(e.norm or e.text)
        assert text[e.span[0]:e.span[1]] == e.text
    assert {"Cloopen", "Tencent", "EliteCRM", "Goldman Sachs", "Bernstein", "CICC"} <= by["ORG"]
    assert {"Changxun Sun", "Yipeng Li", "Tina Hou"} <= by["PERSON"]
    assert {"CC", "UC&C", "CPaaS", "RongCC", "7moor"} <= by["SEGMENT"]
    money = {e.text for e in ents if e.label == "MONEY" and e.lang is Lang.EN}
    assert {"RMB276.1 million", "RMB130.4 million", "RMB12 million"} <= money


@pytest.mark.slow
@pytest.mark.corpus
def test_cloopen_every_rmb_amount_is_money(cloopen):
    import re

    text, segs, _, ents = cloopen
    money = [e.span for e in ents if e.label == "MONEY"]
    for t, off, lang in segs:
        if lang is not Lang.EN:
            continue
        for m in re.finditer(r"RMB\s?\d[\d,.]*\d", t):
            a = off + m.start()
            assert any(x <= a < y for x, y in money), t[m.start():m.end() + 10]


@pytest.mark.slow
@pytest.mark.corpus
def test_cloopen_chinese_side(cloopen):
    _, _, _, ents = cloopen
    zh = [e for e in ents if e.lang.is_zh]
    assert {("騰訊", "ORG"), ("CC", "SEGMENT"), ("UC&C", "SEGMENT")} <= {(e.text, e.label) for e in zh}
    rows = {(r["text"], r["label"]): r["count"] for r in count_entities(ents)}
    n_en = sum(1 for e in ents if e.text == "Tencent" and e.label == "ORG")
    assert rows[("Tencent", "ORG")] > n_en  # 騰訊 counted with Tencent


def test_rule_spans_without_spacy():
    from callnlp.entities.spacy_tagger import rule_spans

    text = "Revenue in the second quarter of 2021 was RMB1.2 billion, up 15%, or 200 basis points of margin."
    got = [(text[a:b], label) for a, b, label in rule_spans(text)]
    assert ("second quarter of 2021", "PERIOD") in got
    assert ("RMB1.2 billion", "MONEY") in got
    assert ("15%", "PERCENT") in got and ("200 basis points", "PERCENT") in got


def test_fast_profile_loads_no_model_library():
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "transcripts" / "brightwave_2024q4_fool.txt"
    code = (f"import sys, callnlp; s = callnlp.summarize_file({str(sample)!r}, profile='fast'); "
            "assert s.entities and s.qa; print(','.join(m for m in ('spacy', 'torch', 'transformers', 'jieba') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
