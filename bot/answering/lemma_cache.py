"""simplemma's dictionaries, decoded once and kept in the user's cache folder.

simplemma ships each language's dictionary lzma-compressed and front-coded; decoding the English
one is pure Python and costs ~0.25 s of every cold start (question analysis lemmatises its word
lists when it is imported). The decoded dictionary is the same ``dict`` every time, so it is
written once with ``marshal`` (which rebuilds it in ~0.03 s and, unlike pickle, cannot run code)
and read back by later processes. The file is keyed by the shipped dictionary's size and
modification time, simplemma's version and the marshal format, so an upgrade never reads a stale
one; a file that cannot be read or written only means decoding as before.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

Loader = Callable[[str], dict]


def cache_dir() -> Path:
    """Where the decoded dictionaries live (``XDG_CACHE_HOME`` is honoured on Linux)."""
    return Path(platformdirs.user_cache_dir("newsbot")) / "simplemma"


def _cache_file(source: Path, version: str) -> Path:
    stat = source.stat()
    key = f"{source.name}|{stat.st_size}|{stat.st_mtime_ns}|{version}|{marshal.version}|"
    key += ".".join(map(str, sys.version_info[:2]))
    return cache_dir() / f"{source.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def _read(path: Path) -> dict | None:
    try:
        data = marshal.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.debug("lemma cache %s unreadable: %s", path, exc)
        return None
    return data if isinstance(data, dict) and data else None


def _write(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(data))
            os.replace(temp, path)  # atomic: a reader finds the whole file or none
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError) as exc:  # a read-only home: decode again next time
        log.debug("lemma cache %s not written: %s", path, exc)


def cached(load: Loader, data_folder: Path, version: str) -> Loader:
    """``load`` (language code -> decoded dictionary) through the cache folder."""

    @functools.wraps(load)
    def load_cached(lang: str) -> dict:
        try:
            path = _cache_file(data_folder / f"{lang}.plzma", version)
        except OSError:  # an unsupported language: simplemma's own loader says so
            return load(lang)
        data = _read(path)
        if data is None:
            data = load(lang)
            _write(path, data)
        return data

    load_cached.newsbot_cache = True  # type: ignore[attr-defined]
    return load_cached


def install() -> None:
    """Route simplemma's dictionary loading through the cache; a no-op when simplemma's layout
    is not the one this was written for (then it decodes as it always did)."""
    import simplemma
    from simplemma.strategies.dictionaries import dictionary_factory as factory

    load = getattr(factory, "_load_dictionary_from_disk", None)
    folder = getattr(factory, "DATA_FOLDER", None)
    if load is None or folder is None or getattr(load, "newsbot_cache", False):
        return
    version = getattr(simplemma, "__version__", "")
    factory._load_dictionary_from_disk = cached(load, Path(folder), version)
