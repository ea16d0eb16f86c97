"""Label Studio JSON exports <-> canonical documents.

Label Studio stores a span as a `labels` result and each of its attributes as a further result with
the *same region id* (`choices`, `number` or `textarea`, one per per-region control); relations are
`relation` results between region ids. The mapping here is driven by the schema and the control names
of the generated labeling config (`hearsay.generate`).

Which annotation becomes the document when a task has several (`pick`):

- ``single`` (default, strict): exactly one completed annotation per task; more is an error that
  lists the annotation ids, so nothing is chosen silently.
- ``latest``: the completed annotation with the latest ``updated_at`` (then highest id).
- ``annotator:<name>``: the completed annotation of that annotator (email, username or user id).

Cancelled (skipped) annotations never become documents; each one is logged and counted. Predictions
(pre-annotations) are a separate source: ``use="predictions"`` converts them instead of annotations,
and they are never mixed with annotations. A task without any usable annotation is an error unless
``skip_empty=True``, which logs each skipped task.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document, Relation, Span, sha256_text
from ..errors import InputError, Problem, ValidationError
from ..generate import LABELS_NAME, TEXT_NAME
from ..io import read_json
from ..schema import Schema, load_schema
from ..validate import check_document

log = logging.getLogger(__name__)

RESULT_TYPES = {"choice": "choices", "number": "number", "text": "textarea"}
ANNOTATION_KEY = "annotation"  # meta key holding where a converted document came from


# --------------------------------------------------------------------------- documents -> tasks


def span_results(span: Span, schema: Schema) -> list[dict[str, Any]]:
    """The `labels` result of a span and one result per non-null attribute, all sharing its id."""
    base = {"start": span.start, "end": span.end}
    results = [{"id": span.id, "from_name": LABELS_NAME, "to_name": TEXT_NAME, "type": "labels",
                "value": {**base, "text": span.text, "labels": [span.label]}}]
    for attr in schema.label(span.label).attributes:
        value = span.attrs.get(attr.name)
        if value is None:
            continue
        if attr.type == "choice":
            payload: dict[str, Any] = {**base, "text": span.text, "choices": [value]}
        elif attr.type == "number":
            payload = {**base, "text": span.text, "number": value}
        else:
            payload = {**base, "text": [value]}
        results.append({"id": span.id, "from_name": attr.name, "to_name": TEXT_NAME,
                        "type": RESULT_TYPES[attr.type], "value": payload})
    return results


def document_results(doc: Document, schema: Schema | None = None) -> list[dict[str, Any]]:
    schema = schema or load_schema()
    results: list[dict[str, Any]] = []
    for span in doc.spans:
        results += span_results(span, schema)
    for rel in doc.relations:
        results.append({"from_id": rel.head, "to_id": rel.tail, "type": "relation", "direction": "right",
                        "labels": [rel.type]})
    return results


def task_data(doc: Document) -> dict[str, Any]:
    """The `data` of a task: the text, the document id and text hash (keys for idempotent pushes)."""
    meta = {k: v for k, v in doc.meta.items() if k != ANNOTATION_KEY}
    return {"text": doc.text, "doc_id": doc.id, "sha256": sha256_text(doc.text), "meta": meta}


def documents_to_tasks(docs: list[Document], *, as_: str = "annotations", model_version: str | None = None,
                       schema: Schema | None = None) -> list[dict[str, Any]]:
    """Label Studio import tasks; spans become annotations (`as_="annotations"`), predictions
    (`as_="predictions"`, with `model_version`) or nothing (`as_="none"`: bare tasks)."""
    schema = schema or load_schema()
    if as_ not in ("annotations", "predictions", "none"):
        raise ValueError(f"as_ must be annotations, predictions or none, not {as_!r}")
    tasks = []
    for doc in docs:
        task: dict[str, Any] = {"data": task_data(doc)}
        if as_ == "annotations":
            task["annotations"] = [{"result": document_results(doc, schema)}]
        elif as_ == "predictions":
            task["predictions"] = [{"model_version": model_version or "unknown",
                                    "result": document_results(doc, schema)}]
        tasks.append(task)
    return tasks


# --------------------------------------------------------------------------- export -> documents


@dataclass
class ConversionReport:
    """What a conversion did, for summaries: nothing is skipped without being counted here."""

    tasks: int = 0
    documents: int = 0
    cancelled: list[tuple[str, Any]] = field(default_factory=list)
    skipped_empty: list[str] = field(default_factory=list)
    annotators: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)


def annotator_name(annotation: dict[str, Any]) -> str:
    """A readable annotator id from an exported annotation (`completed_by` may be an id or a user)."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        return str(who.get("email") or who.get("username") or who.get("id"))
    if annotation.get("created_username"):
        return str(annotation["created_username"]).split(",")[0].strip()
    return f"user-{who}" if who is not None else "unknown"


