"""``newsbot chat``: the terminal REPL. Multi-turn, follow-ups rewritten from the history."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.live import Live
from rich.spinner import Spinner
from rich.text import Text

from bot.answering.answer import Answer, Turn
from bot.answering.inputs import clean_input
from bot.answering.pipeline import AnswerPipeline, QuestionError
from bot.cli.render import make_console, print_answer, print_sources

HELP = """Ask a question about the news articles; follow-ups like "When was that?" work too.
  /sources  the full quotes behind the last answer
  /reset    forget the conversation
  /help     this text
  /quit     leave (Ctrl-D works too; Ctrl-C cancels an answer in progress)"""


def _enable_line_editing(history_file: Path | None) -> None:
    """Arrow keys and persistent history through readline, where the platform has it."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return
    if history_file is None:
        return
    try:
        history_file.parent.mkdir(parents=True, exist_ok=True)
        if history_file.exists():
            readline.read_history_file(history_file)
        readline.set_history_length(1000)
        import atexit

        atexit.register(_save_history, readline, history_file)
    except OSError:
        pass


def _save_history(readline, history_file: Path) -> None:
    try:
        readline.write_history_file(history_file)
    except OSError:  # a read-only index folder: the chat worked, the history is not kept
        pass


class Repl:
    def __init__(
        self,
        pipeline: AnswerPipeline,
        console: Console | None = None,
        history_file: Path | None = None,
        max_turns: int = 6,
    ) -> None:
        self.pipeline = pipeline
        self.console = console or make_console()
        self.history_file = history_file
        self.max_turns = max_turns
        self.turns: list[Turn] = []
        self.last: Answer | None = None

    def handle(self, line: str) -> bool:
        """Act on one input line; False when the person asked to leave."""
        line = clean_input(line)
        command = line.lower()
        if command in ("/quit", "/exit"):
            return False
        if command == "/help":
            self.console.print(HELP)
        elif command == "/reset":
            self.turns, self.last = [], None
            self.console.print("Conversation cleared.")
        elif command == "/sources":
            print_sources(self.console, self.last)
        elif command.startswith("/"):
            self.console.print(f"Unknown command {line.strip()!r}. Type /help for the list.")
        else:
            self.ask(line)
        return True

    def _answer(self, question: str) -> Answer:
        """The checked answer. On a terminal a spinner runs until the first token, then the
        streamed draft shows dimmed; both vanish when the checked answer is ready, so nothing
        unchecked stays on screen. Elsewhere only the checked answer is printed."""
        history = self.turns[-self.max_turns :]
        if not self.console.is_terminal:
            return self.pipeline.answer(question, history)
        spinner = Spinner("dots", text=Text("Searching the articles…", style="dim"))
        parts: list[str] = []
        # 12 frames a second keeps the spinner moving smoothly; tokens refresh it as they come.
        with Live(spinner, console=self.console, transient=True, refresh_per_second=12) as live:

            def show(token: str) -> None:
                # A new Text each time: the refresh thread never sees one being changed.
                parts.append(token)
                live.update(Text("".join(parts), style="dim"), refresh=True)

            streams = self.pipeline.generator.streams
            return self.pipeline.answer(question, history, show if streams else None)

    def ask(self, question: str) -> None:
        try:
            answer = self._answer(question)
        except QuestionError as exc:
            self.console.print(str(exc))
            return
        except KeyboardInterrupt:
            self.console.print("[yellow]Cancelled.[/yellow]")
            return
        if answer.standalone_question != answer.question:
            self.console.print(f"(searched for: {answer.standalone_question})", style="dim")
        print_answer(self.console, answer)
        self.last = answer
        self.turns.append(Turn(answer.question, answer.standalone_question, answer.text))

    def run(self) -> int:
        _enable_line_editing(self.history_file)
        interactive = sys.stdin.isatty()
        self.console.print("newsbot: ask about the news articles. /help for commands.")
        while True:
            try:
                line = input("you> " if interactive else "")
            except EOFError:
                self.console.print()
                return 0
            except KeyboardInterrupt:
                self.console.print()
                continue
            except UnicodeDecodeError:  # a byte that is not UTF-8: one line, the chat goes on
                self.console.print("That line was not valid UTF-8 text; please type it again.")
                continue
            if not clean_input(line):
                if not interactive:
                    continue
                self.console.print(
                    'Type a question, or /help. Example: "Where did Milley meet Gerasimov?"'
                )
                continue
            if not self.handle(line):
                return 0
