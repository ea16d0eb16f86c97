"""Baseline README score tables are generated from the results files, never typed."""

from __future__ import annotations

import json

import pytest

from hearsay import paths
from hearsay.evaluate.results import SCORES_END, render_scores_block, update_readme_scores


def test_readme_scores_block_is_replaced_from_the_results_file():
    result = json.loads((paths.BASELINES_DIR / "results" / "rules.json").read_text(encoding="utf-8"))
    begin = render_scores_block(result).splitlines()[0]
    stale = f"# rules\n\n## Scores\n\n{begin}\n| CUE exact F1 | 12.3 |\n{SCORES_END}\n\n## Where it fails\n"
    fresh = update_readme_scores(stale, result)
    cue = result["scores"]["spans"]["CUE"]["exact"]["f1"]
    assert f"| CUE exact F1 | {100 * cue:.1f} [" in fresh
    assert "12.3" not in fresh and fresh.endswith("## Where it fails\n")
    assert update_readme_scores(fresh, result) == fresh


def test_readme_without_markers_is_refused():
    result = json.loads((paths.BASELINES_DIR / "results" / "crf.json").read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="no generated scores block"):
        update_readme_scores("# crf\n\n## Scores\n\n| typed | 99 |\n", result)


def test_committed_baseline_readmes_match_their_results():
    from hearsay.cli import main

    assert main(["leaderboard", "--check"]) == 0
