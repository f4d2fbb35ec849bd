"""The one configuration object, read from environment variables (see ``.env.example``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from retrieval.settings import (
    PROJECT_ROOT,
    RetrievalSettings,
    default_corpus,
    default_index_dir,
)

GENERATORS = ("extractive", "openai", "anthropic", "ollama")


def default_reader_dir() -> Path:
    """The user's cache folder: the answer reader's export is made from the installed model and
    the adapter in the repository, so it can always be made again."""
    return Path(platformdirs.user_cache_dir("newsbot", appauthor=False)) / "reader"


class ConfigError(ValueError):
    """A setting has a value newsbot cannot use; the message names the variable."""


@dataclass(frozen=True)
class SlackSettings:
    """The Slack app: tokens (from the app's settings pages) and how the bot behaves."""

    bot_token: str | None = None
    app_token: str | None = None
    signing_secret: str | None = None
    # The Web API base URL; None keeps slack_sdk's (https://slack.com/api/).
    api_url: str | None = None
    port: int = 3000
    command: str = "/newsbot"
    # Slack retries an event for about an hour; a day also covers a restart the morning after.
    seen_ttl_s: float = 86400.0
    # How long a reply in the bot's thread still counts as a follow-up.
    thread_ttl_s: float = 30 * 86400.0
    # Times a rate-limited (HTTP 429) or dropped Web API call is retried.
    api_retries: int = 3
    working_reaction: str = "hourglass_flowing_sand"
    # Threads that post answers. The pipeline answers one question at a time (bot.slack.live);
    # workers overlap the Web API calls around it: with 100 ms per call, 200 questions took
    # 72 s with 1 worker, 21 s with 4, 8.6 s with 8 (benchmarks/slack_load.py --api-ms 100).
    answer_workers: int = 8
    # How often the bot looks for articles another ingest committed: a look reads every article
    # record (milliseconds at 1,000 articles, far more at a million passages), so it is not
    # done for every question; a new article is answered from within this many seconds.
    reload_check_s: float = 2.0

    def missing(self, http: bool) -> str | None:
        """The first variable a mode needs that is not set, or None."""
        needed = {"SLACK_BOT_TOKEN": self.bot_token}
        if http:
            needed["SLACK_SIGNING_SECRET"] = self.signing_secret
        else:
            needed["SLACK_APP_TOKEN"] = self.app_token
        return next((name for name, value in needed.items() if not value), None)


SLACK = SlackSettings()  # the defaults, for from_env


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
    slack: SlackSettings = field(default_factory=SlackSettings)
    # Whether the extractive generator reads each answer with the fitted answer reader
    # (bot.answering.reader) before giving it, and where the reader's export is kept. Off by
    # default: switched on, it declines answerable questions about articles it was not fitted
    # on (README, "The answer reader").
    reader: bool = False
    reader_dir: Path = field(default_factory=default_reader_dir)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Settings from ``env`` (normally ``os.environ``); unset or empty ones keep defaults."""

        def get(name: str, default: str | None = None) -> str | None:
            value = env.get(name, "").strip()
            return value or default

        def number(name: str, default: float, kind: type = int, zero: bool = False):
            """``zero``: 0 is allowed (it switches the feature off)."""
            raw = get(name)
            if raw is None:
                return default
            try:
                value = kind(raw)
            except ValueError:
                raise ConfigError(f"{name} must be a number, not {raw!r}") from None
            if value < 0 or (value == 0 and not zero):
                least = "0 or more" if zero else "positive"
                raise ConfigError(f"{name} must be {least}, not {raw!r}")
            return value

        generator = (get("NEWSBOT_GENERATOR", "extractive") or "").lower()
        if generator not in GENERATORS:
            raise ConfigError(f"NEWSBOT_GENERATOR must be one of {', '.join(GENERATORS)}")
        embedder = (get("NEWSBOT_EMBEDDER", "minilm") or "").lower()
        if embedder not in ("minilm", "hashing"):
            raise ConfigError("NEWSBOT_EMBEDDER must be 'minilm' or 'hashing'")
        reader = (get("NEWSBOT_READER", "off") or "").lower()
        if reader not in ("on", "off"):
            raise ConfigError("NEWSBOT_READER must be 'on' or 'off'")
        corpus_dir = Path(get("NEWSBOT_CORPUS") or default_corpus()).expanduser().resolve()
        index_dir = get("NEWSBOT_INDEX_DIR")
        retrieval = RetrievalSettings(
            corpus_dir=corpus_dir,
            index_dir=Path(index_dir).expanduser() if index_dir else default_index_dir(corpus_dir),
            chroma_url=get("NEWSBOT_CHROMA_URL"),
            collection_prefix=get("NEWSBOT_COLLECTION", "newsbot"),
            embedder=embedder,
            top_k=number("NEWSBOT_TOP_K", 5),
            chroma_timeout_s=number(
                "NEWSBOT_CHROMA_TIMEOUT", RetrievalSettings.chroma_timeout_s, float
            ),
            lock_wait_s=number("NEWSBOT_LOCK_WAIT", RetrievalSettings.lock_wait_s, float),
            max_article_bytes=number(
                "NEWSBOT_MAX_ARTICLE_BYTES", RetrievalSettings.max_article_bytes
            ),
            hnsw_ef_search=number("NEWSBOT_HNSW_EF_SEARCH", RetrievalSettings.hnsw_ef_search),
            hnsw_ef_construction=number(
                "NEWSBOT_HNSW_EF_CONSTRUCTION", RetrievalSettings.hnsw_ef_construction
            ),
            hnsw_m=number("NEWSBOT_HNSW_M", RetrievalSettings.hnsw_m),
            snapshot_max_texts=number(
                "NEWSBOT_SNAPSHOT_MAX_TEXTS", RetrievalSettings.snapshot_max_texts, zero=True
            ),
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
            reader=reader == "on",
            reader_dir=Path(get("NEWSBOT_READER_DIR") or default_reader_dir()).expanduser(),
            slack=SlackSettings(
                bot_token=get("SLACK_BOT_TOKEN"),
                app_token=get("SLACK_APP_TOKEN"),
                signing_secret=get("SLACK_SIGNING_SECRET"),
                api_url=get("SLACK_API_URL"),
                port=number("NEWSBOT_SLACK_PORT", SLACK.port),
                command=get("NEWSBOT_SLACK_COMMAND") or SLACK.command,
                seen_ttl_s=number("NEWSBOT_SLACK_SEEN_TTL", SLACK.seen_ttl_s, float),
                answer_workers=number("NEWSBOT_SLACK_WORKERS", SLACK.answer_workers),
                reload_check_s=number("NEWSBOT_SLACK_RELOAD_CHECK", SLACK.reload_check_s, float),
            ),
        )
