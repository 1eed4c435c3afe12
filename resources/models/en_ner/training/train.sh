#!/usr/bin/env bash
# Rebuild resources/models/en_ner/model from the shared NER corpora (/work/shared/nlp, or
# $WORKBENCH_NLP_DATA). Usage: PY=/path/to/python training/train.sh  (defaults to the .venv)
# CPU only; bounded by max_steps / patience in config.cfg (see ../README.md for the wall time).
set -euo pipefail
cd "$(dirname "$0")"
PY="${PY:-../../../../.venv/bin/python}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

# 0. the held-out split must be the committed one
"$PY" ../../ner_splits/corpora.py --check
# 1. corpora (+ lower-cased copies, synthetic chat lines) -> corpus/train.spacy, corpus/select.spacy
"$PY" prepare.py --out corpus --seed 17 --n-synthetic 3000
# 2. train
rm -rf output
time "$PY" -m spacy train config.cfg --output output ${SPACY_OVERRIDES:-}
# 3. copy model-best -> ../model with name/version/licence/sources in meta.json
"$PY" finalize.py --src output/model-best --dst ../model
# 4. model-alone scores on the select sentences
"$PY" ../../ner_splits/eval_select.py --model ../model --lang en
[ "${KEEP_BUILD:-0}" = 1 ] || rm -rf corpus output
