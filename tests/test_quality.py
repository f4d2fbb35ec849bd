"""Retrieval and answers with the real all-MiniLM-L6-v2 model (slow: loads the model)."""

import json
import subprocess
import sys

import numpy as np
import pytest

from bot.answering.factory import build_pipeline
from bot.evaluation.questions import load_questions
from retrieval.embedders import SentenceTransformerEmbedder
from retrieval.onnx_export import load_exported
from tests.conftest import QUESTIONS, settings_for

pytestmark = pytest.mark.slow


def test_right_article_first_for_the_question_set(minilm_index) -> None:  # noqa: ANN001
    questions, _ = load_questions(QUESTIONS)
    single = [q for q in questions if len(q.sources) == 1]
    assert len(single) >= 20 and sum(q.type == "paraphrase" for q in single) >= 10
    searcher = minilm_index.searcher()
    first = [searcher.search(q.question, k=5)[0].article_id in q.sources for q in single]
    top5 = [
        any(e.article_id in q.sources for e in searcher.search(q.question, k=5)) for q in single
    ]
    assert sum(first) / len(first) >= 0.9
    assert all(top5)


def test_onnx_query_vectors_match_sentence_transformers(minilm_index) -> None:  # noqa: ANN001
    onnx = load_exported(minilm_index.settings.onnx_dir)
    assert onnx is not None
    texts = [
        "Where did Milley meet Gerasimov?",
        "A longer sentence about missile defense in Europe.",
    ]
    assert np.abs(onnx.embed(texts) - SentenceTransformerEmbedder().embed(texts)).max() < 1e-4


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # BM25 alone finds "head of the US Central Command"; score fusion keeps that margin
        ("Who is the head of US Central Command?", "McKenzie"),
        # the best match restates the question; the person asked for is three sentences on
        ("Who was the NATO Secretary-General when Gates met Serdyukov?", "de Hoop Scheffer"),
        # the answer sentence's subject is renamed: "America" for "the United States"
        (
            "Which Central Asian airfield did America have to give up because of pressure from "
            "Moscow?",
            "Manas",
        ),
        # North Korea is in the corpus, never in an article about Earnest
        ("What did Josh Earnest say about North Korea?", None),
        # the excerpts know Milley, never a retirement
        ("When did General Mark Milley retire from the army?", None),
    ],
)
def test_extractive_answers_and_abstentions(minilm_index, question, expected) -> None:  # noqa: ANN001
    pipeline = build_pipeline(settings_for(minilm_index), index=minilm_index)
    answer = pipeline.answer(question)
    if expected is None:
        assert answer.abstained and not answer.citations
    else:
        assert not answer.abstained and expected in answer.text


def newsbot(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run the ``newsbot`` command line in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_cli_search_ranks_the_milley_article_first(tmp_path) -> None:  # noqa: ANN001
    env = {"NEWSBOT_INDEX_DIR": str(tmp_path / "idx"), "ANONYMIZED_TELEMETRY": "False", "PATH": ""}
    run = newsbot(env, "search", "Where did Milley meet Gerasimov?", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[0]["article_id"] == "000_5302a115a2186422"
    answer = json.loads(newsbot(env, "ask", "Where did Milley meet Gerasimov?", "--json").stdout)
    assert not answer["abstained"] and "Helsinki" in answer["answer"]
    assert answer["citations"][0]["article_id"] == "000_5302a115a2186422"
    no = newsbot(env, "ask", "What did Milley say about China?", "--json")
    assert json.loads(no.stdout)["abstained"] is True


# question set -> (accuracy, hit@5, citation precision, abstention recall) it must reach: just
# under what the code reaches (see the README). heldout.jsonl was written after the thresholds
# were calibrated on seeds.jsonl; its close unanswerables are the known weak spot.
GATES = {
    "seeds.jsonl": ("0.9", "0.98", "0.96", "0.9"),
    "heldout.jsonl": ("0.9", "0.95", "0.95", "0.5"),
}


def test_quality_gate_on_the_question_sets(tmp_path) -> None:  # noqa: ANN001
    """The regression gate, through ``newsbot eval``'s own threshold flags."""
    env = {"NEWSBOT_INDEX_DIR": str(tmp_path / "idx"), "ANONYMIZED_TELEMETRY": "False", "PATH": ""}
    for name, (accuracy, hit_at_5, precision, abstention) in GATES.items():
        out = tmp_path / name
        run = newsbot(
            env,
            "eval",
            str(QUESTIONS.with_name(name)),
            "--out",
            str(out),
            "--min-accuracy",
            accuracy,
            "--min-hit-at-5",
            hit_at_5,
            "--min-citation-precision",
            precision,
            "--min-abstention-recall",
            abstention,
        )
        assert run.returncode == 0, f"{name}: {run.stdout[-2000:]} {run.stderr[-2000:]}"
        overall = json.loads((out / "summary.json").read_text())["overall"]
        assert overall["citation_validity"] == 1.0
        assert overall["errors"] == 0
