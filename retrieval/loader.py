"""Reads a corpus folder into cleaned ``Article``s, reporting every file or record it has to skip.

Formats, by file name: ``.html``/``.htm`` news pages (``html_articles``), ``.jsonl``/``.json``
news dumps (``json_articles``, several articles per file), anything else plain text
(``cleaning``). Article ids: a text or HTML file's name without its extension; a JSON record's
``id``, else ``<file stem>-<line>`` (``.jsonl``) or ``<file stem>-<record number>`` (``.json``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.cleaning import CleanArticle, clean_article
from retrieval.html_articles import NoStory, read_html
from retrieval.json_articles import NotAnArticle, read_record, record_id, records
from retrieval.records import Article, ArticleRecord

HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".jsonl", ".json"}


@dataclass(frozen=True)
class SkippedFile:
    """A file, or one record of a file (``name`` is then ``file:line``), left out or noted."""

    name: str
    reason: str


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    # Articles left without a date, and why: ingest's report says so.
    undated: list[SkippedFile] = field(default_factory=list)
    # Ids of articles still in the corpus but unreadable now, and files unreadable as a whole:
    # their last good version stays in the index.
    held: set[str] = field(default_factory=set)
    unreadable_files: set[str] = field(default_factory=set)

    @property
    def present(self) -> set[str]:
        """Ids of the articles the index keeps: the loaded ones and the held ones."""
        return {a.id for a in self.articles} | self.held

    def keeps(self, record: ArticleRecord) -> bool:
        """Whether an indexed article still belongs to the corpus (else ingest withdraws it)."""
        return record.id in self.present or bool(
            record.source and record.source in self.unreadable_files
        )


class UnreadableArticle(ValueError):
    """Raised for a file that cannot be an article; the message says why."""


def article_files(folder: Path) -> list[Path]:
    """The article files of a corpus folder: visible regular files, in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _read_text(path: Path) -> tuple[str, bytes]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableArticle(f"cannot be read ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise UnreadableArticle("is empty")
    if b"\x00" in raw:
        raise UnreadableArticle("is binary, not text")
    try:
        return raw.decode("utf-8-sig"), raw
    except UnicodeDecodeError as exc:
        raise UnreadableArticle(f"is not UTF-8 text (bad byte at offset {exc.start})") from exc


def _article(article_id: str, clean: CleanArticle, source: str, digest: str) -> Article:
    return Article(
        id=article_id,
        title=clean.title,
        date=clean.date,
        body=clean.body,
        content_hash=digest,
        url=clean.url,
        source=source,
        title_derived=clean.title_derived,
    )


def load_article(path: Path) -> Article:
    """Read and clean one text or HTML article file, or raise ``UnreadableArticle`` saying why."""
    return _single(path)[0]


def _single(path: Path) -> tuple[Article, CleanArticle]:
    text, raw = _read_text(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        try:
            clean = read_html(text)
        except NoStory as exc:
            raise UnreadableArticle(str(exc)) from exc
    else:
        clean = clean_article(text)
        if not clean.body.strip():
            raise UnreadableArticle("has no story text once site boilerplate is removed")
    return _article(path.stem, clean, path.name, hashlib.sha256(raw).hexdigest()), clean


def _undated_reason(clean: CleanArticle) -> str | None:
    if clean.date is not None:
        return None
    if clean.unread_date is not None:
        return f"date {clean.unread_date!r} not understood; left undated"
    return "no date found; left undated"


class _Loader:
    def __init__(self) -> None:
        self.corpus = Corpus()
        self.seen: dict[str, str] = {}

    def add(self, article: Article, where: str, clean: CleanArticle) -> None:
        if article.id in self.seen:
            self.corpus.skipped.append(
                SkippedFile(where, f"has the same article id as {self.seen[article.id]}")
            )
            return
        self.seen[article.id] = where
        self.corpus.articles.append(article)
        if (reason := _undated_reason(clean)) is not None:
            self.corpus.undated.append(SkippedFile(f"{where} ({article.id})", reason))

    def file(self, path: Path) -> None:
        try:
            if path.suffix.lower() in JSON_SUFFIXES:
                self.dump(path)
                return
            article, clean = _single(path)
        except UnreadableArticle as exc:
            self.corpus.skipped.append(SkippedFile(path.name, str(exc)))
            self.corpus.held.add(path.stem)
            self.corpus.unreadable_files.add(path.name)
            return
        self.add(article, path.name, clean)

    def dump(self, path: Path) -> None:
        text, _ = _read_text(path)
        lines = path.suffix.lower() == ".jsonl"
        try:
            items = list(records(text, lines=lines))
        except NotAnArticle as exc:
            raise UnreadableArticle(str(exc)) from exc
        for record in items:
            where = f"{path.name}:{record.position}" if lines else f"{path.name}#{record.position}"
            article_id = record_id(record) or f"{path.stem}-{record.position}"
            try:
                clean = read_record(record)
            except NotAnArticle as exc:
                self.corpus.skipped.append(SkippedFile(where, str(exc)))
                self.corpus.held.add(article_id)
                continue
            digest = hashlib.sha256(
                json.dumps(record.fields, sort_keys=True, ensure_ascii=False).encode()
            ).hexdigest()
            self.add(_article(article_id, clean, path.name, digest), where, clean)


def load_corpus(folder: Path) -> Corpus:
    """Every readable article of ``folder``; the others are listed in ``skipped`` with a reason."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    loader = _Loader()
    for path in article_files(folder):
        loader.file(path)
    return loader.corpus
