"""The command line as a person meets it: help, version, errors, JSON contracts, dates, the
index location and output to a pipe. Each runs ``python -m bot.cli`` in a subprocess."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from bot.answering.factory import build_pipeline
from bot.cli.commands import parser
from retrieval.dates import DateWindow, question_window
from retrieval.index import build_index
from tests.conftest import SEEDS, hashing_settings, newsbot, settings_for


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The hashing-embedder environment on an index of the seeds built once for the module."""
    index_dir = tmp_path_factory.mktemp("cli-index")
    build_index(hashing_settings(index_dir))
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    return {
        **base,
        "NEWSBOT_EMBEDDER": "hashing",
        "NEWSBOT_INDEX_DIR": str(index_dir),
        "ANONYMIZED_TELEMETRY": "False",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }


def one_error_line(run: subprocess.CompletedProcess, *words: str) -> None:
    assert run.returncode != 0
    assert "Traceback" not in run.stderr + run.stdout
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_bare_command_prints_help_and_version_is_known(env: dict) -> None:
    bare = newsbot(env)
    assert bare.returncode == 0 and "usage: newsbot" in bare.stdout
    for command in ("ingest", "articles", "search", "ask", "chat", "eval"):
        assert command in bare.stdout
    shown = newsbot(env, "--version")
    assert shown.returncode == 0 and re.fullmatch(r"newsbot \d+\.\d+\.\d+\S*\n", shown.stdout)


def test_every_argument_has_a_description() -> None:
    def undocumented(p: argparse.ArgumentParser, where: str) -> list[str]:
        missing = []
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    if name != "eval":  # the evaluation's options are documented by its owner
                        missing += undocumented(sub, f"{where} {name}")
            elif not action.help:
                missing.append(f"{where} {'/'.join(action.option_strings) or action.dest}")
        return missing

    assert undocumented(parser(), "newsbot") == []


def test_person_caused_errors_are_one_line_without_traceback(env: dict, tmp_path: Path) -> None:
    missing = newsbot(
        {**env, "NEWSBOT_INDEX_DIR": str(tmp_path / "i")},
        "ingest",
        "--corpus",
        str(tmp_path / "nope"),
    )
    one_error_line(missing, "corpus folder not found", "nope")
    # asking with no index and no corpus: the same line, not a traceback from ingest
    asked = newsbot(
        {
            **env,
            "NEWSBOT_CORPUS": str(tmp_path / "nope"),
            "NEWSBOT_INDEX_DIR": str(tmp_path / "i2"),
        },
        "ask",
        "Who?",
    )
    one_error_line(asked, "corpus folder not found")

    questions = newsbot(env, "eval", str(tmp_path / "missing.jsonl"))
    one_error_line(questions, "question file not found", "missing.jsonl")

    not_a_folder = tmp_path / "index-file"
    not_a_folder.write_text("this is not an index")
    unreadable = newsbot({**env, "NEWSBOT_INDEX_DIR": str(not_a_folder)}, "search", "Gates")
    one_error_line(unreadable, "cannot open the index", str(not_a_folder))

    server = newsbot({**env, "NEWSBOT_CHROMA_URL": "http://127.0.0.1:9"}, "search", "Gates")
    one_error_line(server, "cannot reach the Chroma server", "127.0.0.1:9")

    bad_date = newsbot(env, "search", "Gates", "--since", "last week")
    one_error_line(bad_date, "--since", "YYYY-MM-DD")


