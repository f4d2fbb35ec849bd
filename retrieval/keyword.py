"""BM25 keyword search over the live passages, cached on disk by corpus version: one folder per
version, each with a manifest of its files' sizes and checksums.

bm25s computes the score matrix when an index is built (ingest). Tokenising and searching are
done here, on the matrix bm25s saved, with bm25s's own arithmetic: importing bm25s pulls in
scipy, a tenth of a second of every cold ``newsbot ask`` that only building needs.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from retrieval.integrity import verify_manifest
from retrieval.records import Passage
from retrieval.text import fold_accents
from retrieval.versions import current, load, publish

if TYPE_CHECKING:
    import bm25s

log = logging.getLogger(__name__)

VERSION_FILE = "version.txt"
PASSAGES_FILE = "passages.columns.json"
# The BM25 tokens of each passage, in passage order: read only by the next rebuild, so that
# only the passages of new or changed articles are tokenised again (never by a query process).
# Stored as numbers into a vocabulary (numpy, no pickle): a million passages' tokens load in a
# moment and share one string per distinct token.
# Bump when ``tokenize`` changes what it gives (2: accents folded): cached indexes are rebuilt,
# and the tokens file is named for it, so that a rebuild never reuses another tokeniser's.
TOKENIZER_VERSION = 2
TOKENS_FILE = f"tokens.{TOKENIZER_VERSION}.npz"
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


# bm25s.stopwords.STOPWORDS_EN (tests/test_search.py checks the copy), without importing bm25s.
BM25S_STOPWORDS_EN = """a an and are as at be but by for if in into is it no not of on or such
    that the their then there these they this to was will with""".split()
# bm25s's English list leaves question words in; a question's "what did ... from" matches
# every passage and says nothing about which one answers it.
STOPWORDS = sorted(
    set(BM25S_STOPWORDS_EN)
    | set("what when where which who whom whose why how did does do from about would could".split())
)
_STOP = frozenset(STOPWORDS)
# bm25s.tokenize's default pattern (scikit-learn's CountVectorizer's).
_WORD = re.compile(r"(?u)\b\w\w+\b")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, accent-free, stop-word-free, stemmed word tokens, as BM25 indexes them:
    what ``bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=..., return_ids=False)`` returns
    for the texts with accents folded (a test compares them), without importing bm25s."""
    stem = _stemmer().stemWords
    return [
        stem([w for w in _WORD.findall(fold_accents(text).lower()) if w not in _STOP])
        for text in texts
    ]


# The files bm25s.BM25.save writes (its default names).
_PARAMS, _VOCAB = "params.index.json", "vocab.index.json"
_ARRAYS = ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy")


@dataclass
class ScoreMatrix:
    """bm25s's precomputed BM25 scores, one column of documents per term (CSC)."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    num_docs: int
    vocab: dict[str, int]
    dtype: str

    @classmethod
    def of(cls, bm25: bm25s.BM25) -> ScoreMatrix:
        s = bm25.scores
        return cls(s["data"], s["indices"], s["indptr"], s["num_docs"], bm25.vocab_dict, bm25.dtype)

    @classmethod
    def load(cls, folder: Path) -> ScoreMatrix:
        """What ``bm25s.BM25.save`` wrote to ``folder``, memory-mapped: the matrix is paged in
        as queries touch it, not read whole (and a mapping outlives a newer writer removing
        this version)."""
        params = json.loads((folder / _PARAMS).read_text())
        if params["method"] not in ("lucene", "robertson", "atire"):
            # BM25L and BM25+ add a per-term score for documents without it; never written.
            raise ValueError(f"BM25 variant {params['method']!r} is not supported")
        vocab = json.loads((folder / _VOCAB).read_text(encoding="utf-8"))
        data, indices, indptr = (np.load(folder / name, mmap_mode="r") for name in _ARRAYS)
        return cls(data, indices, indptr, params["num_docs"], vocab, params["dtype"])

    def top(self, tokens: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best documents for one tokenised query that share a term with it, and
        their scores, best first; equal scores in document order. The scores are bm25s's
        ``retrieve``'s (numpy backend), summed term by term in the same order."""
        ids = np.asarray([self.vocab[t] for t in tokens if t in self.vocab], dtype=np.int64)
        scores = np.zeros(self.num_docs, dtype=np.dtype(self.dtype))
        for start, end in zip(self.indptr[ids], self.indptr[ids + 1]):
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        # Selecting among the documents a term touched, not among all: at a million passages
        # partitioning the (mostly zero) whole took 10-50 ms a query, ties being its worst case.
        touched = np.flatnonzero(scores)  # in document order
        if len(touched) > k:
            found = scores[touched]
            kth = np.partition(found, -k)[-k]
            above, tied = touched[found > kth], touched[found == kth]
            touched = np.concatenate([above, tied[: k - len(above)]])
        found = scores[touched]
        order = np.lexsort((touched, -found))
        return touched[order], found[order]


