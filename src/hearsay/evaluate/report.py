"""A readable rich rendering of the scores of `evaluate_documents`."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from ..schema import Schema, load_schema
from .spans import ERROR_CATEGORIES


def _table(title: str, **kwargs: Any) -> Table:
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 0, 0, 1), title=title, title_justify="left",
                 **kwargs)


def fmt(value: Any, ci: list[float] | None = None) -> str:
    """A score with 3 decimals, its interval (if any) on a second line; "–" when undefined."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}" + (f"\n[dim]{ci[0]:.2f}–{ci[1]:.2f}[/dim]" if ci else "")


def _f(tree: dict[str, Any], key: str) -> str:
    return fmt(tree.get(key), tree.get(f"{key}_ci95"))


def span_table(scores: dict[str, Any], schema: Schema) -> Table:
    table = _table("Spans (95% interval below F1)")
    for i, name in enumerate(("label", "exact\nP", "\nR", "\nF1", "overlap\nP", "\nR", "\nF1")):
        table.add_column(name, justify="left" if i == 0 else "right")
    spans = scores["spans"]
    for label in (*schema.label_names, "micro", "macro"):
        s = spans[label]
        table.add_row(label, *(fmt(s[m][k]) if k != "f1" else _f(s[m], k)
                               for m in ("exact", "overlap") for k in ("p", "r", "f1")),
                      end_section=label == schema.label_names[-1])
    return table


def error_table(scores: dict[str, Any], schema: Schema) -> Table:
    table = _table("Span errors by category (see the evaluation docs)")
    for i, name in enumerate(("label", "gold", "pred", *ERROR_CATEGORIES)):
        table.add_column(name.replace("label_boundary", "lab+bnd"), justify="left" if i == 0 else "right")
    spans = scores["spans"]
    for label in (*schema.label_names, "micro"):
        s = spans[label]
        gold = s["exact"]["tp"] + s["exact"]["fn"]
        pred = s["exact"]["tp"] + s["exact"]["fp"]
        table.add_row(label, str(gold), str(pred), *(str(s["errors"][c]) for c in ERROR_CATEGORIES),
                      end_section=label == schema.label_names[-1])
    return table


def attribution_table(scores: dict[str, Any]) -> Table:
    a = scores["attribution"]
    table = _table("Attribution triples (cue, source, content)")
    for name in ("match", "P", "R", "F1", "tp", "fp", "fn", "cues", "source|cue", "content|cue"):
        table.add_column(name, justify="left" if name == "match" else "right")
    for m in ("exact", "overlap"):
        table.add_row(m, fmt(a[m]["p"]), fmt(a[m]["r"]), _f(a[m], "f1"), str(a[m]["tp"]), str(a[m]["fp"]),
                      str(a[m]["fn"]), str(a["cues_matched"][m]), _f(a["source_given_cue"], m),
                      _f(a["content_given_cue"], m))
    return table


def attribute_table(scores: dict[str, Any]) -> Table:
    h, q = scores["hedges"], scores["quantities"]
    table = _table("Hedges and quantities (on overlap-matched spans)")
    table.add_column("score")
    table.add_column("value", justify="right")
    table.add_column("counts", justify="right")
    table.add_row("hedge category accuracy", _f(h, "category_accuracy"), f"{h['category_correct']}/{h['matched']}")
    c = h["category"]
    table.add_row("hedge+category F1", _f(c, "f1"), f"tp {c['tp']} fp {c['fp']} fn {c['fn']}")
    for name in ("value", "unit", "kind", "modifier"):
        table.add_row(f"quantity {name} accuracy", _f(q, f"{name}_accuracy"), f"{q[f'{name}_correct']}/{q['matched']}")
    v = q["value_unit"]
    table.add_row("quantity value+unit F1", _f(v, "f1"), f"tp {v['tp']} fp {v['fp']} fn {v['fn']}")
    return table


def domain_table(scores: dict[str, Any]) -> Table:
    table = _table("Per domain (no intervals)")
    for name in ("domain", "docs", "span F1 exact", "span F1 overlap", "triples F1", "hedge cat. acc",
                 "value+unit F1"):
        table.add_column(name, justify="left" if name == "domain" else "right")
    for domain, d in scores["domains"].items():
        table.add_row(domain, str(d["documents"]), fmt(d["spans"]["micro"]["exact"]["f1"]),
                      fmt(d["spans"]["micro"]["overlap"]["f1"]), fmt(d["attribution"]["overlap"]["f1"]),
                      fmt(d["hedges"]["category_accuracy"]), fmt(d["quantities"]["value_unit"]["f1"]))
    return table


def print_report(scores: dict[str, Any], console: Console | None = None, schema: Schema | None = None) -> None:
    console = console or Console()
    schema = schema or load_schema()
    docs = scores["documents"]
    console.print(f"{docs['gold']} gold documents, {docs['predicted']} predicted, "
                  f"{docs['missing_predictions']} without prediction (scored as predicting nothing)")
    boot = scores.get("bootstrap")
    console.print(f"95% bootstrap intervals over documents: {boot['resamples']} resamples, seed {boot['seed']}"
                  if boot else "bootstrap off: no intervals")
    for table in (span_table(scores, schema), error_table(scores, schema), attribution_table(scores),
                  attribute_table(scores), domain_table(scores)):
        console.print(table)
    confusion = scores["spans"].get("confusion") or {}
    if confusion:
        console.print("label confusions (gold -> predicted): " + "; ".join(
            f"{g}->{p} {sum(c.values())}" for g, row in confusion.items() for p, c in row.items()))
