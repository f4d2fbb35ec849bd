"""SQuAD-format question files (v2 and v1): their paragraphs become a corpus of their own.

Each paragraph is one article, titled by its Wikipedia article, written as a plain-text article
file (title line, blank line, paragraph) that the project's loader reads like any news story. The
corpus and its index live under ``<index dir>/squad/<hash of the file>/``, so they never mix with
the news index and are reused as long as the file does not change.

Questions: the answer texts are the accepted answers and the paragraph's article is the source; an
``is_impossible`` question has neither, so the bot must abstain on it. The split is fixed by the
paragraph's index within its article (eval/README.md): even = calibration, odd = held-out.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from bot.evaluation.questions import EvalQuestion
from retrieval.settings import RetrievalSettings

# Enough of the file's SHA-256 to tell versions apart in a folder name.
DIGEST_CHARS = 16


class SquadError(ValueError):
    """A file that looks like SQuAD but is not well-formed; the message says where."""


@dataclass(frozen=True)
class Paragraph:
    """One SQuAD paragraph as a corpus article."""

    article_id: str
    title: str
    text: str
    index: int  # within its Wikipedia article: fixes the split

    def file_text(self) -> str:
        return f"{self.title}\n\n{self.text}\n"


@dataclass(frozen=True)
class SquadSet:
    path: Path
    digest: str
    paragraphs: list[Paragraph]
    questions: list[EvalQuestion]
    # Question id -> the title of the article it was asked about, answerable or not: the text
    # a fit must keep on one side of its folds.
    title_of: dict[str, str]


def looks_like_squad(data: object) -> bool:
    """SQuAD's top level: ``{"version": ..., "data": [{"title", "paragraphs"}, ...]}``."""
    return isinstance(data, dict) and isinstance(data.get("data"), list)


def split_of(paragraph_index: int) -> str:
    return "calibration" if paragraph_index % 2 == 0 else "heldout"


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "article"


def _answer_texts(qa: dict) -> list[str]:
    texts = [a.get("text", "") for a in qa.get("answers") or [] if isinstance(a, dict)]
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))


def parse_squad(data: dict, path: Path, raw: bytes) -> SquadSet:
    """``data`` parsed from ``raw``, the bytes of ``path`` (whose hash keys the index folder)."""
    paragraphs: list[Paragraph] = []
    questions: list[EvalQuestion] = []
    title_of: dict[str, str] = {}
    slugs: set[str] = set()
    for a, article in enumerate(data["data"]):
        if not isinstance(article, dict) or not isinstance(article.get("paragraphs"), list):
            raise SquadError(f'{path}: data[{a}] has no "paragraphs" list')
        title = str(article.get("title") or f"Article {a}").replace("_", " ").strip()
        slug = _slug(title)
        # Two articles with one slug would share ids; the article's position keeps them apart.
        slug = slug if slug not in slugs else f"{slug}_a{a:03d}"
        slugs.add(slug)
        for p, paragraph in enumerate(article["paragraphs"]):
            where = f"{path}: data[{a}].paragraphs[{p}]"
            if not isinstance(paragraph, dict) or not isinstance(paragraph.get("context"), str):
                raise SquadError(f'{where} has no "context" text')
            article_id = f"{slug}_p{p:03d}"
            # One line: the loader joins a block's lines anyway, and a blank line would split it.
            text = " ".join(paragraph["context"].split())
            paragraphs.append(Paragraph(article_id, title, text, p))
            qas = paragraph.get("qas") or []
            if not isinstance(qas, list):
                raise SquadError(f'{where} has a "qas" that is not a list')
            for q, qa in enumerate(qas):
                if not isinstance(qa, dict) or not str(qa.get("question") or "").strip():
                    raise SquadError(f"{where}.qas[{q}] has no question")
                impossible = bool(qa.get("is_impossible"))
                qid = str(qa.get("id") or f"{article_id}_q{q:02d}")
                # the loader keeps a repeated id's first question, so its title too
                title_of.setdefault(qid, title)
                questions.append(
                    EvalQuestion(
                        id=qid,
                        question=" ".join(qa["question"].split()),
                        answers=[] if impossible else _answer_texts(qa),
                        sources=[] if impossible else [article_id],
                        type="unanswerable" if impossible else "answerable",
                        split=split_of(p),
                    )
                )
    return SquadSet(path, hashlib.sha256(raw).hexdigest(), paragraphs, questions, title_of)


def read_squad(path: Path) -> SquadSet:
    """The paragraphs and questions of a SQuAD file; ``SquadError`` if it is not one."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SquadError(f"{path}: not a SQuAD JSON file ({exc})") from None
    if not looks_like_squad(data):
        raise SquadError(f'{path}: not a SQuAD JSON file (no "data" list)')
    return parse_squad(data, path, raw)


def squad_home(squad: SquadSet, index_dir: Path) -> Path:
    return index_dir / "squad" / squad.digest[:DIGEST_CHARS]


def squad_settings(squad: SquadSet, base: RetrievalSettings) -> RetrievalSettings:
    """The news settings pointed at this file's own corpus, index folder and collections."""
    home = squad_home(squad, base.index_dir)
    return replace(
        base,
        corpus_dir=home / "corpus",
        index_dir=home / "index",
        # A shared Chroma server holds every corpus; the prefix keeps this one apart.
        collection_prefix=f"{base.collection_prefix}_squad_{squad.digest[:DIGEST_CHARS]}",
    )


def write_corpus(squad: SquadSet, folder: Path) -> None:
    """One article file per paragraph; files already there with the same text are left alone,
    so the incremental ingest finds nothing to redo."""
    folder.mkdir(parents=True, exist_ok=True)
    for paragraph in squad.paragraphs:
        path = folder / f"{paragraph.article_id}.txt"
        text = paragraph.file_text()
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
