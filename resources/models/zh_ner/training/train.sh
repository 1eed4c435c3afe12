#!/usr/bin/env bash
# Rebuild resources/models/zh_ner/model from resources/models/zh_ner/data.
# Usage: PY=/path/to/python training/train.sh     (defaults to the project .venv)
# Needs spacy 3.8 (+ jieba only for eval_person_recall.py). CPU only, ~12 min on one core.
set -euo pipefail
cd "$(dirname "$0")"
PY="${PY:-../../../../.venv/bin/python}"

# 1. seeded synthetic workplace-chat sentences (names + name-free negatives) -> corpus/synthetic.jsonl
"$PY" augment.py --out corpus/synthetic.jsonl --n-pos 2400 --n-neg 900 --seed 13
# 2. jsonl -> DocBin: corpus/train.spacy (UNER train + synthetic), corpus/dev.spacy (UNER dev, untouched)
"$PY" prepare.py --out corpus
# 3. train (bounded by max_steps in config.cfg)
rm -rf output
time "$PY" -m spacy train config.cfg --output output
# 4. evaluate on dev, copy model-best -> ../model and write name/version/licence/sources into meta.json
"$PY" -m spacy evaluate output/model-best corpus/dev.spacy --output output/dev_scores.json
"$PY" finalize.py --src output/model-best --dst ../model --scores output/dev_scores.json
# 5. PERSON recall: model alone and union with jieba.posseg `nr`
"$PY" eval_person_recall.py --model ../model
# 6. drop build artefacts (regenerable; keeps the committed folder small). KEEP_BUILD=1 to keep them.
[ "${KEEP_BUILD:-0}" = 1 ] || rm -rf corpus output
