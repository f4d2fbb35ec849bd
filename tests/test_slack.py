"""The real Bolt app in HTTP mode on a fake Slack: signed Events API requests to the bot's own
server on 127.0.0.1, every Web API call recorded by the fake."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.answering.answer import Draft, Source
from bot.answering.factory import build_pipeline
from bot.answering.generators.extractive import ExtractiveGenerator
from bot.answering.generators.scripted import ScriptedGenerator
from bot.answering.pipeline import AnswerPipeline
from bot.config import ConfigError, Settings
from bot.slack.app import APOLOGY
from bot.slack.blocks import HELPFUL, NOT_HELPFUL
from bot.slack.runner import run_slack
from tests.conftest import settings_for
from tests.fake_slack import (
    BOT_ID,
    BOT_USER,
    TEAM,
    FakeSlackApi,
    RunningBot,
    event_callback,
    mention,
    message,
    post_event,
    post_form,
    slack_settings,
    wait_until,
)
from tests.test_quality import newsbot

MILLEY = "Where did Milley meet Gerasimov?"
MILLEY_ARTICLE = "000_5302a115a2186422"
# What the extractive answer on the hashing index opens with.
MILLEY_ANSWER = "Milley’s meeting with Gerasimov"


@pytest.fixture
def api():
    fake = FakeSlackApi().start()
    yield fake
    fake.stop()


@pytest.fixture
def start(api, hashing_index, tmp_path):
    """Starts the bot (the real extractive pipeline unless given another answerer)."""
    bots: list[RunningBot] = []
    settings = slack_settings(settings_for(hashing_index), api)

    def run(answerer=None) -> RunningBot:
        bot = RunningBot(
            answerer or build_pipeline(settings, index=hashing_index),
            settings,
            tmp_path / "index" / "slack.sqlite3",
        )
        bots.append(bot)
        return bot

    yield run
    for bot in bots:
        bot.drain()


def scripted(index, script):
    return AnswerPipeline(
        index.searcher(), index.store, ScriptedGenerator(script), ExtractiveGenerator(index.store)
    )


def texts(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        if "text" in block:
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            parts.append(element.get("text", "") if isinstance(element.get("text"), str) else "")
    return "\n".join(parts)


def answer_id_of(blocks: list[dict]) -> str:
    actions = next(b for b in blocks if b["type"] == "actions")
    return actions["elements"][0]["value"]


def test_mention_gets_one_threaded_reply_with_cited_sources(api, start) -> None:
    bot = start()
    began = time.monotonic()
    status, _ = post_event(bot.events_url, event_callback(mention(MILLEY, "1700000000.000100")))
    assert status == 200 and time.monotonic() - began < 3
    reply = wait_until(api.posts, what="the answer")[0]
    bot.drain()

    assert len(api.posts()) == 1 and api.calls_to("auth.test")
    params = reply.params
    assert reply.method == "chat.postMessage"
    assert params["channel"] == "C111" and params["thread_ts"] == "1700000000.000100"
    shown = texts(params["blocks"])
    assert MILLEY_ANSWER in shown and "[1]" in shown
    assert "*Sources*" in shown and MILLEY_ARTICLE in shown and "2021-09-22" in shown
    assert MILLEY_ANSWER in params["text"]  # the plain-text fallback
    actions = next(b for b in params["blocks"] if b["type"] == "actions")
    assert [e["action_id"] for e in actions["elements"]] == [HELPFUL, NOT_HELPFUL]
    assert params["metadata"]["event_payload"]["question"] == MILLEY
    # Working shown on the question, then taken back once the answer is there.
    added, removed = api.calls_to("reactions.add"), api.calls_to("reactions.remove")
    assert added[0].params["timestamp"] == "1700000000.000100"
    assert removed and removed[0].at >= reply.at


def test_direct_message_gets_an_answer_in_the_dm(api, start) -> None:
    bot = start()
    dm = api.add_message(
        "D111", message(MILLEY, "1700000000.000200", channel="D111", channel_type="im")
    )
    assert post_event(bot.events_url, event_callback(dm))[0] == 200
    reply = wait_until(api.posts, what="the answer")[0]
    assert reply.params["channel"] == "D111" and not reply.params.get("thread_ts")
    assert MILLEY_ANSWER in texts(reply.params["blocks"])

    # The DM so far is the conversation: a follow-up is made standalone from it.
    follow = message("When was that?", "1700000900.000200", channel="D111", channel_type="im")
    post_event(bot.events_url, event_callback(api.add_message("D111", follow)))
    wait_until(lambda: len(api.posts()) == 2, what="the follow-up answer")
    bot.drain()
    assert api.calls_to("conversations.history")[-1].params["latest"] == "1700000900.000200"
    standalone = api.posts()[1].params["metadata"]["event_payload"]["standalone"]
    assert "Milley" in standalone and "Gerasimov" in standalone


def test_thread_follow_up_uses_the_thread_history(api, start) -> None:
    bot = start()
    first = api.add_message("C111", mention(MILLEY, "1700000000.000300"))
    post_event(bot.events_url, event_callback(first))
    wait_until(api.posts, what="the first answer")

    follow = api.add_message(
        "C111", message("When was that?", "1700000900.000100", thread_ts="1700000000.000300")
    )
    assert post_event(bot.events_url, event_callback(follow))[0] == 200
    wait_until(lambda: len(api.posts()) == 2, what="the follow-up answer")
    bot.drain()

    replies = api.calls_to("conversations.replies")
    assert replies and replies[-1].params["ts"] == "1700000000.000300"
    second = api.posts()[1].params
    assert second["thread_ts"] == "1700000000.000300"
    payload = second["metadata"]["event_payload"]
    # Rewritten with the thread's earlier question, as the REPL does.
    assert payload["question"] == "When was that?"
    assert "Milley" in payload["standalone"] and "Gerasimov" in payload["standalone"]


def test_channel_talk_outside_the_bots_threads_is_ignored(api, start) -> None:
    bot = start()
    post_event(bot.events_url, event_callback(message("lunch?", "1700000000.000400")))
    reply = message("sure", "1700000000.000500", thread_ts="1700000000.000400")
    post_event(bot.events_url, event_callback(reply))
    bot.drain()
    assert api.posts() == [] and api.calls_to("reactions.add") == []


def test_retries_and_repeated_event_ids_get_no_second_reply_even_after_restart(api, start) -> None:
    bot = start()
    event = event_callback(mention(MILLEY, "1700000000.000600"), event_id="Ev0001")
    assert post_event(bot.events_url, event)[0] == 200
    wait_until(api.posts, what="the answer")
    assert post_event(bot.events_url, event, retry=1)[0] == 200  # Slack's retry
    assert post_event(bot.events_url, event)[0] == 200  # the same id again
    bot.drain()
    assert len(api.posts()) == 1

    again = start()  # a new process: a new app on the same SQLite
    assert post_event(again.events_url, event, retry=2)[0] == 200
    other = event_callback(mention("Who is Milley?", "1700000000.000700"), event_id="Ev0002")
    post_event(again.events_url, other)
    again.drain()
    assert [p.params["thread_ts"] for p in api.posts()] == [
        "1700000000.000600",
        "1700000000.000700",
    ]


def test_mention_also_sent_as_a_message_event_is_answered_once(api, start) -> None:
    bot = start()
    ts = "1700000000.000800"
    post_event(bot.events_url, event_callback(mention(MILLEY, ts), event_id="EvM1"))
    as_message = message(f"<@{BOT_USER}> {MILLEY}", ts)
    post_event(bot.events_url, event_callback(as_message, event_id="EvM2"))
    bot.drain()
    assert len(api.posts()) == 1


def test_bad_signature_gets_401_and_no_reply(api, start) -> None:
    bot = start()
    forged = event_callback(mention(MILLEY, "1700000000.000900"))
    assert post_event(bot.events_url, forged, secret="not-the-secret")[0] == 401
    bot.drain()
    assert api.posts() == [] and api.calls_to("reactions.add") == []


def test_the_bots_own_and_other_bots_messages_get_nothing(api, start) -> None:
    bot = start()
    own = message(MILLEY, "1700000001.000100", channel="D111", channel_type="im")
    own.update(user=BOT_USER, bot_id=BOT_ID)
    other = message(MILLEY, "1700000001.000200", channel="D111", channel_type="im")
    other.update(bot_id="B999", subtype="bot_message")
    other.pop("user")
    for event in (own, other):
        assert post_event(bot.events_url, event_callback(event))[0] == 200
    bot.drain()
    assert api.posts() == []


def test_feedback_click_is_recorded_and_newsbot_feedback_shows_it(
    api, start, cli_env, tmp_path
) -> None:
    bot = start()
    post_event(bot.events_url, event_callback(mention(MILLEY, "1700000002.000100")))
    reply = wait_until(api.posts, what="the answer")[0]
    click = {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "example"},
        "user": {"id": "U333", "username": "reader", "team_id": TEAM},
        "api_app_id": "A111",
        "token": "legacy-token",
        "trigger_id": "111.222",
        "container": {"type": "message", "message_ts": "1700001001.000100", "channel_id": "C111"},
        "channel": {"id": "C111", "name": "news"},
        "actions": [
            {
                "type": "button",
                "action_id": HELPFUL,
                "block_id": "b1",
                "value": answer_id_of(reply.params["blocks"]),
                "action_ts": "1700000003.000100",
            }
        ],
    }
    assert post_form(bot.events_url, {"payload": json.dumps(click)})[0] == 200
    thanks = wait_until(lambda: api.calls_to("chat.postEphemeral"), what="the thanks")[0]
    bot.drain()
    assert thanks.params["user"] == "U333"

    env = {**cli_env, "NEWSBOT_INDEX_DIR": str(tmp_path / "index")}
    run = newsbot(env, "feedback", "--json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert (summary["total"], summary["helpful"], summary["not_helpful"]) == (1, 1, 0)
    record = summary["records"][0]
    assert record["user"] == "U333" and record["question"] == MILLEY
    assert MILLEY_ANSWER in record["answer"]
    assert record["citations"][0]["article_id"] == MILLEY_ARTICLE
    table = newsbot({**env, "COLUMNS": "200"}, "feedback")
    assert "1 ratings: 1 helpful, 0 not helpful" in table.stdout


def test_pipeline_failure_posts_an_apology_and_is_logged(api, start, caplog) -> None:
    class Broken:
        def answer(self, question, history=()):
            raise RuntimeError("index went away")

    bot = start(Broken())
    with caplog.at_level(logging.ERROR, logger="bot.slack.app"):
        post_event(bot.events_url, event_callback(mention(MILLEY, "1700000003.000100")))
        reply = wait_until(api.posts, what="the apology")[0]
        bot.drain()
    assert reply.params["thread_ts"] == "1700000003.000100"
    assert reply.params["text"] == APOLOGY
    assert any("index went away" in (r.exc_text or "") for r in caplog.records)


def test_answer_over_3000_characters_is_split_not_rejected(api, start, hashing_index) -> None:
    def long_answer(request):
        parts, sources = [], {}
        for n, e in enumerate(request.excerpts, 1):
            parts.append(f"{e.text} [{n}]")
            sources[n] = Source(n, e, e.text)
        return Draft(" ".join(parts * 3), sources)

    bot = start(scripted(hashing_index, long_answer))
    post_event(bot.events_url, event_callback(mention(MILLEY, "1700000004.000100")))
    reply = wait_until(api.posts, what="the long answer")[0]
    bot.drain()
    # The fake rejects what Slack rejects (a text over 3,000 characters, over 50 blocks).
    assert reply.method == "chat.postMessage"
    sections = [b for b in reply.params["blocks"] if b["type"] == "section"]
    answer_parts = sections[
        : sections.index({"type": "section", "text": {"type": "mrkdwn", "text": "*Sources*"}})
    ]
    assert len(answer_parts) >= 3
    assert all(len(b["text"]["text"]) <= 3000 for b in reply.params["blocks"] if "text" in b)
    assert sum(len(b["text"]["text"]) for b in answer_parts) > 6000


def test_slash_command_answers_in_channel_privately_and_with_help(api, start) -> None:
    bot = start()

    def command(text: str) -> tuple[int, str]:
        fields = {
            "token": "legacy-token",
            "team_id": TEAM,
            "channel_id": "C222",
            "user_id": "U444",
            "command": "/newsbot",
            "text": text,
            "api_app_id": "A111",
            "response_url": api.url + "response",
            "trigger_id": "1.2",
        }
        status, body = post_form(bot.events_url, fields)
        return status, body.decode()

    status, body = command("help")
    assert status == 200 and "--private" in body and "/newsbot" in body
    status, body = command(MILLEY)
    assert status == 200 and "Looking that up" in body
    public = wait_until(lambda: api.calls_to("chat.postMessage"), what="the answer")[0]
    status, body = command(f"-p {MILLEY}")
    assert "only you" in body
    private = wait_until(lambda: api.calls_to("chat.postEphemeral"), what="the private answer")[0]
    bot.drain()

    assert public.params["channel"] == "C222" and "thread_ts" not in public.params
    shown = texts(public.params["blocks"])
    assert "<@U444> asked" in shown and MILLEY_ANSWER in shown
    assert private.params["user"] == "U444" and MILLEY_ANSWER in texts(private.params["blocks"])
    assert len(api.posts()) == 2  # help posts nothing


def test_rate_limited_post_is_retried(api, start) -> None:
    api.rate_limited["chat.postMessage"] = 1
    bot = start()
    post_event(bot.events_url, event_callback(mention(MILLEY, "1700000005.000100")))
    bot.drain()
    posts = api.calls_to("chat.postMessage")
    assert len(posts) == 2 and posts[0].params == posts[1].params  # 429, then the retry


def test_health_check(start) -> None:
    bot = start()
    url = bot.events_url.replace("/slack/events", "/healthz")
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200 and json.loads(response.read())["ok"] is True


@pytest.mark.parametrize(
    ("http", "port", "env", "named"),
    [
        (False, None, {}, "SLACK_BOT_TOKEN"),
        (False, None, {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
        (True, None, {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        (True, 70000, {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, "--port"),
        (
            True,
            None,
            {"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "s", "NEWSBOT_SLACK_PORT": "70000"},
            "NEWSBOT_SLACK_PORT",
        ),
    ],
)
def test_missing_or_bad_setting_is_named_before_anything_starts(http, port, env, named) -> None:
    def never(settings):
        raise AssertionError("opened the index before checking the settings")

    with pytest.raises(ConfigError, match=named):
        run_slack(Settings.from_env(env), http, port, never, print)


def test_missing_variable_is_one_line_with_exit_status_2(cli_env) -> None:
    clean = {k: v for k, v in cli_env.items() if not k.startswith("SLACK_")}
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "slack", "--http"],
        env={**clean, "SLACK_BOT_TOKEN": "xoxb-1"},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(cli_env["NEWSBOT_INDEX_DIR"]).parent,  # away from any .env
    )
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "SLACK_SIGNING_SECRET" in lines[0] and "Traceback" not in run.stderr
