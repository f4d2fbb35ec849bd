"""The real Bolt app in Socket Mode: slack_sdk's client connects to a local WebSocket server
(the URL the fake ``apps.connections.open`` returns) that sends Slack's envelopes and collects
the acknowledgements."""

from __future__ import annotations

import json
import time

import pytest

from bot.answering.factory import build_pipeline
from bot.slack.blocks import NOT_HELPFUL
from tests.conftest import settings_for
from tests.fake_slack import (
    TEAM,
    FakeSlackApi,
    FakeSocketMode,
    RunningBot,
    event_callback,
    mention,
    message,
    slack_settings,
    wait_until,
)

MILLEY = "Where did Milley meet Gerasimov?"


@pytest.fixture
def slack():
    api = FakeSlackApi().start()
    socket = FakeSocketMode().start()
    api.ws_url = socket.url
    yield api, socket
    socket.stop()
    api.stop()


@pytest.fixture
def start(slack, hashing_index, tmp_path):
    api, socket = slack
    settings = slack_settings(settings_for(hashing_index), api)
    bots: list[RunningBot] = []

    def run() -> RunningBot:
        bot = RunningBot(
            build_pipeline(settings, index=hashing_index),
            settings,
            tmp_path / "slack.sqlite3",
            socket=socket,
        )
        bots.append(bot)
        return bot

    yield run
    for bot in bots:
        bot.drain()


def test_mention_is_acked_then_answered_in_its_thread(slack, start) -> None:
    api, socket = slack
    bot = start()
    assert api.calls_to("apps.connections.open")
    began = time.monotonic()
    envelope = socket.send("events_api", event_callback(mention(MILLEY, "1700000000.000100")))
    socket.wait_ack(envelope)
    assert time.monotonic() - began < 3
    reply = wait_until(api.posts, what="the answer")[0]
    bot.drain()
    assert len(api.posts()) == 1
    assert reply.params["thread_ts"] == "1700000000.000100"
    assert "000_5302a115a2186422" in json.dumps(reply.params["blocks"])


def test_retry_attempt_and_repeated_event_id_get_no_second_reply_after_restart(
    slack, start
) -> None:
    api, socket = slack
    bot = start()
    event = event_callback(mention(MILLEY, "1700000000.000200"), event_id="EvS1")
    socket.wait_ack(socket.send("events_api", event))
    wait_until(api.posts, what="the answer")
    socket.wait_ack(socket.send("events_api", event, retry_attempt=1))
    socket.wait_ack(socket.send("events_api", event))
    bot.drain()
    assert len(api.posts()) == 1

    again = start()  # reconnects as a restarted bot would, same SQLite
    socket.wait_ack(socket.send("events_api", event, retry_attempt=2))
    dm = message("Who is Milley?", "1700000000.000300", channel="D111", channel_type="im")
    socket.wait_ack(socket.send("events_api", event_callback(dm)))
    again.drain()
    assert [p.params["channel"] for p in api.posts()] == ["C111", "D111"]


def test_slash_command_and_feedback_click_over_the_socket(slack, start) -> None:
    api, socket = slack
    bot = start()
    command = {
        "token": "legacy-token",
        "team_id": TEAM,
        "channel_id": "C222",
        "user_id": "U444",
        "command": "/newsbot",
        "text": MILLEY,
        "api_app_id": "A111",
        "response_url": api.url + "response",
        "trigger_id": "1.2",
    }
    ack = socket.wait_ack(socket.send("slash_commands", command))
    assert "Looking that up" in ack["payload"]["text"]
    answer = wait_until(lambda: api.calls_to("chat.postMessage"), what="the answer")[0]
    answer_id = next(b for b in answer.params["blocks"] if b["type"] == "actions")["elements"][1]
    click = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "U555", "team_id": TEAM},
        "api_app_id": "A111",
        "token": "legacy-token",
        "trigger_id": "1.3",
        "channel": {"id": "C222"},
        "container": {"type": "message", "channel_id": "C222"},
        "actions": [
            {
                "type": "button",
                "action_id": NOT_HELPFUL,
                "value": answer_id["value"],
                "block_id": "b",
            }
        ],
    }
    socket.wait_ack(socket.send("interactive", click))
    wait_until(lambda: api.calls_to("chat.postEphemeral"), what="the thanks")
    records = bot.state.feedback()
    bot.drain()
    assert [(r.user, r.helpful, r.question) for r in records] == [("U555", False, MILLEY)]
