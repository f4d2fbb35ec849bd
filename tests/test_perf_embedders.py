"""The ONNX export that ingest and queries use must give sentence-transformers' vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.loader import load_corpus
from retrieval.sentences import split_sentences
from tests.conftest import SEEDS


@pytest.mark.slow
def test_onnx_export_matches_sentence_transformers(tmp_path: Path) -> None:
    from retrieval.embedders import SentenceTransformerEmbedder
    from retrieval.onnx_export import OPTIMISED_FILE, export_onnx, load_exported

    model = SentenceTransformerEmbedder()
    export_onnx(model, tmp_path / "onnx")
    onnx = load_exported(tmp_path / "onnx")
    assert onnx is not None and onnx.session._model_path.endswith(OPTIMISED_FILE)
    # A sample of what ingest embeds: sentences and whole passages, short and long, plus a
    # text past the model's 256-token limit (truncated alike by both).
    articles = load_corpus(SEEDS).articles
    texts = [s.text for a in articles for s in split_sentences(a.body)][::3]
    texts += [a.body[:600] for a in articles] + [articles[0].body, "Milley?"]
    reference = model.embed(texts)
    # Several batch sizes: per-batch padding must not change a vector.
    for batch_size in (1, 7, 64):
        onnx.batch_size = batch_size
        got = onnx.embed(texts)
        cosines = np.sum(got * reference, axis=1)
        assert cosines.min() >= 0.999, (batch_size, float(cosines.min()))
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_length_batches_cover_every_text_once_without_padding_short_ones_to_long() -> None:
    from retrieval.embedders import length_batches

    lengths = [256, 30, 250, 12, 200, 40, 256, 9, 120, 31] * 9
    order = np.argsort([-n for n in lengths], kind="stable")
    batches = list(length_batches(order, lengths, 8))
    assert np.array_equal(np.concatenate(batches), order)
    for rows in batches:
        assert 1 <= len(rows) <= 8
        assert all(2 * lengths[i] >= lengths[rows[0]] for i in rows)
    # Texts of one length fill whole batches.
    assert [len(b) for b in length_batches(np.arange(20), [50] * 20, 8)] == [8, 8, 4]
