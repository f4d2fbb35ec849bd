"""The ``newsbot`` command line: ingest, articles, search, ask, chat, eval."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from argparse import ArgumentParser
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from bot.answering.inputs import clean_input, strip_controls
from bot.cli.logs import configure_logging
from bot.cli.render import make_console
from bot.config import ConfigError, Settings
from retrieval.dates import DateWindow, parse_bound
from retrieval.integrity import IndexProblem

if TYPE_CHECKING:
    from retrieval.index import Index
    from retrieval.ingest import IngestReport

log = logging.getLogger(__name__)

# Commands that answer once and exit, reading the index. Everything they create lives until the
# process ends, so the cyclic garbage collector would only walk the objects of the modules being
# imported again and again (and once more at exit): ~0.2 s of a cold `newsbot ask`, a quarter of
# `import chromadb`. They run with it off; the long-running and writing commands keep it.
ONE_SHOT = {"ask", "search", "articles"}


class CommandError(Exception):
    """A problem the person can fix; ``main`` prints the message as one line and exits 2."""


def project_version() -> str:
    """The installed newsbot's version (also named in the eval report)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsbot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


class _VersionAction(argparse._VersionAction):
    """``--version``, looking the version up only when asked: a lookup scans the installed
    distributions, which every other command would pay for at start."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        self.version = f"newsbot {project_version()}"
        super().__call__(parser, namespace, values, option_string)


def _err() -> Console:
    return make_console(sys.stderr)


def _settings(args: argparse.Namespace) -> Settings:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    try:
        from dotenv import load_dotenv

        load_dotenv(Path.cwd() / ".env", override=False)
    except ImportError:  # pragma: no cover - python-dotenv is a dependency
        pass
    env = dict(os.environ)
    if getattr(args, "corpus", None):
        # --corpus stands for NEWSBOT_CORPUS, so the index follows it too.
        env["NEWSBOT_CORPUS"] = str(args.corpus)
    return Settings.from_env(env)


def _print_report(report: IngestReport, console: Console) -> None:
    def names(items: list[str]) -> str:
        return ", ".join(items) if items else "none"

    if not report.changed:
        console.print(f"up to date: {len(report.unchanged)} articles unchanged")
    else:
        console.print(f"added {len(report.added)}: {names(report.added)}")
        console.print(f"updated {len(report.updated)}: {names(report.updated)}")
        console.print(f"removed {len(report.removed)}: {names(report.removed)}")
        console.print(f"unchanged {len(report.unchanged)}")
    if report.skipped:
        console.print(f"skipped {len(report.skipped)}:")
    for s in report.skipped:
        console.print(f"  {s.name}: {s.reason}", style="yellow")
    if report.undated:
        console.print(f"undated {len(report.undated)}:")
    for s in report.undated:
        console.print(f"  {s.name}: {s.reason}", style="yellow")
    if report.changed:
        console.print(
            f"embedded {report.passages_embedded} passages and {report.sentences_embedded} "
            f"sentences in {report.seconds:.1f}s"
        )


def _check_corpus(settings: Settings) -> None:
    corpus = settings.retrieval.corpus_dir
    if not Path(corpus).is_dir():
        raise CommandError(
            f"corpus folder not found: {corpus} (set NEWSBOT_CORPUS or pass --corpus)"
        )


def _open_index(settings: Settings) -> Index:
    from bot.cli.progress import ingest_progress
    from retrieval.index import open_index

    err = _err()
    where = settings.retrieval.chroma_url or settings.retrieval.index_dir
    try:
        with ingest_progress(err, "Building the index (first run)") as progress:
            index = open_index(
                settings.retrieval,
                progress=progress,
                on_build=lambda r: err.print(
                    f"indexed {len(r.added)} articles, skipped {len(r.skipped)}", style="dim"
                ),
                on_wait=_say_waiting,
            )
    except FileNotFoundError:
        _check_corpus(settings)
        raise
    except IndexProblem:  # already one line saying what is wrong and what to do
        raise
    except Exception as exc:  # any store failure reads the same to a person
        log.debug("opening the index failed", exc_info=True)
        raise CommandError(f"cannot open the index at {where}: {_reason(exc)}") from exc
    return index


def _say_waiting(message: str) -> None:
    _err().print(f"{message}...", style="yellow", markup=False, highlight=False, soft_wrap=True)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text[:200] or type(exc).__name__


def _bound(option: str, value: str | None, end: bool) -> str | None:
    if not value:
        return None
    day = parse_bound(value, end=end)
    if day is None:
        raise CommandError(f"{option} {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return day


def _window(args: argparse.Namespace) -> DateWindow:
    since = _bound("--since", args.since, end=False)
    until = _bound("--until", args.until, end=True)
    if since and until and since > until:
        raise CommandError(f"--since {args.since} is after --until {args.until}")
    return DateWindow(since, until)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.progress import ingest_progress
    from retrieval.index import build_index

    _check_corpus(settings)
    _preload_onnx_model(settings)  # taken if an article changed; else joined at exit
    with ingest_progress(_err()) as progress:
        report, _ = build_index(
            settings.retrieval,
            progress=progress,
            rebuild=args.rebuild,
            allow_empty=args.allow_empty,
            on_wait=_say_waiting,
        )
    _print_report(report, make_console())
    return 0


def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.render import article_json, print_articles

    index = _open_index(settings)
    records = sorted(index.records.values(), key=lambda r: r.id)
    if args.json:
        print(json.dumps([article_json(r) for r in records], ensure_ascii=False, indent=2))
    else:
        print_articles(make_console(), records)
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.render import print_excerpts

    query = clean_input(args.query)
    if not query:
        raise CommandError('give a query, e.g. newsbot search "Milley Gerasimov meeting"')
    if len(query) > settings.max_question_chars:
        raise CommandError(
            f"the query is {len(query)} characters long; keep it under "
            f"{settings.max_question_chars} (NEWSBOT_MAX_QUESTION_CHARS)"
        )
    window = _window(args)
    _preload_onnx_model(settings)
    index = _open_index(settings)
    if index.notice:
        _err().print(f"note: {index.notice}", style="yellow", soft_wrap=True)
    excerpts = index.searcher().search(query, k=args.k, window=window)
    if args.json:
        print(json.dumps([e.to_json() for e in excerpts], ensure_ascii=False, indent=2))
    else:
        print_excerpts(make_console(), excerpts)
    return 0


def _preload_onnx_model(settings: Settings) -> None:
    """Start loading the model's ONNX export in the background while the rest of the command
    is imported and the store opened (retrieval.onnx_export.preload_exported); the index takes
    it when it needs it, and an error in the load is raised there, as if it had loaded it."""
    if settings.retrieval.embedder == "minilm":
        from retrieval.onnx_export import preload_exported

        preload_exported(settings.retrieval.onnx_dir)


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    window = _window(args)
    _preload_onnx_model(settings)
    if settings.reader and settings.retrieval.embedder == "minilm":
        # The answer reader too; a load that fails there is made again, or reported, by the
        # pipeline, which then answers without it.
        from bot.answering.reader import preload_reader

        preload_reader(settings.reader_dir)
    from bot.answering.factory import build_pipeline
    from bot.answering.pipeline import QuestionError
    from bot.cli.render import print_answer

    pipeline = build_pipeline(settings, index=_open_index(settings))
    try:
        answer = pipeline.answer(args.question, window=window)
    except QuestionError as exc:
        if args.json:
            # As given, but printable: a byte that is not UTF-8 cannot be written out.
            echo = strip_controls(args.question)
            print(json.dumps({"question": echo, "error": str(exc)}, ensure_ascii=False))
        else:
            _err().print(str(exc))
        return 2
    if args.json:
        if answer.notice:
            _err().print(f"note: {answer.notice}", style="yellow")
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print_answer(make_console(), answer, quotes=args.quotes)
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.answering.factory import build_pipeline
    from bot.cli.repl import Repl

    pipeline = build_pipeline(settings, index=_open_index(settings))
    history = settings.retrieval.index_dir / "chat_history"
    return Repl(pipeline, history_file=history, max_turns=settings.history_turns).run()


def cmd_slack(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.runner import run_slack

    try:
        return run_slack(settings, args.http, args.port, _open_index, _err().print)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None


def cmd_feedback(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.feedback import print_feedback

    return print_feedback(settings.retrieval.index_dir, args.json, make_console())


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation.command import run_eval_command

    # run_eval_command checks each question file ("question file not found: X") itself.
    return run_eval_command(args, settings, _open_index)


def _corpus_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help="corpus folder (default: NEWSBOT_CORPUS, else the project's seeds/); "
        "its index is found from this path",
    )


def _date_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--since",
        metavar="DATE",
        help="only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help="only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)",
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsbot",
        description="Cited answers from news articles.",
        epilog='Start with: newsbot ask "Where did Milley meet Gerasimov?"',
    )
    p.add_argument("--version", action=_VersionAction)
    p.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log more to stderr: -v for progress and dropped citations, -vv for debugging",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, summary: str, run: Callable, corpus: bool = True) -> ArgumentParser:
        """A subcommand whose --help opens with its one-line summary."""
        sp = sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
        if corpus:
            _corpus_option(sp)
        sp.set_defaults(run=run)
        return sp

    ingest = command("ingest", "index the corpus (only new or changed articles)", cmd_ingest)
    ingest.add_argument(
        "--rebuild",
        action="store_true",
        help="delete the stored index and build it again from the corpus (repairs a damaged one)",
    )
    ingest.add_argument(
        "--allow-empty",
        action="store_true",
        help="let an empty corpus folder withdraw every indexed article",
    )
    articles = command("articles", "list the indexed articles", cmd_articles)
    articles.add_argument("--json", action="store_true", help="print a JSON array")

    search = command("search", "hybrid search: the passages that match a query", cmd_search)
    search.add_argument("query", help='words to look for, e.g. "Milley Gerasimov meeting"')
    search.add_argument("-k", type=int, default=5, help="how many passages (default 5)")
    search.add_argument("--json", action="store_true", help="print a JSON array")
    _date_options(search)

    ask = command("ask", "answer one question, with citations", cmd_ask)
    ask.add_argument("question", help='the question, e.g. "Where did Milley meet Gerasimov?"')
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--quotes", action="store_true", help="show the quote behind each source")
    _date_options(ask)

    command("chat", "the interactive REPL", cmd_chat)

    slack = command("slack", "run the Slack bot (Socket Mode, or --http)", cmd_slack)
    slack.add_argument("--http", action="store_true", help="serve the Events API over HTTP instead")
    slack.add_argument("--port", type=int, help="HTTP port (default: NEWSBOT_SLACK_PORT or 3000)")
    feedback = command("feedback", "what people said about the Slack answers", cmd_feedback)
    feedback.add_argument("--json", action="store_true", help="print one JSON object")

    from bot.evaluation.command import add_eval_arguments

    add_eval_arguments(sub.add_parser("eval", help="run a question set and score it"))
    sub.choices["eval"].set_defaults(run=cmd_eval)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    p = parser()
    if not argv:
        p.print_help()
        return 0
    args = p.parse_args(argv)
    configure_logging(args.verbose)
    try:
        settings = _settings(args)
    except ConfigError as exc:
        _err().print(f"configuration error: {exc}", style="red")
        return 2
    if args.command == "search" and args.k < 1:
        _err().print("error: -k must be at least 1", style="red")
        return 2
    one_shot = args.command in ONE_SHOT
    if one_shot:
        gc.disable()
    try:
        return args.run(args, settings)
    except CommandError as exc:
        _err().print(f"error: {exc}", style="red")
        return 2
    except IndexProblem as exc:  # damaged, busy, unreachable, or would be emptied: one line
        _err().print(f"error: {exc}", style="red", markup=False, highlight=False, soft_wrap=True)
        return 1
    except KeyboardInterrupt:
        _err().print("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`newsbot articles | head`): nothing left to say.
        sys.stderr.close()
        return 1
    except Exception as exc:  # a person sees one line; -vv logs the traceback
        log.debug("newsbot %s failed", args.command, exc_info=True)
        _err().print(f"error: {type(exc).__name__}: {_reason(exc)} (run with -vv for details)")
        return 1
    finally:
        if one_shot:
            # The process exits next: moving what is left out of the collector's reach spares
            # the exit a last walk over it. A caller that goes on gets its collector back.
            gc.freeze()
            gc.enable()


if __name__ == "__main__":
    sys.exit(main())
