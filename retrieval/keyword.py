"""BM25 keyword search over the live passages (bm25s), cached on disk by corpus version."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import bm25s

from retrieval.records import Passage

VERSION_FILE = "version.txt"
PASSAGES_FILE = "passages.jsonl"


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
    def __init__(self, bm25: bm25s.BM25 | None, passages: list[Passage]) -> None:
        self.bm25 = bm25
        self.passages = passages
        self.by_id = {p.id: p for p in passages}

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
        docs, scores = self.bm25.retrieve(
            tokens, k=min(k, len(self.passages)), show_progress=False, n_threads=1
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
            for p in self.passages:
                out.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
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
            with open(folder / PASSAGES_FILE, encoding="utf-8") as lines:
                passages = [Passage(**json.loads(line)) for line in lines]
            bm25 = bm25s.BM25.load(str(folder), show_progress=False) if passages else None
        except (OSError, ValueError, KeyError):
            return None
        return cls(bm25, passages)
