"""Whether the sentences an answer would cite answer the question, read by a cross-encoder:
all-MiniLM-L6-v2 reading the question and the passage together, adapted by a low-rank update
(LoRA) and a classification head fitted on the calibration parts of the question sets by
``scripts/fit_reader.py``.

The rules of the extractive generator catch an answer that names the wrong party, year or
place; a near miss that changes a verb or a noun ("submarines" against "amphibious ships",
"sail through the Suez Canal" against "ordered to stay instead of crossing") needs reading. Only
the adaptation lives in the repository (``reader.safetensors``, about 1.4 MB, and its settings in
``reader.json``): the first use merges it into the installed model and exports the result to
ONNX in a cache folder, so the query path runs it with onnxruntime, without torch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import shutil
import threading
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

ADAPTER = Path(__file__).with_name("reader.safetensors")
SETTINGS = Path(__file__).with_name("reader.json")
MODEL_FILE = "reader.onnx"
OPTIMISED_FILE = "reader.opt.onnx"
TOKENIZER_FILE = "tokenizer.json"
STAMP_FILE = "export.json"


class Reader(Protocol):
    # The probability below which the generator declines, chosen on the calibration parts.
    threshold: float

    def probability(self, question: str, passage: str) -> float:
        """How likely ``passage`` answers ``question``, in [0, 1]."""
        ...


def passage(title: str, sentences: Sequence[str]) -> str:
    """What the reader reads beside the question: the article's title (it often carries the
    who and when the sentences leave out) and the sentences an answer would cite."""
    return f"{title}. {' '.join(sentences)}" if title else " ".join(sentences)


@dataclass(frozen=True)
class ReaderSettings:
    """The fitted reader's settings, as ``scripts/fit_reader.py`` wrote them."""

    threshold: float
    rank: int
    alpha: float
    max_tokens: int

    @classmethod
    def read(cls, path: Path = SETTINGS) -> ReaderSettings:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            threshold=float(data["threshold"]),
            rank=int(data["rank"]),
            alpha=float(data["alpha"]),
            max_tokens=int(data["max_tokens"]),
        )


class OnnxReader:
    """The exported reader run by onnxruntime."""

    def __init__(self, folder: Path, settings: ReaderSettings) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # Optimised once when exported (retrieval.onnx_export.optimise_onnx), not at every start.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        self.session = onnxruntime.InferenceSession(
            str(folder / OPTIMISED_FILE), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        # As the fit tokenised: the longer of the two texts is cut first.
        self.tokenizer.enable_truncation(settings.max_tokens, strategy="longest_first")
        self.tokenizer.no_padding()
        self.threshold = settings.threshold

    def probability(self, question: str, passage: str) -> float:
        enc = self.tokenizer.encode(question, passage)
        ids = np.asarray([enc.ids], np.int64)
        (logits,) = self.session.run(
            None,
            {
                "input_ids": ids,
                "attention_mask": np.asarray([enc.attention_mask], np.int64),
                "token_type_ids": np.asarray([enc.type_ids], np.int64),
            },
        )
        # The logistic function written through tanh, which never overflows.
        return 0.5 * (1.0 + math.tanh(float(np.ravel(logits)[0]) / 2))


class ScriptedReader:
    """Test double: the probability set for each question (``default`` for the rest); records
    what it was asked to read."""

    def __init__(
        self,
        probabilities: Mapping[str, float] | None = None,
        default: float = 1.0,
        threshold: float = 0.5,
    ) -> None:
        self.probabilities = dict(probabilities or {})
        self.default = default
        self.threshold = threshold
        self.read: list[tuple[str, str]] = []

    def probability(self, question: str, passage: str) -> float:
        self.read.append((question, passage))
        return self.probabilities.get(question, self.default)


def fingerprint(adapter: Path = ADAPTER, settings: Path = SETTINGS) -> str:
    """Names the export of this adapter: a refit one is exported again, not mixed up."""
    digest = hashlib.sha256(adapter.read_bytes())
    digest.update(settings.read_bytes())
    return digest.hexdigest()[:12]  # 48 bits: enough to tell a handful of fits apart