@pytest.mark.slow  # the OpenAI client retries a refused connection with back-off
def test_unreachable_model_backend_answers_with_a_notice(env: dict) -> None:
    run = newsbot(
        {
            **env,
            "NEWSBOT_GENERATOR": "openai",
            "NEWSBOT_OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
            "OPENAI_API_KEY": "test-key",
            "NEWSBOT_LLM_MODEL": "fake",
            "NEWSBOT_LLM_TIMEOUT": "5",
        },
        "ask",
        "Where did Gates meet Serdyukov?",
        "--json",
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr
    answer = json.loads(run.stdout)
    assert answer["generator"] == "extractive" and "openai failed" in answer["notice"]
    assert answer["citations"] and not answer["abstained"]


def test_ask_json_keeps_its_keys_and_adds_notice_generator_and_url(env: dict) -> None:
    answer = json.loads(newsbot(env, "ask", "Where did Gates meet Serdyukov?", "--json").stdout)
    assert list(answer)[:5] == ["question", "answer", "abstained", "citations", "timings_ms"]
    assert answer["notice"] is None and answer["generator"] == "extractive"
    cited = answer["citations"][0]
    assert list(cited)[:6] == ["n", "article_id", "title", "date", "quote", "url"]


@pytest.mark.parametrize("question", ["   ", "x" * 501])
def test_ask_json_reports_a_bad_question_as_json(env: dict, question: str) -> None:
    run = newsbot(env, "ask", question, "--json")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    reply = json.loads(run.stdout)
    assert reply["question"] == question and reply["error"]


def test_search_says_when_nothing_matches_and_shows_raw_score_parts(env: dict) -> None:
    nothing = newsbot(env, "search", "xyzzy plugh")
    assert nothing.returncode == 0 and "No passage matches that query." in nothing.stdout
    too_long = newsbot(env, "search", "Gates " * 100)
    one_error_line(too_long, "keep it under 500")


def test_unrelated_queries_match_nothing_and_excerpts_keep_raw_parts(hashing_index) -> None:
    searcher = hashing_index.searcher()
    assert searcher.search("xyzzy plugh") == []
    rows = [e.to_json() for e in searcher.search("Latakia fighter jets")]
    assert rows and all(isinstance(r["dense"], float) for r in rows)
    assert rows[0]["keyword"] > 0 and rows[0]["score"] == 1.0


def test_dates_given_on_the_command_line_restrict_search_and_answers(env: dict) -> None:
    rows = json.loads(
        newsbot(
            env, "search", "missile defense", "--since", "2013", "--until", "2013-12", "--json"
        ).stdout
    )
    assert rows and {r["date"] for r in rows} == {"2013-03-07"}
    bounded = json.loads(
        newsbot(
            env, "ask", "Where did the defense chiefs meet?", "--until", "2008", "--json"
        ).stdout
    )
    assert bounded["citations"] and {c["date"] for c in bounded["citations"]} == {"2007-06-15"}


def test_dates_named_in_a_question_narrow_the_excerpts(hashing_index) -> None:
    pipeline = build_pipeline(settings_for(hashing_index), index=hashing_index)

    def dates(question: str, **window: str) -> set:
        answer = pipeline.answer(question, window=DateWindow(**window))
        return {c.date for c in answer.citations}

    assert pipeline.searcher.search("missile defense", window=DateWindow(until="2000-12-31")) == []
    # Without a date the meeting of 2007 is not the answer; "in June 2007" makes it the only one.
    assert dates("Where did the defense chiefs meet?") != {"2007-06-15"}
    assert dates("Where did the defense chiefs meet in June 2007?") == {"2007-06-15"}
    # A year no article is dated in is the time of the event, not of the article: still answered
    assert dates(
        "What happened in 2014 to US military ties with Russia and to the Manas transit center?"
    )
    # Two years named: either year's articles may answer, so both are searched.
    assert dates(
        "Which Russian general was the counterpart of Martin Dempsey in 2013 and of Mark Milley "
        "in 2021?"
    ) == {"2013-03-07", "2021-09-22"}
    # One year named for one part: the other part's name is in no article of that year, so the
    # rest are searched after them.
    assert dates(
        "Which Russian general invited Martin Dempsey to Moscow in 2013 and later met Mark "
        "Milley in Helsinki?"
    ) == {"2013-03-07", "2021-09-22"}
    # "from ... until": a range
    assert question_window("What changed from 2013 until 2021?") == DateWindow(
        "2013-01-01", "2021-12-31"
    )
    # "the latest": only the newest of the articles the search finds
    question = "What is the latest on missile defense talks?"
    newest = max(e.date for e in pipeline.searcher.search(question) if e.date)
    assert dates(question) == {newest}


def test_articles_lists_what_is_indexed(env: dict) -> None:
    listed = json.loads(newsbot(env, "articles", "--json").stdout)
    assert [a["id"] for a in listed] == sorted(p.stem for p in SEEDS.iterdir())
    first = listed[0]
    assert list(first) == ["id", "date", "title", "title_derived", "passages", "source", "url"]
    assert first["source"] == "000_5302a115a2186422.txt" and first["passages"] > 0
    text = newsbot(env, "articles").stdout
    assert "U.S., Russian Defense Chiefs Meet, Avoid Missile Issue" in text and "undated" in text


def test_piped_output_is_not_wrapped_and_has_no_trailing_spaces(env: dict) -> None:
    run = newsbot({**env, "COLUMNS": "40"}, "ask", "Where did Gates meet Serdyukov?", "--quotes")
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) > 40  # the answer stays on one line
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b[" not in run.stdout + run.stderr


def test_ingest_reports_up_to_date_and_undated(tmp_path: Path, env: dict, corpus: Path) -> None:
    here = {**env, "NEWSBOT_INDEX_DIR": str(tmp_path / "index")}
    first = newsbot(here, "ingest", "--corpus", str(corpus))
    assert "added 5" in first.stdout and "undated 1:" in first.stdout
    assert "DEBUG" not in first.stderr  # no library chatter without -vv
    assert "002_dead59048cb22baa.txt (002_dead59048cb22baa): no date found" in first.stdout
    again = newsbot(here, "ingest", "--corpus", str(corpus))
    assert again.returncode == 0 and "up to date: 5 articles unchanged" in again.stdout
    assert "added" not in again.stdout and "Embedding" not in again.stderr


@pytest.mark.slow  # builds an index twice over
def test_the_index_does_not_depend_on_the_working_directory(
    tmp_path: Path, env: dict, corpus: Path
) -> None:
    data = tmp_path / "data"
    here = {k: v for k, v in env.items() if k != "NEWSBOT_INDEX_DIR"}
    here.update(XDG_DATA_HOME=str(data), NEWSBOT_CORPUS=str(corpus))
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    built = newsbot(here, "ask", "Where did Gates meet Serdyukov?", cwd=one)
    assert built.returncode == 0 and "Building the index" in built.stderr
    again = newsbot(here, "ask", "Where did Gates meet Serdyukov?", cwd=two)
    assert again.returncode == 0 and "Building the index" not in again.stderr
    assert again.stdout == built.stdout
    indexes = list((data / "newsbot" / "indexes").iterdir())
    assert len(indexes) == 1 and indexes[0].name.startswith("corpus-")
    assert not list(one.iterdir()) and not list(two.iterdir())  # nothing left in either folder
