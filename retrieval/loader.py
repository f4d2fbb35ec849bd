"""Reads a corpus folder into cleaned ``Article``s, reporting every file it has to skip."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.cleaning import clean_article
from retrieval.records import Article


@dataclass(frozen=True)
class SkippedFile:
    name: str
    reason: str


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)


class UnreadableArticle(ValueError):
    """Raised for a file that cannot be an article; the message says why."""


def article_files(folder: Path) -> list[Path]:
    """The article files of a corpus folder: visible regular files, in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def load_article(path: Path) -> Article:
    """Read and clean one article file, or raise ``UnreadableArticle`` saying why not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableArticle(f"cannot be read ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise UnreadableArticle("is empty")
    if b"\x00" in raw:
        raise UnreadableArticle("is binary, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableArticle(f"is not UTF-8 text (bad byte at offset {exc.start})") from exc
    cleaned = clean_article(text)
    if not cleaned.body.strip():
        raise UnreadableArticle("has no story text once site boilerplate is removed")
    return Article(
        id=path.stem,
        title=cleaned.title,
        date=cleaned.date,
        body=cleaned.body,
        content_hash=hashlib.sha256(raw).hexdigest(),
    )


def load_corpus(folder: Path) -> Corpus:
    """Every readable article of ``folder``; the others are listed in ``skipped`` with a reason."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    corpus = Corpus()
    seen: dict[str, str] = {}
    for path in article_files(folder):
        if path.stem in seen:
            corpus.skipped.append(
                SkippedFile(path.name, f"has the same article id as {seen[path.stem]}")
            )
            continue
        try:
            corpus.articles.append(load_article(path))
            seen[path.stem] = path.name
        except UnreadableArticle as exc:
            corpus.skipped.append(SkippedFile(path.name, str(exc)))
    return corpus
