"""The Bolt app: mentions, direct messages, thread follow-ups, the slash command, feedback.

Every listener acknowledges at once; its lazy half hands the question to a small pool of answer
workers and returns, so Bolt's own threads (which also run the acknowledgements) never wait on
an answer. A worker shows that it is working (a reaction on the question), gets the checked
``Answer`` from the pipeline (never a streamed draft), posts it and records it for feedback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.answering.answer import Answer, Turn
from bot.answering.pipeline import EXAMPLE_QUESTION, QuestionError
from bot.config import Settings, SlackSettings
from bot.slack.blocks import FEEDBACK_ACTIONS, HELPFUL, Message, render_answer, render_error
from bot.slack.history import (
    answer_metadata,
    dm_history,
    mentions,
    strip_mentions,
    thread_history,
)
from bot.slack.middleware import OncePerEvent
from bot.slack.state import SlackState

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong while answering that. Please try again in a moment."
PRIVATE_FLAGS = ("-p", "--private")
HELP_WORDS = ("help", "-h", "--help")
# Posting to a channel the bot is not in fails with these; the slash command then answers
# through its response URL, which works everywhere.
NOT_IN_CHANNEL = ("not_in_channel", "channel_not_found")


class Answerer(Protocol):
    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer: ...


def make_client(settings: SlackSettings) -> WebClient:
    """The Web API client: ``SLACK_API_URL`` honoured, rate limits and dropped connections
    retried by slack_sdk's handlers."""
    base = settings.api_url or WebClient.BASE_URL
    return WebClient(
        token=settings.bot_token,
        base_url=base if base.endswith("/") else base + "/",
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=settings.api_retries),
            RateLimitErrorRetryHandler(max_retry_count=settings.api_retries),
        ],
    )


def help_text(command: str) -> str:
    return (
        "I answer questions about the news articles I have, citing the article behind every "
        "sentence.\n"
        f"• `{command} QUESTION`: answer in this channel, e.g. `{command} {EXAMPLE_QUESTION}`\n"
        f"• `{command} -p QUESTION` (or `--private`): answer only to you\n"
        "• mention me in a channel: I answer in the thread; reply in that thread to follow up\n"
        "• or send me a direct message\n"
        "Under each answer, *Helpful* / *Not helpful* tells the team how I am doing."
    )


@dataclass(frozen=True)
class CommandRequest:
    question: str
    private: bool = False
    help: bool = False


def parse_command(text: str) -> CommandRequest:
    words = (text or "").split()
    if len(words) == 1 and words[0].lower() in HELP_WORDS:
        return CommandRequest("", help=True)
    private = bool(words) and words[0].lower() in PRIVATE_FLAGS
    question = " ".join(words[1:] if private else words)
    return CommandRequest(question, private=private, help=not question)


