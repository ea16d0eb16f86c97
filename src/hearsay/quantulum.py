"""quantulum3, the peer quantity parser, with the one workaround it needs here.

quantulum3 0.10.0 ships a unit-disambiguation classifier pickled with an older scikit-learn; under
scikit-learn >= 1.9 unpickling it fails (`ModuleNotFoundError: No module named '_loss'`) the first
time a text has an ambiguous unit. The workaround: switch quantulum3 to its own classifier-free
disambiguation (`quantulum3.classifier.USE_CLF = False`, unit frequency and context words), which
the library supports when scikit-learn is absent. Every use of quantulum3 in Hearsay goes through
`parse` so the workaround is applied exactly once, here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _parser() -> Any:
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False
    return parser


def parse(text: str) -> list[Any]:
    """quantulum3 quantities of `text` (objects with .value, .unit, .span, .surface, .uncertainty)."""
    return _parser().parse(text)
