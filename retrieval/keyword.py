"""BM25 keyword search over the live passages (bm25s), cached on disk by corpus version: one
folder per version, each with a manifest of its files' sizes and checksums."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

import bm25s

from retrieval.integrity import verify_manifest, write_manifest
from retrieval.records import Passage

log = logging.getLogger(__name__)

VERSION_FILE = "version.txt"
PASSAGES_FILE = "passages.columns.json"
TEMP_PREFIX = ".tmp-"
# Names the version published last.
CURRENT_FILE = "CURRENT"
# A writer's temporary folder older than this belongs to a writer that died.
STALE_TEMP_S = 3600
FIELDS = [f.name for f in fields(Passage)]


class PassageTable(Sequence[Passage]):
    """The live passages stored by column; a ``Passage`` is built only when one is asked for.

    A million passages then load from one JSON document of columns in a few seconds, where a
    JSON line and an object per passage took several times longer and more memory.
    """

    def __init__(self, columns: Mapping[str, list]) -> None:
        self.columns = {name: list(columns[name]) for name in FIELDS}
        self._ordered = [self.columns[name] for name in FIELDS]
        self.row = {pid: i for i, pid in enumerate(self.columns["id"])}

    @classmethod
    def of(cls, passages: Iterable[Passage]) -> PassageTable:
        rows = list(passages)
        return cls({name: [getattr(p, name) for p in rows] for name in FIELDS})

    def __len__(self) -> int:
        return len(self.columns["id"])

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return Passage(*[column[i] for column in self._ordered])

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self)))

    def get(self, passage_id: str) -> Passage | None:
        """The passage of that id, or None."""
        i = self.row.get(passage_id)
        return None if i is None else self[i]

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self.row


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


# bm25s's English list leaves question words in; a question's "what did ... from" matches
# every passage and says nothing about which one answers it.
STOPWORDS = sorted(
    set(bm25s.stopwords.STOPWORDS_EN)
    | set("what when where which who whom whose why how did does do from about would could".split())
)


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop-word-free, stemmed word tokens, as BM25 indexes them."""
    return bm25s.tokenize(
        texts, stopwords=STOPWORDS, stemmer=_stemmer(), return_ids=False, show_progress=False
    )


class KeywordIndex:
    def __init__(self, bm25: bm25s.BM25 | None, passages: Iterable[Passage]) -> None:
        self.bm25 = bm25
        self.passages = (
            passages if isinstance(passages, PassageTable) else PassageTable.of(passages)
        )

    @property
    def by_id(self) -> PassageTable:
        """Lookup by passage id: ``id in by_id``, ``by_id.get(id)``."""
        return self.passages

    @classmethod
    def build(cls, passages: Iterable[Passage]) -> KeywordIndex:
        passages = sorted(passages, key=lambda p: p.id)
        if not passages:
            return cls(None, [])
        bm25 = bm25s.BM25()
        bm25.index(tokenize([p.text for p in passages]), show_progress=False)
        return cls(bm25, passages)

    def search(self, query: str, k: int) -> list[tuple[Passage, float]]:
        """Up to ``k`` passages sharing a term with ``query``, best first."""
        if self.bm25 is None or k <= 0:
            return []
        tokens = tokenize([query])
        if not tokens[0]:
            return []
        # n_threads=0 scores in this thread; any other value starts a thread pool per call,
        # which cost more than the scoring itself (5-10 ms a query on two cores).
        docs, scores = self.bm25.retrieve(
            tokens, k=min(k, len(self.passages)), show_progress=False, n_threads=0
        )
        return [(self.passages[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]

    def save(self, folder: Path, version: str) -> None:
        """Publish the index as ``folder/<version>``, atomically.

        Each writer builds in its own temporary folder and renames it into place: a rename is
        atomic, so a reader finds the complete index of its version or none, and two writers
        building at once never share a half-written folder. Versions other than this one are
        then removed; a reader still loading one of them simply rebuilds.
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=folder))
        try:
            if self.bm25 is not None:
                self.bm25.save(str(staging), show_progress=False)
            with open(staging / PASSAGES_FILE, "w", encoding="utf-8") as out:
                json.dump(self.passages.columns, out, ensure_ascii=False)
            (staging / VERSION_FILE).write_text(version)
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

    @classmethod
    def load(cls, folder: Path, version: str | None) -> KeywordIndex | None:
        """The cached index built for ``version`` (None: the latest published), or None when
        there is none or it is damaged (a damaged one is removed, so the rebuilt one can take its
        place)."""
        if version is None:
            try:
                version = (Path(folder) / CURRENT_FILE).read_text().strip()
            except OSError:
                return None
        here = Path(folder) / version
        if not version or not here.is_dir():
            return None
        try:
            problem = verify_manifest(here)
            if problem is None:
                with open(here / PASSAGES_FILE, encoding="utf-8") as columns:
                    passages = PassageTable(json.load(columns))
                # Memory-mapped: the score matrix is paged in as queries touch it, not read
                # whole (and a mapping outlives a newer writer removing this version).
                bm25 = (
                    bm25s.BM25.load(str(here), mmap=True, show_progress=False)
                    if len(passages)
                    else None
                )
                return cls(bm25, passages)
        except FileNotFoundError:  # removed by a writer publishing a newer version
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problem = f"{here} is unreadable ({exc})"
        log.warning("keyword cache damaged, rebuilding it: %s", problem)
        _discard(here)
        return None


def _discard(path: Path) -> None:
    """Move ``path`` out of the way (atomically) and delete it; nothing if read-only."""
    trash = path.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex}")
    try:
        path.rename(trash)
    except OSError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def _remove_others(folder: Path, keep: str) -> None:
    """Other versions, files of the old single-folder layout, and temporary folders left by a
    writer that died (older than an hour, so a live writer's folder is never taken)."""
    for entry in folder.iterdir():
        if entry.name in (keep, CURRENT_FILE):
            continue
        if entry.name.startswith(TEMP_PREFIX):
            try:
                if time.time() - entry.stat().st_mtime < STALE_TEMP_S:
                    continue
            except OSError:
                continue
        if entry.is_dir():
            _discard(entry)
        else:
            entry.unlink(missing_ok=True)
