"""Deterministic synthetic corpora for the benchmarks, recombined from the seeds' sentences, and a
content-keyed cache of their real embeddings outside the repository.

- ``write_articles(folder, n)``: ``n`` article files in the seeds' format, each a random draw of
  seed sentences in paragraphs (12 sentences on average: ~20 passages + sentences an article,
  as the corpus of issue 10).
- ``passage_texts(n)``: ``n`` passage-sized texts of 2-4 seed sentences.
- ``real_vectors(texts, embedder)``: their embeddings, computed once and cached in
  ``~/.cache/newsbot-bench/vectors/`` in blocks keyed by the sha256 of the model and the texts.
- ``derived_vectors(real, n)``: ``n`` vectors derived from the real ones (see its docstring).

The same seed always gives the same texts, so every run and every machine measures the same data.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.loader import load_corpus  # noqa: E402
from retrieval.sentences import split_sentences  # noqa: E402

CACHE = Path(os.environ.get("NEWSBOT_BENCH_CACHE", Path.home() / ".cache" / "newsbot-bench"))
BLOCK = 4096  # texts per cached block: a run cut short keeps every finished block
SEED = 20261121


def seed_sentences() -> list[str]:
    """Every sentence of the seed articles, in order."""
    out: list[str] = []
    for article in load_corpus(ROOT / "seeds").articles:
        out += [s.text for s in split_sentences(article.body)]
    return out


def write_articles(folder: Path, n: int, seed: int = SEED) -> Path:
    """Write ``n`` synthetic articles to ``folder`` (created), in the seeds' file format."""
    sentences = seed_sentences()
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        picks = rng.choice(len(sentences), size=int(rng.integers(8, 17)), replace=False)
        paragraphs = [
            " ".join(sentences[j] for j in picks[at : at + 3]) for at in range(0, len(picks), 3)
        ]
        day = 1 + i % 28
        text = f"Synthetic report {i}\n date 2021-09-{day:02d}\n\n" + "\n\n".join(paragraphs)
        (folder / f"{i:05d}_synthetic.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def passage_texts(n: int, seed: int = SEED) -> list[str]:
    """``n`` passage-sized texts, each 2-4 seed sentences drawn at random, in a fixed order; the
    first ``m`` of ``passage_texts(n)`` are ``passage_texts(m)`` (drawn block by block)."""
    sentences = seed_sentences()
    out: list[str] = []
    for block in range(0, n, BLOCK):
        rng = np.random.default_rng([seed, block])
        counts = rng.integers(2, 5, size=BLOCK)
        picks = rng.integers(0, len(sentences), size=(BLOCK, 4))
        out += [" ".join(sentences[j] for j in picks[i, : counts[i]]) for i in range(BLOCK)]
    return out[:n]


def _block_key(model: str, texts: list[str]) -> str:
    digest = hashlib.sha256(model.encode())
    for t in texts:
        digest.update(t.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def real_vectors(
    texts: list[str],
    embed: Callable[[list[str]], np.ndarray],
    model: str,
    deadline: float | None = None,
    log: Callable[[str], None] = print,
) -> np.ndarray:
    """Embeddings of ``texts`` (float32, unit rows), cached by content in blocks of ``BLOCK``.

    Stops before ``deadline`` (a ``time.time()``) and returns the rows of the blocks done so far.
    """
    folder = CACHE / "vectors"
    folder.mkdir(parents=True, exist_ok=True)
    blocks: list[np.ndarray] = []
    started = time.time()
    for at in range(0, len(texts), BLOCK):
        chunk = texts[at : at + BLOCK]
        path = folder / f"{_block_key(model, chunk)}.npy"
        if path.is_file():
            blocks.append(np.load(path))
            continue
        if deadline is not None and time.time() > deadline:
            log(f"embedding stopped at the deadline after {at} texts")
            break
        vectors = np.asarray(embed(chunk), dtype=np.float32)
        np.save(path.with_suffix(".tmp.npy"), vectors)
        os.replace(path.with_suffix(".tmp.npy"), path)
        blocks.append(vectors)
        done = at + len(chunk)
        rate = done / max(time.time() - started, 1e-9)
        log(f"embedded {done}/{len(texts)} texts ({rate:.0f}/s incl. cached)")
    return np.concatenate(blocks) if blocks else np.zeros((0, 0), dtype=np.float32)


def derived_vectors(real: np.ndarray, n: int, seed: int = SEED, neighbours: int = 10) -> np.ndarray:
    """``n`` unit vectors derived from the ``real`` ones, keeping their structure.

    Row i is ``real[i]`` while i < len(real). Beyond that, row i takes a real vector a (chosen at
    random), one of a's ``neighbours`` nearest real vectors b, and a point on the segment between
    them at t ~ U(0, 0.5) from a, plus isotropic noise of norm ~0.05, renormalised. So the derived
    vectors fill the same regions of the sphere, with the same clusters and the same density
    contrast, as the real ones, only more densely; a uniform random vector would have none of
    that structure (and no ANN index finds it hard). Deterministic for a given ``seed``.
    """
    real = np.asarray(real, dtype=np.float32)
    r, dim = real.shape
    if n <= r:
        return real[:n].copy()
    # The nearest real neighbours of every real vector, by blocks of exact dot products.
    near = np.empty((r, neighbours), dtype=np.int64)
    for at in range(0, r, 2048):
        sims = real[at : at + 2048] @ real.T
        for row in range(sims.shape[0]):
            sims[row, at + row] = -2.0  # not itself
        near[at : at + 2048] = np.argpartition(-sims, neighbours, axis=1)[:, :neighbours]
    out = np.empty((n, dim), dtype=np.float32)
    out[:r] = real
    rng = np.random.default_rng(seed)
    for at in range(r, n, 65536):
        m = min(65536, n - at)
        a = rng.integers(0, r, size=m)
        b = near[a, rng.integers(0, neighbours, size=m)]
        t = rng.uniform(0.0, 0.5, size=(m, 1)).astype(np.float32)
        noise = rng.standard_normal((m, dim)).astype(np.float32) * (0.05 / np.sqrt(dim))
        mixed = (1 - t) * real[a] + t * real[b] + noise
        out[at : at + m] = mixed / np.linalg.norm(mixed, axis=1, keepdims=True)
    return out
