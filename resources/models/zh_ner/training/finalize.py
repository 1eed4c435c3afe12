"""Copy a trained pipeline (model-best) into ../model and fill in meta.json.

    python finalize.py --src output/model-best --dst ../model [--scores output/dev_scores.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

META = {
    "name": "zh_workbench_ner",
    "version": "0.1.0",
    "description": (
        "Small CPU Chinese NER pipeline (char tokenizer, tok2vec + ner) for offline PII detection in "
        "Consent Workbench. Labels: PERSON, LOCATION, ORG. Trained on Universal NER v1 Chinese GSDSimp "
        "(train split) plus seeded synthetic workplace-chat sentences (training/augment.py)."
    ),
    "author": "Consent Workbench",
    "license": "CC BY-SA 4.0",
    "sources": [
        {
            "name": "Universal NER v1 - UNER_Chinese-GSDSIMP",
            "url": "https://github.com/UniversalNER/UNER_Chinese-GSDSIMP",
            "license": "CC BY-SA 4.0",
            "author": "Mayhew et al., 'Universal NER: A Gold-Standard Multilingual Named Entity "
            "Recognition Benchmark', NAACL 2024",
        },
        {
            "name": "UD Chinese GSDSimp treebank",
            "url": "https://github.com/UniversalDependencies/UD_Chinese-GSDSimp",
            "license": "CC BY-SA 4.0",
            "author": "Universal Dependencies contributors",
        },
    ],
}


NOTICE = """# zh_workbench_ner 0.1.0 — licence and attribution

Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). This model is an adaptation
of CC BY-SA 4.0 data; share-alike applies to redistributed or modified versions.

Trained on:
- Universal NER v1, UNER_Chinese-GSDSIMP — Mayhew et al., "Universal NER: A Gold-Standard
  Multilingual Named Entity Recognition Benchmark", NAACL 2024. https://www.universalner.org
- UD Chinese GSDSimp treebank (Universal Dependencies), the source sentences.
plus seeded synthetic sentences (see ../training/augment.py). Rebuild: ../training/train.sh.
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", type=Path, required=True)
    ap.add_argument("--dst", type=Path, required=True)
    ap.add_argument("--scores", type=Path, help="output of `spacy evaluate --output`")
    args = ap.parse_args()

    if args.dst.exists():
        shutil.rmtree(args.dst)
    shutil.copytree(args.src, args.dst)

    meta_path = args.dst / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta["lang"] = "zh"
    if args.scores and args.scores.exists():
        scores = json.loads(args.scores.read_text(encoding="utf-8"))
        meta["performance_dev_uner_gsdsimp"] = {
            k: scores[k] for k in ("ents_p", "ents_r", "ents_f", "ents_per_type") if k in scores
        }
    (args.dst / "README.md").write_text(NOTICE, encoding="utf-8")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.dst} ({meta['name']} {meta['version']})")


if __name__ == "__main__":
    main()
