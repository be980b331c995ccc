"""Tokenizer, sentence splitter and language detection (snippets written for these tests)."""
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callnlp.records import Lang
from callnlp.tokenize import detect_language, split_sentences


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Revenue of Zentrix grew 12% to RMB45.2 million.", Lang.EN),
        ("本季度营收同比增长12%，毛利率为41%。", Lang.ZH_HANS),
        ("本季度營收年增12%，毛利率為41%。", Lang.ZH_HANT),
        ("我們的NovaVoice業務在這個季度成長了30%。", Lang.ZH_HANT),
        ("The CEO, 王小明, said revenue grew strongly across every business line this quarter.", Lang.EN),
        ("12,345 — 67%", Lang.OTHER),
    ],
)
def test_detect_language_cases(text, lang):
    assert detect_language(text) is lang


def _sents(text, **kw):
    return [text[a:b] for a, b in split_sentences(text, **kw)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Wang joined us. Revenue was $1.2 billion.", ["Mr. Wang joined us.", "Revenue was $1.2 billion."]),
        ("We expanded in the U.S. market. Margins rose.", ["We expanded in the U.S. market.", "Margins rose."]),
        ("We grew in the U.S. The team is strong.", ["We grew in the U.S.", "The team is strong."]),
        ("See Note No. 3 for details. Thanks.", ["See Note No. 3 for details.", "Thanks."]),
        ("Zentrix Holdings Inc. Chairman Li spoke.", ["Zentrix Holdings Inc. Chairman Li spoke."]),
        ("Margin was 41.5%. Next question?", ["Margin was 41.5%.", "Next question?"]),
        ("Is it good? Yes! It is.", ["Is it good?", "Yes!", "It is."]),
        ("He said \"we grew.\" Then he left.", ["He said \"we grew.\"", "Then he left."]),
        ("Dr. J. Smith, e.g. the lead, agreed.", ["Dr. J. Smith, e.g. the lead, agreed."]),
        ("营收增长12%。毛利率下降！为什么？因为成本；其次\n新段落", ["营收增长12%。", "毛利率下降！", "为什么？", "因为成本；", "其次", "新段落"]),
        ("收入達到2.5億元.目前業務穩定。", ["收入達到2.5億元.", "目前業務穩定。"]),
        ("Revenue rose. 营收增长。", ["Revenue rose.", "营收增长。"]),
        ("", []),
    ],
)
def test_split_sentences_cases(text, expected):
    assert _sents(text) == expected


@given(st.text(alphabet="ab .!?。\n营M r", max_size=60))
def test_split_sentences_spans_are_ordered_trimmed_and_inside(text):
    prev = 0
    for a, b in split_sentences(text):
        assert prev <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        prev = b


def test_import_is_lazy():
    code = (
        "import sys, callnlp.analyzer, callnlp.tokenize, callnlp.entities;"
        "print(sorted(m for m in ('spacy','jieba','opencc') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_detect_language_english_does_not_load_opencc():
    code = (
        "import sys; from callnlp.tokenize import detect_language;"
        "detect_language('Revenue rose 5% in the quarter.'); print('opencc' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- with models -----------------------------------------------------------------------------


def _check_spans(tokens, text, offset=0):
    for t in tokens:
        assert text[t.span[0] - offset:t.span[1] - offset] == t.text


@pytest.mark.slow
def test_tokenize_chinese_keeps_latin_words_and_amounts_whole(analyzer):
    from callnlp.tokenize import tokenize

    text = "我們的NovaVoice業務和UC&C業務收入達到2.761億元,年增44.3%,7cloud品牌表現良好。"
    toks = tokenize(text, analyzer=analyzer, offset=100)
    words = [t.text for t in toks]
    for w in ("NovaVoice", "UC&C", "2.761億元", "44.3%", "7cloud"):
        assert w in words
    _check_spans(toks, text, 100)
    assert {t.lang for t in toks if t.text == "UC&C"} == {Lang.EN}
    assert {t.lang for t in toks if t.text == "業務"} == {Lang.ZH_HANT}


@pytest.mark.slow
def test_tokenize_traditional_uses_simplified_segmentation(analyzer):
    from callnlp.tokenize import tokenize

    # 記憶體 -> 内存 changes length under tw2sp; offsets must still point at the original.
    text = "我們的記憶體業務與網路軟體營收成長,毛利率提升。"
    toks = tokenize(text, lang=Lang.ZH_HANT, analyzer=analyzer)
    _check_spans(toks, text)
    assert "毛利率" in [t.text for t in toks]
    assert "".join(t.text for t in toks) == text.replace(" ", "")


@pytest.mark.slow
def test_tokenize_english_and_sentence_starts(analyzer):
    from callnlp.tokenize import tokenize

    text = "Mr. Wang said revenue was RMB45.2 million. Gross margin rose to 41%."
    toks = tokenize(text, analyzer=analyzer)
    _check_spans(toks, text)
    starts = [t.text for t in toks if t.is_sent_start]
    assert starts == ["Mr.", "Gross"]
    assert "RMB45.2" in [t.text for t in toks]


@pytest.mark.slow
def test_tokenize_mixed_text_splits_runs_by_script(analyzer):
    from callnlp.tokenize import tokenize

    text = "Revenue from cloud services grew fast, 云服务收入增长很快, said the CFO."
    toks = tokenize(text, lang=Lang.EN, analyzer=analyzer)
    _check_spans(toks, text)
    zh = [t.text for t in toks if t.lang.is_zh]
    assert "云服务" in zh and "收入" in zh
    assert [t.text for t in toks][:2] == ["Revenue", "from"]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="記憶體網路軟體資訊營收業務雲端後來裡面為這個們 ab1.", max_size=40))
def test_to_simplified_keeps_length(analyzer, text):
    from callnlp.tokenize.zh import to_simplified

    assert len(to_simplified(text, analyzer)) == len(text)
