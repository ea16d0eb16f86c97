"""The committed corpus, gold and splits meet the corpus contract (issue: 150+ documents, all layers,
agreement, splits without near-duplicates, consistency)."""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import product

import pytest

from hearsay import paths
from hearsay.build.builder import gold_path
from hearsay.consistency import load_exceptions, run_checks, stale_exceptions, unaccepted
from hearsay.corpus import load_corpus
from hearsay.splits import RATIOS, SPLITS, read_splits
from hearsay.stats import compute_stats
from hearsay.validate import load_documents


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def gold():
    return load_documents(gold_path())


@pytest.fixture(scope="module")
def splits():
    return read_splits()


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_quality_corpus_size_domains_styles_dates(corpus):
    synthetic = [d for d in corpus.values() if d.meta["provenance"] == "synthetic"]
    assert len(synthetic) >= 150
    assert len({d.meta["domain"] for d in corpus.values()}) >= 10
    assert len({d.meta["style"] for d in corpus.values()}) >= 6
    years = {d.meta["date"][:4] for d in synthetic}
    assert years == {str(y) for y in range(2019, 2027)}
    for doc in synthetic:
        assert doc.meta["license"] == "CC-BY-4.0", doc.id
        assert 150 <= doc.meta["word_count"] <= 900, doc.id
        assert doc.id.startswith(f"{doc.meta['domain']}-{doc.meta['date']}-"), doc.id
    emoji = [d for d in corpus.values() if any(0x1F300 <= ord(c) <= 0x1FAFF or 0x2600 <= ord(c) <= 0x27BF for c in d.text)]
    assert len(emoji) >= 5
    assert sum(any(c in d.text for c in "“”‘’") for d in synthetic) >= 100


def test_quality_gold_covers_the_corpus_with_the_required_totals(corpus, gold, splits):
    assert sorted(d.id for d in gold) == sorted(corpus)
    stats = compute_stats({"all": gold})
    assert stats.attributions >= 1000
    assert stats.labels["HEDGE"] >= 600
    assert stats.labels["QUANTITY"] >= 800
    for phenomenon in ("cues_without_source", "split_contents", "nested", "hedges_in_content"):
        assert getattr(stats, phenomenon) >= 20, phenomenon
    for key, value in product(["HEDGE.category"], ["modal", "probability", "epistemic", "reported", "conditional"]):
        assert stats.attributes[key][value] >= 20, value
    for value in ("approximate", "lower_bound", "upper_bound", "range", "vague"):
        assert stats.attributes["QUANTITY.modifier"][value] >= 20, value
    assert stats.attributes["CONTENT.quote"]["mixed"] >= 20


def test_quality_splits_are_complete_disjoint_and_stratified(corpus, splits):
    listed = [doc_id for ids in splits.values() for doc_id in ids]
    assert sorted(listed) == sorted(corpus) and len(listed) == len(set(listed))
    by_domain: dict[str, Counter] = {}
    for split, ids in splits.items():
        for doc_id in ids:
            by_domain.setdefault(corpus[doc_id].meta["domain"], Counter())[split] += 1
    for domain, counts in by_domain.items():
        total = sum(counts.values())
        for split in SPLITS:
            assert abs(counts[split] - RATIOS[split] * total) <= 1.0, (domain, dict(counts))
    for split in SPLITS:
        assert splits[split], split


def test_quality_no_test_document_is_a_near_duplicate_of_a_training_one(corpus, splits):
    train = {doc_id: shingles(corpus[doc_id].text) for doc_id in splits["train"]}
    for doc_id in splits["test"] + splits["validation"]:
        mine = shingles(corpus[doc_id].text)
        for other, theirs in train.items():
            jaccard = len(mine & theirs) / len(mine | theirs)
            assert jaccard < 0.5, (doc_id, other, jaccard)


def test_quality_consistency_findings_are_fixed_or_accepted(gold):
    findings = run_checks(gold)
    exceptions = load_exceptions()
    open_findings = unaccepted(findings, exceptions)
    assert open_findings == [], "\n".join(f"{f.check} {f.key}: {f.detail}" for f in open_findings[:20])
    assert stale_exceptions(findings, exceptions) == []


def test_quality_agreement_report_is_current(gold):
    report = json.loads((paths.AGREEMENT_DIR / "report.json").read_text(encoding="utf-8"))
    assert report["documents"] >= 30
    assert not set(report["annotators"]["first"]) & set(report["annotators"]["second"])
    for layer, result in report["krippendorff_alpha"].items():
        assert result["alpha"] is not None and -1 <= result["alpha"] <= 1, layer
    assert set(report["document_ids"]) <= {d.id for d in gold}


def test_quality_stats_and_check_commands_run_on_the_committed_gold(capsys):
    from hearsay.cli import main

    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Hearsay corpus" in out and "Spans per label and domain" in out
    assert main(["check"]) == 0
    assert "0 open" in capsys.readouterr().out


def test_quality_card_numbers_match_the_gold(gold):
    card = (paths.DATASET_DIR / "README.md").read_text(encoding="utf-8")
    stats = compute_stats({"all": gold})
    assert f"| attributions (cues with content) | {stats.attributions} |" in card
    assert f"| quantities | {stats.labels['QUANTITY']} |" in card
    assert f"| documents | " in card and "synthetic" in card
    assert "No person has reviewed" in card or "not yet reviewed by people" in card
