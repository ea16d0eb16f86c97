"""`spacy`: a spaCy pipeline (ner + spancat) trained with `spacy train` on CPU.

Design (the committed config `baselines/spacy/config.cfg` says why):

- `ner` predicts CONTENT, the long spans (median 13, up to ~45 tokens): a transition-based tagger
  handles them at no extra cost, where an n-gram suggester long enough for contents (or a span
  finder proposing every start/end pair) made training take over half an hour on 2 cores; where
  gold contents nest, its training data keeps the innermost;
- `spancat` with an n-gram suggester of 1-14 tokens labels CUE, SOURCE, HEDGE, QUANTITY and ENTITY
  (multi-label: spans of different labels may coincide or nest);
- both listen to one small CNN `tok2vec` trained from scratch (no vectors, no download);
- relations come from the shared `linking.link`, attributes from `attributes.attrs_for`.

`to_docbin` is also what `hearsay export spacy` writes: one spaCy `Doc` per document, every span in
`doc.spans["hearsay"]`, and in `doc.user_data` the document id, the span ids and attributes and the
relations (`[type, head index, tail index]` into `doc.spans["hearsay"]`). A span whose edges fall
inside a spaCy token is widened to whole tokens and counted.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..document import Document, Span
from ..errors import HearsayError
from ..io import write_bytes
from . import lexicons as lx
from .attributes import attrs_for, hedge_categories
from .base import Baseline, Item, register
from .linking import trim

log = logging.getLogger(__name__)

SPANS_KEY = "hearsay"
SHORT_KEY = "hearsay_short"  # spancat's training key: every label but CONTENT
CONFIG = paths.BASELINES_DIR / "spacy" / "config.cfg"
MODEL_SUBDIR = "model"


@dataclass
class ExportStats:
    documents: int = 0
    spans: int = 0
    widened: int = 0
    relations: int = 0


def to_docbin(docs: Sequence[Document], nlp: Any, stats: ExportStats | None = None, *, training: bool = False
              ) -> Any:
    """A `DocBin` of `docs` tokenised by `nlp` (see the module docstring for what it holds)."""
    from spacy.tokens import DocBin

    stats = stats if stats is not None else ExportStats()
    bin_ = DocBin(store_user_data=True)
    for doc in docs:
        sdoc = nlp.make_doc(doc.text)
        spans, index, kept = [], {}, []
        for span in doc.spans:
            piece = sdoc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
            if piece is None:
                piece = sdoc.char_span(span.start, span.end, label=span.label, alignment_mode="expand")
                stats.widened += 1
            if piece is None or len(piece) == 0:
                continue
            index[span.id] = len(spans)
            spans.append(piece)
            kept.append(span)
        sdoc.spans[SPANS_KEY] = spans
        if training:
            content = lx.labels().content
            sdoc.spans[SHORT_KEY] = [x for x in spans if x.label_ != content]
            sdoc.ents = _innermost([x for x in spans if x.label_ == content])
        relations = [[r.type, index[r.head], index[r.tail]] for r in doc.relations
                     if r.head in index and r.tail in index]
        sdoc.user_data["hearsay_id"] = doc.id
        sdoc.user_data["hearsay_spans"] = [[s.id, s.label, s.start, s.end, s.attrs] for s in kept]
        sdoc.user_data["hearsay_relations"] = relations
        bin_.add(sdoc)
        stats.documents += 1
        stats.spans += len(spans)
        stats.relations += len(relations)
    return bin_


def _innermost(spans: list[Any]) -> list[Any]:
    """Non-overlapping spans, shortest first (for doc.ents)."""
    chosen: list[Any] = []
    for span in sorted(spans, key=lambda x: (len(x), x.start)):
        if all(span.end <= c.start or c.end <= span.start for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda x: x.start)


def export_splits(splits: dict[str, Sequence[Document]], out_dir: Path, *, training: bool = False
                  ) -> dict[str, ExportStats]:
    """`<out_dir>/<split>.spacy` for each split (tokenised by spaCy's English tokenizer)."""
    from .nlp import blank

    nlp = blank()
    out = {}
    for split, docs in splits.items():
        stats = ExportStats()
        bin_ = to_docbin(docs, nlp, stats, training=training)
        write_bytes(Path(out_dir) / f"{split}.spacy", bin_.to_bytes())
        out[split] = stats
    return out


@register
class SpacyBaseline(Baseline):
    name = "spacy"
    description = "spaCy ner (CONTENT) + spancat (other labels) trained with `spacy train` from baselines/spacy/config.cfg"
    trainable = True
    packages = ("spacy",)

    def __init__(self, nlp: Any = None, hedge_map: dict[str, str] | None = None):
        super().__init__()
        self.nlp = nlp
        self.hedge_map = hedge_map or {}

    def train(self, train_docs: Sequence[Document], dev_docs: Sequence[Document], model_dir: Path,
              *, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        from spacy.cli.train import train as spacy_train

        if not CONFIG.is_file():
            raise HearsayError(f"{CONFIG}: the spaCy config is missing")
        model_dir = Path(model_dir)
        corpus = model_dir / "corpus"
        stats = export_splits({"train": train_docs, "validation": dev_docs}, corpus, training=True)
        output = model_dir / "training"
        if output.exists():
            shutil.rmtree(output)
        settings = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "validation.spacy")}
        settings.update(overrides or {})
        spacy_train(CONFIG, output, use_gpu=-1, overrides=settings)
        best = output / "model-best"
        if not best.is_dir():
            best = output / "model-last"
        final = model_dir / MODEL_SUBDIR
        if final.exists():
            shutil.rmtree(final)
        shutil.copytree(best, final)
        from ..io import write_json

        write_json(model_dir / "hedge_categories.json", hedge_categories(train_docs))
        meta = (final / "meta.json")
        score = None
        if meta.is_file():
            import json

            performance = json.loads(meta.read_text(encoding="utf-8")).get("performance", {})
            score = {"CONTENT (ner)": performance.get("ents_f"), "others (spancat)": performance.get(f"spans_{SHORT_KEY}_f")}
        return {"validation_f1": score, "widened_spans": stats["train"].widened + stats["validation"].widened}

    @classmethod
    def load(cls, model_dir: Path | None = None) -> "SpacyBaseline":
        import json

        import spacy

        directory = Path(model_dir or "") / MODEL_SUBDIR
        if not directory.is_dir():
            raise HearsayError(f"no spaCy model at {directory} (run `hearsay train --baseline spacy`)")
        hedge_file = Path(model_dir) / "hedge_categories.json"
        hedge_map = json.loads(hedge_file.read_text(encoding="utf-8")) if hedge_file.is_file() else {}
        return cls(spacy.load(directory), hedge_map)

    def predict(self, items: Sequence[Item]) -> list[Document]:
        lab = lx.labels()
        allowed = set(lx.labels().__dict__.values())
        out = []
        for (doc_id, text), sdoc in zip(items, self.nlp.pipe([t for _, t in items], batch_size=16)):
            spans = []
            for piece in list(sdoc.spans.get(SHORT_KEY, [])) + list(sdoc.ents):
                if piece.label_ not in allowed:
                    continue
                start, end = trim(text, piece.start_char, piece.end_char, final_punct=piece.label_ != lab.quantity)
                if start < end:
                    spans.append(Span("", piece.label_, start, end, text[start:end],
                                      attrs_for(piece.label_, text, start, end, self.hedge_map)))
            doc = self.linked(doc_id, text, spans)
            out.append(doc)
        return out
