"""The one interface every baseline and peer implements, and the registry of them.

A baseline turns texts into predicted documents (spans, relations, attributes):

    model = get("rules")()                     # or get("crf").load(model_dir)
    model.train(train_docs, dev_docs, model_dir)   # trainable ones; writes the model under model_dir
    docs = model.predict([(doc_id, text), ...])    # valid documents (hearsay.validate)

`predict` output always passes validation: every prediction goes through `linking.link`, which
drops (and counts) what cannot be linked. Models live under `.work/models/<name>/`.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from .. import paths
from ..document import Document
from ..errors import HearsayError
from .linking import Hint, LinkStats, link

log = logging.getLogger(__name__)

Item = tuple[str, str]  # (document id, text)


class Baseline(ABC):
    """A predictor of Hearsay documents. Subclasses set `name`, `trainable`, `layers` and `description`."""

    name: ClassVar[str]
    description: ClassVar[str] = ""
    trainable: ClassVar[bool] = False
    peer: ClassVar[bool] = False  # an outside tool scored for comparison, not a Hearsay baseline
    layers: ClassVar[tuple[str, ...]] = ("attribution", "hedging", "quantities")  # schema layers it predicts
    packages: ClassVar[tuple[str, ...]] = ()  # installed packages whose versions go into results files

    def __init__(self) -> None:
        self.link_stats = LinkStats()

    def train(self, train_docs: Sequence[Document], dev_docs: Sequence[Document], model_dir: Path) -> dict[str, Any]:
        """Train on `train_docs`, select on `dev_docs`, write the model to `model_dir`; a report dict."""
        raise HearsayError(f"baseline {self.name} has nothing to train")

    @classmethod
    def load(cls, model_dir: Path | None = None) -> "Baseline":
        """The baseline ready to predict (trained ones read `model_dir`)."""
        return cls()

    def linked(self, doc_id: str, text: str, spans: list, hints: list[Hint] | None = None) -> Document:
        """A valid document from predicted spans via the shared linker; its counts go to `link_stats`."""
        doc, stats = link(doc_id, text, spans, hints)
        self.link_stats.add(stats)
        return doc

    @abstractmethod
    def predict(self, items: Sequence[Item]) -> list[Document]:
        """Predicted documents, one per item, in order; each passes validation (metadata aside)."""


REGISTRY: dict[str, type[Baseline]] = {}


def register(cls: type[Baseline]) -> type[Baseline]:
    if cls.name in REGISTRY:
        raise ValueError(f"baseline {cls.name} registered twice")
    REGISTRY[cls.name] = cls
    return cls


def _load_all() -> None:
    from . import crf, peers, rules, spacy_pipeline  # noqa: F401  (registration side effects)


ORDER = ("rules", "crf", "spacy", "quantulum3", "spacy-ner", "textacy-quotes")


def names(*, peers: bool | None = None, trainable: bool | None = None) -> list[str]:
    """Registered names (baselines, then peers), optionally only peers / non-peers / trainable ones."""
    _load_all()
    ordered = sorted(REGISTRY, key=lambda n: (REGISTRY[n].peer, ORDER.index(n) if n in ORDER else len(ORDER), n))
    return [n for n in ordered if (peers is None or REGISTRY[n].peer == peers)
            and (trainable is None or REGISTRY[n].trainable == trainable)]


def get(name: str) -> type[Baseline]:
    _load_all()
    if name not in REGISTRY:
        raise HearsayError(f"unknown baseline {name!r} (known: {', '.join(REGISTRY)})")
    return REGISTRY[name]


def model_dir(name: str, root: Path | None = None) -> Path:
    return Path(root or paths.WORK_DIR / "models") / name


def load(name: str, models: Path | None = None) -> Baseline:
    """A baseline ready to predict; a trainable one needs its model under `.work/models/<name>/`."""
    cls = get(name)
    directory = model_dir(name, models)
    if cls.trainable and not directory.is_dir():
        raise HearsayError(f"baseline {name} is not trained: no model in {directory} "
                           f"(run `hearsay train --baseline {name}`)")
    return cls.load(directory)