def _choose(task_ref: str, candidates: list[dict[str, Any]], pick: str, file: str,
            doc_ref: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    if pick.startswith("annotator:"):
        wanted = pick.split(":", 1)[1]
        candidates = [a for a in candidates
                      if wanted in {annotator_name(a), str(a.get("completed_by"))}]
        if len(candidates) > 1:
            ids = [a.get("id") for a in candidates]
            return None, [Problem(file, doc_ref, task_ref, f"annotator {wanted} has several annotations {ids}")]
        return (candidates[0] if candidates else None), []
    if len(candidates) <= 1:
        return (candidates[0] if candidates else None), []
    if pick == "latest":
        return max(candidates, key=lambda a: (str(a.get("updated_at") or ""), a.get("id") or 0)), []
    if pick == "single":
        ids = [a.get("id") for a in candidates]
        return None, [Problem(file, doc_ref, task_ref,
                              f"task has {len(candidates)} annotations {ids}; choose with pick=latest or "
                              "annotator:<name> (hearsay convert --pick)")]
    raise ValueError(f"unknown pick rule {pick!r}")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def results_to_spans(results: Any, text: str, schema: Schema, file: str, doc_ref: str,
                     ) -> tuple[list[Span], list[Relation], list[Problem]]:
    """Group results by region id into spans with attributes; collect relations. Every problem is
    reported with the region id."""
    problems: list[Problem] = []

    def bad(item: str | None, reason: str) -> None:
        problems.append(Problem(file, doc_ref, item, reason))

    if not isinstance(results, list):
        bad(None, "annotation result must be a list")
        return [], [], problems
    attributes = {a.name: a for a in schema.all_attributes()}
    spans: dict[str, Span] = {}
    rejected: set[str] = set()  # regions already reported; their attributes are not reported again
    pending_attrs: list[tuple[str, dict[str, Any]]] = []
    relations: list[Relation] = []
    for index, result in enumerate(results):
        if not isinstance(result, dict):
            bad(f"result #{index}", "a result must be an object")
            continue
        rtype = result.get("type")
        if rtype == "relation":
            labels = result.get("labels") or []
            item = f"relation {result.get('from_id')}->{result.get('to_id')}"
            if len(labels) != 1:
                bad(item, f"a relation needs exactly one label, has {labels}")
                continue
            relations.append(Relation(labels[0], str(result.get("from_id")), str(result.get("to_id"))))
            continue
        rid = result.get("id")
        item = f"region {rid}"
        if not isinstance(rid, str) or not rid:
            bad(f"result #{index}", "result has no region id")
            continue
        value = result.get("value")
        if not isinstance(value, dict):
            bad(item, "result has no value object")
            continue
        if result.get("from_name") == LABELS_NAME:
            if rtype != "labels":
                bad(item, f"result from {LABELS_NAME!r} must have type labels, not {rtype!r}")
                continue
            if rid in spans or rid in rejected:
                bad(item, "duplicate region id (two labelled regions share it)")
                continue
            rejected.add(rid)
            labels = value.get("labels") or []
            if len(labels) != 1:
                bad(item, f"a region needs exactly one label, has {labels}")
                continue
            if labels[0] not in schema.label_names:
                bad(item, f"unknown label {labels[0]!r} (allowed: {', '.join(schema.label_names)})")
                continue
            start, end = value.get("start"), value.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
                    and not isinstance(end, bool)):
                bad(item, f"start and end must be integers, got {start!r} and {end!r}")
                continue
            if not 0 <= start < end <= len(text):
                bad(item, f"offsets [{start}, {end}) out of range for a text of length {len(text)}")
                continue
            if value.get("text") != text[start:end]:
                bad(item, f"region text {value.get('text')!r} differs from the task text at [{start}, {end}): "
                          f"{text[start:end]!r}")
                continue
            attrs = {a.name: None for a in schema.label(labels[0]).attributes}
            spans[rid] = Span(rid, labels[0], start, end, text[start:end], attrs)
            rejected.discard(rid)
        else:
            pending_attrs.append((rid, result))
    for rid, result in pending_attrs:
        item = f"region {rid}"
        name = result.get("from_name")
        attr = attributes.get(name)
        if attr is None:
            bad(item, f"unknown control {name!r}")
            continue
        span = spans.get(rid)
        if span is None:
            if rid not in rejected:
                bad(item, f"attribute {name} belongs to no labelled region")
            continue
        if name not in span.attrs:
            bad(item, f"attribute {name} is not defined for label {span.label}")
            continue
        if span.attrs[name] is not None:
            bad(item, f"attribute {name} given twice")
            continue
        value = result["value"]
        if attr.type == "choice":
            chosen = value.get("choices") or []
            if len(chosen) != 1:
                bad(item, f"attribute {name} needs exactly one choice, has {chosen}")
                continue
            span.attrs[name] = chosen[0]
        elif attr.type == "number":
            number = value.get("number")
            if not _number(number):
                bad(item, f"attribute {name}={number!r} is not a number")
                continue
            span.attrs[name] = number
        else:
            texts = value.get("text") or []
            if not (isinstance(texts, list) and len(texts) == 1 and isinstance(texts[0], str)):
                bad(item, f"attribute {name} needs exactly one text, has {texts!r}")
                continue
            span.attrs[name] = texts[0].strip()
    return list(spans.values()), relations, problems


