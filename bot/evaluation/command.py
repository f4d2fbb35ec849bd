"""``newsbot eval``: run a question set and write the report, or compare two runs."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from bot.config import Settings

# flag -> metric it guards
THRESHOLDS = {
    "min_accuracy": "accuracy",
    "min_hit_at_5": "hit_at_5",
    "min_citation_precision": "citation_precision",
    "min_abstention_recall": "abstention_recall",
}


def add_eval_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("questions", nargs="?", type=Path, help="question set, JSON Lines")
    p.add_argument("--out", type=Path, default=Path("eval-out"), help="report folder (eval-out/)")
    p.add_argument("--generator", choices=["extractive", "openai", "anthropic", "ollama"])
    p.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="two results.jsonl")
    for flag in THRESHOLDS:
        p.add_argument("--" + flag.replace("_", "-"), type=float, metavar="X", dest=flag)


def failed_thresholds(args: argparse.Namespace, overall: dict) -> list[str]:
    failures = []
    for flag, metric in THRESHOLDS.items():
        minimum = getattr(args, flag)
        if minimum is None:
            continue
        value = overall.get(metric)
        if value is None or value < minimum:
            shown = "n/a" if value is None else f"{value:.3f}"
            failures.append(f"{metric} {shown} is below --{flag.replace('_', '-')} {minimum}")
    return failures


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


def run_eval_command(
    args: argparse.Namespace, settings: Settings, open_index: Callable[[Settings], object]
) -> int:
    from bot.answering.factory import build_pipeline
    from bot.evaluation.compare import compare
    from bot.evaluation.questions import load_questions
    from bot.evaluation.report import write_report
    from bot.evaluation.runner import run_questions
    from bot.evaluation.scoring import summarize

    console, err = Console(), Console(stderr=True)
    if args.compare:
        missing = [str(p) for p in args.compare if not p.is_file()]
        if missing:
            err.print(f"error: not found: {', '.join(missing)}", style="red")
            return 2
        _print_compare(compare(*args.compare), console)
        return 0
    if args.questions is None or not args.questions.is_file():
        err.print("error: give a question set file (JSON Lines), e.g. eval/questions/seeds.jsonl")
        return 2
    questions, problems = load_questions(args.questions)
    for problem in problems:
        err.print(problem, style="yellow", soft_wrap=True)
    if not questions:
        err.print("error: no valid question in the file", style="red")
        return 2
    if args.generator:
        settings = replace(settings, generator=args.generator)
    pipeline = build_pipeline(settings, index=open_index(settings))
    with Progress(
        "Evaluating", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as bar:
        task = bar.add_task("eval", total=len(questions))
        results, citations = run_questions(
            pipeline, questions, lambda done, _: bar.update(task, completed=done)
        )
    summary = summarize(results, questions, citations)
    write_report(args.out, results, citations, summary)
    overall = summary["overall"]
    console.print(json.dumps({k: v for k, v in overall.items()}, indent=2))
    console.print(f"report written to {args.out}/ (report.md, report.png, summary.json)")
    failures = failed_thresholds(args, overall)
    for failure in failures:
        err.print(f"FAIL: {failure}", style="red", soft_wrap=True)
    return 1 if failures else 0
