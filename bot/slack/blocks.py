"""Block Kit for one ``Answer``: the text with its [n] markers, the sources, feedback buttons.

Rendered from the dataclass (keys other front ends add, such as ``short_answer`` or a
citation's ``url``, are used when present) and always within Slack's limits, whatever the
length of the answer: long text is split over several sections, and trimmed only when even
that would pass the block limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.answer import Answer, Citation

# Slack's limits: characters in one text object, blocks in one message.
TEXT_LIMIT = 3000
MAX_BLOCKS = 50
# The plain-text fallback shows in notifications; Slack cuts message text at 40,000, and
# anything much past a screenful is never read there.
FALLBACK_LIMIT = 4000

HELPFUL = "newsbot_feedback_helpful"
NOT_HELPFUL = "newsbot_feedback_not_helpful"
FEEDBACK_ACTIONS = (HELPFUL, NOT_HELPFUL)
ELLIPSIS = "…"
TRIMMED = "_(answer trimmed to fit one Slack message)_"


@dataclass(frozen=True)
class Message:
    """What ``chat.postMessage`` takes: the fallback ``text`` and the ``blocks``."""

    text: str
    blocks: list[dict]


def escape(text: str) -> str:
    """Slack's mrkdwn escapes: only these three characters are control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def trim(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at a paragraph, line, sentence or word end."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        # The strongest boundary in the window's second half, so pieces stay well filled.
        ends = (window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", ". ", " "))
        cut = next((end for end in ends if end > limit // 2), 0)
        if not cut:  # one long word: cut hard
            cut = limit
            # Never split an escape such as &amp; in two.
            amp = window.rfind("&", limit - 6)
            if amp > 0 and ";" not in window[amp:]:
                cut = amp
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": trim(text, TEXT_LIMIT)}]}


def source_line(c: Citation) -> str:
    title = escape(c.title or c.article_id)
    heading = f"<{c.url}|{title}>" if c.url else f"*{title}*"
    facts = " · ".join(part for part in (c.date, f"`{c.article_id}`") if part)
    quote = escape(" ".join(c.quote.split()))
    return trim(f"*[{c.n}]* {heading} · {facts}\n>{quote}", TEXT_LIMIT)


def pack(lines: list[str], limit: int = TEXT_LIMIT) -> list[str]:
    """Lines joined into as few texts of at most ``limit`` characters as they fit in."""
    texts: list[str] = []
    for line in lines:
        if texts and len(texts[-1]) + 1 + len(line) <= limit:
            texts[-1] += "\n" + line
        else:
            texts.append(line)
    return texts


def feedback_buttons(answer_id: str) -> dict:
    def button(label: str, action_id: str) -> dict:
        return {
            "type": "button",
            "text": {"type": "plain_text", "text": label},
            "action_id": action_id,
            "value": answer_id,
        }

    return {
        "type": "actions",
        "elements": [button("Helpful", HELPFUL), button("Not helpful", NOT_HELPFUL)],
    }


def fallback_text(answer: Answer) -> str:
    lines = [answer.text]
    if answer.citations:
        lines.append("Sources: " + "; ".join(f"[{c.n}] {c.title}" for c in answer.citations))
    return trim("\n".join(lines), FALLBACK_LIMIT)


def render_answer(answer: Answer, answer_id: str, asked_by: str | None = None) -> Message:
    """The message for ``answer``; ``asked_by`` (a user id) names who asked, for slash commands
    whose question nobody else sees."""
    head: list[dict] = []
    if asked_by:
        head.append(context(f"<@{asked_by}> asked: {escape(answer.question)}"))
    short = answer.short_answer
    text = escape(answer.text)
    if short and not answer.abstained:
        text = f"*{escape(short)}*\n{text}"
    body = [section(t) for t in split_text(text)]
    tail: list[dict] = []
    if answer.notice:
        tail.append(context(escape(answer.notice)))
    sources: list[dict] = []
    if answer.citations and not answer.abstained:
        lines = [source_line(c) for c in sorted(answer.citations, key=lambda c: c.n)]
        sources = [{"type": "divider"}, section("*Sources*")]
        sources += [section(t) for t in pack(lines)]
    tail.append(feedback_buttons(answer_id))

    room = MAX_BLOCKS - len(head) - len(tail)
    # The answer comes first: sources get what it leaves, but at least half the room.
    sources = sources[: max(room - len(body), room // 2)]
    if len(body) + len(sources) > room:
        body = body[: max(room - len(sources) - 1, 1)] + [section(TRIMMED)]
    return Message(fallback_text(answer), head + body + sources + tail)


def render_error(text: str) -> Message:
    return Message(trim(text, FALLBACK_LIMIT), [section(trim(escape(text), TEXT_LIMIT))])
