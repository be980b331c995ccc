"""Chinese questions go through the Chinese seeds and jieba keywords (invented questions)."""
from __future__ import annotations

import pytest

from callnlp.qa import assign_topics

pytestmark = pytest.mark.slow


def test_chinese_questions_get_chinese_path_labels():
    pytest.importorskip("jieba")
    qs = ["请问管理层如何看待行业的竞争格局?我们的市场份额会提升吗?", "明年全年的收入指引是多少?", "海外扩张，特别是东南亚市场的进展如何?"]
    got = assign_topics(qs, lang="zh-Hans")
    assert got[0][0] == "competition"
    assert "guidance" in got[1]
    assert "international_expansion" in got[2]


def test_traditional_chinese_is_converted_first():
    pytest.importorskip("jieba")
    got = assign_topics(["公司如何看待監管政策的變化?"], lang="zh-Hant")
    assert "regulation" in got[0]
