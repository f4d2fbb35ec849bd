"""A Slack thread as conversation history: ``conversations.replies`` -> ``Turn``s for the
pipeline's rewriter, so a follow-up in a thread is made standalone as the REPL does."""

from __future__ import annotations

import re

from slack_sdk import WebClient

from bot.answering.answer import Turn

# Every answer the bot posts carries this message metadata: the question as asked and as
# rewritten, which the thread's plain text no longer shows.
ANSWER_EVENT = "newsbot_answer"
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
# conversations.replies pages; Slack's own maximum per call.
PAGE = 200


def strip_mentions(text: str) -> str:
    return " ".join(MENTION.sub(" ", text or "").split())


def mentions(text: str, user_id: str | None) -> bool:
    return bool(user_id) and f"<@{user_id}" in (text or "")


def answer_metadata(question: str, standalone: str, answer_id: str) -> dict:
    return {
        "event_type": ANSWER_EVENT,
        "event_payload": {"question": question, "standalone": standalone, "answer_id": answer_id},
    }


def is_bot_message(message: dict, bot_user_id: str | None, bot_id: str | None) -> bool:
    return bool(
        (bot_user_id and message.get("user") == bot_user_id)
        or (bot_id and message.get("bot_id") == bot_id)
    )


def thread_messages(client: WebClient, channel: str, thread_ts: str) -> list[dict]:
    messages: list[dict] = []
    cursor = None
    while True:
        page = client.conversations_replies(
            channel=channel, ts=thread_ts, include_all_metadata=True, limit=PAGE, cursor=cursor
        )
        messages += page.get("messages", [])
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return messages


def turns_from(
    messages: list[dict], before_ts: str, bot_user_id: str | None, bot_id: str | None, limit: int
) -> list[Turn]:
    """The exchanges before ``before_ts``: each bot answer with the question it answered."""
    turns: list[Turn] = []
    asked: str | None = None
    for message in sorted(messages, key=lambda m: float(m.get("ts", 0))):
        if float(message.get("ts", 0)) >= float(before_ts):
            break
        if not is_bot_message(message, bot_user_id, bot_id):
            asked = strip_mentions(message.get("text", "")) or asked
            continue
        metadata = message.get("metadata") or {}
        if metadata.get("event_type") == ANSWER_EVENT:
            payload = metadata.get("event_payload") or {}
            question = payload.get("question") or asked or ""
            standalone = payload.get("standalone") or question
        elif asked:
            question = standalone = asked
        else:  # a bot message that answers nothing (an apology, a notice)
            continue
        turns.append(Turn(question, standalone, message.get("text", "")))
        asked = None
    return turns[-limit:] if limit > 0 else []


def thread_history(
    client: WebClient,
    channel: str,
    thread_ts: str,
    before_ts: str,
    bot_user_id: str | None,
    bot_id: str | None = None,
    limit: int = 6,
) -> list[Turn]:
    messages = thread_messages(client, channel, thread_ts)
    return turns_from(messages, before_ts, bot_user_id, bot_id, limit)


def dm_history(
    client: WebClient,
    channel: str,
    before_ts: str,
    bot_user_id: str | None,
    bot_id: str | None = None,
    limit: int = 6,
) -> list[Turn]:
    """The latest exchanges of a direct-message conversation (outside threads)."""
    page = client.conversations_history(
        channel=channel,
        latest=before_ts,
        inclusive=False,
        limit=2 * limit + 1,
        include_all_metadata=True,
    )
    return turns_from(page.get("messages", []), before_ts, bot_user_id, bot_id, limit)
