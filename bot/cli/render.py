"""Terminal rendering of answers and search results with rich."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from bot.answering.answer import Answer
from bot.answering.facts import MARKER
from retrieval.records import Excerpt


def answer_text(answer: Answer) -> Text:
    """The answer with its ``[n]`` markers highlighted."""
    text = Text()
    if answer.short_answer:  # the name, date or number that answers, before its sentence
        text.append(answer.short_answer, style="bold")
        text.append("\n")
    last = 0
    for m in MARKER.finditer(answer.text):
        text.append(answer.text[last : m.start()])
        text.append(m.group(), style="bold cyan")
        last = m.end()
    text.append(answer.text[last:])
    if answer.abstained:
        text.stylize("italic")
    return text


def print_answer(console: Console, answer: Answer, quotes: bool = False) -> None:
    if answer.notice:
        console.print(Text(f"note: {answer.notice}", style="yellow"))
    console.print(answer_text(answer))
    if answer.citations:
        console.print(Text("Sources", style="bold"))
    for c in answer.citations:
        line = Text(f"[{c.n}] ", style="bold cyan")
        line.append(c.title, style="bold")
        line.append(f" ({c.date or 'undated'}) ", style="dim")
        line.append(c.article_id, style="dim")
        console.print(line)
        if quotes:
            console.print(Text(f"    “{c.quote}”", style="green"))


def print_sources(console: Console, answer: Answer | None) -> None:
    if answer is None:
        console.print("No sources yet: ask a question first.")
        return
    if not answer.citations:
        console.print("The last answer cites no source: the articles did not answer it.")
        return
    print_answer(console, answer, quotes=True)


def print_excerpts(console: Console, excerpts: list[Excerpt]) -> None:
    if not excerpts:
        console.print("No passage matches that query.")
    for rank, e in enumerate(excerpts, start=1):
        head = Text(f"{rank}. ", style="bold")
        head.append(e.title, style="bold")
        head.append(f" ({e.date or 'undated'}) {e.article_id} ", style="dim")
        head.append(f"chars {e.start}-{e.end}  score {e.score:.4f}", style="dim")
        console.print(head)
        console.print(Text(f"   {e.text}"))
