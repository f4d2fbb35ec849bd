"""Fit the answer reader (``bot.answering.reader``) on the CALIBRATION parts only.

Runs every calibration question of the given files through retrieval and
``ExtractiveGenerator.assess``, and teaches all-MiniLM-L6-v2, through a low-rank adaptation
(LoRA) and a classification head, to tell a question whose chosen sentences answer it (an
answerable question whose sentences hold an accepted answer) from one the corpus cannot answer.
Answerable questions whose sentences miss the answer are left out: they teach neither.

The decision threshold is chosen by cross-validation grouped by TEXT: every question about one
text (a SQuAD article, or the news corpus for the JSON Lines sets) sits on one side of the
folds, so the out-of-fold probabilities show how the reader does on text it never read, which
is what a user's own articles are. The threshold is the probability below which declining gains
the most, counting the unanswerable questions declined against the right answers lost, over the
questions the reader would be asked (no rule decides them and the answerability model lets them
through). The reader is then fitted on every calibration question and written to
``bot/answering/reader.safetensors`` and ``reader.json``. Held-out questions are never read.
Takes 40 to 60 min on two cores (four fits).

    python scripts/fit_reader.py eval/questions/seeds.jsonl eval/questions/calibration*.jsonl \
        eval/squad/squad2-dev-normans.json eval/squad/squad-normans-cal*.json \
        eval/training/reader-*.json

Needs ``peft`` (``pip install -c constraints.txt peft``); the query path does not.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from transformers import BatchEncoding, PreTrainedModel, PreTrainedTokenizerBase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.answering.reader import ADAPTER, SETTINGS, passage  # noqa: E402
from bot.evaluation.calibration import (  # noqa: E402
    calibration_found,
    fit_arguments,
    text_folds,
)
from retrieval.embedders import packaged_model_dir  # noqa: E402
from retrieval.settings import RetrievalSettings  # noqa: E402

# LoRA on every linear layer of the encoder: rank 8 keeps the adapter at 1.4 MB; alpha = 2 *
# rank and dropout 0.1 are the LoRA paper's and peft's usual settings. A question and a few
# sentences fit in 160 tokens.
RANK, ALPHA, DROPOUT, MAX_TOKENS = 8, 16.0, 0.1, 160
TARGETS = ["query", "key", "value", "dense"]
# Set once, before any run, from common LoRA practice (a learning rate ten times full
# fine-tuning's, a tenth of the steps to warm up, AdamW's usual weight decay), not tuned: each
# fit takes minutes here. Four epochs brought the training loss of a first full fine-tune from
# 0.69 to about 0.3; batches of 16 fit two cores' memory easily.
EPOCHS, LEARNING_RATE, BATCH, WARMUP, WEIGHT_DECAY = 4, 5e-4, 16, 0.1, 0.01
# Three folds: the news corpus's 1,615 questions fill one, and the other texts share the other
# two, about half of their questions each.
FOLDS = 3
PREDICT_BATCH = 64  # inference only: no gradients to hold


@dataclass(frozen=True)
class Row:
    question: str
    passage: str
    answerable: bool
    text: str  # what it was asked about (``Found.text``): the unit the folds keep apart
    # The reader would be asked: no rule decides it, and the answerability model lets it through.
    live: bool


def rows_for(path: Path, base: RetrievalSettings) -> list[Row]:
    rows = []
    for f in calibration_found(path, base):
        if f.question.answerable and not f.right:
            continue  # the sentences miss the answer: neither a positive nor a negative
        chosen = f.assessment.chosen
        text = passage(chosen[0].excerpt.title, [c.sentence.text for c in chosen])
        q = f.question
        rows.append(Row(q.question, text, q.answerable, f.text, not f.ruled and f.let_through))
    return rows


def train(rows: list[Row], seed: int) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """A LoRA-adapted cross-encoder fitted on ``rows``; returns (model, tokenizer)."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(seed)
    base = packaged_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    config = LoraConfig(
        r=RANK,
        lora_alpha=ALPHA,
        lora_dropout=DROPOUT,
        target_modules=TARGETS,
        modules_to_save=["classifier"],
        task_type="SEQ_CLS",
    )
    model = get_peft_model(model, config)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    steps = EPOCHS * ((len(rows) + BATCH - 1) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (WARMUP * steps)) * max(0.0, 1 - s / steps)
    )
    order = list(rows)
    shuffle = random.Random(seed)
    model.train()
    for epoch in range(EPOCHS):
        shuffle.shuffle(order)
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            logits = model(**encode(tokenizer, batch)).logits.squeeze(-1)
            target = torch.tensor([float(r.answerable) for r in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target)
            loss.backward()
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
        print(f"    epoch {epoch + 1}/{EPOCHS}: loss {loss.item():.3f}", file=sys.stderr)
    return model.eval(), tokenizer


def encode(tokenizer: PreTrainedTokenizerBase, rows: list[Row]) -> BatchEncoding:
    return tokenizer(
        [r.question for r in rows],
        [r.passage for r in rows],
        truncation=True,
        max_length=MAX_TOKENS,
        padding=True,
        return_tensors="pt",
    )


def predict(
    model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, rows: list[Row]
) -> np.ndarray:
    import torch

    out = []
    with torch.no_grad():
        for start in range(0, len(rows), PREDICT_BATCH):
            batch = rows[start : start + PREDICT_BATCH]
            logits = model(**encode(tokenizer, batch)).logits.squeeze(-1)
            out.append(torch.sigmoid(logits).numpy())
    return np.concatenate(out) if out else np.zeros(0)


def choose_threshold(p: np.ndarray, answerable: np.ndarray) -> tuple[float, int, int]:
    """The threshold that gains the most: unanswerable questions declined minus answerable
    ones declined; ties go to the lower threshold (the fewer declines). Returns it with the
    two counts."""
    best = (0.0, 0, 0)
    for t in np.unique(p):
        declined = p < t
        gained, lost = int(np.sum(declined & ~answerable)), int(np.sum(declined & answerable))
        if gained - lost > best[1] - best[2]:
            best = (float(t), gained, lost)
    return best


def save(
    model: PreTrainedModel, rows: list[Row], files: list[Path], threshold: float, cv: dict
) -> None:
    """The LoRA matrices and the head, by the name of the module they adapt, and the settings;
    each written beside its target and renamed over it, so an interrupted run leaves the old
    pair whole (the adapter is renamed last: a new threshold beside an old adapter is the one
    mismatch left possible, for the instant between the two renames)."""
    from safetensors.numpy import save_file

    weights: dict[str, np.ndarray] = {}
    prefix = "base_model.model."
    for name, module in model.named_modules():
        if hasattr(module, "lora_A") and "default" in module.lora_A:
            name = name.removeprefix(prefix)
            weights[f"{name}.lora_A"] = module.lora_A["default"].weight.detach().numpy().copy()
            weights[f"{name}.lora_B"] = module.lora_B["default"].weight.detach().numpy().copy()
    head = model.base_model.model.classifier.modules_to_save["default"]
    weights["classifier.weight"] = head.weight.detach().numpy().copy()
    weights["classifier.bias"] = head.bias.detach().numpy().copy()
    staged = ADAPTER.with_name(ADAPTER.name + ".tmp")
    save_file(weights, str(staged))
    about = {
        "about": "fitted by scripts/fit_reader.py on the calibration parts of: "
        + ", ".join(str(f) for f in files),
        "questions": len(rows),
        "threshold": round(threshold, 6),
        "rank": RANK,
        "alpha": ALPHA,
        "max_tokens": MAX_TOKENS,
        "cross_validation": cv,
    }
    settings = SETTINGS.with_name(SETTINGS.name + ".tmp")
    settings.write_text(json.dumps(about, indent=2) + "\n", encoding="utf-8")
    os.replace(settings, SETTINGS)
    os.replace(staged, ADAPTER)


def main() -> None:
    parser = fit_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(os.cpu_count() or 1)

    base = RetrievalSettings(index_dir=args.index_dir)
    rows: list[Row] = []
    for path in args.files:
        found = rows_for(path, replace(base, index_dir=args.index_dir / path.stem))
        print(f"{path}: {len(found)} calibration questions", file=sys.stderr)
        rows += found
    if len({r.text for r in rows}) < FOLDS:
        sys.exit(f"the folds need at least {FOLDS} texts (SQuAD articles or the news corpus)")
    fold_of = text_folds([r.text for r in rows], FOLDS)
    p = np.zeros(len(rows))
    for k in range(FOLDS):
        held = [i for i, r in enumerate(rows) if fold_of[r.text] == k]
        print(f"  fold {k + 1}/{FOLDS}: {len(held)} questions held back", file=sys.stderr)
        model, tokenizer = train([r for r in rows if fold_of[r.text] != k], args.seed)
        p[held] = predict(model, tokenizer, [rows[i] for i in held])
    live = np.array([r.live for r in rows])
    answerable = np.array([r.answerable for r in rows])
    threshold, gained, lost = choose_threshold(p[live], answerable[live])
    cv = {
        "folds": FOLDS,
        "grouped_by": "text",
        "questions_the_reader_is_asked": int(live.sum()),
        "unanswerable_declined": f"{gained} of {int(np.sum(live & ~answerable))}",
        "right_answers_declined": f"{lost} of {int(np.sum(live & answerable))}",
    }
    print(f"  cross-validated threshold {threshold:.3f}: {cv}", file=sys.stderr)
    print("  the final fit, on every calibration question", file=sys.stderr)
    model, _ = train(rows, args.seed)
    save(model, rows, args.files, threshold, cv)
    print(f"wrote {ADAPTER} and {SETTINGS}", file=sys.stderr)


if __name__ == "__main__":
    main()