class KeywordIndex:
    def __init__(
        self,
        scores: ScoreMatrix | None,
        passages: Iterable[Passage],
        tokens: list[list[str]] | None = None,
        bm25: bm25s.BM25 | None = None,
    ) -> None:
        self.scores = scores
        self._bm25 = bm25  # the index bm25s built, kept to save it in bm25s's own format
        self.passages = (
            passages if isinstance(passages, PassageTable) else PassageTable.of(passages)
        )
        # Set when built here (saved for the next rebuild); a loaded index leaves them on disk.
        self.tokens = tokens

    @property
    def by_id(self) -> PassageTable:
        """Lookup by passage id: ``id in by_id``, ``by_id.get(id)``."""
        return self.passages

    @classmethod
    def build(
        cls, passages: Iterable[Passage], known: Mapping[str, list[str]] | None = None
    ) -> KeywordIndex:
        """BM25 over ``passages``. ``known``: the tokens of passages by their text (from the
        previous version's cache, ``tokens_by_text``), reused instead of tokenising again. A
        text's tokens do not depend on the other texts, so the index is the one a build from
        scratch gives; bm25s has no incremental update, so the scores are computed again."""
        passages = sorted(passages, key=lambda p: p.id)
        if not passages:
            return cls(None, [])
        known = known or {}
        new = [p.text for p in passages if p.text not in known]
        fresh = dict(zip(new, tokenize(new))) if new else {}
        tokens = [known[p.text] if p.text in known else fresh[p.text] for p in passages]
        import bm25s

        bm25 = bm25s.BM25()
        bm25.index(tokens, show_progress=False)
        return cls(ScoreMatrix.of(bm25), passages, tokens, bm25)

    @staticmethod
    def tokens_by_text(folder: Path, version: str | None = None) -> dict[str, list[str]]:
        """The tokens saved with a cached version (None: the latest published), by passage
        text; empty when there are none or they fail their checksum."""
        try:
            version = version or current(folder)
            if not version:
                return {}
            here = Path(folder) / version
            if verify_manifest(here, only=[TOKENS_FILE]) is not None:
                return {}
            with open(here / PASSAGES_FILE, encoding="utf-8") as columns:
                texts = json.load(columns)["text"]
            with np.load(here / TOKENS_FILE) as saved:
                ids, offsets = saved["ids"].tolist(), saved["offsets"].tolist()
                vocab = saved["vocab"].tolist()
            if len(offsets) != len(texts) + 1:
                return {}
            words = [vocab[i] for i in ids]
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            log.debug("no saved BM25 tokens to reuse: %s", exc)
            return {}
        return {text: words[offsets[n] : offsets[n + 1]] for n, text in enumerate(texts)}

    def search(self, query: str, k: int) -> list[tuple[Passage, float]]:
        """Up to ``k`` passages sharing a term with ``query``, best first."""
        if self.scores is None or k <= 0:
            return []
        tokens = tokenize([query])[0]
        if not tokens:
            return []
        docs, scores = self.scores.top(tokens, min(k, len(self.passages)))
        return [(self.passages[int(d)], float(s)) for d, s in zip(docs, scores) if s > 0]

    def save(self, folder: Path, version: str) -> None:
        """Publish the index as ``folder/<version>``, atomically (see ``retrieval.versions``)."""
        if self.scores is not None and self._bm25 is None:
            raise ValueError("only a keyword index built in this process can be saved")

        def fill(staging: Path) -> None:
            if self._bm25 is not None:
                self._bm25.save(str(staging), show_progress=False)
            with open(staging / PASSAGES_FILE, "w", encoding="utf-8") as out:
                json.dump(self.passages.columns, out, ensure_ascii=False)
            if self.tokens is not None:
                _save_tokens(staging / TOKENS_FILE, self.tokens)
            (staging / VERSION_FILE).write_text(version)

        publish(folder, version, fill)

    @classmethod
    def load(cls, folder: Path, version: str | None) -> KeywordIndex | None:
        """The cached index built for ``version`` (None: the latest published), or None when
        there is none or it is damaged (a damaged one is removed, so the rebuilt one can take its
        place)."""

        def read(here: Path) -> KeywordIndex:
            with open(here / PASSAGES_FILE, encoding="utf-8") as columns:
                passages = PassageTable(json.load(columns))
            return cls(ScoreMatrix.load(here) if len(passages) else None, passages)

        # The tokens are for the next rebuild, which checks them itself: a query process does
        # not pay for hashing them.
        return load(
            folder,
            version,
            lambda here: verify_manifest(here, skip=[TOKENS_FILE]),
            read,
            "keyword cache damaged, rebuilding it",
        )


def _save_tokens(path: Path, tokens: list[list[str]]) -> None:
    vocab: dict[str, int] = {}
    ids = [vocab.setdefault(word, len(vocab)) for words in tokens for word in words]
    offsets = np.cumsum([0, *(len(words) for words in tokens)], dtype=np.int64)
    with open(path, "wb") as out:  # a file object: np.savez would add ".npz" to a name
        np.savez(
            out,
            ids=np.asarray(ids, dtype=np.int32),
            offsets=offsets,
            vocab=np.asarray(list(vocab) or [""], dtype=str),
        )
