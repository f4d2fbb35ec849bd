"""Text folding shared by search, the answer rules and scoring: one place that says which
written differences do not matter."""

from __future__ import annotations

import unicodedata


def fold_accents(text: str) -> str:
    """``text`` without its accents, as readers type names: "fiancée" as "fiancee", "Hervé"
    as "Herve". NFKD also splits compatibility characters ("ﬁ" into "fi", "²" into "2");
    every caller folds both sides of a comparison, so they compare as written alike."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
