"""Push documents to and pull exports from Label Studio, only through label-studio-sdk.

`push` is idempotent: tasks are keyed by document id and text hash (`data.doc_id`, `data.sha256`), so a
second push creates nothing; gold is attached only to tasks that have no annotation yet, and a model's
predictions are keyed by model version. A document whose text changed after its task was annotated is
refused before anything is written. `pull` downloads the complete JSON export, checks it is whole,
writes it atomically, and validates every annotator's work with the converter.

Every SDK and network failure becomes a `StudioError` that says what happened and what to do; the API
token never appears in a message.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError

from ..convert.labelstudio import (ConversionReport, annotator_name, document_results, documents_to_tasks,
                                   export_to_documents, task_data)
from ..document import Document, sha256_text
from ..errors import Problem, ValidationError
from ..io import atomic_open
from ..schema import Schema, load_schema
from . import DEFAULT_PROJECT, DEFAULT_TIMEOUT, StudioAuthError, StudioConflict, StudioError, StudioTimeout, StudioUnavailable

log = logging.getLogger(__name__)

IMPORT_BATCH = 250  # tasks per import request
PAGE_SIZE = 500
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


# --------------------------------------------------------------------------- connection and errors


def connect(url: str, token: str, *, timeout: float = DEFAULT_TIMEOUT) -> LabelStudio:
    """An SDK client without retries (a retried import could duplicate tasks) and, for a local
    server, without proxies from the environment."""
    host = urlparse(url).hostname or ""
    http = httpx.Client(timeout=timeout, follow_redirects=True,
                        trust_env=host not in ("127.0.0.1", "localhost", "::1"))
    client = LabelStudio(base_url=url, api_key=token, timeout=timeout, max_retries=0, httpx_client=http)
    client._hearsay_url = url  # type: ignore[attr-defined]  # for messages
    client._hearsay_timeout = timeout  # type: ignore[attr-defined]
    return client


def _url(client: LabelStudio) -> str:
    return getattr(client, "_hearsay_url", "the Label Studio server")


def _body(exc: ApiError) -> str:
    body = exc.body
    if isinstance(body, dict):
        body = body.get("detail") or body.get("validation_errors") or body
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, default=str)
    return text if len(text) <= 400 else text[:400] + " ..."


@contextmanager
def api_errors(client: LabelStudio, action: str) -> Iterator[None]:
    """Turn SDK and network failures while doing `action` into `StudioError`s with a clear message."""
    url = _url(client)
    try:
        yield
    except httpx.TimeoutException:
        timeout = getattr(client, "_hearsay_timeout", DEFAULT_TIMEOUT)
        raise StudioTimeout(f"{action}: Label Studio at {url} did not answer within {timeout:g} s "
                            "(raise it with --timeout if the server is just slow)") from None
    except httpx.ConnectError:
        raise StudioUnavailable(f"{action}: Label Studio is not reachable at {url}; is it running? "
                                "Start it with `hearsay studio up`") from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.NetworkError) as exc:
        raise StudioUnavailable(f"{action}: the connection to Label Studio at {url} broke off "
                                f"({type(exc).__name__}); was the server stopped?") from None
    except ApiError as exc:
        if exc.status_code in (401, 403):
            raise StudioAuthError(f"{action}: Label Studio at {url} rejected the API token (HTTP {exc.status_code}). "
                                  "The token comes from $HEARSAY_STUDIO_TOKEN if set, else from the "
                                  "credentials.json that `hearsay studio up` wrote (.work/studio/)") from None
        if exc.status_code is None:
            raise StudioError(f"{action}: {_body(exc)}") from None
        raise StudioError(f"{action}: Label Studio at {url} answered HTTP {exc.status_code}: {_body(exc)}") from None
    except httpx.HTTPError as exc:
        raise StudioUnavailable(f"{action}: HTTP failure talking to {url}: {type(exc).__name__}") from None


def whoami(client: LabelStudio) -> str:
    """The email of the user the token belongs to (and a check that server and token work)."""
    with api_errors(client, "checking the API token"):
        return client.users.whoami().email or "?"


def _dump(model: Any) -> dict[str, Any]:
    return model if isinstance(model, dict) else model.model_dump(mode="json")


# --------------------------------------------------------------------------- project


@dataclass(frozen=True)
class Project:
    id: int
    title: str
    label_config: str
    created: bool = False


def find_project(client: LabelStudio, title: str) -> Project | None:
    with api_errors(client, f"looking up project {title!r}"):
        found = [_dump(p) for p in client.projects.list(title=title, page_size=100)]
    found = [p for p in found if p.get("title") == title]
    if len(found) > 1:
        raise StudioError(f"{len(found)} Label Studio projects are called {title!r} (ids "
                          f"{sorted(p['id'] for p in found)}); rename all but one, or choose one with --project")
    if not found:
        return None
    project = found[0]
    return Project(int(project["id"]), title, project.get("label_config") or "")


def ensure_project(client: LabelStudio, title: str, label_config: str) -> Project:
    """The project called `title`, created with `label_config` if missing, its config updated if stale."""
    project = find_project(client, title)
    if project is None:
        with api_errors(client, f"creating project {title!r}"):
            made = client.projects.create(
                title=title, label_config=label_config,
                description="Hearsay: attribution, hedging and quantities. Managed by `hearsay studio push`; "
                            "the labeling config is generated from schema/hearsay.yaml.")
        return Project(int(made.id), title, label_config, created=True)
    if project.label_config.strip() != label_config.strip():
        with api_errors(client, f"updating the labeling config of project {title!r}"):
            client.projects.update(project.id, label_config=label_config)
        log.info("updated the labeling config of project %s", project.id)
    return project


def list_tasks(client: LabelStudio, project: Project, *, fields: str = "all") -> list[dict[str, Any]]:
    """Every task of the project; with `fields="all"` including annotations and predictions, with
    "task_only" (three times faster) only their counts."""
    with api_errors(client, f"listing the tasks of project {project.title!r}"):
        return [_dump(t) for t in client.tasks.list(project=project.id, fields=fields, page_size=PAGE_SIZE)]


def list_predictions(client: LabelStudio, project: Project) -> dict[int, list[dict[str, Any]]]:
    """The project's predictions by task id."""
    with api_errors(client, f"listing the predictions of project {project.title!r}"):
        found = [_dump(p) for p in client.predictions.list(project=project.id)]
    by_task: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for pred in found:
        by_task[int(pred["task"])].append(pred)
    return by_task


