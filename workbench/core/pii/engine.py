"""The Presidio analyzer set up explicitly: our spaCy models, our recognizers, no downloads."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from workbench.core.pii.offline import make_tldextract_offline

make_tldextract_offline()

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    PatternRecognizer,
    RecognizerRegistry,
)
from presidio_analyzer.nlp_engine import (
    NerModelConfiguration,
    NlpArtifacts,
    SpacyNlpEngine,
)
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
)

from workbench.core.pii.context import NearbyWordsContextEnhancer
from workbench.core.pii.models import (
    ENGLISH_DISABLED,
    chinese_ner_model,
    english_model,
)
from workbench.core.pii.recognizers.address_zh import ChineseAddressRecognizer
from workbench.core.pii.recognizers.bank_card import BankCardRecognizer
from workbench.core.pii.recognizers.base import ASCII_FLAGS
from workbench.core.pii.recognizers.cn_car_plate import CnCarPlateRecognizer
from workbench.core.pii.recognizers.cn_passport import CnPassportRecognizer
from workbench.core.pii.recognizers.cn_resident_id import CnResidentIdRecognizer
from workbench.core.pii.recognizers.date_of_birth import DateOfBirthRecognizer
from workbench.core.pii.recognizers.email_obfuscated import ObfuscatedEmailRecognizer
from workbench.core.pii.recognizers.employee_id import EmployeeIdRecognizer
from workbench.core.pii.recognizers.ip_address import VersionAwareIpRecognizer
from workbench.core.pii.recognizers.one_time_code import OneTimeCodeRecognizer
from workbench.core.pii.recognizers.other_passport import OtherPassportRecognizer
from workbench.core.pii.recognizers.person_en import GivenNameRecognizer
from workbench.core.pii.recognizers.person_zh import ChineseNameRecognizer
from workbench.core.pii.recognizers.person_zh_chat import ChineseChatNameRecognizer
from workbench.core.pii.recognizers.phone import PhoneNumberRecognizer
from workbench.core.pii.recognizers.secret import SecretRecognizer
from workbench.core.pii.recognizers.sensitive import SensitiveCategoryRecognizer
from workbench.core.pii.recognizers.us_ssn import SocialSecurityNumberRecognizer
from workbench.core.pii.recognizers.wechat_id import WeChatIdRecognizer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LANGUAGES = ("en", "zh")
NER_ENTITIES = ("PERSON", "LOCATION")
# The spaCy recognizer's name per language (a finding's detector, shown as detector.<name>).
SPACY_NAMES = {"en": "SpacyRecognizer", "zh": "ChineseSpacyRecognizer"}
# spaCy labels the app does not report: dates, numbers and organisations are not personal
# data, and flagging them would bury the findings that are.
IGNORED_LABELS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
                  "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "FAC",
                  "MISC")
NER_SCORE = 0.7
ZH_NER_SCORE = 0.6
_HANZI_ONLY = re.compile(r"^[\u4e00-\u9fff·]+$")
_HANZI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _plausible_chinese(entity: Span) -> bool:
    text = entity.text
    if not _HANZI_ONLY.match(text):
        return False
    if entity.label_ != "PERSON":
        return len(text) >= 2
    if text[0] == "·" or text[-1] == "·":
        return False
    # Chinese names have 2-4 characters; transliterated ones run longer (贝鲁斯科尼, 西恩·潘).
    return 2 <= len(text) <= (16 if "·" in text else 6)


# A Latin word the Chinese model may call a name in Chinese text ("创始人Arneson辞世"): one
# capitalised word, letters only.
_LATIN_NAME = re.compile(r"^[A-Z][a-z]{2,19}$")


def _latin_name_in_chinese(entity: Span) -> bool:
    """A foreign name written in Latin letters inside Chinese text. The English model reads
    such words without their Chinese context and misses most of them; the Chinese model's
    tag counts when the word looks like a name and is not an everyday English word
    ("Invoice", "Group", "Live"). Measured on the CLUENER `select` sentences: 4 names found
    for 1 false one."""
    from workbench.core.pii.recognizers.person_en import COMMON, lexicons

    text = entity.text
    if entity.label_ != "PERSON" or not _LATIN_NAME.match(text):
        return False
    return not lexicons().kind(text) & COMMON


def _with_title(entity: Span) -> Span | None:
    """A one-character name the model tagged before a title ("蛋总", "泽哥"), widened to take
    the title: the chat rules' span for a surname + title, which is what identifies."""
    from workbench.core.pii.recognizers.person_zh_chat import TITLES, is_title_word

    if entity.label_ != "PERSON" or len(entity.text) != 1 or not _HANZI_ONLY.match(entity.text):
        return None
    doc, text = entity.doc, entity.doc.text
    for title in TITLES:
        if text.startswith(title, entity.end_char) and not is_title_word(text, entity.end_char,
                                                                         title):
            return doc.char_span(entity.start_char, entity.end_char + len(title),
                                 label=entity.label_)
    return None


class WorkbenchNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, loading models only from disk (Presidio's own `load` would
    download a model it cannot find)."""

    def __init__(self) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": english_model()},
                    {"lang_code": "zh", "model_name": str(chinese_ner_model())}],
            ner_model_configuration=NerModelConfiguration(
                labels_to_ignore=list(IGNORED_LABELS), default_score=NER_SCORE,
            ),
        )

    def load(self) -> None:
        import spacy

        # Presidio's __init__ sets `nlp = None` unannotated, so its type reads as None; its
        # own load() assigns a dict of models just as this does.
        self.nlp = {  # type: ignore[assignment]
            "en": spacy.load(english_model(), exclude=list(ENGLISH_DISABLED)),
            "zh": spacy.load(chinese_ner_model()),
        }

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        """Entities only: our recognizers never read lemmas or keywords, and building them
        costs about a tenth of the scan."""
        entities, scores = self._get_updated_entities(list(doc.ents),
                                                      self._get_scores_for_entities(doc))
        if language == "zh":
            # The Chinese model learnt from Chinese text only: in mixed chat it tags English
            # words ("invoice") and lone surnames (顾律师) as names. Keep 2-4 hanzi names and
            # hanzi places, a little below the English model's score.
            kept = []
            for e in entities:
                if _plausible_chinese(e) or _latin_name_in_chinese(e):
                    kept.append((e, ZH_NER_SCORE))
                elif (titled := _with_title(e)) is not None:
                    kept.append((titled, ZH_NER_SCORE))
            entities, scores = [e for e, _ in kept], [s for _, s in kept]
        else:
            # The English model reads hanzi as one long name ("Kevin 明天到，Zhou总也会来"),
            # which would hide the real names inside it from the other recognizers.
            kept = [(e, s) for e, s in zip(entities, scores, strict=True)
                    if not _HANZI.search(e.text)]
            entities, scores = [e for e, _ in kept], [s for _, s in kept]
        return NlpArtifacts(entities=entities, tokens=doc, tokens_indices=[], lemmas=[],
                            nlp_engine=self, language=language, scores=scores)

    def empty_artifacts(self, language: str) -> NlpArtifacts:
        """For text the model need not read (no Latin word, no surname character): no entities."""
        # Presidio annotates `tokens` as a Doc but reads it only when a recognizer asks for
        # tokens, which none of ours does: no Doc is built for text the model skips.
        return NlpArtifacts(entities=[], tokens=None,  # type: ignore[arg-type]
                            tokens_indices=[], lemmas=[],
                            nlp_engine=self, language=language, scores=[])


@functools.cache
def nlp_engine() -> WorkbenchNlpEngine:
    """Loaded once per process: the models are the slow part of starting the detector."""
    engine = WorkbenchNlpEngine()
    engine.load()
    return engine


def pattern_recognizers(language: str) -> list[EntityRecognizer]:
    """Recognizers that read characters, not tokens: the same for both languages."""
    built_in: list[PatternRecognizer] = [
        EmailRecognizer(supported_language=language),
        UrlRecognizer(supported_language=language),
        IbanRecognizer(supported_language=language),
        CreditCardRecognizer(supported_language=language),
    ]
    for recognizer in built_in:
        recognizer.global_regex_flags = ASCII_FLAGS
    return [
        *built_in,
        VersionAwareIpRecognizer(supported_language=language),
        CnResidentIdRecognizer(supported_language=language),
        PhoneNumberRecognizer(supported_language=language),
        BankCardRecognizer(supported_language=language),
        CnPassportRecognizer(supported_language=language),
        OtherPassportRecognizer(supported_language=language),
        ChineseAddressRecognizer(supported_language=language),
        SecretRecognizer(supported_language=language),
        WeChatIdRecognizer(supported_language=language),
        EmployeeIdRecognizer(supported_language=language),
        SensitiveCategoryRecognizer(supported_language=language),
        SocialSecurityNumberRecognizer(supported_language=language),
        CnCarPlateRecognizer(supported_language=language),
        DateOfBirthRecognizer(supported_language=language),
        OneTimeCodeRecognizer(supported_language=language),
        ObfuscatedEmailRecognizer(supported_language=language),
    ]


def build_analyzer() -> AnalyzerEngine:
    """An AnalyzerEngine over our recognizers for "en" and "zh"."""
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for language in LANGUAGES:
        for recognizer in pattern_recognizers(language):
            registry.add_recognizer(recognizer)
        # Each language's model by a name of its own: a finding says which one found it.
        registry.add_recognizer(SpacyRecognizer(supported_language=language,
                                                supported_entities=list(NER_ENTITIES),
                                                name=SPACY_NAMES[language]))
        registry.add_recognizer(ChineseChatNameRecognizer(supported_language=language))
    registry.add_recognizer(ChineseNameRecognizer(supported_language="zh"))
    registry.add_recognizer(GivenNameRecognizer(supported_language="en"))
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine(),
        supported_languages=list(LANGUAGES),
        context_aware_enhancer=NearbyWordsContextEnhancer(),
        default_score_threshold=0.4,
    )
