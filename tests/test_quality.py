"""Retrieval and answers with the real all-MiniLM-L6-v2 model (slow: loads the model)."""

import json

import numpy as np
import pytest

from bot.answering.factory import build_pipeline
from bot.evaluation.questions import load_questions
from retrieval.embedders import SentenceTransformerEmbedder
from retrieval.onnx_export import load_exported
from tests.conftest import QUESTIONS, newsbot, settings_for

pytestmark = pytest.mark.slow


def test_right_article_first_for_the_question_set(minilm_index) -> None:
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


def test_fusion_keeps_a_passage_only_keyword_search_finds(minilm_index) -> None:
    # BM25 finds "head of the US Central Command"; MiniLM rates the sentence 0.18 against the
    # question. Fusion keeps it among the excerpts the generator reads.
    found = minilm_index.searcher().search("Who is the head of US Central Command?", k=5)
    assert any("McKenzie, head of the US Central Command" in e.text for e in found)


def test_onnx_query_vectors_match_sentence_transformers(minilm_index) -> None:
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
def test_extractive_answers_and_abstentions(minilm_index, question, expected) -> None:
    pipeline = build_pipeline(settings_for(minilm_index), index=minilm_index)
    answer = pipeline.answer(question)
    if expected is None:
        assert answer.abstained and not answer.citations
    else:
        assert not answer.abstained and expected in answer.text