# --------------------------------------------------------------------------- push


@dataclass
class PushReport:
    project: Project
    config_updated: bool = False
    created: list[str] = field(default_factory=list)  # new tasks
    unchanged: list[str] = field(default_factory=list)
    data_updated: list[str] = field(default_factory=list)  # metadata, or the text of a never annotated task
    annotations_added: list[str] = field(default_factory=list)
    annotations_kept: list[str] = field(default_factory=list)  # gold not attached: the task has annotations
    predictions_added: list[str] = field(default_factory=list)
    predictions_replaced: list[str] = field(default_factory=list)
    predictions_unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _by_id(docs: list[Document] | None, kind: str, corpus: dict[str, Document]) -> dict[str, Document]:
    if not docs:
        return {}
    problems = []
    out: dict[str, Document] = {}
    for doc in docs:
        if doc.id in out:
            problems.append(Problem(kind, doc.id, None, f"document given twice in the {kind}"))
        elif doc.id not in corpus:
            problems.append(Problem(kind, doc.id, None, f"{kind} document is not in the corpus"))
        elif doc.text != corpus[doc.id].text:
            problems.append(Problem(kind, doc.id, None, f"{kind} text differs from the corpus text"))
        out[doc.id] = doc
    if problems:
        raise ValidationError(problems)
    return out


def _annotated(task: dict[str, Any]) -> int:
    """How much human work a task holds: annotations (skipped ones included) and unsaved drafts."""
    annotations = max(len(task.get("annotations") or []),
                      int(task.get("total_annotations") or 0) + int(task.get("cancelled_annotations") or 0))
    return annotations + len(task.get("drafts") or [])


