"""simplemma's and lemminflect's dictionaries, decoded once and kept in the user's cache folder.

simplemma ships each language's dictionary lzma-compressed and front-coded; decoding the English
one is pure Python and costs ~0.25 s of every cold start (question analysis lemmatises its word
lists when it is imported). The decoded dictionary is the same ``dict`` every time, so it is
written once with ``marshal`` (which rebuilds it in ~0.03 s and, unlike pickle, cannot run code)
and read back by later processes. The file is keyed by the shipped dictionary's size and
modification time, simplemma's version and the marshal format, so an upgrade never reads a stale
one; a file that cannot be read or written only means decoding as before.

lemminflect reads each of its tables (a word's parts of speech and lemmas; a lemma's inflected
forms) from tens of thousands of lines of gzipped CSV into as many small dicts, ~0.3 s each on a
cold start. Each is kept as one flat word -> string dict, which marshal reads in a few
hundredths of a second, and handed to lemminflect's own lemmatiser and inflector, which decode a
word's entry when they look it up (``lemminflect_tables``).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import platformdirs
import simplemma
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import DictionaryFactory

log = logging.getLogger(__name__)

Loader = Callable[[str], dict]


def cache_dir() -> Path:
    """Where the decoded dictionaries live (``XDG_CACHE_HOME`` is honoured on Linux)."""
    return Path(platformdirs.user_cache_dir("newsbot")) / "lemmas"


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


class CachedDictionaryFactory(DictionaryFactory):
    """simplemma's extension point for where dictionaries come from: its own decoded data,
    through the cache folder. ``decode`` (language code -> bytes dictionary) does the work on a
    miss."""

    def __init__(self, decode: Loader, data_folder: Path, version: str) -> None:
        self._decode, self._folder, self._version = decode, data_folder, version
        self._loaded: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in self._loaded:
            self._loaded[lang] = _Decoded(self.load(lang))
        return self._loaded[lang]

    def load(self, lang: str) -> dict:
        """The bytes dictionary of ``lang``: read from the cache, or decoded and written."""
        try:
            path = _cache_file(self._folder / f"{lang}.plzma", self._version)
        except OSError:  # a language simplemma does not ship: its own loader says so
            return self._decode(lang)
        data = _read(path)
        if data is None:
            data = self._decode(lang)
            _write(path, data)
        return data


class _Decoded(Mapping[str, str]):
    """A bytes -> bytes dictionary read as str -> str, as simplemma reads its own."""

    def __init__(self, data: dict[bytes, bytes]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> str:
        return self._data[key.encode()].decode()

    def get(self, key: str, default=None):  # type: ignore[override]
        value = self._data.get(key.encode())
        return value.decode() if value is not None else default

    def __iter__(self) -> Iterator[str]:
        return (key.decode() for key in self._data)

    def __len__(self) -> int:
        return len(self._data)


@functools.lru_cache(maxsize=1)
def lemmatizer() -> Lemmatizer:
    """simplemma's lemmatizer with its default strategy, on the cached dictionaries (or on its
    own loading when its decoder is not where this was written to find it)."""
    from simplemma.strategies.dictionaries import dictionary_factory as shipped

    decode = getattr(shipped, "_load_dictionary_from_disk", None)
    folder = getattr(shipped, "DATA_FOLDER", None)
    if decode is None or folder is None:
        return Lemmatizer()
    version = getattr(simplemma, "__version__", "")
    factory = CachedDictionaryFactory(decode, Path(folder), version)
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))


# How a table of lemminflect's (word -> {tag: spellings}) is written flat, one string a word:
# "NOUN\ttalk\nVERB\ttalk" (no word holds a tab or a newline).
TAGS, SPELLINGS = "\n", "\t"
Table = dict[str, dict[str, tuple[str, ...]]]


class _Flat(Mapping[str, dict[str, tuple[str, ...]]]):
    """A flat table read as lemminflect reads its own: each word's entry decoded when looked
    up, which is all lemminflect does with it (``.get``)."""

    def __init__(self, flat: dict[str, str]) -> None:
        self._flat = flat

    def __getitem__(self, word: str) -> dict[str, tuple[str, ...]]:
        parts = (part.split(SPELLINGS) for part in self._flat[word].split(TAGS))
        return {tag: tuple(spellings) for tag, *spellings in parts}

    def __iter__(self) -> Iterator[str]:
        return iter(self._flat)

    def __len__(self) -> int:
        return len(self._flat)


def flat_table(source: Path, version: str, load: Callable[[str], Table]) -> _Flat:
    """lemminflect's table in ``source``, as ``load`` (its codec) reads it: from the cache, or
    loaded, flattened and written."""
    try:
        # the layout's own tag: a change to TAGS or SPELLINGS never reads an older file
        path: Path | None = _cache_file(source, f"{version}|flat1")
    except OSError:  # not where lemminflect keeps it: its own loader says why
        path = None
    flat = _read(path) if path is not None else None
    if flat is not None and not isinstance(next(iter(flat.values())), str):
        flat = None  # another layout: built again
    if flat is None:
        flat = {
            word: TAGS.join(SPELLINGS.join((tag, *spellings)) for tag, spellings in forms.items())
            for word, forms in load(str(source)).items()
        }
        if path is not None:
            _write(path, flat)
    return _Flat(flat)


@functools.lru_cache(maxsize=1)
def lemminflect_tables() -> None:
    """Give lemminflect's lemmatiser and inflector (singletons, loading their tables when first
    used) their tables from the cache; once, before either is first used. A lemminflect that
    keeps its tables elsewhere loads its own."""
    import lemminflect
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    version = lemminflect.__version__
    lemmas, inflections = Lemmatizer(), Inflections()
    source = getattr(lemmas, "lemma_lu_fn", None)
    if source and hasattr(lemmas, "_getLemmaDict") and not hasattr(lemmas, "lemma_dict"):
        lemmas.lemma_dict = flat_table(Path(source), version, LemmaLUCodec.load)
    source = getattr(inflections, "infl_lu_fn", None)
    if source and hasattr(inflections, "_getInflDict") and not hasattr(inflections, "infl_dict"):
        inflections.infl_dict = flat_table(Path(source), version, InflectionLUCodec.load)


def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllLemmas``, on the tables from the cache."""
    from lemminflect import getAllLemmas

    lemminflect_tables()
    return getAllLemmas(word)


def inflection(lemma: str, tag: str) -> tuple[str, ...]:
    """lemminflect's ``getInflection``, on the tables from the cache."""
    from lemminflect import getInflection

    lemminflect_tables()
    return getInflection(lemma, tag=tag)
