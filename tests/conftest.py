"""Shared fixtures. Fast tests use the hashing embedder with a real embedded Chroma store; tests
marked slow load the real all-MiniLM-L6-v2 model."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.config import Settings
from retrieval.index import Index, build_index
from retrieval.settings import RetrievalSettings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUESTIONS = ROOT / "eval" / "questions" / "seeds.jsonl"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the seeds."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def hashing_settings(index_dir: Path, corpus_dir: Path = SEEDS) -> RetrievalSettings:
    return RetrievalSettings(corpus_dir=corpus_dir, index_dir=index_dir, embedder="hashing")


@pytest.fixture(scope="session")
def hashing_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    _, index = build_index(hashing_settings(tmp_path_factory.mktemp("hashing-index")))
    return index


@pytest.fixture(scope="session")
def minilm_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    settings = RetrievalSettings(corpus_dir=SEEDS, index_dir=tmp_path_factory.mktemp("minilm"))
    _, index = build_index(settings)
    return index


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running ``newsbot`` in a subprocess on the hashing embedder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    env.update(
        NEWSBOT_EMBEDDER="hashing",
        NEWSBOT_INDEX_DIR=str(tmp_path / "index"),
        ANONYMIZED_TELEMETRY="False",
        PYTHONUNBUFFERED="1",
    )
    return env


def skip_reasons(skipped) -> dict[str, str]:
    """What a corpus load or an ingest report skipped: the reason by file name."""
    return {s.name: s.reason for s in skipped}


def settings_for(index: Index, **changes) -> Settings:
    return Settings(retrieval=index.settings, **changes)


def newsbot(
    env: dict[str, str],
    *args: str | bytes,
    cwd: Path | None = None,
    timeout: float = 600,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess:
    """Run the ``newsbot`` command line in a fresh process, as a person would. Arguments may be
    bytes (a question with an invalid byte); stdout and stderr come back as text, bad bytes
    replaced, so a test can read whatever the process printed."""
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
    )
    done.stdout = done.stdout.decode("utf-8", "replace")
    done.stderr = done.stderr.decode("utf-8", "replace")
    return done
