import json
import subprocess
import sys

import pytest

from retrieval.fusion import convex_fusion
from retrieval.stores import MemoryStore


def test_fusion_keeps_the_margin_of_a_one_sided_match() -> None:
    dense = [("a", 0.50), ("b", 0.48), ("c", 0.40)]
    keyword = [("d", 9.0), ("b", 2.0), ("c", 1.0)]
    fused = convex_fusion([dense, keyword], [0.5, 0.5])
    # d is missing from the dense list but far ahead in BM25; b, second in both, would win
    # reciprocal rank fusion; here it does not.
    assert [item for item, _ in fused] == ["a", "d", "b", "c"]
    assert dict(fused)["b"] == pytest.approx(0.5 * 0.8 + 0.5 * 0.125)
    assert dict(fused)["d"] == pytest.approx(0.5)
    assert convex_fusion([[("x", 3.0)], []], [0.7, 0.3]) == [("x", 0.7)]
    with pytest.raises(ValueError):
        convex_fusion([dense], [0.5, 0.5])


def test_hybrid_search_returns_cited_excerpts(hashing_index) -> None:
    excerpts = hashing_index.searcher().search("Gates Serdyukov Brussels meeting", k=3)
    assert len(excerpts) == 3
    assert excerpts[0].article_id == "004_bce709b2bb2c44e6"
    bodies = hashing_index.store.bodies([e.article_id for e in excerpts])  # repeats allowed
    for e in excerpts:
        assert bodies[e.article_id][e.start : e.end] == e.text
    assert [e.score for e in excerpts] == sorted((e.score for e in excerpts), reverse=True)


def test_memory_store_keeps_the_same_contract(hashing_index) -> None:
    store = MemoryStore()
    chroma = hashing_index.store
    passages = list(chroma.passages())
    vectors = hashing_index.embedder.embed([p.text for p in passages])
    store.add_passages(passages, vectors)
    query = hashing_index.embedder.embed(["Latakia air base fighter jets"])[0]
    mem = [p.id for p, _ in store.query(query, 3)]
    real = [p.id for p, _ in chroma.query(query, 3)]
    assert mem == real


def test_cli_search_json_contract(cli_env) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "search", "Latakia fighter jets", "-k", "2", "--json"],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    assert len(rows) == 2
    # The contract only grows: the original keys first, then the raw score parts and the url.
    assert all(
        list(r)[:7] == ["article_id", "title", "date", "text", "score", "start", "end"]
        and {"dense", "keyword", "url"} <= r.keys()
        for r in rows
    )
    assert rows[0]["article_id"] == "002_dead59048cb22baa"
    assert "Building the index" in run.stderr  # first use builds it, with a progress bar


def test_cli_ingest_reports_changes(cli_env, corpus) -> None:
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    cmd = [sys.executable, "-m", "bot.cli", "ingest", "--corpus", str(corpus)]
    first = subprocess.run(cmd, env=cli_env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "added 5" in first.stdout and "bad.txt: is binary, not text" in first.stdout
    (corpus / "002_dead59048cb22baa.txt").unlink()
    second = subprocess.run(cmd, env=cli_env, capture_output=True, text=True, timeout=120)
    assert "removed 1: 002_dead59048cb22baa" in second.stdout
    assert "unchanged 4" in second.stdout
