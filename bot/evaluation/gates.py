"""Quality gates: a bound on one metric, overall or on one split, checked against a summary.

On the command line a gate is ``--min-accuracy 0.9`` (overall) or ``--min-accuracy heldout=0.9``
(that split only); the flag can be repeated to gate several scopes in one run.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from bot.evaluation.questions import SPLITS

OVERALL = "overall"
# flag (argparse dest) -> (metric it bounds, True when the bound is an upper one)
FLAGS = {
    "min_accuracy": ("accuracy", False),
    "min_hit_at_5": ("hit_at_5", False),
    "min_citation_precision": ("citation_precision", False),
    "min_abstention_recall": ("abstention_recall", False),
    "max_false_abstention": ("false_abstention", True),
}


@dataclass(frozen=True)
class Gate:
    flag: str
    metric: str
    bound: float
    upper: bool = False
    scope: str = OVERALL  # "overall" or a split

    @property
    def option(self) -> str:
        value = f"{self.bound:g}" if self.scope == OVERALL else f"{self.scope}={self.bound:g}"
        return f"--{self.flag.replace('_', '-')} {value}"

    def describe(self) -> str:
        return f"{self.scope} {self.metric} {'<=' if self.upper else '>='} {self.bound:g}"

    def value(self, summary: dict) -> float | None:
        table = summary["overall"] if self.scope == OVERALL else summary["by_split"].get(self.scope)
        return (table or {}).get(self.metric)

    def failure(self, summary: dict) -> str | None:
        """None when the gate holds, else one line saying why not."""
        value = self.value(summary)
        name = self.metric if self.scope == OVERALL else f"{self.scope} {self.metric}"
        if value is None:
            return f"{name} is n/a (nothing to measure), gate {self.option}"
        if value > self.bound if self.upper else value < self.bound:
            return f"{name} {value:.3f} is {'above' if self.upper else 'below'} {self.option}"
        return None


def parse_bound(text: str) -> tuple[str, float]:
    """``"0.9"`` -> ("overall", 0.9); ``"heldout=0.9"`` -> ("heldout", 0.9)."""
    scope, _, number = text.rpartition("=")
    scope = scope.strip() or OVERALL
    if scope not in (OVERALL, *SPLITS):
        raise argparse.ArgumentTypeError(
            f"unknown split {scope!r} in {text!r}; use X or SPLIT=X, SPLIT one of "
            f"{', '.join(SPLITS)}"
        )
    try:
        return scope, float(number)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {number!r}") from None


def add_gate_arguments(p: argparse.ArgumentParser) -> None:
    for flag, (metric, upper) in FLAGS.items():
        p.add_argument(
            "--" + flag.replace("_", "-"),
            type=parse_bound,
            action="append",
            dest=flag,
            metavar="[SPLIT=]X",
            help=f"fail (exit 1) when {metric} is {'above' if upper else 'below'} X; overall, "
            f"or on one split with SPLIT=X ({', '.join(SPLITS)}); repeat for several",
        )


def gates_from(args: argparse.Namespace) -> list[Gate]:
    gates = []
    for flag, (metric, upper) in FLAGS.items():
        for scope, bound in getattr(args, flag, None) or []:
            gates.append(Gate(flag, metric, bound, upper, scope))
    return gates


def failures(gates: list[Gate], summary: dict) -> list[str]:
    return [f for f in (g.failure(summary) for g in gates) if f]
