"""learn_gazetteer and the shipped rule files (no models needed)."""
import json

import pytest

from callnlp.entities import Gazetteer, learn_gazetteer
from callnlp.entities.rules import load_lexicon, ruler_patterns, zh_rule_spans
from callnlp.resources import model_path

TEXTS = [
    "Our NovaVoice business grew 40% this quarter, and the Q-Link brand kept growing.",
    "Revenue from NovaVoice reached RMB80 million; our CX and IoT-Hub businesses were stable.",
    "We acquired DataMint in May. Revenue from DataMint was RMB5 million.",
    "A rival keeps building their own ERPX business.",
    "我們的CX業務和IoT-Hub業務增長強勁。",
]


def _learn(**kw):
    args = dict(company="Zentrix Cloud Holdings Ltd", participants=[], texts=TEXTS, include_lexicon=False)
    args.update(kw)
    return learn_gazetteer(**args)


def test_learn_gazetteer_segments_from_cues():
    g = _learn()
    assert {"NovaVoice", "CX", "IoT-Hub"} <= g.segments


def test_learn_gazetteer_skips_other_firms_segments_and_single_weak_mentions():
    g = _learn()
    assert "ERPX" not in g.segments  # "their own ERPX business"
    assert "Q-Link" not in g.segments  # one mention, no "our"
    assert "RMB80" not in g.segments


def test_learn_gazetteer_acquired_is_org_not_segment():
    g = _learn()
    assert "DataMint" in g.orgs and "DataMint" not in g.segments


def test_learn_gazetteer_adds_segments_learned_elsewhere_but_not_firms():
    g = _learn(segments=("Steel Framing", "DataMint"))
    assert "Steel Framing" in g.segments and {"NovaVoice", "CX"} <= g.segments
    assert "DataMint" not in g.segments  # an acquired firm stays a firm


def test_only_named_extract_segments_reach_the_gazetteer():
    from callnlp.entities.stage import named_segments

    fields = {"_segments": ("Steel Framing", "towable", "Datacom", "学习设备")}
    assert named_segments(fields) == ("Steel Framing", "Datacom")
    assert named_segments({}) == ()


def test_learn_gazetteer_company_and_participants():
    g = _learn(participants=[("Mei Lin", "Harbor Peak Securities"), ("Unidentified Analyst", "Eastbay Capital"),
                             ("Operator", None)])
    assert {"Zentrix Cloud Holdings Ltd", "Zentrix Cloud"} <= g.orgs
    assert {"Harbor Peak Securities", "Eastbay Capital"} <= g.orgs
    assert g.persons == frozenset({"Mei Lin"})


def test_learn_gazetteer_merges_generic_lexicon():
    g = _learn(include_lexicon=True)
    assert "gross margin" in g.metrics and "毛利率" in g.metrics
    assert ("毛利率", "gross margin") in g.aliases
    assert "NovaVoice" in g.segments


def test_gazetteer_entries_prefer_specific_label():
    g = Gazetteer(orgs=frozenset({"Nova"}), metrics=frozenset({"Nova"}))
    assert g.entries() == [("Nova", "ORG")]


def test_entity_patterns_file_matches_code():
    lines = model_path("entity_patterns.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines if x.strip()] == json.loads(json.dumps(ruler_patterns()))


def test_userdict_has_every_lexicon_chinese_word():
    words = {ln.split()[0] for ln in model_path("zh_userdict.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")}
    lex = load_lexicon()
    for group in (lex.metrics, lex.segments, lex.orgs):
        for _, zhs in group:
            assert set(zhs) <= words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("收入达到人民币1,200万元", [("人民币1,200万元", "MONEY")]),
        ("营收3.28亿元,同比增长15.5%", [("3.28亿元", "MONEY"), ("15.5%", "PERCENT")]),
        ("2021年第三季度毛利率", [("2021年第三季度", "PERIOD")]),
        ("客户数量为219个", []),
    ],
)
def test_zh_rule_spans(text, expected):
    got = [(text[a:b], lab) for a, b, lab in zh_rule_spans(text)]
    assert got == expected
