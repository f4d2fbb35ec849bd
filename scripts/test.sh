#!/usr/bin/env bash
# The whole check: lint, every test (slow ones included), and the quality gate on the seed set.
set -euo pipefail
cd "$(dirname "$0")/.."
export ANONYMIZED_TELEMETRY=False HF_HUB_OFFLINE=1
.venv/bin/ruff check .
.venv/bin/python -m pytest -m "slow or not slow" -q
# Thresholds sit just under what the code reaches (see README): a regression fails the build.
.venv/bin/newsbot eval eval/questions/seeds.jsonl --out .newsbot/eval \
  --min-accuracy 0.8 --min-hit-at-5 0.95 --min-citation-precision 0.9 --min-abstention-recall 0.8
