import pytest


@pytest.fixture(scope="session")
def analyzer(tmp_path_factory):
    pytest.importorskip("jieba")
    pytest.importorskip("opencc")
    pytest.importorskip("spacy")
    from callnlp.analyzer import Analyzer

    return Analyzer(cache_dir=tmp_path_factory.mktemp("callnlp-cache"))


@pytest.fixture(scope="session")
def shared_dir():
    import os
    from pathlib import Path

    d = Path(os.environ.get("CALLNLP_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
    if not d.is_dir():
        pytest.skip("../shared not present")
    return d
