"""BM25 keyword search over the live passages (bm25s), cached on disk by corpus version."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

import bm25s

from retrieval.records import Passage

VERSION_FILE = "version.txt"
PASSAGES_FILE = "passages.columns.json"
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

    def __getitem__(self, i):  # noqa: ANN001, ANN204 - Sequence's int-or-slice signature
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
        """Written beside and renamed into place, so a reader sees the old or the new index."""
        folder = Path(folder)
        staging = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if self.bm25 is not None:
            self.bm25.save(str(staging), show_progress=False)
        with open(staging / PASSAGES_FILE, "w", encoding="utf-8") as out:
            json.dump(self.passages.columns, out, ensure_ascii=False)
        (staging / VERSION_FILE).write_text(version)
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)

    @classmethod
    def load(cls, folder: Path, version: str | None) -> KeywordIndex | None:
        """The cached index if it was built for ``version`` (None: whichever it was), else None."""
        folder = Path(folder)
        try:
            if version is not None and (folder / VERSION_FILE).read_text() != version:
                return None
            with open(folder / PASSAGES_FILE, encoding="utf-8") as columns:
                passages = PassageTable(json.load(columns))
            # Memory-mapped: the score matrix is paged in as queries touch it, not read whole.
            bm25 = (
                bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
                if len(passages)
                else None
            )
        except (OSError, ValueError, KeyError):
            return None
        return cls(bm25, passages)