def push(client: LabelStudio, documents: list[Document], *, project: str = DEFAULT_PROJECT,
         label_config: str, gold: list[Document] | None = None, predictions: list[Document] | None = None,
         model_version: str | None = None, schema: Schema | None = None,
         on_progress: Callable[[str], None] | None = None) -> PushReport:
    """Create or update the project and its tasks (see the module docstring). Nothing is written when
    a document's text changed after it was annotated, or when the inputs disagree with each other."""
    began = time.monotonic()
    schema = schema or load_schema()
    if predictions and not model_version:
        raise StudioError("predictions need a model version (--model-version)")
    corpus = {}
    problems = []
    for doc in documents:
        if doc.id in corpus:
            problems.append(Problem("corpus", doc.id, None, "document given twice"))
        corpus[doc.id] = doc
    if problems:
        raise ValidationError(problems)
    gold_by = _by_id(gold, "gold", corpus)
    pred_by = _by_id(predictions, "predictions", corpus)

    # Read everything first and refuse before writing anything.
    existing_project = find_project(client, project)
    tasks = list_tasks(client, existing_project, fields="task_only") if existing_project else []
    predictions_of: dict[int, list[dict[str, Any]]] | None = None  # fetched when first needed
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for task in tasks:
        by_doc[str((task.get("data") or {}).get("doc_id"))].append(task)
    conflicts = []
    for doc in documents:
        found = by_doc.get(doc.id, [])
        if len(found) > 1:
            conflicts.append(f"document {doc.id}: {len(found)} tasks in project {project!r} "
                             f"({sorted(t['id'] for t in found)}); delete the extra ones in Label Studio")
        elif found and (found[0]["data"].get("sha256") != sha256_text(doc.text)
                        or found[0]["data"].get("text") != doc.text) and _annotated(found[0]):
            conflicts.append(f"document {doc.id}: its text changed after task {found[0]['id']} was annotated "
                             f"({_annotated(found[0])} annotation(s) or draft(s)); corpus texts are immutable once annotated. "
                             "Restore the original text, or add the new text as a new document id")
    if conflicts:
        raise StudioConflict("refusing to push; nothing was changed:\n  " + "\n  ".join(conflicts))

    target = ensure_project(client, project, label_config)
    report = PushReport(target, config_updated=existing_project is not None
                        and existing_project.label_config.strip() != label_config.strip())

    new: list[dict[str, Any]] = []
    for doc in documents:
        found = by_doc.get(doc.id)
        if not found:
            task = documents_to_tasks([doc], as_="none", schema=schema)[0]
            if doc.id in gold_by:
                task["annotations"] = [{"result": document_results(gold_by[doc.id], schema)}]
                report.annotations_added.append(doc.id)
            if doc.id in pred_by:
                task["predictions"] = [{"model_version": model_version,
                                        "result": document_results(pred_by[doc.id], schema)}]
                report.predictions_added.append(doc.id)
            new.append(task)
            report.created.append(doc.id)
            continue
        task = found[0]
        tid = task["id"]
        want = task_data(doc)
        text_changed = task["data"].get("text") != doc.text
        if task["data"] != want:
            with api_errors(client, f"updating task {tid} (document {doc.id})"):
                client.tasks.update(str(tid), data=want)
            report.data_updated.append(doc.id)
        else:
            report.unchanged.append(doc.id)
        if (text_changed or doc.id in pred_by) and predictions_of is None:
            predictions_of = list_predictions(client, target)
        task_predictions = (predictions_of or {}).get(tid, [])
        if text_changed:  # never annotated (checked above): old predictions point into the old text
            for pred in task_predictions:
                with api_errors(client, f"deleting stale prediction {pred['id']} of document {doc.id}"):
                    client.predictions.delete(pred["id"])
            task_predictions = []
        if doc.id in gold_by:
            if _annotated(task):
                report.annotations_kept.append(doc.id)
            else:
                with api_errors(client, f"adding the gold annotation of document {doc.id}"):
                    client.annotations.create(tid, result=document_results(gold_by[doc.id], schema),
                                              ground_truth=True)
                report.annotations_added.append(doc.id)
        if doc.id in pred_by:
            result = document_results(pred_by[doc.id], schema)
            same = [p for p in task_predictions if p.get("model_version") == model_version]
            if any(p.get("result") == result for p in same):
                report.predictions_unchanged.append(doc.id)
            elif same:
                latest = max(same, key=lambda p: p["id"])
                with api_errors(client, f"replacing prediction {latest['id']} of document {doc.id}"):
                    client.predictions.update(latest["id"], result=result, model_version=model_version)
                report.predictions_replaced.append(doc.id)
            else:
                with api_errors(client, f"adding the {model_version} prediction of document {doc.id}"):
                    client.predictions.create(task=tid, result=result, model_version=model_version)
                report.predictions_added.append(doc.id)

    for start in range(0, len(new), IMPORT_BATCH):
        batch = new[start:start + IMPORT_BATCH]
        if on_progress:
            on_progress(f"importing tasks {start + 1}-{start + len(batch)} of {len(new)}")
        with api_errors(client, f"importing {len(batch)} task(s) into project {project!r}"):
            client.projects.import_tasks(target.id, request=batch)
    if pred_by:  # show this model's predictions as pre-annotations in the labeling interface
        with api_errors(client, f"selecting model version {model_version} for pre-annotations"):
            client.projects.update(target.id, model_version=model_version, show_collab_predictions=True)
    report.seconds = time.monotonic() - began
    return report