def test_cli_search_ranks_the_milley_article_first(tmp_path) -> None:
    env = {"NEWSBOT_INDEX_DIR": str(tmp_path / "idx"), "ANONYMIZED_TELEMETRY": "False", "PATH": ""}
    run = newsbot(env, "search", "Where did Milley meet Gerasimov?", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[0]["article_id"] == "000_5302a115a2186422"
    answer = json.loads(newsbot(env, "ask", "Where did Milley meet Gerasimov?", "--json").stdout)
    assert not answer["abstained"] and "Helsinki" in answer["answer"]
    assert answer["citations"][0]["article_id"] == "000_5302a115a2186422"
    no = newsbot(env, "ask", "What did Milley say about China?", "--json")
    assert json.loads(no.stdout)["abstained"] is True


# The regression gates, per split (eval/README.md fixes the splits), just under what the code
# measures (README, "Measured"). Each run: its question files, then metric -> {split: bound}.
# The answerability model was fitted on the calibration parts only; the held-out parts check
# that it holds on questions nobody tuned for.
ROOT = QUESTIONS.parent.parent
# Calibration: seeds, calibration2, ..., calibration47; held-out: heldout, heldout2, ...
# heldout37 (their "split" keys). The newest sets, written blind, are harder (first runs:
# heldout5 accuracy 0.77; heldout6 and heldout7 abstention recall 0.39 and 0.33; heldout9
# 0.73 / 0.44 / 0.18; heldout12 0.82 / 0.78 / 0.14; heldout14 0.77 / 0.72 / 0.14; heldout15
# and heldout16 0.864 / 0.889 / 0.068; heldout17 and heldout18 0.932 / 0.833 / 0.068;
# heldout19 and heldout20 0.932 / 0.889 / 0.068; heldout21 and heldout22 0.886 / 0.889 /
# 0.114; heldout23 and heldout24 0.977 / 0.917 / 0.023; heldout25 to heldout30, stop 26's,
# 0.985 / 0.843 / 0.015; heldout31 to heldout33, stop 27's, 0.909 / 0.796 / 0.045;
# heldout34, stop 28's, 0.955 / 0.833 / 0.045; heldout35, stop 29's, 0.909 / 0.889 / 0.045;
# heldout36 and heldout37, stop 30's, 1.0 / 0.861 / 0.0).
# Each bound sits a little under the measured figure (stop 31: calibration 0.960 / 0.924 /
# 0.028, with stop 31's calibration40 to calibration47; held-out 0.927 / 0.908 / 0.049), so
# that a change that loses questions fails.
OWN_SETS = (
    "seeds.jsonl",
    *(f"calibration{n}.jsonl" for n in range(2, 48)),
    "heldout.jsonl",
    *(f"heldout{n}.jsonl" for n in range(2, 38)),
)
SQUAD = ROOT / "squad"
GATES = {
    "own sets": (
        [QUESTIONS.with_name(f) for f in OWN_SETS],
        {
            "accuracy": {"calibration": 0.95, "heldout": 0.89},
            "hit_at_5": {"calibration": 0.98, "heldout": 0.95},
            "citation_precision": {"calibration": 0.95, "heldout": 0.95},
            "abstention_recall": {"calibration": 0.91, "heldout": 0.89},
            "false_abstention": {"calibration": 0.035, "heldout": 0.06},
        },
    ),
    # measured: calibration 0.857 / 0.685 / 0.020, held-out 0.809 / 0.500 / 0.106
    "SQuAD 2.0 Normans": (
        [SQUAD / "squad2-dev-normans.json"],
        {
            "accuracy": {"calibration": 0.84, "heldout": 0.78},
            "hit_at_5": {"calibration": 0.95, "heldout": 0.95},
            "citation_precision": {"calibration": 0.9, "heldout": 0.8},
            "abstention_recall": {"calibration": 0.68, "heldout": 0.48},
            "false_abstention": {"calibration": 0.04, "heldout": 0.12},
        },
    ),
    # questions written for this project on the same paragraphs, SQuAD 2.0's way; measured at
    # stop 31: calibration (cal2 to cal11) 0.922 / 0.689 / 0.044, held-out (ho2 to ho10) 0.813 /
    # 0.580 / 0.183. Stop 26's files are harder than the older ones (ho8 to ho10 0.778 / 0.564 / 0.222,
    # unchanged by any of its rounds), so the held-out accuracy and both false-abstention
    # bounds were lowered to sit under them.
    "SQuAD-style Normans": (
        [SQUAD / f"squad-normans-cal{n}.json" for n in range(2, 12)]
        + [SQUAD / f"squad-normans-ho{n}.json" for n in range(2, 11)],
        {
            "accuracy": {"calibration": 0.92, "heldout": 0.8},
            "hit_at_5": {"calibration": 0.95, "heldout": 0.95},
            "citation_precision": {"calibration": 0.9, "heldout": 0.88},
            "abstention_recall": {"calibration": 0.62, "heldout": 0.55},
            "false_abstention": {"calibration": 0.05, "heldout": 0.19},
        },
    ),
    # text nobody tuned the rules for (eval/README.md): the reader's 64 training articles
    # (calibration) and the four unseen-text files (held-out); measured at stop 31,
    # calibration 0.762 / 0.559 / 0.177, held-out ho1 and ho2 0.656 / 0.646 / 0.302, ho3 and
    # ho4 0.729 / 0.521 / 0.219, far under the sets above. The held-out abstention bound was lowered when stop 29's two files came in
    # (their first run: 0.719 / 0.500 / 0.229). These gates only keep a change from losing
    # more there.
    "new text": (
        sorted((ROOT / "training").glob("reader-t*.json"))
        + [SQUAD / f"unseen-text-ho{n}.json" for n in range(1, 5)],
        {
            "accuracy": {"calibration": 0.75, "heldout": 0.68},
            "hit_at_5": {"calibration": 0.98, "heldout": 0.97},
            "citation_precision": {"calibration": 0.88, "heldout": 0.88},
            "abstention_recall": {"calibration": 0.52, "heldout": 0.52},
            "false_abstention": {"calibration": 0.19, "heldout": 0.28},
        },
    ),
}


@pytest.mark.parametrize("name", GATES)
def test_quality_gates_per_split(tmp_path, name: str) -> None:
    """The regression gates, through ``newsbot eval``'s own per-split threshold flags."""
    files, bounds = GATES[name]
    env = {"NEWSBOT_INDEX_DIR": str(tmp_path / "idx"), "ANONYMIZED_TELEMETRY": "False", "PATH": ""}
    flags = []
    for metric, per_split in bounds.items():
        flag = ("--max-" if metric == "false_abstention" else "--min-") + metric.replace("_", "-")
        for split, bound in per_split.items():
            flags += [flag, f"{split}={bound}"]
    out = tmp_path / "out"
    run = newsbot(env, "eval", *map(str, files), "--out", str(out), *flags)
    assert run.returncode == 0, f"{name}: {run.stdout[-2000:]} {run.stderr[-2000:]}"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["overall"]["citation_validity"] == 1.0
    assert summary["overall"]["errors"] == 0
    assert set(summary["by_split"]) == {"calibration", "heldout"}
