"""Checks that an index on disk is whole before anything reads it, and the marker that tells a
reader an ingest did not finish.

What is cheap to check is checked on every open:
- the files newsbot writes itself (keyword cache, ONNX export) carry a ``manifest.json`` of sizes
  and checksums, verified when they are loaded;
- Chroma's SQLite file passes ``PRAGMA quick_check`` (read-only connection, so it works on a
  read-only volume and cannot change the file);
- Chroma's HNSW files are checked structurally (every neighbour id in range), because a garbled
  ``data_level0.bin`` makes hnswlib read out of bounds and kill the process with SIGSEGV, which no
  ``except`` can catch. The HNSW files change on reads too (Chroma compacts its log lazily), so a
  manifest of their checksums would be stale after the first query; their structure is not.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import struct
import tempfile
import time
from collections.abc import Collection, Iterable
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
REBUILD_HINT = "rebuild it with `newsbot ingest --rebuild`"
CHECK_ATTEMPTS = 4
CHECK_PAUSE_S = 0.1
# Chroma's SQLite file in its folder.
CHROMA_DB = "chroma.sqlite3"


class IndexProblem(RuntimeError):
    """The index cannot be used or changed as asked; the message is one line for a person,
    saying what is wrong and what to do."""


class IndexDamaged(IndexProblem):
    """Part of the index on disk is damaged."""


class WouldEmptyIndex(IndexProblem):
    """An ingest found no article file at all while the index holds articles."""


def refuse_to_empty(corpus_dir: Path, indexed: int, files: int, allow_empty: bool) -> None:
    """An empty corpus folder (an unmounted volume, a wrong path) would silently withdraw every
    indexed article; that takes an explicit ``allow_empty``."""
    if indexed and not files and not allow_empty:
        raise WouldEmptyIndex(
            f"the corpus folder {corpus_dir} holds no article file, and ingesting it would "
            f"withdraw all {indexed} indexed articles; nothing was changed. If that is what you "
            "want, run `newsbot ingest --allow-empty`."
        )


# -- manifests of the files newsbot writes -------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path, names: Iterable[str] | None = None) -> None:
    """Record size and checksum of ``names`` (default: every file of ``folder``)."""
    folder = Path(folder)
    if names is None:
        names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != MANIFEST_FILE)
    files = {n: {"size": (folder / n).stat().st_size, "sha256": _sha256(folder / n)} for n in names}
    (folder / MANIFEST_FILE).write_text(json.dumps({"files": files}, indent=1))


def verify_manifest(
    folder: Path,
    *,
    required: bool = True,
    checksums: bool = True,
    only: Collection[str] | None = None,
    skip: Collection[str] = (),
) -> str | None:
    """What is wrong with ``folder`` against its manifest, or None when it matches.

    Sizes are compared first (free), checksums after unless ``checksums`` is off (for large
    files read on every start); a folder without a manifest is damaged when ``required``
    (newsbot always writes one), else trusted. ``only`` / ``skip``: check just these files /
    all but these (a file named in ``only`` but not recorded is missing).
    """
    folder = Path(folder)
    try:
        recorded = json.loads((folder / MANIFEST_FILE).read_text())["files"]
    except FileNotFoundError:
        return f"{folder.name}: no {MANIFEST_FILE}" if required else None
    except (OSError, ValueError, KeyError, TypeError):
        return f"{folder / MANIFEST_FILE} is unreadable"
    if only is not None:
        if any(name not in recorded for name in only):
            return f"{folder}: {', '.join(sorted(set(only) - set(recorded)))} not recorded"
        recorded = {name: recorded[name] for name in only}
    recorded = {name: want for name, want in recorded.items() if name not in skip}
    for name, want in recorded.items():
        path = folder / name
        try:
            size = path.stat().st_size
        except OSError:
            return f"{path} is missing"
        if size != want["size"]:
            return f"{path} has {size} bytes, {want['size']} were written"
    for name, want in recorded.items():
        if checksums and _sha256(folder / name) != want["sha256"]:
            return f"{folder / name} does not match its checksum"
    return None


# -- Chroma's files ---------------------------------------------------------------------------

# hnswlib's header.bin (hnswalg.h, saveIndex; Chroma's fork puts a format version int first):
# version (int), offsetLevel0 (size_t), max_elements,
# cur_element_count, size_data_per_element, label_offset, offset_data (size_t each), maxlevel
# (int), enterpoint_node (uint), maxM, maxM0, M (size_t each), mult (double), ef_construction.
_HNSW_HEADER = struct.Struct("<i6QiI3QdQ")


def check_hnsw(folder: Path) -> str | None:
    """What is structurally wrong with one HNSW segment folder, or None."""
    header, level0 = folder / "header.bin", folder / "data_level0.bin"
    if not header.exists() and not level0.exists():
        return None  # a segment Chroma has not flushed yet
    try:
        raw = header.read_bytes()
        if len(raw) < _HNSW_HEADER.size:
            return f"{header} is truncated"
        fields = _HNSW_HEADER.unpack_from(raw)
        _, _, max_elements, count, per_element, _, _, _, enter, _, max_m0, _, _, _ = fields
        if count == 0:
            return None
        if count > max_elements or per_element < 4 * (max_m0 + 1) or enter >= count:
            return f"{header} is garbled"
        if level0.stat().st_size < count * per_element:
            return f"{level0} is truncated"
        data = np.fromfile(level0, dtype=np.uint8, count=count * per_element)
        rows = data.reshape(count, per_element)[:, : 4 * (max_m0 + 1)].copy().view(np.uint32)
        sizes = rows[:, 0] & 0xFFFF  # hnswlib keeps the link count in the low two bytes
        if (sizes > max_m0).any():
            return f"{level0} is garbled"
        links = rows[:, 1:]
        used = np.arange(max_m0)[None, :] < sizes[:, None]
        if (links[used] >= count).any():
            return f"{level0} is garbled"
    except OSError as exc:
        return f"{folder} cannot be read ({exc.strerror or exc})"
    return None


def check_sqlite(path: Path) -> str | None:
    """``PRAGMA quick_check``: None when the file is sound.

    Read-write where the folder allows it: a writer killed mid-transaction leaves a write-ahead
    log that only a writable connection may recover, and a read-only one would call the sound
    file damaged ("attempt to write a readonly database"). The check itself changes no data.
    """
    if not path.exists():
        return None
    mode = "rw" if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) else "ro"
    try:
        with sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=30) as db:
            rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"{path} is damaged ({exc})"
    if rows != [("ok",)]:
        return f"{path} is damaged ({rows[0][0]})"
    return None


def check_chroma(folder: Path) -> None:
    """Raise ``IndexDamaged`` when the embedded Chroma store in ``folder`` would fail or crash."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for attempt in range(CHECK_ATTEMPTS):
        problem = check_sqlite(folder / CHROMA_DB)
        for segment in sorted(p for p in folder.iterdir() if p.is_dir()):
            problem = problem or check_hnsw(segment)
        if problem is None:
            return
        # Chroma rewrites HNSW files while compacting, in whichever process reads first: a
        # file caught mid-write is whole a moment later; a damaged one stays damaged.
        time.sleep(CHECK_PAUSE_S * (attempt + 1))
    raise IndexDamaged(f"the index is damaged: {problem}; {REBUILD_HINT}")


