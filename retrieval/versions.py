"""Folders of derived files published by version, for a reader that may run beside the writer.

A writer fills a temporary folder and renames it to ``<folder>/<version>`` (a rename is atomic, so
a reader finds a whole version or none, and two writers never share a half-written folder), then
points ``CURRENT`` at it and removes the other versions. A reader still loading a removed version
finds its files gone and does without (the keyword cache rebuilds; the snapshot reads Chroma).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from retrieval.integrity import write_manifest

log = logging.getLogger(__name__)
T = TypeVar("T")

TEMP_PREFIX = ".tmp-"
# Names the version published last.
CURRENT_FILE = "CURRENT"
# A writer's temporary folder older than this belongs to a writer that died.
STALE_TEMP_S = 3600


def publish(folder: Path, version: str, fill: Callable[[Path], None]) -> None:
    """``fill`` a temporary folder, add its manifest, and publish it as ``folder/version``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=folder))
    try:
        fill(staging)
        write_manifest(staging)
        try:
            staging.rename(folder / version)
        except OSError:  # another writer published this version first: keep theirs
            pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pointer = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    pointer.write_text(version)
    os.replace(pointer, folder / CURRENT_FILE)  # atomic: the latest version published
    _remove_others(folder, keep=version)


def current(folder: Path) -> str | None:
    """The version published last in ``folder``, or None."""
    try:
        return (Path(folder) / CURRENT_FILE).read_text().strip() or None
    except OSError:
        return None


def load(
    folder: Path,
    version: str | None,
    verify: Callable[[Path], str | None],
    read: Callable[[Path], T],
    damaged: str,
) -> T | None:
    """``read(folder/version)`` (None: the version published last) once ``verify`` finds
    nothing wrong with it; None when there is none, or a writer removed it meanwhile. A damaged
    one is logged (``damaged``: what it is and what happens instead) and removed, so that the
    next writer can publish it again."""
    version = version or current(folder)
    if not version or not (here := Path(folder) / version).is_dir():
        return None
    try:
        problem = verify(here)
        if problem is None:
            return read(here)
    except FileNotFoundError:  # removed by a writer publishing a newer version
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problem = f"{here} is unreadable ({exc})"
    if not here.is_dir():  # its manifest went with it: replaced, not damaged
        return None
    log.warning("%s: %s", damaged, problem)
    discard(here)
    return None


def discard(path: Path) -> None:
    """Move ``path`` out of the way (atomically) and delete it; nothing if read-only."""
    path = Path(path)
    trash = path.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex}")
    try:
        path.rename(trash)
    except OSError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def _remove_others(folder: Path, keep: str) -> None:
    """Other versions, files of an older single-folder layout, and temporary folders left by a
    writer that died (older than an hour, so a live writer's folder is never taken)."""
    for entry in Path(folder).iterdir():
        if entry.name in (keep, CURRENT_FILE):
            continue
        if entry.name.startswith(TEMP_PREFIX):
            try:
                if time.time() - entry.stat().st_mtime < STALE_TEMP_S:
                    continue
            except OSError:
                continue
        if entry.is_dir():
            discard(entry)
        else:
            entry.unlink(missing_ok=True)
