"""The answer reader: how the extractive generator uses it (with the scripted double), how it is
switched on, and the fitted reader itself (slow: exports the real model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.answering.factory import make_reader
from bot.answering.generators.extractive import ExtractiveGenerator
from bot.answering.pipeline import AnswerPipeline
from bot.answering.reader import (
    ADAPTER,
    OPTIMISED_FILE,
    SETTINGS,
    ScriptedReader,
    load_reader,
    passage,
    preload_reader,
    shared_reader,
)
from bot.config import ConfigError, Settings
from retrieval.index import build_index
from tests.conftest import hashing_settings
from tests.test_answerability import ALWAYS

STORY = (
    "Navy ships cross into the Mediterranean\n\ndate 2021-12-20\n\n"
    "Three Russian Navy amphibious assault ships crossed through the Bosphorus Strait from the "
    "Black Sea to the Mediterranean Sea in recent days.\n"
)
QUESTION = "Through which strait did three Russian ships cross to the Mediterranean?"


def pipeline_with(tmp_path: Path, reader: ScriptedReader | None) -> AnswerPipeline:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ships.txt").write_text(STORY, "utf-8")
    _, index = build_index(hashing_settings(tmp_path / "idx", corpus))
    generator = ExtractiveGenerator(index.store, model=ALWAYS, reader=reader)
    return AnswerPipeline(index.searcher(), index.store, generator, generator)


def test_an_answer_the_reader_doubts_is_declined(tmp_path: Path) -> None:
    reader = ScriptedReader({QUESTION: 0.2}, threshold=0.5)
    answer = pipeline_with(tmp_path, reader).answer(QUESTION)
    assert answer.abstained and not answer.citations
    assert reader.read and reader.read[0][0] == QUESTION


def test_an_answer_the_reader_accepts_is_given(tmp_path: Path) -> None:
    reader = ScriptedReader({QUESTION: 0.8}, threshold=0.5)
    answer = pipeline_with(tmp_path, reader).answer(QUESTION)
    assert not answer.abstained and "Bosphorus Strait" in answer.text


def test_the_reader_reads_the_title_with_the_cited_sentences(tmp_path: Path) -> None:
    reader = ScriptedReader()
    pipeline_with(tmp_path, reader).answer(QUESTION)
    (_, read), *_ = reader.read
    assert read.startswith("Navy ships cross into the Mediterranean. Three Russian Navy")


def test_a_question_a_rule_declines_is_never_read(tmp_path: Path) -> None:
    reader = ScriptedReader()
    # 2019: a year the article never gives, declined by rule before the reader is asked
    assert (
        pipeline_with(tmp_path, reader)
        .answer("Through which strait did the ships cross in 2019?")
        .abstained
    )
    assert reader.read == []


def test_a_passage_without_a_title_is_the_sentences() -> None:
    assert passage("", ["One.", "Two."]) == "One. Two."
    assert passage("Title", ["One."]) == "Title. One."


def test_the_reader_is_off_unless_the_environment_switches_it_on() -> None:
    assert not Settings.from_env({}).reader
    assert Settings.from_env({"NEWSBOT_READER": "on"}).reader
    with pytest.raises(ConfigError, match="NEWSBOT_READER"):
        Settings.from_env({"NEWSBOT_READER": "maybe"})


def test_no_reader_for_the_hashing_double_or_when_switched_off(tmp_path: Path) -> None:
    settings = Settings(reader=True, reader_dir=tmp_path)
    assert make_reader(settings, "hashing") is None
    assert make_reader(Settings(reader=False, reader_dir=tmp_path), "minilm") is None
    assert not any(tmp_path.iterdir())  # nothing exported for either


def test_no_fitted_adapter_means_no_reader(tmp_path: Path) -> None:
    assert load_reader(tmp_path / "cache", adapter=tmp_path / "missing.safetensors") is None


@pytest.mark.slow
def test_the_fitted_reader_tells_an_answer_from_a_near_miss(tmp_path: Path) -> None:
    reader = load_reader(tmp_path)
    assert reader is not None
    title, body = STORY.split("\n\ndate 2021-12-20\n\n")
    said = passage(title, [body.strip()])
    right = reader.probability(QUESTION, said)
    near_miss = reader.probability(
        "Through which strait did three Russian submarines cross to the Mediterranean?", said
    )
    assert right >= reader.threshold and near_miss < right / 2


@pytest.mark.slow
def test_a_damaged_export_is_made_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    first = load_reader(tmp_path)
    assert first is not None
    (export,) = tmp_path.iterdir()
    model = export / OPTIMISED_FILE
    model.write_bytes(model.read_bytes()[:1000])  # a truncated copy
    again = load_reader(tmp_path)
    assert again is not None and "damaged" in caplog.text
    assert again.probability(QUESTION, "x") == pytest.approx(first.probability(QUESTION, "x"))
    shutil.rmtree(export)


@pytest.mark.slow
def test_a_preloaded_reader_is_the_one_the_pipeline_takes(tmp_path: Path) -> None:
    exported = load_reader(tmp_path)  # made once, as a first run would
    assert exported is not None
    preload_reader(tmp_path)
    taken = shared_reader(tmp_path)
    assert taken is not None and taken is not exported  # loaded again, in the background
    assert shared_reader(tmp_path) is taken  # once per process
    assert taken.probability(QUESTION, "x") == pytest.approx(exported.probability(QUESTION, "x"))


def test_the_fitted_reader_ships_with_its_settings() -> None:
    assert ADAPTER.is_file() and SETTINGS.is_file()
    assert 0 < json.loads(SETTINGS.read_text())["threshold"] < 1
