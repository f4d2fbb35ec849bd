"""The ingest progress bar people see while the index is built: texts embedded, rate and ETA."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Texts embedded per second so far (rich's own estimate needs several updates, and a
    small corpus is embedded in one or two batches)."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time or task.elapsed
        if not elapsed or not task.completed:
            return Text("… texts/s", style="progress.data.speed")
        return Text(f"{task.completed / elapsed:,.0f} texts/s", style="progress.data.speed")


@contextmanager
def ingest_progress(console: Console, label: str = "Embedding passages") -> Iterator:
    """A ``(done, total)`` callback (texts embedded so far, texts to embed); the bar appears
    only once there is something to embed, so a no-op ingest shows none."""
    bar: Progress | None = None
    task = None

    def update(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            if total <= 0:
                return
            bar = Progress(
                f"[progress.description]{label}",
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeElapsedColumn(),
                "eta",
                TimeRemainingColumn(),
                console=console,
            )
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()
