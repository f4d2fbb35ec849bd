"""The one configuration object, read from environment variables (see ``.env.example``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.settings import (
    PROJECT_ROOT,
    RetrievalSettings,
    default_corpus,
    default_index_dir,
)

GENERATORS = ("extractive", "openai", "anthropic", "ollama")


class ConfigError(ValueError):
    """A setting has a value newsbot cannot use; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    generator: str = "extractive"
    llm_model: str = ""
    llm_timeout_s: float = 30.0
    openai_base_url: str | None = None
    openai_api_key: str | None = None
    anthropic_base_url: str | None = None
    anthropic_api_key: str | None = None
    ollama_base_url: str = "http://127.0.0.1:11434"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    max_question_chars: int = 500
    history_turns: int = 6

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Settings from ``env`` (normally ``os.environ``); unset or empty ones keep defaults."""

        def get(name: str, default: str | None = None) -> str | None:
            value = env.get(name, "").strip()
            return value or default

        def number(name: str, default: float, kind: type = int):  # noqa: ANN202
            raw = get(name)
            if raw is None:
                return default
            try:
                value = kind(raw)
            except ValueError:
                raise ConfigError(f"{name} must be a number, not {raw!r}") from None
            if value <= 0:
                raise ConfigError(f"{name} must be positive, not {raw!r}")
            return value

        generator = (get("NEWSBOT_GENERATOR", "extractive") or "").lower()
        if generator not in GENERATORS:
            raise ConfigError(f"NEWSBOT_GENERATOR must be one of {', '.join(GENERATORS)}")
        embedder = (get("NEWSBOT_EMBEDDER", "minilm") or "").lower()
        if embedder not in ("minilm", "hashing"):
            raise ConfigError("NEWSBOT_EMBEDDER must be 'minilm' or 'hashing'")
        corpus_dir = Path(get("NEWSBOT_CORPUS") or default_corpus()).expanduser().resolve()
        index_dir = get("NEWSBOT_INDEX_DIR")
        retrieval = RetrievalSettings(
            corpus_dir=corpus_dir,
            index_dir=Path(index_dir).expanduser() if index_dir else default_index_dir(corpus_dir),
            chroma_url=get("NEWSBOT_CHROMA_URL"),
            collection_prefix=get("NEWSBOT_COLLECTION", "newsbot"),
            embedder=embedder,
            top_k=number("NEWSBOT_TOP_K", 5),
        )
        return cls(
            retrieval=retrieval,
            generator=generator,
            llm_model=get("NEWSBOT_LLM_MODEL", "") or "",
            llm_timeout_s=number("NEWSBOT_LLM_TIMEOUT", 30.0, float),
            openai_base_url=get("NEWSBOT_OPENAI_BASE_URL") or get("OPENAI_BASE_URL"),
            openai_api_key=get("OPENAI_API_KEY"),
            anthropic_base_url=get("NEWSBOT_ANTHROPIC_BASE_URL"),
            anthropic_api_key=get("ANTHROPIC_API_KEY"),
            ollama_base_url=get("NEWSBOT_OLLAMA_BASE_URL", "http://127.0.0.1:11434") or "",
            prompts_dir=Path(get("NEWSBOT_PROMPTS_DIR") or PROJECT_ROOT / "prompts"),
            max_question_chars=number("NEWSBOT_MAX_QUESTION_CHARS", 500),
        )
