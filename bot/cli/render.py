"""Terminal rendering of answers, sources, search results and the article list with rich."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.text import Text

from bot.answering.answer import Answer, Citation
from bot.answering.facts import MARKER
from retrieval.records import ArticleRecord, Excerpt

DERIVED_TITLE_NOTE = " (no headline: title taken from the text)"


def make_console(file: TextIO | None = None) -> Console:
    """A console for ``file`` (stdout by default): colour only on a terminal and never with
    NO_COLOR (rich reads it); to a pipe or file, lines are not hard-wrapped at 80 columns."""
    stream = file or sys.stdout
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    return Console(file=stream, soft_wrap=not is_tty, highlight=False, emoji=False)


def answer_text(answer: Answer) -> Text:
    """The answer with its ``[n]`` markers highlighted."""
    text = Text()
    if answer.short_answer:  # the name, date or number that answers, before its sentence
        text.append(answer.short_answer, style="bold")
        text.append(" — ")
    last = 0
    for m in MARKER.finditer(answer.text):
        text.append(answer.text[last : m.start()])
        text.append(m.group(), style="bold cyan")
        last = m.end()
    text.append(answer.text[last:])
    if answer.abstained:
        text.stylize("italic")
    return text


def by_article(citations: Sequence[Citation]) -> list[list[Citation]]:
    """Citations grouped by the article they quote, in order of first citation."""
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.article_id, []).append(c)
    return list(groups.values())


def print_sources_list(console: Console, answer: Answer, quotes: bool) -> None:
    """One entry per cited article: its markers, title, date, id and url, then its quotes."""
    if not answer.citations:
        return
    console.print(Text("Sources", style="bold"))
    for group in by_article(answer.citations):
        first = group[0]
        line = Text("".join(f"[{c.n}]" for c in group) + " ", style="bold cyan")
        line.append(first.title, style="bold")
        if first.title_derived:
            line.append(DERIVED_TITLE_NOTE, style="dim")
        line.append(f" ({first.date or 'undated'}) ", style="dim")
        line.append(first.article_id, style="dim")
        console.print(line)
        if first.url:
            console.print(Text(f"    {first.url}", style="blue"))
        if quotes:
            for c in group:
                console.print(Text(f"    [{c.n}] “{c.quote}”", style="green"))


def print_answer(console: Console, answer: Answer, quotes: bool = False) -> None:
    if answer.notice:
        console.print(Text(f"note: {answer.notice}", style="yellow"))
    console.print(answer_text(answer))
    print_sources_list(console, answer, quotes)


def print_sources(console: Console, answer: Answer | None) -> None:
    """``/sources``: the quotes behind the last answer, without repeating the answer."""
    if answer is None:
        console.print("No sources yet: ask a question first.")
        return
    if not answer.citations:
        console.print("The last answer cites no source: the articles did not answer it.")
        return
    print_sources_list(console, answer, quotes=True)


def print_excerpts(console: Console, excerpts: list[Excerpt]) -> None:
    if not excerpts:
        console.print("No passage matches that query.")
    for rank, e in enumerate(excerpts, start=1):
        head = Text(f"{rank}. ", style="bold")
        head.append(e.title, style="bold")
        head.append(f" ({e.date or 'undated'}) {e.article_id} ", style="dim")
        head.append(f"chars {e.start}-{e.end}  score {e.score:.4f}", style="dim")
        console.print(head)
        if e.url:
            console.print(Text(f"   {e.url}", style="blue"))
        console.print(Text(f"   {e.text}"))


def print_articles(console: Console, records: Sequence[ArticleRecord]) -> None:
    """``newsbot articles``: one line per indexed article."""
    if not records:
        console.print("The index holds no article yet.")
        return
    for r in records:
        line = Text(f"{r.date or 'undated':<10}  ", style="dim")
        line.append(r.id, style="bold")
        line.append(f"  {r.title}")
        if r.title_derived:
            line.append(DERIVED_TITLE_NOTE, style="dim")
        line.append(f"  {r.n_passages} passages  {r.source}", style="dim")
        console.print(line)
    console.print(Text(f"{len(records)} articles", style="dim"))


def article_json(r: ArticleRecord) -> dict:
    """The ``newsbot articles --json`` contract for one article."""
    return {
        "id": r.id,
        "date": r.date,
        "title": r.title,
        "title_derived": r.title_derived,
        "passages": r.n_passages,
        "source": r.source,
        "url": r.url,
    }
