"""``newsbot feedback``: what people said about the bot's answers in Slack."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bot.slack.state import SlackState, feedback_summary, state_path

# Characters of a question or answer shown per row; the full text is in --json.
SHOWN = 80


def print_feedback(index_dir: Path, as_json: bool, console: Console) -> int:
    path = state_path(index_dir)
    records = []
    if path.exists():
        state = SlackState(path)
        try:
            records = state.feedback()
        finally:
            state.close()
    summary = feedback_summary(records)
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    if not records:
        console.print(f"No feedback recorded yet ({path}).")
        return 0
    share = summary["helpful"] / summary["total"]
    console.print(
        f"{summary['total']} ratings: {summary['helpful']} helpful, "
        f"{summary['not_helpful']} not helpful ({share:.0%} helpful)"
    )
    table = Table("when (UTC)", "user", "verdict", "question", "answer", "sources")
    for r in records:
        when = datetime.fromtimestamp(r.time, UTC).strftime("%Y-%m-%d %H:%M")
        table.add_row(
            when,
            r.user,
            "helpful" if r.helpful else "not helpful",
            _short(r.question),
            _short(r.answer),
            ", ".join(c.get("article_id", "") for c in r.citations),
        )
    console.print(table)
    return 0


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
