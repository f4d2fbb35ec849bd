"""Incremental ingestion: new or changed articles are embedded and committed, deleted ones
withdrawn, unchanged ones left alone.

Order matters for crash safety. For each article the new passages and sentences are written
first, then the article record is committed with the new hash (the moment the new version goes
live), then the old version's rows are pruned. A deleted article's record is withdrawn before its
rows are. Searches only trust rows whose hash matches the committed record, so an ingest stopped
at any point answers from the old version or the new one, never a mix.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from retrieval.chunking import chunk_article
from retrieval.cleaning import CLEANER_VERSION
from retrieval.embedders import Embedder
from retrieval.integrity import refuse_to_empty
from retrieval.loader import SkippedFile, article_files, load_corpus
from retrieval.records import Article, ArticleRecord, Passage, Sentence, sentence_id
from retrieval.sentences import split_sentences
from retrieval.settings import RetrievalSettings
from retrieval.stores import Store

log = logging.getLogger(__name__)

# Progress is reported as (texts embedded, texts to embed): passages and sentences of the new or
# changed articles, counted after each embedding call of EMBED_CHUNK_TEXTS, so a front end sees
# it move at the model's pace and can show a rate and an ETA. Texts found already stored by an
# interrupted ingest count as done at once.
Progress = Callable[[int, int], None]
# Articles are written in windows of about this many texts: one upsert per collection per window
# instead of one per article, and at most this many vectors held at a time.
EMBED_BATCH_TEXTS = 1024
# One embedding call: small enough for progress to move every second or two on two cores.
EMBED_CHUNK_TEXTS = 256


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    undated: list[SkippedFile] = field(default_factory=list)
    passages_embedded: int = 0
    sentences_embedded: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass
class _Prepared:
    article: Article
    passages: list[Passage]
    sentences: list[Sentence]


def version_key(settings: RetrievalSettings, raw_hash: str) -> str:
    """The hash an article is stored under: its file's content plus how it was processed."""
    salt = f"{settings.signature}|clean={CLEANER_VERSION}|{raw_hash}"
    return hashlib.sha256(salt.encode()).hexdigest()


def prepare(article: Article, settings: RetrievalSettings) -> _Prepared:
    spans = split_sentences(article.body, settings.max_sentence_chars)
    passages = chunk_article(
        article, spans, max_chars=settings.chunk_chars, overlap_sentences=settings.chunk_overlap
    )
    sentences = [
        Sentence(
            id=sentence_id(article.id, article.content_hash, i),
            article_id=article.id,
            index=i,
            text=s.text,
            start=s.start,
            end=s.end,
            content_hash=article.content_hash,
        )
        for i, s in enumerate(spans)
    ]
    return _Prepared(article, passages, sentences)


def _write(
    window: Sequence[_Prepared], store: Store, embedder: Embedder, tick: Callable[[int], None]
) -> tuple[int, int]:
    """Embed and store one window of articles, then commit them all and prune their old rows;
    returns the passages and sentences embedded (not those reused).

    Rows are written chunk by chunk as they are embedded, before any record of the window is
    committed: an interruption leaves only uncommitted rows, which searches ignore and the next
    ingest reuses instead of embedding again.
    """
    passages = [p for item in window for p in item.passages]
    sentences = [s for item in window for s in item.sentences]
    vectors = store.stored_vectors([p.id for p in passages], [s.id for s in sentences])
    if vectors:
        log.info("reusing %d vectors stored by an interrupted ingest", len(vectors))
        tick(len(vectors))
    rows: list[Passage | Sentence] = [r for r in [*passages, *sentences] if r.id not in vectors]
    for at in range(0, len(rows), EMBED_CHUNK_TEXTS):
        chunk = rows[at : at + EMBED_CHUNK_TEXTS]
        embedded = embedder.embed([r.text for r in chunk])
        new_p = [(r, v) for r, v in zip(chunk, embedded) if isinstance(r, Passage)]
        new_s = [(r, v) for r, v in zip(chunk, embedded) if isinstance(r, Sentence)]
        if new_p:
            store.add_passages([r for r, _ in new_p], np.stack([v for _, v in new_p]))
        if new_s:
            store.add_sentences([r for r, _ in new_s], np.stack([v for _, v in new_s]))
        vectors.update((r.id, v) for r, v in zip(chunk, embedded))
        tick(len(chunk))
    commits = []
    for item in window:
        a = item.article
        mean = np.mean([vectors[p.id] for p in item.passages], axis=0)
        record = ArticleRecord(
            a.id,
            a.title,
            a.date,
            a.content_hash,
            len(item.passages),
            len(item.sentences),
            url=a.url,
            source=a.source,
            title_derived=a.title_derived,
        )
        commits.append((record, a.body, mean / max(float(np.linalg.norm(mean)), 1e-12)))
    store.commit_articles(commits)
    store.prune_many({item.article.id: item.article.content_hash for item in window})
    n_passages = sum(1 for r in rows if isinstance(r, Passage))
    return n_passages, len(rows) - n_passages