def ensure_user(client: LabelStudio, name: str) -> int:
    """The id of the Label Studio user for annotator `name` (email `<name>@hearsay.local`), created
    without a password if missing: drafts written outside the browser are recorded under the
    annotator who wrote them, so exports name the real annotator of every annotation."""
    email = f"{name}@hearsay.local"
    with api_errors(client, "listing users"):
        users = [_dump(u) for u in client.users.list()]
    for user in users:
        if user.get("email") == email or user.get("username") == name:
            return int(user["id"])
    with api_errors(client, f"creating user {email}"):
        made = client.users.create(username=name, email=email, first_name=name)
    return int(made.id)


@dataclass
class AnnotationPushReport:
    annotator: str
    user_id: int
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the annotator already has an annotation there


def push_annotations(client: LabelStudio, project: str, documents: list[Document], annotator: str,
                     schema: Schema | None = None,
                     on_progress: Callable[[str], None] | None = None) -> AnnotationPushReport:
    """Attach `documents` as annotations completed by `annotator` to the tasks of `project` (which
    `push` created). Idempotent: a task where this annotator already has an annotation is left alone."""
    schema = schema or load_schema()
    target = find_project(client, project)
    if target is None:
        raise StudioError(f"no project called {project!r}; create its tasks first with `hearsay studio push`")
    user_id = ensure_user(client, annotator)
    tasks = list_tasks(client, target, fields="all")
    by_doc = {str((t.get("data") or {}).get("doc_id")): t for t in tasks}
    missing = sorted(doc.id for doc in documents if doc.id not in by_doc)
    changed = sorted(doc.id for doc in documents
                     if doc.id in by_doc and by_doc[doc.id]["data"].get("text") != doc.text)
    if missing or changed:
        raise StudioConflict("refusing to push annotations; nothing was changed: "
                             + (f"no task for {missing}; " if missing else "")
                             + (f"task text differs from the annotated text for {changed}" if changed else ""))
    report = AnnotationPushReport(annotator, user_id)
    for index, doc in enumerate(documents, 1):
        task = by_doc[doc.id]
        mine = [a for a in task.get("annotations") or []
                if (a.get("completed_by") if not isinstance(a.get("completed_by"), dict)
                    else a["completed_by"].get("id")) == user_id]
        if mine:
            report.kept.append(doc.id)
            continue
        if on_progress:
            on_progress(f"annotations of {annotator}: {index} of {len(documents)}")
        with api_errors(client, f"adding {annotator}'s annotation of document {doc.id}"):
            client.annotations.create(int(task["id"]), result=document_results(doc, schema), completed_by=user_id)
        report.added.append(doc.id)
    return report


# --------------------------------------------------------------------------- pull


@dataclass
class PullReport:
    path: Path
    project: Project
    tasks: int = 0
    unannotated: int = 0
    annotations: Counter = field(default_factory=Counter)  # per annotator, completed
    cancelled: Counter = field(default_factory=Counter)  # per annotator, skipped
    predictions: int = 0
    spans: Counter = field(default_factory=Counter)  # per label, over completed annotations
    documents: Counter = field(default_factory=Counter)  # per annotator, documents that validate
    problems: list[Problem] = field(default_factory=list)
    bytes: int = 0
    seconds: float = 0.0


# Everything: every task; usual, ground-truth and skipped annotations; predictions and drafts in full;
# annotators as users (with email) rather than bare ids.
EXPORT_OPTIONS = {
    "serialization_options": {"predictions": {"only_id": False}, "drafts": {"only_id": False},
                              "annotations__completed_by": {"only_id": False}},
    "annotation_filter_options": {"usual": True, "ground_truth": True, "skipped": True},
}