def export_reader(
    target: Path, adapter: Path = ADAPTER, settings: ReaderSettings | None = None
) -> Path:
    """Merge the adapter into the installed model and write it as ONNX to ``target``.

    Written to a staging folder and renamed, so a reader never sees a half-written export (two
    processes exporting at once each write their own and one rename wins)."""
    import torch
    from safetensors.numpy import load_file
    from transformers import AutoModelForSequenceClassification
    from transformers.utils import logging as hf_logging

    from retrieval.embedders import packaged_model_dir
    from retrieval.onnx_export import optimise_onnx, trace_to_onnx

    # Its load report names the head as newly made: true, and replaced by the fitted one below.
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    settings = settings or ReaderSettings.read()
    weights = load_file(str(adapter))
    base = packaged_model_dir()
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1).eval()
    modules = dict(model.named_modules())
    scale = settings.alpha / settings.rank
    with torch.no_grad():
        for key, a in weights.items():
            if key.endswith(".lora_A"):
                name = key.removesuffix(".lora_A")
                delta = weights[f"{name}.lora_B"] @ a * scale
                modules[name].weight += torch.from_numpy(delta).to(modules[name].weight.dtype)
        model.classifier.weight.copy_(torch.from_numpy(weights["classifier.weight"]))
        model.classifier.bias.copy_(torch.from_numpy(weights["classifier.bias"]))

    target = Path(target)
    staging = target.with_name(f"{target.name}.{uuid.uuid4().hex}.tmp")
    staging.mkdir(parents=True)
    # Any short sample: the axes are declared dynamic, so its shape fixes nothing.
    sample = torch.ones((1, 8), dtype=torch.int64)
    try:
        trace_to_onnx(
            model,
            "logits",
            {0: "batch"},
            (sample, sample, torch.zeros_like(sample)),
            staging / MODEL_FILE,
        )
        optimise_onnx(staging / MODEL_FILE, staging / OPTIMISED_FILE)
        shutil.copy(base / TOKENIZER_FILE, staging / TOKENIZER_FILE)
        (staging / STAMP_FILE).write_text(json.dumps({"adapter": adapter.name}))
        staging.rename(target)
    except OSError:
        if not (target / STAMP_FILE).is_file():
            raise
        # Another process exported it first: theirs is the same model.
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when the rename succeeded
    return target


def load_reader(
    cache_dir: Path, adapter: Path = ADAPTER, settings_file: Path = SETTINGS
) -> OnnxReader | None:
    """The fitted reader, exported into ``cache_dir`` on first use; None when no reader was
    fitted, or when it cannot be exported or loaded (the generator then answers without it,
    and the log says why)."""
    if not (adapter.is_file() and settings_file.is_file()):
        return None
    try:
        settings = ReaderSettings.read(settings_file)
        folder = Path(cache_dir) / f"reader-{fingerprint(adapter, settings_file)}"
        # A folder there is whole or damaged, never half-written (export_reader renames a
        # finished one into place), so only a damaged one is removed.
        if (folder / STAMP_FILE).is_file():
            try:
                return OnnxReader(folder, settings)
            except Exception as exc:  # a truncated or garbled model: exported again below
                log.warning("the answer reader's export is damaged (%s); exporting it again", exc)
                shutil.rmtree(folder, ignore_errors=True)
        log.info("exporting the answer reader to %s (once)", folder)
        export_reader(folder, adapter, settings)
        return OnnxReader(folder, settings)
    except Exception as exc:
        log.warning("the answer reader cannot be used, answering without it: %s", exc)
        return None


class _Preload(threading.Thread):
    """Loads an export already made, and nothing else: a missing or damaged one is left to
    ``shared_reader`` in the caller's thread, which exports it (importing torch there)."""

    def __init__(self, folder: Path, settings: ReaderSettings) -> None:
        # Not a daemon: the interpreter joins it at exit, never leaving a half-built session.
        super().__init__(name="newsbot-reader")
        self.folder = folder
        self.settings = settings
        self.result: OnnxReader | None = None

    def run(self) -> None:
        try:
            self.result = OnnxReader(self.folder, self.settings)
        except Exception:  # damaged: shared_reader reports it and exports it again
            self.result = None


_preloads: dict[Path, _Preload] = {}


@lru_cache(maxsize=4)
def shared_reader(cache_dir: Path) -> OnnxReader | None:
    """``load_reader(cache_dir)``, once per process: a Slack reload or an evaluation of several
    files builds a pipeline per index, and the reader is the same for all. Takes what
    ``preload_reader`` loaded, when it loaded it."""
    loader = _preloads.pop(Path(cache_dir), None)
    if loader is not None:
        loader.join()
        if loader.result is not None:
            return loader.result
    return load_reader(Path(cache_dir))


def preload_reader(cache_dir: Path) -> None:
    """Start loading the reader in a background thread, so that a cold command builds its
    session (~0.2 s; onnxruntime releases the GIL) while it opens the store. Only an export
    already made is loaded there; everything the load imports is imported here first (two
    threads importing one module at once can see it half-initialised)."""
    import onnxruntime  # noqa: F401 - imported before the thread starts (see above)
    import tokenizers  # noqa: F401

    cache_dir = Path(cache_dir)
    if cache_dir in _preloads or not (ADAPTER.is_file() and SETTINGS.is_file()):
        return
    folder = cache_dir / f"reader-{fingerprint()}"
    if (folder / STAMP_FILE).is_file():
        _preloads[cache_dir] = loader = _Preload(folder, ReaderSettings.read())
        loader.start()