def _write_or_skip(
    window: Sequence[_Prepared],
    store: Store,
    embedder: Embedder,
    tick: Callable[[int], None],
    report: IngestReport,
    committed: dict,
) -> tuple[int, int]:
    """``_write`` the window; when that fails, article by article, so one article the embedder
    cannot take is skipped (and reported) while the others of its window commit. When every
    article fails alone too, the cause is not an article (a broken model, a full disk): raise."""
    try:
        return _write(window, store, embedder, tick)
    except Exception as exc:
        if len(window) == 1:
            raise
        log.warning("embedding a batch failed (%s); retrying article by article", exc)
    totals, failures = [0, 0], []
    for item in window:
        try:
            for k, n in enumerate(_write([item], store, embedder, tick)):
                totals[k] += n
        except Exception as exc:
            failures.append(exc)
            aid = item.article.id
            log.warning("skipped %s: could not be embedded (%s)", aid, exc)
            report.skipped.append(SkippedFile(aid, f"could not be embedded ({exc})"))
            (report.updated if aid in committed else report.added).remove(aid)
    if len(failures) == len(window):
        raise failures[0]
    return totals[0], totals[1]


def ingest(
    corpus_dir: Path,
    store: Store,
    embedder: Embedder,
    settings: RetrievalSettings,
    progress: Progress | None = None,
    allow_empty: bool = False,
) -> IngestReport:
    """Bring ``store`` in line with the articles of ``corpus_dir``; an empty folder withdraws
    every article only when ``allow_empty``."""
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir, settings.max_article_bytes)
    report = IngestReport(skipped=corpus.skipped, undated=corpus.undated)
    for skipped in corpus.skipped:
        log.warning("skipped %s: %s", skipped.name, skipped.reason)
    committed = store.articles()

    pending: list[Article] = []
    for article in corpus.articles:
        article = replace(article, content_hash=version_key(settings, article.content_hash))
        old = committed.get(article.id)
        if old is not None and old.content_hash == article.content_hash:
            report.unchanged.append(article.id)
        else:
            (report.updated if old else report.added).append(article.id)
            pending.append(article)

    files = len(article_files(Path(corpus_dir)))
    refuse_to_empty(Path(corpus_dir), len(committed), files, allow_empty)
    # A file or record that is still there but unreadable keeps its last good version.
    for article_id in sorted(aid for aid, r in committed.items() if not corpus.keeps(r)):
        store.remove_article(article_id)
        store.prune(article_id, keep_hash=None)
        report.removed.append(article_id)

    prepared: list[_Prepared] = []
    for article in pending:
        try:
            prepared.append(prepare(article, settings))
        except Exception as exc:
            log.warning("skipped %s: %s", article.id, exc)
            report.skipped.append(SkippedFile(article.id, f"could not be split ({exc})"))
            (report.updated if article.id in committed else report.added).remove(article.id)
    total = sum(len(item.passages) + len(item.sentences) for item in prepared)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    if progress and total:
        progress(0, total)
    window: list[_Prepared] = []
    for i, item in enumerate(prepared):
        window.append(item)
        size = sum(len(w.passages) + len(w.sentences) for w in window)
        if size >= EMBED_BATCH_TEXTS or i == len(prepared) - 1:
            n_p, n_s = _write_or_skip(window, store, embedder, tick, report, committed)
            report.passages_embedded += n_p
            report.sentences_embedded += n_s
            window = []
    report.seconds = time.perf_counter() - started
    log.info(
        "ingest: %d added, %d updated, %d removed, %d unchanged, %d skipped in %.1fs",
        len(report.added),
        len(report.updated),
        len(report.removed),
        len(report.unchanged),
        len(report.skipped),
        report.seconds,
    )
    return report
