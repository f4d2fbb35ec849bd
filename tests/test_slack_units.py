"""Block Kit rendering, the SQLite state, thread history and the live index, each on its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.answering.answer import ABSTAIN_TEXT, Answer, Citation, Turn
from bot.answering.factory import build_pipeline
from bot.answering.pipeline import AnswerPipeline
from bot.slack.app import CommandRequest, parse_command
from bot.slack.blocks import MAX_BLOCKS, TEXT_LIMIT, render_answer, split_text
from bot.slack.history import ANSWER_EVENT, turns_from
from bot.slack.live import LivePipeline
from bot.slack.state import PRUNE_EVERY, SlackState
from retrieval.index import Index, build_index, open_index
from tests.conftest import SEEDS, hashing_settings, settings_for


def cite(n: int, quote: str = "Milley met Gerasimov in Helsinki.") -> Citation:
    return Citation(n, f"art{n}", f"Title <{n}> & more", "2021-09-22", quote)


def all_texts(blocks: list[dict]) -> list[str]:
    out = []
    for b in blocks:
        if "text" in b:
            out.append(b["text"]["text"])
        out += [e["text"] for e in b.get("elements", []) if isinstance(e.get("text"), str)]
    return out


def test_answer_renders_markers_sources_fallback_and_buttons() -> None:
    answer = Answer("Where?", "They met in Helsinki. [1]", [cite(1)], abstained=False)
    message = render_answer(answer, "a1")
    texts = all_texts(message.blocks)
    assert texts[0] == "They met in Helsinki. [1]"
    source = next(t for t in texts if "art1" in t)
    # Escaped for mrkdwn; number, title, date, id and quote all shown.
    assert source.startswith("*[1]* *Title &lt;1&gt; &amp; more* · 2021-09-22 · `art1`")
    assert source.endswith(">Milley met Gerasimov in Helsinki.")
    assert "Helsinki" in message.text and "[1] Title <1> & more" in message.text
    assert message.blocks[-1]["type"] == "actions"
    linked = Citation(2, "a2", "Talks", None, "They talked.", url="https://example.com/a2")
    shown = all_texts(render_answer(Answer("Q?", "T. [2]", [linked], False), "a").blocks)
    assert any(t.startswith("*[2]* <https://example.com/a2|Talks> · `a2`") for t in shown)


def test_abstention_says_so_plainly_without_sources() -> None:
    answer = Answer("Who won?", ABSTAIN_TEXT, [], abstained=True)
    message = render_answer(answer, "a2")
    assert all_texts(message.blocks)[0] == ABSTAIN_TEXT and message.text == ABSTAIN_TEXT
    assert not any(b["type"] == "divider" for b in message.blocks)


@pytest.mark.parametrize("size", [2999, 3001, 9000, 200_000])
def test_any_length_fits_slacks_limits(size: int) -> None:
    words = ("Milley met Gerasimov & Serdyukov <in> Helsinki. " * (size // 40 + 1))[:size]
    citations = [cite(n, "quote " * 1000) for n in range(1, 80)]
    message = render_answer(Answer("Q?", words, citations, abstained=False), "a3")
    assert len(message.blocks) <= MAX_BLOCKS
    assert all(len(t) <= TEXT_LIMIT for t in all_texts(message.blocks))
    assert message.blocks[-1]["type"] == "actions" and len(message.text) <= 4000
    if size <= 9000:  # split, nothing lost
        body = "".join(all_texts(message.blocks)).replace(" ", "")
        escaped = words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.replace(" ", "") in body


def test_split_text_cuts_at_sentence_ends() -> None:
    text = "First sentence here. " * 300
    pieces = split_text(text, 1000)
    assert all(len(p) <= 1000 and p.endswith(".") for p in pieces)
    assert " ".join(pieces) == text.strip()


def test_seen_ids_expire_and_survive_a_reopen(tmp_path: Path) -> None:
    now = [1000.0]
    state = SlackState(tmp_path / "s.sqlite3", seen_ttl_s=60, clock=lambda: now[0])
    assert state.claim("event:E1") and not state.claim("event:E1")
    state.close()
    state = SlackState(tmp_path / "s.sqlite3", seen_ttl_s=60, clock=lambda: now[0])
    assert not state.claim("event:E1")
    now[0] += 61
    assert state.claim("event:E1")


def test_one_claim_wins_among_threads(tmp_path: Path) -> None:
    state = SlackState(tmp_path / "s.sqlite3")
    wins = []
    threads = [threading.Thread(target=lambda: wins.append(state.claim("k"))) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 15 + [True]


def test_thread_history_pairs_questions_with_answers() -> None:
    messages = [
        {"user": "U1", "text": "<@UBOT> Where did Milley meet Gerasimov?", "ts": "1.000001"},
        {
            "user": "UBOT",
            "bot_id": "B1",
            "text": "In Helsinki. [1]",
            "ts": "1.000002",
            "metadata": {
                "event_type": ANSWER_EVENT,
                "event_payload": {"question": "Where?", "standalone": "Where did Milley go?"},
            },
        },
        {"user": "U2", "text": "nice", "ts": "1.000003"},
        {"user": "UBOT", "text": "Sorry, something went wrong.", "ts": "1.000004"},
        {"user": "U1", "text": "When was that?", "ts": "1.000005"},
    ]
    turns = turns_from(messages, "1.000005", "UBOT", "B1", limit=6)
    assert turns == [
        Turn("Where?", "Where did Milley go?", "In Helsinki. [1]"),
        Turn("nice", "nice", "Sorry, something went wrong."),
    ]
    assert turns_from(messages, "1.000005", "UBOT", "B1", limit=1) == turns[1:]


def live_on_one_article(
    tmp_path: Path, check_every_s: float = 0, clock: Callable[[], float] = time.monotonic
) -> tuple[LivePipeline, Path, list[Path]]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first, *rest = sorted(SEEDS.iterdir())
    shutil.copy(first, corpus)
    settings = hashing_settings(tmp_path / "index", corpus)
    base = settings_for(open_index(settings))

    def make(index: Index) -> AnswerPipeline:
        return build_pipeline(base, index=index)

    live = LivePipeline(open_index(settings), make, check_every_s, clock)
    return live, corpus, rest


GATES = "Where did Gates meet Serdyukov?"
GATES_ARTICLE = "004_bce709b2bb2c44e6"


def test_live_pipeline_reloads_when_the_corpus_version_changes(tmp_path: Path) -> None:
    live, corpus, rest = live_on_one_article(tmp_path)
    assert all(c.article_id != GATES_ARTICLE for c in live.answer(GATES).citations)
    for path in rest:
        shutil.copy(path, corpus)
    build_index(live.index.settings)  # an ingest (in this process: see the slow test for another)
    after = live.answer(GATES)
    assert live.reloads == 1 and after.citations[0].article_id == GATES_ARTICLE
    live.answer(GATES)
    assert live.reloads == 1  # unchanged corpus: no reload


def test_live_pipeline_looks_for_a_new_index_at_most_every_check_interval(tmp_path: Path) -> None:
    now = [0.0]
    live, corpus, rest = live_on_one_article(tmp_path, check_every_s=10, clock=lambda: now[0])
    for path in rest:
        shutil.copy(path, corpus)
    build_index(live.index.settings)
    now[0] = 9.0
    assert all(c.article_id != GATES_ARTICLE for c in live.answer(GATES).citations)
    assert live.reloads == 0  # within the interval: the old index answers
    now[0] = 10.5
    assert live.answer(GATES).citations[0].article_id == GATES_ARTICLE
    assert live.reloads == 1


@pytest.mark.slow
def test_live_pipeline_answers_from_articles_ingested_by_another_process(
    tmp_path: Path, cli_env: dict
) -> None:
    live, corpus, rest = live_on_one_article(tmp_path)
    assert all(c.article_id != GATES_ARTICLE for c in live.answer(GATES).citations)

    for path in rest:
        shutil.copy(path, corpus)
    # Another process ingests; this one keeps running.
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ingest", "--corpus", str(corpus)],
        env={**cli_env, "NEWSBOT_INDEX_DIR": str(tmp_path / "index")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    # A fresh Chroma client is what shows another process's vectors (see Index.refreshed).
    after = live.answer(GATES)
    assert live.reloads == 1 and len(live.index.records) == 5
    assert after.citations and after.citations[0].article_id == GATES_ARTICLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", CommandRequest("", help=True)),
        ("help", CommandRequest("", help=True)),
        ("-p", CommandRequest("", private=True, help=True)),
        ("Where is Helsinki?", CommandRequest("Where is Helsinki?")),
        ("--private  Where is  Helsinki?", CommandRequest("Where is Helsinki?", private=True)),
        ("Help me find Milley", CommandRequest("Help me find Milley")),
    ],
)
def test_slash_command_text(text: str, expected: CommandRequest) -> None:
    assert parse_command(text) == expected


def test_expired_ids_are_pruned_while_running(tmp_path: Path) -> None:
    now = [1000.0]
    state = SlackState(tmp_path / "s.sqlite3", seen_ttl_s=60, clock=lambda: now[0])
    for i in range(PRUNE_EVERY - 1):
        state.claim(f"old{i}")
    now[0] += 61
    state.claim("new")  # the PRUNE_EVERY-th claim
    (left,) = state._db.execute("SELECT COUNT(*) FROM seen").fetchone()
    assert left == 1
