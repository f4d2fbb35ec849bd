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
from retrieval.loader import SkippedFile, load_corpus
from retrieval.records import Article, ArticleRecord, Passage, Sentence, sentence_id
from retrieval.sentences import split_sentences
from retrieval.settings import RetrievalSettings
from retrieval.stores import Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (articles done, articles to embed)
EMBED_BATCH_TEXTS = 512


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
    spans = split_sentences(article.body)
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


def _write(batch: Sequence[_Prepared], store: Store, embedder: Embedder) -> tuple[int, int]:
    texts = [p.text for item in batch for p in item.passages]
    texts += [s.text for item in batch for s in item.sentences]
    vectors = embedder.embed(texts)
    n_passages = sum(len(item.passages) for item in batch)
    passage_vecs, sentence_vecs = vectors[:n_passages], vectors[n_passages:]
    p_at = s_at = 0
    for item in batch:
        a = item.article
        pv = passage_vecs[p_at : p_at + len(item.passages)]
        sv = sentence_vecs[s_at : s_at + len(item.sentences)]
        p_at += len(item.passages)
        s_at += len(item.sentences)
        store.add_passages(item.passages, pv)
        store.add_sentences(item.sentences, sv)
        mean = pv.mean(axis=0)
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
        store.commit_article(record, a.body, mean / max(float(np.linalg.norm(mean)), 1e-12))
        store.prune(a.id, keep_hash=a.content_hash)
    return n_passages, len(texts) - n_passages


def ingest(
    corpus_dir: Path,
    store: Store,
    embedder: Embedder,
    settings: RetrievalSettings,
    progress: Progress | None = None,
) -> IngestReport:
    """Bring ``store`` in line with the articles of ``corpus_dir``."""
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir)
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

    # A file or record that is still there but unreadable keeps its last good version.
    for article_id in sorted(aid for aid, r in committed.items() if not corpus.keeps(r)):
        store.remove_article(article_id)
        store.prune(article_id, keep_hash=None)
        report.removed.append(article_id)

    batch: list[_Prepared] = []
    done = 0
    if progress:
        progress(0, len(pending))
    for article in pending:
        batch.append(prepare(article, settings))
        size = sum(len(b.passages) + len(b.sentences) for b in batch)
        if size >= EMBED_BATCH_TEXTS or article is pending[-1]:
            n_p, n_s = _write(batch, store, embedder)
            report.passages_embedded += n_p
            report.sentences_embedded += n_s
            done += len(batch)
            batch = []
            if progress:
                progress(done, len(pending))
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
