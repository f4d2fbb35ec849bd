"""``newsbot eval``: run question sets and write the report, or compare two runs."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from bot.config import GENERATORS, Settings
from bot.evaluation.gates import add_gate_arguments, failures, gates_from

EPILOG = """\
Question files: JSON Lines ({"id", "question", "answers", "sources", "type", "split"}), or a
SQuAD v2 JSON file (one article per paragraph, indexed in its own folder under the index dir;
even paragraphs = calibration, odd = heldout). Several files run together; the report shows
overall, by split and by type.

Gates: --min-accuracy 0.9 bounds the overall figure; --min-accuracy heldout=0.9 bounds one split.
Repeat a flag to gate several: --min-accuracy 0.9 --min-accuracy heldout=0.85. A failed gate
exits 1."""


def add_eval_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.description = (
        "Run question sets through the answer pipeline and score them, or compare two runs."
    )
    p.epilog = EPILOG
    p.add_argument(
        "questions",
        nargs="*",
        type=Path,
        help="question files: JSON Lines sets (e.g. eval/questions/seeds.jsonl) or SQuAD JSON",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("eval-out"),
        metavar="DIR",
        help="report folder (default eval-out/)",
    )
    p.add_argument(
        "--generator",
        choices=GENERATORS,
        help="answer generator (default: NEWSBOT_GENERATOR or extractive)",
    )
    p.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("A", "B"),
        help="compare two runs' results.jsonl instead of running questions",
    )
    p.add_argument(
        "--json", action="store_true", help="print the summary (or comparison) as JSON on stdout"
    )
    add_gate_arguments(p)


def _print_compare(result: dict, console: Console) -> None:
    console.print(f"{len(result['changed'])} question(s) changed outcome")
    for row in result["changed"]:
        console.print(f"  {row['id']}: {row['question']}")
        for field in row["changed"]:
            console.print(f"      {field}: {row['before'][field]} -> {row['after'][field]}")
    for side in ("only_in_a", "only_in_b"):
        if result[side]:
            console.print(f"{side.replace('_', ' ')}: {', '.join(result[side])}")
    for metric, d in result["deltas"].items():
        console.print(f"  {metric:<22} {d['a']:>9.3f} -> {d['b']:>9.3f}  ({d['delta']:+.3f})")


def _run_compare(args: argparse.Namespace, console: Console, err: Console) -> int:
    from bot.evaluation.compare import CompareError, compare

    try:
        result = compare(*args.compare)
    except CompareError as exc:
        err.print(f"error: {exc}", style="red", soft_wrap=True, markup=False)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_compare(result, console)
    return 0


def _prepare_out(out: Path) -> str | None:
    """Checked before the run, so a bad ``--out`` never costs the results: None or the error."""
    if out.exists() and not out.is_dir():
        return f"--out {out} is a file; give a folder for the report"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"--out {out}: cannot create the report folder ({exc.strerror or exc})"
    return None


def run_eval_command(
    args: argparse.Namespace, settings: Settings, open_index: Callable[[Settings], object]
) -> int:
    from bot.evaluation.questions import EvalQuestion
    from bot.evaluation.sets import QuestionFileError, load_question_set, qualify_repeated

    console, err = Console(), Console(stderr=True)
    if args.compare:
        return _run_compare(args, console, err)
    if not args.questions:
        err.print(
            "error: give one or more question files, e.g. "
            "newsbot eval eval/questions/seeds.jsonl eval/questions/heldout.jsonl",
            style="red",
            soft_wrap=True,
        )
        return 2
    sets = []
    for path in dict.fromkeys(args.questions):  # a file named twice is scored once
        try:
            sets.append(load_question_set(path))
        except (QuestionFileError, ValueError) as exc:
            err.print(f"error: {exc}", style="red", soft_wrap=True, markup=False)
            return 2
    problem = _prepare_out(args.out)
    if problem:
        err.print(f"error: {problem}", style="red", soft_wrap=True, markup=False)
        return 2
    seen: set[str] = set()
    for qset in sets:
        for problem in qset.problems:
            err.print(problem, style="yellow", soft_wrap=True, markup=False)
        qset.questions, renamed = qualify_repeated(qset.questions, qset.path, seen)
        for before, after in renamed:
            err.print(
                f"{qset.path}: id {before!r} is already in an earlier file; scored as {after!r}",
                style="yellow",
                soft_wrap=True,
                markup=False,
            )
        seen.update(q.id for q in qset.questions)
    questions: list[EvalQuestion] = [q for qset in sets for q in qset.questions]
    if not questions:
        err.print("error: no valid question in the file(s)", style="red")
        return 2
    if args.generator:
        settings = replace(settings, generator=args.generator)
    gates = gates_from(args)
    # Imported once the input is known good: bad input gets its one line without the wait (and
    # `newsbot ask`, which builds this command's arguments, never imports rich's progress bars).
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from bot.answering.factory import build_pipeline
    from bot.evaluation.report import write_report
    from bot.evaluation.runner import run_questions
    from bot.evaluation.scoring import summarize

    results: list[dict] = []
    citations: list[dict] = []
    indexes: dict[str, object] = {}  # one per corpus, opened once
    with Progress(
        "Evaluating", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as bar:
        task = bar.add_task("eval", total=len(questions))
        for qset in sets:
            if not qset.questions:
                continue
            index = _index_for(qset, settings, open_index, indexes)
            pipeline = build_pipeline(replace(settings, retrieval=index.settings), index=index)
            offset = len(results)
            set_results, set_citations = run_questions(
                pipeline,
                qset.questions,
                lambda done, _, offset=offset: bar.update(task, completed=offset + done),
            )
            results += set_results
            citations += set_citations
    summary = summarize(results, questions, citations)
    summary["run"] = run_info(settings, sets, results, gates)
    write_report(args.out, results, citations, summary, questions, gates)
    failed = failures(gates, summary)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print_summary(summary, console)
    err.print(
        f"report written to {args.out}/ (report.md, report.png, summary.json)", soft_wrap=True
    )
    for failure in failed:
        err.print(f"FAIL: {failure}", style="red", soft_wrap=True, markup=False)
    return 1 if failed else 0


def _where(retrieval) -> tuple[str, str]:
    """The corpus and the index a set was answered from, as a person would look them up."""
    index = str(Path(retrieval.index_dir).resolve())
    if retrieval.chroma_url:
        index = f"{retrieval.chroma_url} (collections {retrieval.collection_prefix}_*)"
    return str(Path(retrieval.corpus_dir).resolve()), index


def run_info(settings: Settings, sets: list, results: list[dict], gates: list) -> dict:
    """What the report must name: date, version, generator, question sets, corpus and index."""
    from collections import Counter
    from datetime import UTC, datetime

    from bot.cli.commands import project_version
    from bot.evaluation.scoring import split_name
    from bot.evaluation.squad import squad_settings

    described = []
    for qset in sets:
        retrieval = (
            squad_settings(qset.squad, settings.retrieval) if qset.squad else settings.retrieval
        )
        corpus, index = _where(retrieval)
        splits = Counter(split_name(q) for q in qset.questions)
        described.append(
            {
                "path": str(qset.path),
                "format": qset.format,
                "questions": len(qset.questions),
                "splits": dict(sorted(splits.items())),
                "corpus": corpus,
                "index": index,
            }
        )
    answered_by = Counter(r["generator"] for r in results if r.get("generator"))
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": project_version(),
        "generator": settings.generator,
        # Whether the extractive answers were read by the fitted answer reader
        # (bot.answering.reader): its figures differ, so a report says which it measured.
        "reader": "on" if settings.reader else "off",
        "answered_by": ", ".join(f"{name} {n}" for name, n in answered_by.most_common()),
        "question_sets": described,
        "gates": [g.describe() for g in gates],
    }


def print_summary(summary: dict, console: Console) -> None:
    """A short table of the headline metrics: by split when there are splits, else by type."""
    from rich.table import Table

    from bot.evaluation.report import HEADLINE_METRICS, cell

    groups = summary["by_split"] or summary["by_type"]
    table = Table(title="newsbot evaluation", title_justify="left")
    table.add_column("metric")
    for name in ("overall", *groups):
        table.add_column(name, justify="right")
    for metric in HEADLINE_METRICS:
        values = [summary["overall"].get(metric), *(g.get(metric) for g in groups.values())]
        table.add_row(metric.replace("_", " "), *(cell(v) for v in values))
    console.print(table)


def _index_for(qset, settings: Settings, open_index: Callable, indexes: dict):
    """The index a set is answered from, opened once per run: the configured corpus's, or the
    SQuAD file's own (its corpus written first, its build finished if one was interrupted)."""
    from bot.evaluation.squad import squad_settings, write_corpus
    from retrieval.index import build_index

    if qset.squad is None:
        key = "news"
        if key not in indexes:
            indexes[key] = open_index(settings)
        return indexes[key]
    retrieval = squad_settings(qset.squad, settings.retrieval)
    key = str(retrieval.index_dir)
    if key not in indexes:
        write_corpus(qset.squad, retrieval.corpus_dir)
        index = open_index(replace(settings, retrieval=retrieval))
        if set(index.records) != {p.article_id for p in qset.squad.paragraphs}:
            _, index = build_index(retrieval)
        indexes[key] = index
    return indexes[key]
