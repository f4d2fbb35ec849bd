"""Whether the best sentence the extractive generator found answers the question: a logistic
regression over the features the generator computes, fitted on the calibration parts of the
question sets by ``scripts/fit_answerability.py`` and kept as a small JSON file beside this
module. Applied with numpy: the query path never imports scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

COEFFICIENTS = Path(__file__).with_name("answerability.json")

# The features, in the order the coefficients use them; each in [0, 1] or close to it.
FEATURES = (
    "dense",  # cosine similarity of the best sentence to the question
    "lexical",  # share of the question's rare terms (idf-weighted) the best sentence holds
    "score",  # the generator's ranking score of the best sentence
    "margin",  # how far the best sentence's score is ahead of the next sentence's
    "typed",  # a chosen sentence holds the kind of answer asked for (0 when no kind is asked)
    # the best sentence holds an answer surely of the kind asked for (a person's name for
    # "who", a name after "in"/"at" for "where"); 1 when no kind is asked
    "typed_best",
    "untyped",  # the question asks for no recognised kind of answer
    "constraints_sentence",  # share of the question's names and numbers the best sentence states
    "names_best",  # share of the question's names (adjectives too) the best sentence states
    "predicate_best",  # share of what is asked about the names that the best sentence says
    "content_best",  # share of the question's content words (lemmas) the best sentence holds
    "terms_missing",  # how many of the question's search terms no chosen sentence holds
    "predicate_sentence",  # share of what is asked about the names that the chosen sentences say
    "predicate_excerpts",  # the same share over every retrieved excerpt
    "predicate_unmentioned",  # 1 when no excerpt says any of it ("When did Milley retire?")
    "excerpt_rank",  # 1 / (1 + rank of the best sentence's excerpt in the search results)
)
# Which way each feature should speak if it means what it says: +1 when more of it speaks for
# an answer. The fit keeps no feature whose fitted weight points the other way, since such a
# weight learns a quirk of how a question set was written, not what answers a question
# (SQuAD 2.0's unanswerable questions copy more of their paragraph's words than its
# answerable ones do, so there more shared words would speak against an answer).
DIRECTIONS = {feature: 1 for feature in FEATURES} | {
    "untyped": -1,
    "terms_missing": -1,
    "predicate_unmentioned": -1,
}


@dataclass(frozen=True)
class AnswerabilityModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    # The probability below which the generator declines, chosen on the calibration parts.
    threshold: float
    # The embedder whose similarities it was fitted on ("minilm"); another embedder's scores
    # mean something else, and the generator falls back to its score floor.
    embedder: str = "minilm"

    @classmethod
    def from_json(cls, data: Mapping) -> AnswerabilityModel:
        features = tuple(data["features"])
        if set(features) - set(FEATURES):
            raise ValueError(
                f"unknown features in the coefficients: {set(features) - set(FEATURES)}"
            )
        return cls(
            features=features,
            mean=np.asarray(data["mean"], np.float64),
            scale=np.asarray(data["scale"], np.float64),
            coef=np.asarray(data["coef"], np.float64),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            embedder=str(data.get("embedder", "minilm")),
        )

    def probability(self, values: Mapping[str, float]) -> float:
        x = np.array([values[f] for f in self.features], np.float64)
        z = float(((x - self.mean) / self.scale) @ self.coef) + self.intercept
        return 1.0 / (1.0 + math.exp(-z))

    def answers(self, values: Mapping[str, float]) -> bool:
        return self.probability(values) >= self.threshold


@lru_cache(maxsize=4)
def load_model(path: Path = COEFFICIENTS) -> AnswerabilityModel | None:
    """The fitted model, or None before ``scripts/fit_answerability.py`` has written one."""
    if not path.is_file():
        return None
    return AnswerabilityModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def model_for(embedder: str, path: Path = COEFFICIENTS) -> AnswerabilityModel | None:
    """The fitted model when it was fitted on ``embedder``'s similarities, else None."""
    model = load_model(path)
    return model if model is not None and model.embedder == embedder else None
