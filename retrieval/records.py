"""The records that flow through retrieval: articles, their passages and sentences, and excerpts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One cleaned news article. ``body`` is the text every offset below points into."""

    id: str
    title: str
    date: str | None
    body: str
    content_hash: str = ""
    url: str | None = None
    # The corpus file the article came from (one file may hold several articles).
    source: str = ""
    # True when the file gave no headline and ``title`` was cut from the opening sentence.
    title_derived: bool = False


@dataclass(frozen=True)
class Span:
    """A sentence of an article body, by character offsets: ``body[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Passage:
    """A chunk of whole sentences from one article, the unit that is embedded and searched."""

    id: str
    article_id: str
    title: str
    date: str | None
    text: str
    start: int
    end: int
    content_hash: str
    first_sentence: int
    last_sentence: int  # inclusive
    url: str | None = None
    title_derived: bool = False


@dataclass(frozen=True)
class Sentence:
    """A sentence stored with its own embedding so answers can be picked without re-embedding."""

    id: str
    article_id: str
    index: int
    text: str
    start: int
    end: int
    content_hash: str


@dataclass(frozen=True)
class ArticleRecord:
    """What the store keeps about an ingested article; the committed ``content_hash`` marks which
    passages are live, so a half-finished ingest never surfaces."""

    id: str
    title: str
    date: str | None
    content_hash: str
    n_passages: int
    n_sentences: int
    url: str | None = None
    source: str = ""
    title_derived: bool = False

    def passage_ids(self) -> list[str]:
        """The ids of the committed version's passages, in order."""
        return [passage_id(self.id, self.content_hash, n) for n in range(self.n_passages)]

    def sentence_ids(self) -> list[str]:
        """The ids of the committed version's sentences, in order."""
        return [sentence_id(self.id, self.content_hash, n) for n in range(self.n_sentences)]


@dataclass(frozen=True)
class Excerpt:
    """A retrieved passage with everything a citation needs."""

    article_id: str
    title: str
    date: str | None
    text: str
    start: int
    end: int
    score: float
    passage_id: str = ""
    first_sentence: int = 0
    last_sentence: int = 0
    content_hash: str = ""
    url: str | None = None
    title_derived: bool = False
    # The raw parts behind the fused ``score``: cosine similarity and BM25 score, or None where
    # that ranking did not return the passage.
    dense: float | None = None
    keyword: float | None = None

    def to_json(self) -> dict:
        """The ``newsbot search --json`` contract: keys are added, never renamed or dropped."""
        return {
            "article_id": self.article_id,
            "title": self.title,
            "date": self.date,
            "text": self.text,
            "score": round(self.score, 6),
            "start": self.start,
            "end": self.end,
            "dense": None if self.dense is None else round(self.dense, 6),
            "keyword": None if self.keyword is None else round(self.keyword, 6),
            "url": self.url,
        }


def passage_id(article_id: str, content_hash: str, n: int) -> str:
    return f"{article_id}@{content_hash[:12]}#{n:04d}"


def sentence_id(article_id: str, content_hash: str, n: int) -> str:
    return f"{article_id}@{content_hash[:12]}.s{n:04d}"
