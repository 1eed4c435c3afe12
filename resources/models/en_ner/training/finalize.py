"""Copy a trained pipeline (model-best) into ../model and fill in meta.json and the notice.

    python finalize.py --src output/model-best --dst ../model [--steps N]
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

META = {
    "name": "en_workbench_ner",
    "version": "0.1.0",
    "description": (
        "Small CPU English NER pipeline (tok2vec + ner, no vectors) for offline PII detection in "
        "Consent Workbench. Labels: PERSON, LOCATION, ORG. Trained on the training part of CoNLL-2003 "
        "and WNUT-17, lower-cased copies, and seeded synthetic workplace-chat lines "
        "(training/augment_en.py). Held-out sentences: ../ner_splits/heldout.tsv."
    ),
    "author": "Consent Workbench",
    "license": "CC BY 4.0 (WNUT-17 part) + Reuters corpus research-use terms (CoNLL-2003); see README.md",
    "sources": [
        {"name": "WNUT-17 Emerging and Rare Entities, train (90 % used)",
         "url": "https://github.com/leondz/emerging_entities_17", "license": "CC BY 4.0",
         "author": "Derczynski et al., W-NUT 2017"},
        {"name": "CoNLL-2003 English NER, eng.train (90 % used)",
         "url": "https://www.clips.uantwerpen.be/conll2003/ner/",
         "license": "Reuters Corpus RCV1 terms: research use", "author": "Tjong Kim Sang & De Meulder 2003"},
    ],
}

NOTICE = """# en_workbench_ner 0.1.0 — licence and attribution

Trained on (training parts only; 10 % of each held out, see ../../ner_splits/):
- WNUT-17 Emerging and Rare Entities (Derczynski, Nichols, van Erp, Limsopatham; W-NUT 2017),
  leondz/emerging_entities_17 — **CC BY 4.0** (attribution required).
- CoNLL-2003 English (Tjong Kim Sang & De Meulder 2003) on Reuters RCV1 text — research use
  under the Reuters corpus terms.
plus lower-cased copies and seeded synthetic chat lines (../training/augment_en.py). Because
CoNLL-2003 is research-use material, treat this model as research/evaluation material unless
those terms are cleared for your use. Rebuild: ../training/train.sh.
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
    meta["lang"] = "en"
    if args.steps:
        meta["training_steps"] = args.steps
    (args.dst / "README.md").write_text(NOTICE, encoding="utf-8")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.dst} ({meta['name']} {meta['version']})")


if __name__ == "__main__":
    main()
