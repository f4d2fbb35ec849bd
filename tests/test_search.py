import json
import subprocess
import sys

import pytest

from retrieval.fusion import reciprocal_rank_fusion
from retrieval.stores import MemoryStore


def test_rrf_rewards_agreement_between_rankings() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["d", "b", "c"]], k=60)
    assert [item for item, _ in fused] == ["b", "c", "a", "d"]
    assert fused[0][1] == pytest.approx(2 / 62)
    assert fused[1][1] == pytest.approx(2 / 63)


def test_hybrid_search_returns_cited_excerpts(hashing_index) -> None:  # noqa: ANN001
    excerpts = hashing_index.searcher().search("Gates Serdyukov Brussels meeting", k=3)
    assert len(excerpts) == 3
    assert excerpts[0].article_id == "004_bce709b2bb2c44e6"
    bodies = hashing_index.store.bodies([e.article_id for e in excerpts])  # repeats allowed
    for e in excerpts:
        assert bodies[e.article_id][e.start : e.end] == e.text
    assert [e.score for e in excerpts] == sorted((e.score for e in excerpts), reverse=True)


def test_memory_store_keeps_the_same_contract(hashing_index) -> None:  # noqa: ANN001
    store = MemoryStore()
    chroma = hashing_index.store
    passages = list(chroma.passages())
    vectors = hashing_index.embedder.embed([p.text for p in passages])
    store.add_passages(passages, vectors)
    query = hashing_index.embedder.embed(["Latakia air base fighter jets"])[0]
    mem = [p.id for p, _ in store.query(query, 3)]
    real = [p.id for p, _ in chroma.query(query, 3)]
    assert mem == real


def test_cli_search_json_contract(cli_env) -> None:  # noqa: ANN001
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
    assert all(
        list(r) == ["article_id", "title", "date", "text", "score", "start", "end"] for r in rows
    )
    assert rows[0]["article_id"] == "002_dead59048cb22baa"
    assert "Building the index" in run.stderr  # first use builds it, with a progress bar


def test_cli_ingest_reports_changes(cli_env, corpus) -> None:  # noqa: ANN001
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    cmd = [sys.executable, "-m", "bot.cli", "ingest", "--corpus", str(corpus)]
    first = subprocess.run(cmd, env=cli_env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "added 5" in first.stdout and "bad.txt: is binary, not text" in first.stdout
    (corpus / "002_dead59048cb22baa.txt").unlink()
    second = subprocess.run(cmd, env=cli_env, capture_output=True, text=True, timeout=120)
    assert "removed 1: 002_dead59048cb22baa" in second.stdout
    assert "unchanged 4" in second.stdout
