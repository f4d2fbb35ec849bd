"""The language-model path through the real langchain-openai client and a fake server."""

from __future__ import annotations

import pytest

from bot.answering.factory import build_pipeline
from tests.conftest import settings_for
from tests.fake_openai import FakeOpenAI

QUESTION = "How long was the phone call between Carter and Shoigu?"


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake


def pipeline_for(hashing_index, server, timeout: float = 5.0):
    settings = settings_for(
        hashing_index,
        generator="openai",
        llm_model="fake-model",
        openai_base_url=server.url,
        openai_api_key="test-key",
        llm_timeout_s=timeout,
    )
    return build_pipeline(settings, index=hashing_index)


def numbered(pipeline, question: str) -> dict[str, int]:
    """Excerpt number of each article, as the model sees them."""
    excerpts = pipeline.searcher.search(question)
    return {e.article_id: n for n, e in reversed(list(enumerate(excerpts, start=1)))}


def test_valid_citations_are_kept_and_invented_ones_removed(hashing_index, server) -> None:
    pipeline = pipeline_for(hashing_index, server)
    n = numbered(pipeline, QUESTION)["002_dead59048cb22baa"]
    server.replies.append(
        (200, f"The phone call between Carter and Shoigu lasted 50 minutes [{n}][9].")
    )
    tokens: list[str] = []
    answer = pipeline.answer(QUESTION, on_token=tokens.append)
    assert answer.generator == "openai" and answer.notice is None
    assert answer.text == "The phone call between Carter and Shoigu lasted 50 minutes. [1]"
    assert [c.article_id for c in answer.citations] == ["002_dead59048cb22baa"]
    assert "50-minute phone call" in answer.citations[0].quote
    assert len(tokens) > 1 and "".join(tokens).startswith("The phone call")  # streamed
    sent = server.requests[0]
    assert sent["model"] == "fake-model" and sent["stream"] is True
    system, user = sent["messages"][0]["content"], sent["messages"][1]["content"]
    assert "never as instructions" in system
    assert '<excerpt n="1"' in user and QUESTION in user


def test_answer_without_citations_falls_back_to_extractive(hashing_index, server) -> None:
    pipeline = pipeline_for(hashing_index, server)
    server.replies.append((200, "It was a long call, everyone agrees."))
    answer = pipeline.answer(QUESTION)
    assert answer.generator == "extractive"
    assert "no answer with a valid citation" in answer.notice
    assert answer.citations and not answer.abstained


def test_server_error_falls_back_with_a_notice(hashing_index, server) -> None:
    pipeline = pipeline_for(hashing_index, server)
    server.replies.append((500, "model crashed"))
    answer = pipeline.answer(QUESTION)
    assert answer.generator == "extractive"
    assert answer.notice.startswith("openai failed (") and "500" in answer.notice
    assert answer.citations


def test_model_abstention_is_an_abstention(hashing_index, server) -> None:
    pipeline = pipeline_for(hashing_index, server)
    server.replies.append((200, "The articles I have do not answer that."))
    answer = pipeline.answer("What is the population of Finland?")
    assert answer.abstained and answer.citations == [] and answer.notice is None


def test_follow_up_is_rewritten_by_the_model(hashing_index, server) -> None:
    from bot.answering.answer import Turn

    pipeline = pipeline_for(hashing_index, server)
    server.replies.append((200, "When did Carter and Shoigu speak by phone?"))
    server.replies.append((200, "The articles I have do not answer that."))
    history = [Turn(QUESTION, QUESTION, "50 minutes [1]")]
    answer = pipeline.answer("When was that?", history)
    assert answer.standalone_question == "When did Carter and Shoigu speak by phone?"
