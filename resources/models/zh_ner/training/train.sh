#!/usr/bin/env bash
# Rebuild resources/models/zh_ner/model from the shared NER corpora (/work/shared/nlp, or
# $WORKBENCH_NLP_DATA). Usage: PY=/path/to/python training/train.sh  (defaults to the .venv)
# CPU only; bounded by max_steps / patience in config.cfg (see ../README.md for the wall time).
set -euo pipefail
cd "$(dirname "$0")"
PY="${PY:-../../../../.venv/bin/python}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

# 0. the held-out split must be the committed one
"$PY" ../../ner_splits/corpora.py --check
# 1. seeded synthetic workplace-chat sentences + name-swapped copies -> corpus/synthetic.jsonl
"$PY" augment.py --out corpus/synthetic.jsonl --n-pos 2400 --n-neg 900 --seed 13
# 2. corpora -> corpus/train.spacy (train parts + synthetic), corpus/select.spacy (select parts)
"$PY" prepare.py --out corpus
# 3. train
rm -rf output
time "$PY" -m spacy train config.cfg --output output ${SPACY_OVERRIDES:-}
# 4. copy model-best -> ../model with name/version/licence/sources in meta.json
"$PY" finalize.py --src output/model-best --dst ../model
# 5. model-alone scores on the select sentences
"$PY" ../../ner_splits/eval_select.py --model ../model --lang zh
[ "${KEEP_BUILD:-0}" = 1 ] || rm -rf corpus output
