"""Exports the sentence-transformers model to ONNX beside the index, for fast query embedding."""

from __future__ import annotations

import json
import shutil
import threading
import warnings
from pathlib import Path

from retrieval.embedders import MODEL_NAME, OnnxEmbedder, SentenceTransformerEmbedder
from retrieval.integrity import verify_manifest

MODEL_FILE = "model.onnx"
OPTIMISED_FILE = "model.opt.onnx"
TOKENIZER_FILE = "tokenizer.json"
STAMP_FILE = "export.json"


INPUTS = ["input_ids", "attention_mask", "token_type_ids"]
AXES = {0: "batch", 1: "tokens"}


def trace_to_onnx(
    model: object, output: str, output_axes: dict[int, str], sample: tuple, path: Path
) -> None:
    """Trace a BERT-style ``model`` to ONNX at ``path``, its output attribute ``output``
    (``last_hidden_state``, ``logits``) as the graph's one output, batch and length dynamic."""
    import torch

    class _Traced(torch.nn.Module):
        # BertModel's positional signature differs between transformers releases; keywords don't.
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            found = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return getattr(found, output)

    # The tracer warns about data-dependent branches that are constant for this model.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Traced(model),
            sample,
            str(path),
            input_names=INPUTS,
            output_names=[output],
            dynamic_axes={name: AXES for name in INPUTS} | {output: output_axes},
            opset_version=17,
            dynamo=False,
        )


def export_onnx(embedder: SentenceTransformerEmbedder, target: Path) -> Path:
    """Write the transformer of ``embedder`` as ONNX to ``target``; returns ``target``.

    Written to a temporary folder and renamed, so a reader never sees a half-written model.
    """
    target = Path(target)
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    transformer = embedder.model[0].auto_model.eval()
    sample = embedder.model.tokenizer(["a sample sentence"], return_tensors="pt")
    trace_to_onnx(
        transformer,
        "last_hidden_state",
        AXES,
        tuple(sample[name] for name in INPUTS),
        staging / MODEL_FILE,
    )
    optimise_onnx(staging / MODEL_FILE, staging / OPTIMISED_FILE)
    shutil.copy(embedder.model_dir / TOKENIZER_FILE, staging / TOKENIZER_FILE)
    (staging / STAMP_FILE).write_text(json.dumps({"model": MODEL_NAME}))
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def optimise_onnx(source: Path, target: Path) -> None:
    """Save the graph onnxruntime optimises, so loading it skips that step (~0.25 s a start).

    The extended level only fuses operators; unlike the full level, the result does not depend on
    this machine's processor. The unoptimised file is then dropped (it is 90 MB).
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(target)
    options.log_severity_level = 3
    onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
    source.unlink()


def load_exported(folder: Path) -> OnnxEmbedder | None:
    """The exported embedder in ``folder``, or None when there is no complete export."""
    folder = Path(folder)
    if not (folder / STAMP_FILE).is_file():
        return None
    model = folder / OPTIMISED_FILE
    if not model.is_file():  # an export written before the optimised graph was kept
        model = folder / MODEL_FILE
    return OnnxEmbedder(model, folder / TOKENIZER_FILE)


class _Preload(threading.Thread):
    """``load_exported(folder)`` in the background; its result or error is kept for ``take``."""

    def __init__(self, folder: Path) -> None:
        # Not a daemon: the interpreter joins it at exit, so a process that never takes the
        # session (an error before the first query) does not exit under a running load.
        super().__init__(name=f"newsbot-preload-{folder.name}")
        self.folder = folder
        self.result: OnnxEmbedder | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            # Only a whole export: a damaged one is the caller's to report and replace.
            if verify_manifest(self.folder, required=False, checksums=False) is None:
                self.result = load_exported(self.folder)
        except Exception as exc:  # raised again by ``take_preloaded`` in the caller's thread
            self.error = exc


_preloads: dict[Path, _Preload] = {}


def preload_exported(folder: Path) -> None:
    """Start loading the export in ``folder`` in a background thread.

    onnxruntime builds the session (~0.2 s) without holding the GIL, so a cold command overlaps
    it with importing and opening the store. Everything the load needs is imported here, first:
    two threads importing the same modules at once can see them half-initialised, so the thread
    itself imports nothing.
    """
    import onnxruntime  # noqa: F401 - imported before the thread starts (see above)
    import tokenizers  # noqa: F401

    folder = Path(folder)
    if folder not in _preloads:
        _preloads[folder] = loader = _Preload(folder)
        loader.start()


def take_preloaded(folder: Path) -> OnnxEmbedder | None:
    """The embedder ``preload_exported(folder)`` loaded, once (None if none was started or the
    export was missing or damaged); an error it met is raised here, as ``load_exported`` would."""
    loader = _preloads.pop(Path(folder), None)
    if loader is None:
        return None
    loader.join()
    if loader.error is not None:
        raise loader.error
    return loader.result
