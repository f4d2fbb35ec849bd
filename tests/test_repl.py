"""The REPL driven as a person would: piped input, and a pseudo-terminal with a streaming
backend (the real langchain-openai client against the fake server)."""

import subprocess
import sys

import pytest

from bot.answering.factory import build_pipeline
from tests.conftest import settings_for
from tests.fake_openai import FakeOpenAI
from tests.terminal import Terminal, screen

CALL = "How long was the phone call between Carter and Shoigu?"


def chat(cli_env: dict, typed: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat"],
        input="\n".join(typed) + "\n",
        env={**cli_env, "COLUMNS": "200", **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_question_follow_up_sources_and_quit(cli_env) -> None:
    run = chat(
        cli_env,
        [
            "Where did Gates meet Serdyukov?",
            "When was that?",
            "/sources",
            "",
            "Who won the 1966 World Cup?",
            "/sources",
            "/bogus",
            "x" * 600,
            "/quit",
            "Never reached?",
        ],
    )
    out = run.stdout
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in out + run.stderr
    assert "Sources" in out and "U.S., Russian Defense Chiefs Meet, Avoid Missile Issue" in out
    # the follow-up carried the first question's terms into retrieval
    assert "(searched for: When was that? (Gates meet Serdyukov))" in out
    assert "“" in out  # /sources prints the quotes
    assert "The articles I have do not answer that." in out
    assert "The last answer cites no source" in out
    assert "Unknown command '/bogus'" in out
    assert "keep it under 500" in out


def test_sources_one_entry_per_article_with_its_quotes_and_no_answer(cli_env) -> None:
    run = chat(cli_env, ["Where did Gates meet Serdyukov?", "/sources"])
    assert run.returncode == 0, run.stderr
    answer_part, sources_part = run.stdout.split("Sources", 1)[1].rsplit("Sources", 1)
    answer = run.stdout.split("\n")[1]  # the line after the greeting
    # /sources: the quotes, under one entry per article, and not the answer again
    assert answer not in sources_part
    entries = [line for line in sources_part.splitlines() if line.startswith("[")]
    titles = [line.split("] ", 1)[1].split(" (")[0] for line in entries]
    assert len(titles) == len(set(titles)) >= 1
    quotes = [line for line in sources_part.splitlines() if "“" in line]
    assert quotes and all(line.startswith("    [") for line in quotes)


def test_after_reset_a_follow_up_asks_what_it_refers_to(cli_env) -> None:
    run = chat(cli_env, ["Where did Gates meet Serdyukov?", "/reset", "When was that?"])
    assert run.returncode == 0, run.stderr
    after = run.stdout.split("Conversation cleared.", 1)[1]
    assert "What does 'that' refer to?" in after
    assert "do not answer" not in after


def test_end_of_input_leaves_cleanly(cli_env) -> None:
    run = chat(cli_env, [])
    assert run.returncode == 0 and "Traceback" not in run.stderr


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake


def llm_env(cli_env: dict, server: FakeOpenAI) -> dict:
    return {
        **cli_env,
        "NEWSBOT_GENERATOR": "openai",
        "NEWSBOT_LLM_MODEL": "fake-model",
        "NEWSBOT_OPENAI_BASE_URL": server.url,
        "OPENAI_API_KEY": "test-key",
    }


def draft_citing(hashing_index, server) -> str:
    """A model draft citing the Carter-Shoigu article by the number the model sees, plus an
    invented [9] that the citation check removes."""
    pipeline = build_pipeline(settings_for(hashing_index), index=hashing_index)
    excerpts = pipeline.searcher.search(CALL)
    n = next(n for n, e in enumerate(excerpts, start=1) if "50-minute" in e.text)
    return f"The phone call between Carter and Shoigu lasted 50 minutes [{n}][9]."


CHECKED = "The phone call between Carter and Shoigu lasted 50 minutes. [1]"


def test_streamed_draft_is_replaced_by_the_checked_answer(cli_env, hashing_index, server) -> None:
    server.replies.append((200, draft_citing(hashing_index, server)))
    term = Terminal(["chat"], llm_env(cli_env, server))
    term.expect("you> ")
    mark = term.send(CALL)
    term.expect("you> ", since=mark)
    asked = term.text[mark:]
    mark = term.send("/sources")
    term.expect("you> ", since=mark)
    sources = term.text[mark:]
    mark = term.send("/reset")
    term.expect("you> ", since=mark)
    mark = term.send("When was that?")
    term.expect("you> ", since=mark)
    reset = term.text[mark:]
    term.send("/quit")
    assert term.wait() == 0

    assert "Searching the articles" in asked  # the spinner ran while the first token was awaited
    assert "[9]" in asked  # the draft was streamed to the screen...
    shown = "\n".join(screen(asked))
    assert "[9]" not in shown and "Searching the articles" not in shown  # ...and then replaced
    assert shown.count("lasted 50 minutes") == 1 and CHECKED in shown
    assert "\x1b[" in asked  # colour on a terminal
    # /sources lists the quote, not the answer again
    assert "50-minute phone call" in sources and "lasted 50 minutes" not in sources
    assert "What does 'that' refer to?" in reset
    assert len(server.requests) == 1  # the unclear follow-up never reached the model


def test_piped_chat_with_a_streaming_backend_prints_only_the_checked_answer(
    cli_env,
    hashing_index,
    server,
) -> None:
    server.replies.append((200, draft_citing(hashing_index, server)))
    run = chat(llm_env(cli_env, server), [CALL])
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("lasted 50 minutes") == 1 and CHECKED in run.stdout
    assert "[9]" not in run.stdout and "\x1b[" not in run.stdout


def test_a_draft_that_fails_the_check_leaves_only_the_fallback_on_screen(cli_env, server) -> None:
    server.replies.append((200, "It was a long call, everyone agrees [9]."))
    term = Terminal(["chat"], llm_env(cli_env, server))
    term.expect("you> ")
    mark = term.send(CALL)
    term.expect("you> ", since=mark)
    asked = term.text[mark:]
    term.send("/quit")
    assert term.wait() == 0
    assert "everyone agrees" in asked  # streamed while it was written
    shown = "\n".join(screen(asked))
    assert "everyone agrees" not in shown and "[9]" not in shown
    assert "note: openai gave no answer with a valid citation" in shown
    assert "50-minute phone call" in shown  # the extractive answer