def fetch_export(client: LabelStudio, project: Project, *, poll_timeout: float | None = None,
                 on_chunk: Callable[[int], None] | None = None) -> tuple[bytes, list[dict[str, Any]]]:
    """Make a complete JSON export snapshot of the project, download it, delete the snapshot from the
    server, and check the download is whole JSON (a server stopped mid-download leaves it cut short)."""
    action = f"exporting project {project.title!r}"
    poll_timeout = poll_timeout or getattr(client, "_hearsay_timeout", DEFAULT_TIMEOUT)
    chunks: list[bytes] = []
    with api_errors(client, action):
        snapshot = client.projects.exports.create(project.id, title="hearsay studio pull", **EXPORT_OPTIONS)
        try:
            deadline = time.monotonic() + poll_timeout
            while snapshot.status != "completed":  # Community runs it at once; Enterprise in the background
                if snapshot.status == "failed":
                    raise StudioError(f"{action}: Label Studio reports the export failed; see its log")
                if time.monotonic() > deadline:
                    raise StudioTimeout(f"{action}: the export was not ready within {poll_timeout:g} s")
                time.sleep(0.5)
                snapshot = client.projects.exports.get(project.id, snapshot.id)
            received = 0
            for chunk in client.projects.exports.download(project.id, snapshot.id, export_type="JSON"):
                chunks.append(chunk)
                received += len(chunk)
                if on_chunk:
                    on_chunk(received)
        finally:
            try:  # the snapshot is only a vehicle; do not let them pile up in the server's data dir
                client.projects.exports.delete(project.id, snapshot.id)
            except (ApiError, httpx.HTTPError) as exc:
                log.info("could not delete export snapshot %s: %s", snapshot.id, type(exc).__name__)
    raw = b"".join(chunks)
    try:
        export = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StudioUnavailable(f"{action}: the export from {_url(client)} is incomplete or not JSON "
                                f"({type(exc).__name__} after {len(raw)} bytes); was the server stopped?") from None
    if not isinstance(export, list):
        raise StudioError(f"{action}: expected a list of tasks, got {type(export).__name__}")
    return raw, export


def summarize(export: list[dict[str, Any]], report: PullReport, *, source: str,
              corpus: dict[str, Any] | None, schema: Schema) -> None:
    """Fill the report's counts and validate each annotator's annotations with the converter."""
    per_annotator: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for task in export:
        report.tasks += 1
        anns = [a for a in task.get("annotations") or [] if isinstance(a, dict)]
        report.predictions += len(task.get("predictions") or [])
        if not [a for a in anns if not a.get("was_cancelled")]:
            report.unannotated += 1
        mine: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for ann in anns:
            who = annotator_name(ann)
            if ann.get("was_cancelled"):
                report.cancelled[who] += 1
                continue
            report.annotations[who] += 1
            for result in ann.get("result") or []:
                if isinstance(result, dict) and result.get("type") == "labels":
                    report.spans.update((result.get("value") or {}).get("labels") or [])
            mine[who].append(ann)
        for who, own in mine.items():
            per_annotator[who].append({**task, "annotations": own})
    for who in sorted(per_annotator):
        conversion = ConversionReport()
        try:
            docs = export_to_documents(per_annotator[who], source=source, pick="single", corpus=corpus,
                                       schema=schema, report=conversion)
            report.documents[who] = len(docs)
        except ValidationError as exc:
            report.problems += [Problem(p.file, p.doc, f"{who}: {p.item}" if p.item else who, p.reason)
                                for p in exc.problems]


def export_path(name: str, exports_dir: Path) -> Path:
    if not NAME.match(name):
        raise StudioError(f"export name {name!r} must be letters, digits, '.', '_' or '-' (no folders)")
    return exports_dir / (name if name.endswith(".json") else f"{name}.json")


def pull(client: LabelStudio, dest: Path, *, project: str = DEFAULT_PROJECT, corpus: dict[str, Any] | None = None,
         schema: Schema | None = None, on_chunk: Callable[[int], None] | None = None) -> PullReport:
    """Export the project, write `dest` atomically (only once the export is complete), then validate.

    Validation problems do not stop the write: the file is the server's record of the work; they are
    listed in the report for the annotators to fix and pull again.
    """
    began = time.monotonic()
    schema = schema or load_schema()
    target = find_project(client, project)
    if target is None:
        raise StudioError(f"Label Studio at {_url(client)} has no project called {project!r}; "
                          "create it with `hearsay studio push`")
    raw, export = fetch_export(client, target, on_chunk=on_chunk)
    with atomic_open(Path(dest)) as handle:  # the export as the server sent it, indented for review
        handle.write(json.dumps(export, ensure_ascii=False, indent=2) + "\n")
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(dest, 0o666 & ~umask)  # a shared record, not a private temp file
    report = PullReport(Path(dest), target, bytes=len(raw))
    summarize(export, report, source=str(dest), corpus=corpus, schema=schema)
    report.seconds = time.monotonic() - began
    return report
