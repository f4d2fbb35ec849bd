"""Cold-start contracts: what a first answer imports and loads, and that the shortcuts taken for
speed (BM25 search without bm25s, simplemma's decoded dictionary, the query model loaded in the
background) give exactly what the long way gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bm25s
import pytest

from bot.evaluation.questions import load_questions
from retrieval.keyword import (
    BM25S_STOPWORDS_EN,
    STOPWORDS,
    KeywordIndex,
    _stemmer,
    tokenize,
)
from retrieval.text import fold_accents
from tests.conftest import newsbot

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [q.question for q in load_questions(ROOT / "eval/questions/seeds.jsonl")[0]]

# What a cold `newsbot ask` must not pay for: the reference model (torch), the LLM and
# evaluation stacks, HTML reading, and what only building an index needs (bm25s and scipy, the
# sentence splitter).
NOT_ON_THE_ASK_PATH = (
    "torch",
    "sentence_transformers",
    "sklearn",
    "langchain_core",
    "langchain_openai",
    "trafilatura",
    "bm25s",
    "scipy",
    "pysbd",
    "chromadb",
)


def test_a_cold_ask_imports_nothing_it_does_not_need(cli_env, tmp_path: Path) -> None:
    assert newsbot(cli_env, "ingest").returncode == 0
    code = (
        "import json, sys; from bot.cli.commands import main; "
        "rc = main(['ask', 'Where did Milley meet Gerasimov?', '--json']); "
        f"print(json.dumps([rc, sorted(m for m in {NOT_ON_THE_ASK_PATH!r} if m in sys.modules)]))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], env=cli_env, cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    rc, imported = json.loads(run.stdout.strip().splitlines()[-1])
    assert rc == 0 and imported == []


def test_stopwords_copy_bm25s_english_list() -> None:
    assert list(BM25S_STOPWORDS_EN) == list(bm25s.stopwords.STOPWORDS_EN)


def test_tokenize_gives_what_bm25s_tokenize_gives(hashing_index) -> None:
    texts = [p.text for p in hashing_index.keyword.passages] + QUESTIONS + ["", "a b", "É-É 2x2"]
    expected = bm25s.tokenize(
        [fold_accents(t) for t in texts],
        stopwords=STOPWORDS,
        stemmer=_stemmer(),
        return_ids=False,
        show_progress=False,
    )
    assert tokenize(texts) == expected
    assert tokenize(["fiancée Hervé"]) == tokenize(["fiancee Herve"])


@pytest.mark.parametrize("k", [1, 5, 30, 10_000])
def test_search_ranks_and_scores_as_bm25s_retrieve(hashing_index, tmp_path: Path, k: int) -> None:
    """Built here, saved, loaded back: the same float scores as bm25s's own retrieve on the
    same saved index, and its ranking, with equal scores in document order."""
    built = KeywordIndex.build(hashing_index.keyword.passages)
    built.save(tmp_path / "kw", "v1")
    loaded = KeywordIndex.load(tmp_path / "kw", "v1")
    reference = bm25s.BM25.load(str(tmp_path / "kw" / "v1"), mmap=True, show_progress=False)
    every = len(loaded.passages)
    for question in [*QUESTIONS, "Milley Milley Milley", "zzyzx quux"]:
        tokens = tokenize([question])
        if not tokens[0]:
            continue
        docs, scores = reference.retrieve(tokens, k=every, show_progress=False, n_threads=0)
        ranked = sorted((-float(s), int(d)) for d, s in zip(docs[0], scores[0]) if s > 0)
        expected = [(loaded.passages[d], -s) for s, d in ranked[:k]]
        assert loaded.search(question, k) == expected
        assert built.search(question, k) == expected


def test_the_decoded_dictionary_cache_gives_simplemma_s_own_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import simplemma
    from simplemma.strategies.dictionaries import dictionary_factory as shipped

    from bot.answering import lemma_cache

    monkeypatch.setattr(lemma_cache, "cache_dir", lambda: tmp_path / "cache")
    decoded = shipped._load_dictionary_from_disk("en")
    factory = lemma_cache.CachedDictionaryFactory(
        shipped._load_dictionary_from_disk, shipped.DATA_FOLDER, "test"
    )
    assert factory.load("en") == decoded  # decoded, then written
    (written,) = (tmp_path / "cache").iterdir()
    assert factory.load("en") == decoded  # read back
    written.write_bytes(written.read_bytes()[:1000])  # cut short: decoded again
    assert factory.load("en") == decoded
    with pytest.raises(ValueError):
        factory.load("xx")  # simplemma's own error for a language it does not ship
    # The lemmatizer on the cache gives simplemma's own lemmas.
    words = "met meeting died children troops was better geese ran Russians".split()
    cached = lemma_cache.lemmatizer()
    assert [cached.lemmatize(w, lang="en") for w in words] == [
        simplemma.lemmatize(w, lang="en") for w in words
    ]


def test_the_flat_tables_give_lemminflect_s_own_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lemminflect
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

    from bot.answering import lemma_cache

    monkeypatch.setattr(lemma_cache, "cache_dir", lambda: tmp_path / "cache")
    for source, load in (
        (lemminflect.config.lemma_lu_fn, LemmaLUCodec.load),
        (lemminflect.config.inflection_lu_fn, InflectionLUCodec.load),
    ):
        own = load(source)
        built = lemma_cache.flat_table(Path(source), "test", load)  # loaded, then written
        assert dict(built) == own
        (written,) = (tmp_path / "cache").iterdir()
        assert dict(lemma_cache.flat_table(Path(source), "test", load)) == own  # read back
        written.write_bytes(written.read_bytes()[:1000])  # cut short: loaded again
        assert dict(lemma_cache.flat_table(Path(source), "test", load)) == own
        written.unlink()
    # the words the engine reads take lemminflect's own lemmas and forms through them
    lemma_cache.lemminflect_tables()
    assert lemminflect.getAllLemmas("met") == {"VERB": ("meet",)}
    assert lemminflect.getInflection("meet", tag="VBD") == ("met",)


def test_a_background_load_error_is_raised_where_the_model_is_taken(tmp_path: Path) -> None:
    from retrieval.onnx_export import (
        OPTIMISED_FILE,
        STAMP_FILE,
        TOKENIZER_FILE,
        load_exported,
        preload_exported,
        take_preloaded,
    )

    folder = tmp_path / "onnx"
    folder.mkdir()
    (folder / STAMP_FILE).write_text("{}")
    (folder / OPTIMISED_FILE).write_bytes(b"not a model")
    (folder / TOKENIZER_FILE).write_text("{}")
    with pytest.raises(Exception) as direct:
        load_exported(folder)
    preload_exported(folder)
    with pytest.raises(type(direct.value)) as taken:
        take_preloaded(folder)
    assert str(taken.value) == str(direct.value)
    assert take_preloaded(folder) is None  # taken once; nothing left running
