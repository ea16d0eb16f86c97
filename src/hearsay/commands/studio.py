"""`hearsay studio up|down|status|push|pull`: a local Label Studio server, and moving documents and
annotations between it and the repository. See docs/studio.md."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console

from .. import paths
from ..studio import DEFAULT_PROJECT, DEFAULT_TIMEOUT

EXIT_NOT_RUNNING = 3  # `status` when no server runs (as LSB init scripts do)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("studio", help="run Label Studio locally and push/pull tasks and annotations",
                       description="Run Label Studio locally and move tasks and annotations between it and the repository.")
    sp = p.add_subparsers(dest="studio_command", required=True, metavar="ACTION")

    up = sp.add_parser("up", help="start the local Label Studio server (or reuse the running one)")
    up.add_argument("--port", type=int, default=None,
                    help="port on 127.0.0.1 (default: $HEARSAY_STUDIO_PORT, else the last one if free, else any free)")
    up.add_argument("--timeout", type=float, default=None, help="seconds to wait for the server (default 180)")
    up.set_defaults(func=run_up)

    down = sp.add_parser("down", help="stop the server started by `hearsay studio up`")
    down.set_defaults(func=run_down)

    status = sp.add_parser("status", help="is the server running, and where (exit 3 if not)")
    status.set_defaults(func=run_status)

    push = sp.add_parser("push", help="create/update the project and import corpus documents as tasks")
    push.add_argument("--gold", nargs="?", type=Path, const=paths.GOLD_DIR, default=None, metavar="PATH",
                      help="attach gold as annotations (documents JSONL file or folder; default annotations/gold/)")
    push.add_argument("--predictions", type=Path, default=None, metavar="PATH",
                      help="attach a model's output (documents JSONL) as predictions (pre-annotations)")
    push.add_argument("--model-version", default=None, help="model version of --predictions (required with it)")
    push.add_argument("--annotations", type=Path, default=None, metavar="PATH",
                      help="attach these documents (JSONL) as annotations completed by --annotator")
    push.add_argument("--annotator", default=None,
                      help="annotator of --annotations (a Label Studio user <name>@hearsay.local, created if missing)")
    _common(push)
    push.set_defaults(func=run_push)

    pull = sp.add_parser("pull", help="export everything to annotations/exports/<name>.json and validate it")
    pull.add_argument("--name", default=None,
                      help="export file name (default: <project>-<UTC date>, e.g. hearsay-2024-11-12)")
    pull.add_argument("--out-dir", type=Path, default=paths.EXPORTS_DIR, help=argparse.SUPPRESS)
    _common(pull)
    pull.set_defaults(func=run_pull)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--project", default=DEFAULT_PROJECT, help=f"project title (default {DEFAULT_PROJECT!r})")
    p.add_argument("--corpus", type=Path, default=None, help="corpus folder (default corpus/)")
    p.add_argument("--url", default=None,
                   help="server URL (default: $HEARSAY_STUDIO_URL, else the server of `hearsay studio up`)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help=f"seconds to wait for each request (default {DEFAULT_TIMEOUT:g})")


@contextmanager
def _spinner(text: str, every: float = 10.0) -> Iterator[Callable[[str], None]]:
    """Progress on stderr: a spinner on a terminal, else (CI logs) a line at most every `every` s."""
    if err.is_terminal:
        with err.status(text) as status:
            yield lambda message: status.update(message)
        return
    last = [0.0]

    def line(message: str) -> None:
        if time.monotonic() - last[0] >= every:
            last[0] = time.monotonic()
            err.print(message)

    yield line


def run_up(args: argparse.Namespace) -> int:
    from ..studio import server

    home = server.StudioHome.default()
    timeout = args.timeout if args.timeout is not None else server.START_TIMEOUT
    if not server.venv_ready(home):
        err.print(f"First use: creating the Label Studio {server.pinned_version()} environment in {home.venv} "
                  f"(a few minutes; log in {home.venv_log}).")
    with _spinner("starting Label Studio") as progress:
        result = server.start(home, port=args.port, timeout=timeout, on_progress=progress)
    state = result.state
    creds = server.load_credentials(home)
    if result.reused:
        out.print(f"Label Studio {state.version} is already running at {state.url} (pid {state.pid}).")
    else:
        out.print(f"Label Studio {state.version} is running at {state.url} (pid {state.pid}, "
                  f"ready in {result.seconds:.0f} s).")
    if creds is not None:
        out.print(f"Log in as {creds.username}; the password is in {home.credentials_file} (mode 600).")
    out.print(f"Data: {state.data_dir}   Log: {state.log}   Stop: hearsay studio down")
    return 0


def run_down(args: argparse.Namespace) -> int:
    from ..studio import server

    with _spinner("stopping Label Studio"):
        state = server.stop(server.StudioHome.default())
    if state is None:
        out.print("Label Studio is not running.")
    else:
        out.print(f"Stopped Label Studio at {state.url} (pid {state.pid}).")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from ..studio import server

    home = server.StudioHome.default()
    st = server.status(home)
    if not st.running or st.state is None:
        out.print("Label Studio is not running (start it with `hearsay studio up`).")
        return EXIT_NOT_RUNNING
    state = st.state
    health = "answering" if st.healthy else "NOT answering on its health endpoint (starting, or stuck?)"
    out.print(f"Label Studio {state.version} is running at {state.url} (pid {state.pid}, since {state.started_at}); "
              f"{health}.")
    out.print(f"Data: {state.data_dir}   Log: {state.log}")
    return 0 if st.healthy else 1


def _client(args: argparse.Namespace):
    from ..studio import client, server

    home = server.StudioHome.default()
    url = (args.url or "").rstrip("/") or server.server_url(home)
    return client.connect(url, server.api_token(home), timeout=args.timeout)


def _corpus_documents(corpus_dir: Path | None):
    from ..corpus import load_corpus
    from ..document import Document

    return [Document(doc.id, doc.text, dict(doc.meta)) for doc in load_corpus(corpus_dir).values()]


def _load_documents(path: Path):
    from ..errors import InputError
    from ..validate import load_documents

    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise InputError(f"{path}: no *.jsonl documents files")
        return [doc for f in files for doc in load_documents(f)]
    return load_documents(path)


def run_push(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..studio import client

    if (args.predictions is None) != (args.model_version is None):
        raise InputError("--predictions and --model-version go together")
    if (args.annotations is None) != (args.annotator is None):
        raise InputError("--annotations and --annotator go together")
    config_path = paths.SCHEMA_DIR / "labeling_config.xml"
    try:
        label_config = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{config_path}: not found; generate it with `hearsay schema`") from None
    documents = _corpus_documents(args.corpus)
    gold = _load_documents(args.gold) if args.gold else None
    predictions = _load_documents(args.predictions) if args.predictions else None
    ls = _client(args)
    with _spinner("pushing to Label Studio") as progress:
        report = client.push(ls, documents, project=args.project, label_config=label_config, gold=gold,
                             predictions=predictions, model_version=args.model_version, on_progress=progress)
    p = report.project
    out.print(f"Project {p.title!r} (id {p.id}) at {client._url(ls)}/projects/{p.id}/: "
              f"{'created' if p.created else 'labeling config updated' if report.config_updated else 'up to date'}.")
    out.print(f"Tasks: {len(report.created)} new, {len(report.data_updated)} updated, "
              f"{len(report.unchanged)} unchanged.")
    if gold is not None:
        out.print(f"Gold annotations: {len(report.annotations_added)} added, {len(report.annotations_kept)} not added "
                  "(the task already has annotations).")
    if predictions is not None:
        out.print(f"Predictions ({args.model_version}): {len(report.predictions_added)} added, "
                  f"{len(report.predictions_replaced)} replaced, {len(report.predictions_unchanged)} unchanged.")
    if args.annotations is not None:
        docs = _load_documents(args.annotations)
        with _spinner("pushing annotations") as progress:
            pushed = client.push_annotations(ls, args.project, docs, args.annotator, on_progress=progress)
        out.print(f"Annotations of {pushed.annotator} (user {pushed.user_id}): {len(pushed.added)} added, "
                  f"{len(pushed.kept)} already there.")
    out.print(f"Done in {report.seconds:.1f} s.")
    return 0


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "project"


def run_pull(args: argparse.Namespace) -> int:
    from ..corpus import load_corpus
    from ..studio import client

    name = args.name or f"{_slug(args.project)}-{datetime.now(timezone.utc):%Y-%m-%d}"
    dest = client.export_path(name, args.out_dir)
    corpus = load_corpus(args.corpus)
    ls = _client(args)
    with _spinner("exporting from Label Studio") as progress:
        report = client.pull(ls, dest, project=args.project, corpus=corpus,
                             on_chunk=lambda n: progress(f"exporting from Label Studio ({n / 1e6:.1f} MB)"))
    shown = dest.relative_to(paths.ROOT) if dest.is_relative_to(paths.ROOT) else dest
    out.print(f"Wrote {shown}: {report.tasks} tasks ({report.unannotated} without a completed annotation), "
              f"{sum(report.annotations.values())} annotations, {report.predictions} predictions "
              f"[{report.seconds:.1f} s].")
    for who in sorted(set(report.annotations) | set(report.cancelled)):
        skipped = f", {report.cancelled[who]} skipped" if report.cancelled[who] else ""
        valid = report.documents.get(who, 0)
        out.print(f"  {who}: {report.annotations[who]} annotations{skipped}, {valid} valid documents")
    if report.spans:
        out.print("Spans per label: " + ", ".join(f"{label} {n}" for label, n in sorted(report.spans.items())))
    if report.problems:
        for problem in report.problems:
            err.print(f"[red]problem[/red] {problem}")
        err.print(f"{len(report.problems)} problem(s) in the export; it was written as the server gave it. "
                  "Fix them in Label Studio and pull again.")
        return 1
    out.print("No problems: every annotation converts to a valid document.")
    return 0

