"""Hearsay baselines and peers behind one predict interface (see `base`).

`rules` (hand-written, spaCy parse + lexicons), `crf` (sklearn-crfsuite per label), `spacy` (a spaCy
pipeline trained from `baselines/spacy/config.cfg`), and the peers `quantulum3`, `spacy-ner` and
`textacy-quotes`. All share `quantities` (the quantity grammar and normaliser) and `linking`.
"""

from .base import Baseline, get, load, model_dir, names

__all__ = ["Baseline", "get", "load", "model_dir", "names"]
