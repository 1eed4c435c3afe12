"""Copy a trained pipeline (model-best) into ../model and fill in meta.json and the notice.

    python finalize.py --src output/model-best --dst ../model [--steps N]
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

META = {
    "name": "zh_workbench_ner",
    "version": "0.2.0",
    "description": (
        "Small CPU Chinese NER pipeline (char tokenizer, tok2vec + ner) for offline PII detection in "
        "Consent Workbench. Labels: PERSON, LOCATION, ORG. Trained on the training part of CLUENER2020, "
        "Weibo NER, People's Daily, MSRA and Universal NER zh GSDSimp, plus seeded synthetic "
        "workplace-chat sentences (training/augment.py). Held-out sentences: ../ner_splits/heldout.tsv."
    ),
    "author": "Consent Workbench",
    "license": "CC BY-SA 4.0 (Universal NER part) + research-use terms of CLUENER2020, Weibo NER, "
               "People's Daily and MSRA (see README.md)",
    "sources": [
        {"name": "Universal NER v1 - UNER_Chinese-GSDSIMP (train + dev)",
         "url": "https://github.com/UniversalNER/UNER_Chinese-GSDSIMP", "license": "CC BY-SA 4.0",
         "author": "Mayhew et al., NAACL 2024"},
        {"name": "CLUENER2020 train (90 % used)", "url": "https://github.com/CLUEbenchmark/CLUENER2020",
         "license": "as published by CLUE; research use", "author": "Xu et al. 2020"},
        {"name": "Weibo NER train (90 % used)", "url": "https://github.com/hltcoe/golden-horse",
         "license": "research use", "author": "Peng & Dredze, EMNLP 2015 / ACL 2016"},
        {"name": "People's Daily 1998 NER (example.dev file)",
         "url": "https://github.com/OYE93/Chinese-NLP-Corpus", "license": "research use"},
        {"name": "MSRA NER, SIGHAN 2006 (msra_test_bio file)",
         "url": "https://github.com/OYE93/Chinese-NLP-Corpus", "license": "research use (no stated licence)",
         "author": "Levow, SIGHAN 2006"},
    ],
}

NOTICE = """# zh_workbench_ner 0.2.0 — licence and attribution

Trained on (training parts only; 10 % of CLUENER and Weibo held out, see ../../ner_splits/):
- Universal NER v1, UNER_Chinese-GSDSIMP — Mayhew et al., NAACL 2024 — **CC BY-SA 4.0**
  (the model is an adaptation of this data: share-alike applies to it).
- CLUENER2020 (Xu et al. 2020, CLUE benchmark) — as published by CLUE, research use.
- Weibo NER (Peng & Dredze 2015, 2016; hltcoe/golden-horse) — research use.
- People's Daily 1998 NER and MSRA NER (SIGHAN 2006), via OYE93/Chinese-NLP-Corpus — research use
  (MSRA: no stated licence).
plus seeded synthetic sentences (../training/augment.py). Because four of the five corpora are
published for research use, treat this model as research/evaluation material unless their
terms are cleared for your use. Rebuild: ../training/train.sh.
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", type=Path, required=True)
    ap.add_argument("--dst", type=Path, required=True)
    ap.add_argument("--steps", type=int, help="training steps of the copied checkpoint")
    args = ap.parse_args()
    if args.dst.exists():
        shutil.rmtree(args.dst)
    shutil.copytree(args.src, args.dst)
    meta_path = args.dst / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta["lang"] = "zh"
    if args.steps:
        meta["training_steps"] = args.steps
    (args.dst / "README.md").write_text(NOTICE, encoding="utf-8")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.dst} ({meta['name']} {meta['version']})")


if __name__ == "__main__":
    main()
