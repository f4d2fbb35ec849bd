"""The ``newsbot`` command line: ingest, search, ask, chat, eval."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from bot.cli.logs import configure_logging
from bot.config import ConfigError, Settings
from retrieval.ingest import IngestReport

ERR = Console(stderr=True)
log = logging.getLogger(__name__)


def _settings() -> Settings:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    try:
        from dotenv import load_dotenv

        load_dotenv(Path.cwd() / ".env", override=False)
    except ImportError:  # pragma: no cover - python-dotenv is a dependency
        pass
    return Settings.from_env(os.environ)


def _print_report(report: IngestReport, console: Console) -> None:
    def names(items: list[str]) -> str:
        return ", ".join(items) if items else "none"

    console.print(f"added {len(report.added)}: {names(report.added)}")
    console.print(f"updated {len(report.updated)}: {names(report.updated)}")
    console.print(f"removed {len(report.removed)}: {names(report.removed)}")
    console.print(f"unchanged {len(report.unchanged)}")
    console.print(f"skipped {len(report.skipped)}" + (":" if report.skipped else ""))
    for s in report.skipped:
        console.print(f"  {s.name}: {s.reason}", style="yellow")
    console.print(
        f"embedded {report.passages_embedded} passages and {report.sentences_embedded} "
        f"sentences in {report.seconds:.1f}s"
    )


def _open_index(settings: Settings):  # noqa: ANN202
    from bot.cli.progress import ingest_progress
    from retrieval.index import open_index

    with ingest_progress(ERR, "Building the index (first run)") as progress:
        return open_index(
            settings.retrieval,
            progress=progress,
            on_build=lambda r: ERR.print(
                f"indexed {len(r.added)} articles, skipped {len(r.skipped)}", style="dim"
            ),
        )


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    from bot.cli.progress import ingest_progress
    from retrieval.index import build_index

    if args.corpus:
        settings = replace(settings, retrieval=replace(settings.retrieval, corpus_dir=args.corpus))
    if not Path(settings.retrieval.corpus_dir).is_dir():
        ERR.print(f"error: corpus folder not found: {settings.retrieval.corpus_dir}", style="red")
        return 2
    with ingest_progress(ERR) as progress:
        report, _ = build_index(settings.retrieval, progress=progress)
    _print_report(report, Console())
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.render import print_excerpts

    if not args.query.strip():
        ERR.print('error: give a query, e.g. newsbot search "Milley Gerasimov meeting"')
        return 2
    excerpts = _open_index(settings).searcher().search(args.query, k=args.k)
    if args.json:
        print(json.dumps([e.to_json() for e in excerpts], ensure_ascii=False, indent=2))
    else:
        print_excerpts(Console(), excerpts)
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.answering.factory import build_pipeline
    from bot.answering.pipeline import QuestionError
    from bot.cli.render import print_answer

    pipeline = build_pipeline(settings, index=_open_index(settings))
    try:
        answer = pipeline.answer(args.question)
    except QuestionError as exc:
        ERR.print(str(exc))
        return 2
    if args.json:
        if answer.notice:
            ERR.print(f"note: {answer.notice}", style="yellow")
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print_answer(Console(), answer, quotes=args.quotes)
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.answering.factory import build_pipeline
    from bot.cli.repl import Repl

    pipeline = build_pipeline(settings, index=_open_index(settings))
    return Repl(pipeline, history_file=settings.retrieval.index_dir / "chat_history").run()


def cmd_slack(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.runner import run_slack

    try:
        return run_slack(settings, args.http, args.port, _open_index, ERR.print)
    except ConfigError as exc:
        ERR.print(f"configuration error: {exc}", style="red", soft_wrap=True)
        return 2


def cmd_feedback(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.feedback import print_feedback

    return print_feedback(settings.retrieval.index_dir, args.json, Console())


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation.command import run_eval_command

    return run_eval_command(args, settings, _open_index)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsbot", description="Cited answers from news articles.")
    p.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log more to stderr: -v for progress and dropped citations, -vv for debugging",
    )
    sub = p.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="index the corpus (only new or changed articles)")
    ingest.add_argument(
        "--corpus", type=Path, help="corpus folder (default: NEWSBOT_CORPUS or seeds/)"
    )
    ingest.set_defaults(run=cmd_ingest)

    search = sub.add_parser("search", help="hybrid search: the passages that match a query")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5, help="how many passages (default 5)")
    search.add_argument("--json", action="store_true", help="print a JSON array")
    search.set_defaults(run=cmd_search)

    ask = sub.add_parser("ask", help="answer one question, with citations")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--quotes", action="store_true", help="show the quote behind each source")
    ask.set_defaults(run=cmd_ask)

    chat = sub.add_parser("chat", help="the interactive REPL")
    chat.set_defaults(run=cmd_chat)

    slack = sub.add_parser("slack", help="run the Slack bot (Socket Mode, or --http)")
    slack.add_argument("--http", action="store_true", help="serve the Events API over HTTP instead")
    slack.add_argument("--port", type=int, help="HTTP port (default: NEWSBOT_SLACK_PORT or 3000)")
    slack.set_defaults(run=cmd_slack)

    feedback = sub.add_parser("feedback", help="what people said about the Slack answers")
    feedback.add_argument("--json", action="store_true", help="print one JSON object")
    feedback.set_defaults(run=cmd_feedback)

    from bot.evaluation.command import add_eval_arguments

    add_eval_arguments(sub.add_parser("eval", help="run a question set and score it"))
    sub.choices["eval"].set_defaults(run=cmd_eval)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    configure_logging(args.verbose)
    try:
        settings = _settings()
    except ConfigError as exc:
        ERR.print(f"configuration error: {exc}", style="red")
        return 2
    if args.command == "search" and args.k < 1:
        ERR.print("error: -k must be at least 1", style="red")
        return 2
    try:
        return args.run(args, settings)
    except KeyboardInterrupt:
        ERR.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
