"""``newsbot slack``: assembles the bot from the settings and runs it in Socket Mode or HTTP
mode until interrupted."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.config import ConfigError, Settings
from bot.slack.app import Answerer, NewsBot, build_app
from bot.slack.live import LivePipeline
from bot.slack.server import SlackHttpServer
from bot.slack.state import SlackState, state_path
from retrieval.index import Index

log = logging.getLogger(__name__)


def health(live: LivePipeline) -> dict:
    """What ``/healthz`` reports besides ``ok``: the index, and how answering goes."""
    answered = max(live.answered, 1)
    return {
        "articles": len(live.index.records),
        "answers": live.answered,
        "index_reloads": live.reloads,
        "answer_ms_mean": round(live.busy_s / answered * 1000, 1),
        "lock_wait_ms_mean": round(live.waited_s / answered * 1000, 1),
    }


def make_bot(settings: Settings, answerer: Answerer) -> NewsBot:
    state = SlackState(
        state_path(settings.retrieval.index_dir),
        seen_ttl_s=settings.slack.seen_ttl_s,
        thread_ttl_s=settings.slack.thread_ttl_s,
    )
    return NewsBot(answerer, state, settings)


def connect(bot: NewsBot, socket_mode: bool) -> App:
    """The Bolt app; a token Slack refuses is a ``ConfigError`` naming the variable."""
    try:
        return build_app(bot, socket_mode=socket_mode)
    except (BoltError, SlackApiError) as exc:
        raise ConfigError(f"Slack refused SLACK_BOT_TOKEN ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"cannot reach the Slack Web API ({exc}); check SLACK_API_URL") from None


def run_slack(
    settings: Settings,
    http: bool,
    port: int | None,
    open_index: Callable[[Settings], Index],
    say: Callable[[str], None],
) -> int:
    """Raises ``ConfigError`` (naming the variable) when a token or secret is missing."""
    port = settings.slack.port if port is None else port
    if http and not 0 < port < 65536:
        raise ConfigError(f"the port (--port or NEWSBOT_SLACK_PORT) must be 1-65535, not {port}")
    missing = settings.slack.missing(http)
    if missing:
        mode = "HTTP mode" if http else "Socket Mode"
        raise ConfigError(f"{missing} is not set; {mode} needs it (see .env.example)")
    from bot.answering.factory import build_pipeline

    live = LivePipeline(
        open_index(settings),
        lambda index: build_pipeline(settings, index=index),
        check_every_s=settings.slack.reload_check_s,
    )
    bot = make_bot(settings, live)
    app = connect(bot, socket_mode=not http)
    try:
        if http:
            try:
                server = SlackHttpServer(app, port=port, health=lambda: health(live))
            except OSError as exc:
                raise ConfigError(f"cannot listen on port {port}: {exc.strerror}") from None
            say(f"newsbot is listening on port {server.port} (/slack/events, /healthz)")
            server.serve_forever()
        else:
            handler = SocketModeHandler(app, settings.slack.app_token)
            say("newsbot is connecting to Slack in Socket Mode")
            handler.start()
    finally:
        bot.close()
    return 0
