"""Statistics plots for the card (PNG, deterministic: fixed size, dpi, fonts and no timestamps)."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ..io import write_bytes  # noqa: E402
from ..schema import Schema  # noqa: E402
from ..stats import Stats  # noqa: E402

COLORS_FALLBACK = "#888888"


def _save(fig, path: Path) -> Path:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    write_bytes(path, buf.getvalue())
    return path


def write_plots(stats: Stats, schema: Schema, image_dir: Path) -> dict[str, Path]:
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "hearsay"})
    colors = {label.name: label.color for label in schema.labels}
    out: dict[str, Path] = {}

    frame = pd.DataFrame({d: {label: stats.by_domain[d].get(label, 0) for label in schema.label_names}
                          for d in sorted(stats.by_domain)}).T
    fig, ax = plt.subplots(figsize=(8, 4))
    if not frame.empty:
        frame.plot.bar(stacked=True, ax=ax, color=[colors.get(c, COLORS_FALLBACK) for c in frame.columns], width=0.8)
    ax.set_title("Spans per label and domain")
    ax.set_ylabel("spans")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    out["labels_per_domain"] = _save(fig, image_dir / "labels_per_domain.png")

    fig, ax = plt.subplots(figsize=(8, 3.5))
    labels = [label for label in schema.label_names if stats.span_lengths.get(label)]
    if labels:
        ax.boxplot([stats.span_lengths[label] for label in labels], showfliers=True)
        ax.set_xticks(range(1, len(labels) + 1), labels)
    ax.set_yscale("log")
    ax.set_title("Span length in words (log scale)")
    out["span_lengths"] = _save(fig, image_dir / "span_lengths.png")

    for key, title, name in (("QUANTITY.kind", "Quantity kinds", "quantity_kinds"),
                             ("HEDGE.category", "Hedge categories", "hedge_categories")):
        counts = stats.attributes.get(key) or {}
        fig, ax = plt.subplots(figsize=(6, 3))
        items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ax.bar([k for k, _ in items], [v for _, v in items], color=colors.get(key.split(".")[0], COLORS_FALLBACK))
        ax.set_title(title)
        ax.tick_params(axis="x", rotation=30)
        out[name] = _save(fig, image_dir / f"{name}.png")
    return out
