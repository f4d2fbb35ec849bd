"""Bolt middleware that makes one question get one answer.

Runs after Bolt's own (signature check, authorisation, ignoring the bot's own events), so a
forged request never reaches it. Every event it drops is still acknowledged, so Slack stops
re-sending it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.state import SlackState

log = logging.getLogger(__name__)

# Message subtypes that are still a person writing; the rest (edits, deletions, joins, bot
# posts) are not questions.
PERSON_SUBTYPES = {None, "file_share", "thread_broadcast"}
RETRY_HEADER = "x-slack-retry-num"


def _header(req: BoltRequest, name: str) -> str | None:
    values = req.headers.get(name) or []
    return values[0] if values else None


def is_from_bot(event: dict) -> bool:
    return bool(event.get("bot_id") or event.get("bot_profile")) or (
        event.get("subtype") == "bot_message"
    )


class OncePerEvent(Middleware):
    """Drops other bots' messages, non-message subtypes, and any event id already taken.

    Slack re-sends an event it thinks went unacknowledged, with ``X-Slack-Retry-Num`` (Bolt
    copies a Socket Mode envelope's ``retry_attempt`` into the same header) and the same
    ``event_id``. The ids are claimed in SQLite, so a retry or a repeat is dropped, also after a
    restart; a retry of an event this bot never received (it was down) is answered, since it
    is then the only copy of the question.
    """

    def __init__(self, state: SlackState) -> None:
        self.state = state

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        body = req.body
        if body.get("type") != "event_callback":
            return next()
        event = body.get("event") or {}
        event_id = body.get("event_id")
        # Socket Mode sends retry_attempt 0 on a first delivery; Bolt copies it over too.
        retry = _header(req, RETRY_HEADER)
        retry = None if retry in (None, "", "0") else retry
        if is_from_bot(event):
            log.debug("ignoring a bot's message (event %s)", event_id)
            return req.context.ack()
        if event.get("type") == "message" and event.get("subtype") not in PERSON_SUBTYPES:
            log.debug("ignoring message subtype %s (event %s)", event.get("subtype"), event_id)
            return req.context.ack()
        if event_id and not self.state.claim(f"event:{event_id}"):
            log.info("dropping repeated event %s (retry %s)", event_id, retry or "none")
            return req.context.ack()
        if retry:
            log.warning("answering retry %s of event %s, never received before", retry, event_id)
        return next()
