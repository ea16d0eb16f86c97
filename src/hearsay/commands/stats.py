"""`hearsay stats`: corpus statistics of the gold in the terminal (the same numbers as the card)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..build.builder import gold_path, load_gold, split_documents
from ..schema import load_schema
from ..splits import read_splits
from ..stats import compute_stats


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="print corpus statistics of the gold")
    p.add_argument("--gold", type=Path, default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    schema = load_schema()
    gold = Path(args.gold or gold_path())
    by_split = split_documents(load_gold(gold, schema=schema), read_splits(), str(gold))
    stats = compute_stats(by_split)
    console = Console()
    overview = Table(title="Hearsay corpus")
    overview.add_column("measure")
    overview.add_column("value", justify="right")
    for name, value in [("documents", stats.documents), ("words", stats.words),
                        *[(f"{split} documents", n) for split, n in stats.by_split.items()],
                        ("attributions (cues with content)", stats.attributions),
                        ("cues without a source", stats.cues_without_source),
                        ("cues with split content", stats.split_contents), ("nested attributions", stats.nested),
                        ("hedges in attributed content", stats.hedges_in_content),
                        ("quantities with an entity", stats.quantities_with_entity),
                        ("documents with emoji", stats.emoji_docs)]:
        overview.add_row(name, str(value))
    console.print(overview)
    per_domain = Table(title="Spans per label and domain")
    per_domain.add_column("domain")
    per_domain.add_column("docs", justify="right")
    for label in schema.label_names:
        per_domain.add_column(label, justify="right")
    for domain in sorted(stats.by_domain):
        per_domain.add_row(domain, str(stats.domains[domain]),
                           *[str(stats.by_domain[domain].get(label, 0)) for label in schema.label_names])
    per_domain.add_row("total", str(stats.documents), *[str(stats.labels.get(l, 0)) for l in schema.label_names])
    console.print(per_domain)
    attrs = Table(title="Attribute values")
    attrs.add_column("attribute")
    attrs.add_column("values")
    for key in sorted(stats.attributes):
        if not key.endswith((".value", ".low", ".high")):
            attrs.add_row(key, ", ".join(f"{k} {v}" for k, v in stats.attributes[key].most_common()))
    console.print(attrs)
    return 0