# -- read-only indexes --------------------------------------------------------------------------


def writable(folder: Path) -> bool:
    """Whether newsbot may write in ``folder`` (false on a read-only volume, even for root)."""
    folder = Path(folder)
    return os.access(folder, os.W_OK) and all(
        os.access(p, os.W_OK) for p in folder.glob("*.sqlite3")
    )


def require_writable(index_dir: Path) -> None:
    """Raise ``IndexProblem`` when an ingest could not write the index folder."""
    folder = Path(index_dir).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not writable(folder):
        raise IndexProblem(
            f"the index folder {index_dir} is read-only: reading works, but building or "
            "updating it needs write access (or another NEWSBOT_INDEX_DIR)"
        )


def chroma_folder_for_reading(folder: Path) -> Path:
    """``folder``, or a private copy of it when it is read-only.

    Chroma opens its SQLite file for writing even to read (it applies migrations and compacts its
    log on the first query), which fails on a read-only volume with "attempt to write a readonly
    database". A copy in the temporary folder, removed at exit, lets reads go on; it costs one
    copy of the store per process, so it is only made when the folder cannot be written.
    """
    folder = Path(folder)
    if not folder.is_dir() or writable(folder):
        return folder
    copy = Path(tempfile.mkdtemp(prefix="newsbot-readonly-")) / "chroma"
    log.info("index folder %s is read-only; reading a copy in %s", folder, copy)
    shutil.copytree(folder, copy)
    atexit.register(shutil.rmtree, copy.parent, ignore_errors=True)
    return copy