class NewsBot:
    """The listeners, and the worker pool they hand questions to."""

    def __init__(self, answerer: Answerer, state: SlackState, settings: Settings) -> None:
        self.answerer = answerer
        self.state = state
        self.settings = settings
        self.slack = settings.slack
        self.workers = ThreadPoolExecutor(
            max_workers=self.slack.answer_workers, thread_name_prefix="newsbot-answer"
        )

    def close(self) -> None:
        """Waits for the answers in progress."""
        self.workers.shutdown(wait=True)

    def _submit(self, job: Callable[..., None], *args: Any, **kwargs: Any) -> None:
        def run() -> None:
            try:
                job(*args, **kwargs)
            except Exception:  # a worker must never die silently
                log.exception("answering failed")

        self.workers.submit(run)

    # -- acknowledgements (Bolt's threads, before Slack's 3 seconds) ---------------------------

    @staticmethod
    def ack(ack: Ack) -> None:
        ack()

    def ack_command(self, ack: Ack, command: dict) -> None:
        request = parse_command(command.get("text", ""))
        if request.help:
            ack(help_text(self.slack.command))
        elif request.private:
            ack(f"Looking that up (only you will see the answer): {request.question}")
        else:
            ack(f"Looking that up: {request.question}")

    # -- lazy halves: decide, then hand over --------------------------------------------------

    def on_mention(self, event: dict, client: WebClient, context: BoltContext) -> None:
        channel, ts = event["channel"], event["ts"]
        if not self.state.claim(f"message:{channel}:{ts}"):
            return
        thread_ts = event.get("thread_ts")
        self._submit(
            self.answer_message,
            client,
            context,
            event,
            reply_ts=thread_ts or ts,
            with_history=bool(thread_ts),
        )

    def on_message(self, event: dict, client: WebClient, context: BoltContext) -> None:
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts")
        in_thread = bool(thread_ts) and thread_ts != ts
        if event.get("channel_type") != "im":
            if mentions(event.get("text", ""), context.bot_user_id):
                return  # the app_mention event for this message answers it
            if not in_thread or not self.state.answered_in(channel, thread_ts):
                return  # channel talk that is not a follow-up to the bot
        if not self.state.claim(f"message:{channel}:{ts}"):
            return
        # In a DM, the conversation so far is the history (a thread's, when in one).
        with_history = in_thread or event.get("channel_type") == "im"
        self._submit(
            self.answer_message,
            client,
            context,
            event,
            reply_ts=thread_ts,
            with_history=with_history,
        )

    def on_command(self, command: dict, client: WebClient, respond: Respond) -> None:
        request = parse_command(command.get("text", ""))
        if request.help:
            return
        self._submit(self.answer_command, client, respond, command, request)

    def on_feedback(self, body: dict, action: dict, client: WebClient) -> None:
        user = (body.get("user") or {}).get("id", "")
        helpful = action.get("action_id") == HELPFUL
        record = self.state.record_feedback(action.get("value", ""), helpful, user)
        if record is None:
            log.warning("feedback on unknown answer %s", action.get("value"))
        channel = (body.get("channel") or {}).get("id")
        if channel and user:
            thanks = (
                "Thanks for the feedback." if record else "Sorry, I no longer have that answer."
            )
            self._call(client.chat_postEphemeral, channel=channel, user=user, text=thanks)

    # -- workers ------------------------------------------------------------------------------

    def answer_message(
        self,
        client: WebClient,
        context: BoltContext,
        event: dict,
        reply_ts: str | None,
        with_history: bool,
    ) -> None:
        """Answers a mention, a direct message or a follow-up where it was asked."""
        channel, ts = event["channel"], event["ts"]
        question = strip_mentions(event.get("text", ""))
        reacted = self._call(
            client.reactions_add, channel=channel, timestamp=ts, name=self.slack.working_reaction
        )
        try:
            turns = self._history(client, context, event) if with_history else []
            answer = self._answer(question, turns)
            if isinstance(answer, Message):
                self._call(
                    client.chat_postMessage,
                    channel=channel,
                    thread_ts=reply_ts,
                    text=answer.text,
                    blocks=answer.blocks,
                )
                return
            answer_id = self.state.record_answer(answer, channel, event.get("user"))
            message = render_answer(answer, answer_id)
            if reply_ts:  # marked first, so that a reply as quick as the answer still follows up
                self.state.mark_thread(channel, reply_ts)
            posted = self._call(
                client.chat_postMessage,
                channel=channel,
                thread_ts=reply_ts,
                text=message.text,
                blocks=message.blocks,
                metadata=answer_metadata(answer.question, answer.standalone_question, answer_id),
                unfurl_links=False,
            )
            if posted is not None and not reply_ts:
                self.state.mark_thread(channel, posted["ts"])
        finally:
            if reacted is not None:
                self._call(
                    client.reactions_remove,
                    channel=channel,
                    timestamp=ts,
                    name=self.slack.working_reaction,
                )

    def answer_command(
        self, client: WebClient, respond: Respond, command: dict, request: CommandRequest
    ) -> None:
        channel, user = command["channel_id"], command["user_id"]
        answer = self._answer(request.question, [])
        if isinstance(answer, Message):
            message, metadata = answer, None
        else:
            answer_id = self.state.record_answer(answer, channel, user)
            message = render_answer(answer, answer_id, asked_by=user)
            metadata = answer_metadata(answer.question, answer.standalone_question, answer_id)
        try:
            if request.private:
                client.chat_postEphemeral(
                    channel=channel, user=user, text=message.text, blocks=message.blocks
                )
                return
            posted = client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks, metadata=metadata
            )
            self.state.mark_thread(channel, posted["ts"])
        except SlackApiError as exc:
            if exc.response.get("error") not in NOT_IN_CHANNEL:
                log.error("posting the answer to %s failed: %s", channel, exc)
                return
            log.info("not in %s; answering through the response URL", channel)
            respond(
                text=message.text,
                blocks=message.blocks,
                response_type="ephemeral" if request.private else "in_channel",
            )

    def _history(self, client: WebClient, context: BoltContext, event: dict) -> list[Turn]:
        """The thread's (or DM's) earlier exchanges; none when Slack will not give them (the
        question is then answered as asked, rather than not at all)."""
        who = {
            "before_ts": event["ts"],
            "bot_user_id": context.bot_user_id,
            "bot_id": context.bot_id,
            "limit": self.settings.history_turns,
        }
        try:
            if event.get("thread_ts"):
                return thread_history(client, event["channel"], event["thread_ts"], **who)
            return dm_history(client, event["channel"], **who)
        except SlackApiError as exc:
            log.warning("no history for %s: %s", event["channel"], exc.response.get("error"))
            return []

    def _answer(self, question: str, history: Sequence[Turn]) -> Answer | Message:
        """The checked answer, or the message to post instead (a question error, an apology)."""
        try:
            return self.answerer.answer(question, history)
        except QuestionError as exc:
            return render_error(str(exc))
        except Exception:
            log.exception("the answer pipeline failed on %r", question)
            return render_error(APOLOGY)

    @staticmethod
    def _call(method: Callable[..., Any], **kwargs: Any) -> Any:
        """A Web API call whose failure is logged, not raised (rate limits are retried inside)."""
        try:
            return method(**kwargs)
        except SlackApiError as exc:
            log.error("%s failed: %s", method.__name__, exc.response.get("error", exc))
        except Exception:
            log.exception("%s failed", method.__name__)
        return None


def build_app(bot: NewsBot, client: WebClient | None = None, socket_mode: bool = False) -> App:
    """The Bolt app around ``bot``; ``client`` defaults to ``make_client(settings.slack)``."""
    slack = bot.slack
    app = App(
        client=client or make_client(slack),
        signing_secret=slack.signing_secret or "",
        # Socket Mode requests come over the authenticated WebSocket, not signed HTTP.
        request_verification_enabled=not socket_mode,
        name="newsbot",
        logger=logging.getLogger("slack_bolt"),
    )
    app.use(OncePerEvent(bot.state))
    app.event("app_mention")(ack=bot.ack, lazy=[bot.on_mention])
    app.event("message")(ack=bot.ack, lazy=[bot.on_message])
    app.command(slack.command)(ack=bot.ack_command, lazy=[bot.on_command])
    app.action(re.compile("^(" + "|".join(FEEDBACK_ACTIONS) + ")$"))(
        ack=bot.ack, lazy=[bot.on_feedback]
    )
    return app
