"""Reads a corpus folder into cleaned ``Article``s, reporting every file it has to skip."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
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


def _not_an_article(path: Path) -> str | None:
    """Why a visible folder entry is not read as an article, or None when it is one. Links are
    never followed: one could point outside the corpus folder (a password file)."""
    if path.is_symlink():
        return "is a symbolic link; links are not followed"
    if path.is_dir():
        return "is a folder; subfolders are not read"
    if not path.is_file():
        return "is not a regular file"
    return None


def article_files(folder: Path) -> list[Path]:
    """The article files of a corpus folder: visible regular files (not links), in name order."""
    return sorted(
        p for p in folder.iterdir() if not p.name.startswith(".") and _not_an_article(p) is None
    )


def _read_regular(path: Path, max_bytes: int | None) -> bytes:
    """The file's bytes, refusing a link swapped in since the listing (O_NOFOLLOW) and a file
    over ``max_bytes`` (checked on the open file, and read no further than that)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableArticle("is a symbolic link; links are not followed") from exc
        raise UnreadableArticle(f"cannot be read ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableArticle("is not a regular file")
        if max_bytes is not None and info.st_size > max_bytes:
            raise UnreadableArticle(
                f"is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit "
                "(NEWSBOT_MAX_ARTICLE_BYTES)"
            )
        return f.read() if max_bytes is None else f.read(max_bytes + 1)[:max_bytes]


def load_article(path: Path, max_bytes: int | None = None) -> Article:
    """Read and clean one article file, or raise ``UnreadableArticle`` saying why not."""
    try:
        raw = _read_regular(path, max_bytes)
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


def load_corpus(folder: Path, max_bytes: int | None = None) -> Corpus:
    """Every readable article of ``folder`` (each file at most ``max_bytes``); the others, and
    the entries that are not article files, are listed in ``skipped`` with a reason."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    corpus = Corpus()
    for entry in sorted(folder.iterdir()):
        reason = None if entry.name.startswith(".") else _not_an_article(entry)
        if reason:
            corpus.skipped.append(SkippedFile(entry.name, reason))
    seen: dict[str, str] = {}
    for path in article_files(folder):
        if path.stem in seen:
            corpus.skipped.append(
                SkippedFile(path.name, f"has the same article id as {seen[path.stem]}")
            )
            continue
        try:
            corpus.articles.append(load_article(path, max_bytes))
            seen[path.stem] = path.name
        except UnreadableArticle as exc:
            corpus.skipped.append(SkippedFile(path.name, str(exc)))
    return corpus