def export_to_documents(export: Any, *, source: str = "<export>", pick: str = "single",
                        use: str = "annotations", skip_empty: bool = False,
                        corpus: dict[str, Any] | None = None, schema: Schema | None = None,
                        report: ConversionReport | None = None) -> list[Document]:
    """Convert a Label Studio JSON export (a list of tasks) into validated canonical documents.

    `corpus` (id -> CorpusDoc) enables the immutability check: a task whose text differs from the
    corpus text of its document is refused. Raises `ValidationError` with every problem found.
    """
    schema = schema or load_schema()
    report = report if report is not None else ConversionReport()
    if use not in ("annotations", "predictions"):
        raise ValueError(f"use must be annotations or predictions, not {use!r}")
    if not isinstance(export, list):
        raise ValidationError([Problem(source, None, None, "a Label Studio JSON export must be a list of tasks")])
    problems: list[Problem] = []
    documents: list[Document] = []
    seen_docs: Counter = Counter()
    for index, task in enumerate(export):
        report.tasks += 1
        task_ref = f"task {task.get('id', '#' + str(index))}" if isinstance(task, dict) else f"task #{index}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            problems.append(Problem(source, None, task_ref, "task has no data object"))
            continue
        data = task["data"]
        doc_id = data.get("doc_id")
        doc_ref = doc_id if isinstance(doc_id, str) else None
        text = data.get("text")
        if not isinstance(text, str) or not text:
            problems.append(Problem(source, doc_ref, task_ref, "task has no text"))
            continue
        if doc_ref is None:
            problems.append(Problem(source, None, task_ref, "task has no data.doc_id"))
            continue
        seen_docs[doc_id] += 1
        if seen_docs[doc_id] == 2:
            problems.append(Problem(source, doc_id, task_ref, "document appears in more than one task"))
        if data.get("sha256") not in (None, sha256_text(text)):
            problems.append(Problem(source, doc_id, task_ref, "task text does not match its data.sha256"))
            continue
        if corpus is not None:
            if doc_id not in corpus:
                problems.append(Problem(source, doc_id, task_ref, "document is not in the corpus"))
                continue
            if corpus[doc_id].text != text:
                problems.append(Problem(source, doc_id, task_ref,
                                        "the corpus text has changed since this task was annotated "
                                        "(texts are immutable once annotated)"))
                continue

        items = task.get(use) or []
        if not isinstance(items, list):
            problems.append(Problem(source, doc_id, task_ref, f"{use} must be a list"))
            continue
        if use == "annotations":
            live = []
            for ann in items:
                if ann.get("was_cancelled"):
                    report.cancelled.append((doc_id, ann.get("id")))
                    log.warning("%s: document %s: %s: skipping cancelled annotation %s",
                                source, doc_id, task_ref, ann.get("id"))
                else:
                    live.append(ann)
        else:
            live = list(items)
        chosen, found = _choose(task_ref, live, pick if use == "annotations" else "latest", source, doc_id)
        problems += found
        if found:
            continue
        if chosen is None:
            if skip_empty:
                report.skipped_empty.append(doc_id)
                log.warning("%s: document %s: %s: no completed %s; skipped", source, doc_id, task_ref, use)
                continue
            problems.append(Problem(source, doc_id, task_ref, f"task has no completed {use[:-1]}"))
            continue
        spans, relations, found = results_to_spans(chosen.get("result"), text, schema, source, doc_id)
        if found:  # the document check below will not run, so report dangling relations here
            regions = {r.get("id") for r in chosen.get("result") or [] if isinstance(r, dict)}
            for rel in relations:
                for end_name, ref in (("from_id", rel.head), ("to_id", rel.tail)):
                    if ref not in regions:
                        found.append(Problem(source, doc_id, f"relation {rel.type} {rel.head}->{rel.tail}",
                                             f"{end_name} {ref!r} is not a region of this annotation"))
            problems += found
            continue
        meta = dict(data.get("meta") or (corpus[doc_id].meta if corpus is not None else {}))
        provenance: dict[str, Any] = {"export": Path(source).name, "task_id": task.get("id")}
        if use == "annotations":
            provenance.update(annotator=annotator_name(chosen), annotation_id=chosen.get("id"))
        else:
            provenance.update(model_version=chosen.get("model_version"), prediction_id=chosen.get("id"))
        meta[ANNOTATION_KEY] = provenance
        doc = Document(doc_id, text, meta, spans, sorted(set(relations))).canonical()
        found = check_document(doc.to_dict(), schema, file=source, meta_required=corpus is not None)
        problems += found
        if not found:
            documents.append(doc)
            report.documents += 1
            report.annotators[provenance.get("annotator") or provenance.get("model_version")] += 1
            report.labels.update(s.label for s in doc.spans)
    if problems:
        raise ValidationError(problems)
    return sorted(documents, key=lambda d: d.id)


def read_export(path: Path) -> Any:
    """Read an export file; malformed JSON raises `InputError` naming the file and position."""
    export = read_json(path)
    if not isinstance(export, list):
        raise InputError(f"{path}: a Label Studio JSON export must be a list of tasks, got {type(export).__name__}")
    return export


def convert_export_file(path: Path, **kwargs: Any) -> list[Document]:
    return export_to_documents(read_export(path), source=str(path), **kwargs)
