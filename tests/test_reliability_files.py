"""Bad and hostile files in the corpus folder: links, loops, subfolders, huge files, a line
without punctuation, an empty or vanished folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from retrieval.index import build_index, open_store
from retrieval.ingest import ingest
from retrieval.integrity import WouldEmptyIndex
from retrieval.loader import article_files, load_corpus
from retrieval.sentences import split_sentences
from retrieval.settings import RetrievalSettings
from tests.conftest import SEEDS, hashing_settings, skip_reasons
from tests.reliability_helpers import cli

SECRET = "The vault password is swordfish-0451."


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The seeds, plus a link to a file outside the folder, a link loop, a link to a folder,
    a subfolder holding an article, and a FIFO."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    outside = tmp_path / "secret.txt"
    outside.write_text(f"Secrets\n\n{SECRET}\n")
    (corpus / "leak.txt").symlink_to(outside)
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "up").symlink_to(tmp_path)
    (corpus / "nested").mkdir()
    (corpus / "nested" / "inner.txt").write_text(f"Inner\n\n{SECRET}\n")
    os.mkfifo(corpus / "pipe.txt")
    return corpus


def test_links_loops_subfolders_and_special_files_are_listed_never_read(hostile: Path) -> None:
    result = load_corpus(hostile)
    reasons = skip_reasons(result.skipped)
    assert reasons == {
        "leak.txt": "is a symbolic link; links are not followed",
        "loop.txt": "is a symbolic link; links are not followed",
        "up": "is a symbolic link; links are not followed",
        "nested": "is a folder; subfolders are not read",
        "pipe.txt": "is not a regular file",
    }
    assert len(result.articles) == 5
    assert all(SECRET not in a.body for a in result.articles)
    assert [p.name for p in article_files(hostile)] == sorted(p.name for p in SEEDS.iterdir())


def test_ingest_report_lists_them_and_the_outside_file_never_becomes_an_answer(
    hostile: Path, tmp_path: Path
) -> None:
    report, index = build_index(hashing_settings(tmp_path / "index", hostile))
    assert {s.name for s in report.skipped} == {"leak.txt", "loop.txt", "up", "nested", "pipe.txt"}
    assert sorted(report.added) == sorted(p.stem for p in SEEDS.iterdir())
    hits = index.searcher().search("vault password swordfish", k=20)
    assert all(SECRET not in e.text for e in hits)


def test_oversized_file_is_skipped_with_its_size_and_the_rest_of_the_batch_commits(
    corpus: Path, tmp_path: Path
) -> None:
    (corpus / "huge.txt").write_bytes(b"Huge\n\n" + b"word " * 600_000)  # 3 MB
    settings = RetrievalSettings(
        corpus_dir=corpus, index_dir=tmp_path / "index", embedder="hashing"
    )
    report, index = build_index(settings)
    reasons = skip_reasons(report.skipped)
    assert reasons["huge.txt"].startswith("is 3,000,006 bytes, over the 2,000,000-byte limit")
    assert len(report.added) == 5 and set(index.records) == {p.stem for p in SEEDS.iterdir()}


def test_a_long_line_without_punctuation_is_cut_into_bounded_sentences() -> None:
    body = "Title line.\n\n" + " ".join(f"w{i}" for i in range(40_000))  # ~230k characters
    spans = split_sentences(body, max_chars=2000)
    assert max(len(s.text) for s in spans) <= 2000
    assert all(body[s.start : s.end] == s.text for s in spans)
    assert spans[0].text == "Title line." and len(spans) > 100


def test_a_long_line_article_is_ingested_in_bounded_passages(corpus: Path, tmp_path: Path) -> None:
    (corpus / "rant.txt").write_text("Rant\n\n" + "blah " * 40_000)  # 200k, no punctuation
    settings = hashing_settings(tmp_path / "index", corpus)
    report, index = build_index(settings)
    assert "rant" in report.added
    longest = max(len(p.text) for p in index.store.passages() if p.article_id == "rant")
    assert longest <= settings.max_sentence_chars


def test_an_empty_corpus_folder_does_not_withdraw_the_index_unless_asked(
    corpus: Path, tmp_path: Path
) -> None:
    settings = hashing_settings(tmp_path / "index", corpus)
    build_index(settings)
    for path in corpus.iterdir():
        path.unlink()
    store = open_store(settings)
    with pytest.raises(WouldEmptyIndex, match="--allow-empty"):
        ingest(corpus, store, None, settings)  # type: ignore[arg-type] - nothing to embed
    assert len(store.articles()) == 5
    report = ingest(corpus, store, None, settings, allow_empty=True)  # type: ignore[arg-type]
    assert len(report.removed) == 5 and store.articles() == {}


@pytest.mark.slow
def test_cli_refuses_an_empty_or_vanished_corpus_folder_in_one_line(
    corpus: Path, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    env = {**cli_env, "NEWSBOT_CORPUS": str(corpus)}
    assert cli("ingest", env=env).returncode == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    done = cli("ingest", "--corpus", str(empty), env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("error: the corpus folder") and "--allow-empty" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    done = cli("ingest", "--corpus", str(tmp_path / "unmounted"), env=env)
    assert done.returncode == 2 and "corpus folder not found" in done.stderr
    assert "5 articles unchanged" in cli("ingest", env=env).stdout  # nothing was withdrawn
    done = cli("ingest", "--corpus", str(empty), "--allow-empty", env=env)
    assert done.returncode == 0 and "removed 5" in done.stdout
