import pytest


@pytest.fixture(scope="session")
def analyzer(tmp_path_factory):
    pytest.importorskip("jieba")
    pytest.importorskip("opencc")
    pytest.importorskip("spacy")
    from callnlp.analyzer import Analyzer

    return Analyzer(cache_dir=tmp_path_factory.mktemp("callnlp-cache"))
