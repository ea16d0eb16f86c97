"""`hearsay claims FILE.txt`: who claims what, how sure and how much, from the best baseline."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..baselines import base
from ..baselines.claims import claim_records
from ..baselines.runner import best_baseline, predict
from ..errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("claims", help="print claim records (cue, source, content, hedges, quantities) of a text")
    p.add_argument("file", type=Path, help="a UTF-8 text file (one article)")
    p.add_argument("--baseline", default=None,
                   help="baseline to use (default: the best trained one by test attribution F1 in "
                        "baselines/results, else rules)")
    p.add_argument("--json", action="store_true", help="JSON Lines on stdout, one claim per line")
    p.add_argument("--models", type=Path, default=None, help="models folder (default .work/models)")
    p.set_defaults(func=run)


def _quantity(q: dict) -> str:
    if q["value"] is not None:
        amount = f"{q['value']:g}"
    elif q["low"] is not None and q["high"] is not None:
        amount = f"{q['low']:g}–{q['high']:g}"
    elif q["low"] is not None:
        amount = f"≥ {q['low']:g}"
    elif q["high"] is not None:
        amount = f"≤ {q['high']:g}"
    else:
        amount = "?"
    unit = f" {q['unit']}" if q["unit"] else ""
    return f"{q['text']} = {amount}{unit} ({q['modifier']})"


def run(args: argparse.Namespace) -> int:
    try:
        with args.file.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
    except FileNotFoundError as exc:
        raise InputError(f"{args.file}: file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{args.file}: not UTF-8") from exc
    if not text.strip():
        raise InputError(f"{args.file}: empty text")
    name = args.baseline or best_baseline(models=args.models)
    baseline = base.load(name, args.models)
    doc_id = re.sub(r"[^a-z0-9]+", "-", args.file.stem.lower()).strip("-") or "document"
    [doc] = predict(baseline, [(doc_id, text)])
    records = claim_records(doc)
    if args.json:
        try:
            for record in records:
                sys.stdout.write(json.dumps({"baseline": name, **record}, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # `| head`: the reader has seen enough
            sys.stderr.close()
        return 0
    table = Table(title=f"{len(records)} claim(s) in {args.file} (baseline {name})", show_lines=True)
    for header in ("source", "cue", "content", "hedges", "quantities"):
        table.add_column(header, overflow="fold")
    for r in records:
        table.add_row(r["source"]["text"] if r["source"] else "–", r["cue"]["text"],
                      " … ".join(c["text"] for c in r["content"]),
                      "\n".join(f"{h['text']} ({h['category']})" for h in r["hedges"]) or "–",
                      "\n".join(_quantity(q) for q in r["quantities"]) or "–")
    Console().print(table)
    return 0
