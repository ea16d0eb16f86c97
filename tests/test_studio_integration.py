"""Label Studio integration against a real server (marker `studio`).

A server is started once for the module from the pinned environment in .work/studio-venv (built on
first use), on a free port with its data in a temporary folder; tests that stop or kill a server get
their own copy, cloned from the freshly bootstrapped one so they start in seconds.

Run: .venv/bin/python -m pytest -m studio tests/test_studio_integration.py
Refresh the committed real exports: HEARSAY_UPDATE_STUDIO_FIXTURES=1 with the same command.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from hearsay import cli, paths
from hearsay.convert.labelstudio import ANNOTATION_KEY, convert_export_file, document_results, export_to_documents
from hearsay.corpus import add_to_corpus, load_corpus
from hearsay.document import Document, Relation, Span, sha256_text
from hearsay.studio import StudioAuthError, StudioConflict, StudioTimeout, StudioUnavailable
from hearsay.studio import client as studio_client
from hearsay.studio import server
from hearsay.validate import load_documents

pytestmark = pytest.mark.studio

FIXTURES = Path(__file__).parent / "fixtures" / "labelstudio"
UPDATE_FIXTURES = os.environ.get("HEARSAY_UPDATE_STUDIO_FIXTURES") == "1"
UNICODE_ID = "economy-2024-03-05-unicode-check"
# Emoji (a flag, a ZWJ sequence, a skin tone), precomposed and combining accents, curly quotes, CRLF.
UNICODE_TEXT = (
    "Zelenskyy’s office said on Friday that “about 1,200 🇺🇦 soldiers had reached the front.”\r\n"
    "The café owner, José Mu\u0308ller, told reporters the price may rise by 12 percent 📈 this year.\r\n"
    "Officials in Bogota\u0301 reportedly expect more than 40 👩‍🔬 researchers and 👍🏽 volunteers."
)


BLANK_ID = "economy-2024-03-06-not-annotated"
BLANK_TEXT = "Exporters said on Tuesday that shipments rose by about 8 percent.\n"


def unicode_gold(meta: dict) -> Document:
    text = UNICODE_TEXT

    def span(sid: str, label: str, piece: str, **attrs) -> Span:
        start = text.index(piece)
        return Span(sid, label, start, start + len(piece), piece, attrs)

    def quantity(**values):
        attrs = {"value": None, "low": None, "high": None, "unit": None, "kind": "count", "modifier": "exact"}
        attrs.update(values)
        return attrs

    spans = [
        span("S1", "SOURCE", "Zelenskyy’s office"),
        span("C1", "CUE", "said"),
        span("X1", "CONTENT", "about 1,200 🇺🇦 soldiers had reached the front.", quote="direct"),
        span("Q1", "QUANTITY", "about 1,200", **quantity(value=1200, modifier="approximate")),
        span("E1", "ENTITY", "🇺🇦 soldiers"),
        span("S2", "SOURCE", "The café owner, José Mu\u0308ller"),
        span("C2", "CUE", "told reporters"),
        span("X2", "CONTENT", "the price may rise by 12 percent 📈 this year", quote="indirect"),
        span("H1", "HEDGE", "may", category="modal"),
        span("Q2", "QUANTITY", "12 percent", **quantity(value=12, unit="percent", kind="percent")),
        span("H2", "HEDGE", "reportedly", category="reported"),
        span("Q3", "QUANTITY", "more than 40", **quantity(low=40, modifier="lower_bound")),
        span("E3", "ENTITY", "👩‍🔬 researchers"),
    ]
    relations = [Relation("SOURCE", "C1", "S1"), Relation("CONTENT", "C1", "X1"), Relation("QUANTIFIES", "Q1", "E1"),
                 Relation("SOURCE", "C2", "S2"), Relation("CONTENT", "C2", "X2"), Relation("HEDGES", "H1", "X2"),
                 Relation("QUANTIFIES", "Q3", "E3")]
    return Document(UNICODE_ID, text, dict(meta), spans, relations).canonical()


def comparable(doc: Document) -> dict:
    raw = doc.canonical().to_dict()
    raw["meta"] = {k: v for k, v in raw["meta"].items() if k != ANNOTATION_KEY}
    return raw


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def clean_env():
    """No token, URL or home from the developer's environment leaks into these tests."""
    with pytest.MonkeyPatch.context() as mp:
        for name in (server.TOKEN_ENV, server.URL_ENV, server.HOME_ENV, server.PORT_ENV, server.PASSWORD_ENV):
            mp.delenv(name, raising=False)
        yield mp


@pytest.fixture(scope="module")
def studio(tmp_path_factory, clean_env):
    """A real server, bootstrapped from scratch (admin user and token created non-interactively)."""
    home = server.StudioHome(tmp_path_factory.mktemp("studio") / "home", server.StudioHome.default().venv)
    result = server.start(home, timeout=600)
    template = tmp_path_factory.mktemp("studio-template")
    _snapshot(home, template)  # a bootstrapped but empty server to clone
    yield home, result.state, template
    server.stop(home)


def _snapshot(home: server.StudioHome, dest: Path) -> None:
    (dest / "data").mkdir(parents=True)
    with sqlite3.connect(home.data_dir / "label_studio.sqlite3") as src, \
            sqlite3.connect(dest / "data" / "label_studio.sqlite3") as dst:
        src.backup(dst)
    shutil.copy2(home.data_dir / ".env", dest / "data" / ".env")
    shutil.copy2(home.credentials_file, dest / "credentials.json")


@pytest.fixture
def own_studio(studio, tmp_path):
    """A server of its own (to stop or kill), cloned from the bootstrapped template."""
    _, _, template = studio
    home = server.StudioHome(tmp_path / "own", server.StudioHome.default().venv)
    shutil.copytree(template, home.root)
    yield home
    server.stop(home)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """The gold documents' corpus entries, the Unicode document, and a document nobody annotated."""
    gold = load_documents(paths.GOLD_DIR / "hearsay.jsonl") if (paths.GOLD_DIR / "hearsay.jsonl").exists() else []
    real = load_corpus()
    wanted = sorted({d.id for d in gold})
    folder = tmp_path_factory.mktemp("corpus")
    rows = [real[i].meta for i in wanted]
    for doc_id in wanted:
        (folder / f"{doc_id}.txt").write_bytes((paths.CORPUS_DIR / f"{doc_id}.txt").read_bytes())
    (folder / "metadata.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                           encoding="utf-8")
    add_to_corpus(UNICODE_ID, UNICODE_TEXT, {"title": "Unicode round trip “check” 👍🏽", "date": "2024-03-05",
                                             "domain": "economy", "style": "wire", "provenance": "synthetic",
                                             "source": "tests/test_studio_integration.py", "license": "CC0-1.0"},
                  corpus_dir=folder)
    add_to_corpus(BLANK_ID, BLANK_TEXT, {"title": "Not annotated", "date": "2024-03-06", "domain": "economy",
                                         "style": "wire", "provenance": "synthetic",
                                         "source": "tests/test_studio_integration.py", "license": "CC0-1.0"},
                  corpus_dir=folder)
    return folder


@pytest.fixture(scope="module")
def gold_file(corpus_dir, tmp_path_factory):
    corpus = load_corpus(corpus_dir)
    assert "\r\n" in corpus[UNICODE_ID].text  # CRLF survives the corpus round trip
    gold = load_documents(paths.GOLD_DIR / "hearsay.jsonl") if (paths.GOLD_DIR / "hearsay.jsonl").exists() else []
    gold = [*gold, unicode_gold(corpus[UNICODE_ID].meta)]
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in gold), encoding="utf-8")
    load_documents(path)  # the test gold itself is valid
    return path


@pytest.fixture
def run(capsys, clean_env):
    """Run `hearsay ...` in-process against a studio home; returns (exit code, stdout, stderr)."""
    def invoke(home: server.StudioHome, *argv: str, env: dict[str, str] | None = None):
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv(server.HOME_ENV, str(home.root))
            for key, value in (env or {}).items():
                mp.setenv(key, value)
            capsys.readouterr()
            code = cli.main(list(argv))
            captured = capsys.readouterr()
        return code, captured.out, captured.err
    return invoke


def connect(home: server.StudioHome, timeout: float = 30) -> studio_client.LabelStudio:
    return studio_client.connect(server.server_url(home), server.api_token(home), timeout=timeout)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --------------------------------------------------------------------------- server


def test_server_bootstrap_binds_localhost_with_private_token(studio, run):
    home, state, _ = studio
    assert state.url.startswith("http://127.0.0.1:")
    assert state.version == server.pinned_version()
    assert home.credentials_file.stat().st_mode & 0o777 == 0o600
    token = server.api_token(home)
    assert studio_client.whoami(connect(home)) == server.DEFAULT_USER
    # bound to the loopback interface only
    listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
    local = [line.split()[1] for line in listening if line.split()[3] == "0A"]
    assert f"0100007F:{state.port:04X}" in local
    assert f"00000000:{state.port:04X}" not in local
    # the token is in no log, state file or command output
    code, out, err = run(home, "studio", "status")
    assert code == 0 and state.url in out
    for text in (out, err, home.log_file.read_text(), home.state_file.read_text()):
        assert token not in text


def test_up_reuses_status_down_stops_exactly_our_pid(own_studio, run):
    home = own_studio
    port = server.free_port()
    code, out, err = run(home, "studio", "up", "--port", str(port))
    assert code == 0, err
    assert f"http://127.0.0.1:{port}" in out
    state = server.read_state(home)
    assert server.is_ours(state)

    code, out, _ = run(home, "studio", "up")
    assert code == 0 and "already running" in out
    assert server.read_state(home).pid == state.pid

    code, out, _ = run(home, "studio", "status")
    assert code == 0 and f"pid {state.pid}" in out

    code, out, _ = run(home, "studio", "down")
    assert code == 0 and f"pid {state.pid}" in out
    assert not server._alive(state.pid)
    assert not home.state_file.exists()

    code, out, _ = run(home, "studio", "status")
    assert code == 3 and "not running" in out
    code, out, _ = run(home, "studio", "down")
    assert code == 0 and "not running" in out


def test_up_refuses_a_port_in_use(own_studio, run, studio):
    _, state, _ = studio
    code, _, err = run(own_studio, "studio", "up", "--port", str(state.port))
    assert code == 2 and "already in use" in err
    assert not own_studio.state_file.exists()


def test_up_with_a_token_the_server_does_not_know(own_studio, run):
    wrong = "0123456789abcdef-not-it"
    code, out, err = run(own_studio, "studio", "up", env={server.TOKEN_ENV: wrong})
    assert code == 2 and "rejects the API token" in err and "HEARSAY_STUDIO_TOKEN" in err
    assert wrong not in out + err
    assert not own_studio.state_file.exists()  # and the process it started is stopped again


# --------------------------------------------------------------------------- push / pull


def test_push_gold_pull_convert_round_trip_is_identical(studio, run, corpus_dir, gold_file, tmp_path):
    home, _, _ = studio
    project = "Round trip"
    code, out, err = run(home, "studio", "push", "--project", project, "--corpus", str(corpus_dir),
                         "--gold", str(gold_file))
    assert code == 0, err
    corpus = load_corpus(corpus_dir)
    gold = load_documents(gold_file)
    assert f"{len(corpus)} new" in out and f"{len(gold)} added" in out

    out_dir = tmp_path / "exports"
    code, out, err = run(home, "studio", "pull", "--project", project, "--corpus", str(corpus_dir),
                         "--out-dir", str(out_dir), "--name", "round-trip")
    assert code == 0, err
    assert f"{len(corpus)} tasks" in out and "No problems" in out
    export_file = out_dir / "round-trip.json"
    assert _leftovers(out_dir) == ["round-trip.json"]

    docs = convert_export_file(export_file, corpus=corpus, skip_empty=True)
    assert [comparable(d) for d in docs] == [comparable(d) for d in sorted(gold, key=lambda d: d.id)]
    unicode_doc = next(d for d in docs if d.id == UNICODE_ID)
    assert unicode_doc.text == UNICODE_TEXT and unicode_doc.text.count("\r\n") == 2

    # pushing again is a no-op: no new tasks, no second annotation
    code, out, err = run(home, "studio", "push", "--project", project, "--corpus", str(corpus_dir),
                         "--gold", str(gold_file))
    assert code == 0, err
    assert "0 new" in out and f"{len(corpus)} unchanged" in out and "0 added" in out
    tasks = studio_client.list_tasks(connect(home), studio_client.find_project(connect(home), project))
    assert len(tasks) == len(corpus)
    assert sum(len(t["annotations"]) for t in tasks) == len(gold)

    if UPDATE_FIXTURES:
        FIXTURES.mkdir(parents=True, exist_ok=True)
        shutil.copy2(export_file, FIXTURES / "gold_round_trip.json")


def test_push_predictions_with_model_version(studio, run, corpus_dir, gold_file, tmp_path):
    home, _, _ = studio
    project = "Predictions"
    args = ("studio", "push", "--project", project, "--corpus", str(corpus_dir),
            "--predictions", str(gold_file), "--model-version", "gold-as-model-v1")
    code, out, err = run(home, *args)
    assert code == 0, err
    n = len(load_documents(gold_file))
    assert f"{n} added, 0 replaced, 0 unchanged" in out
    code, out, err = run(home, *args)
    assert code == 0 and f"0 added, 0 replaced, {n} unchanged" in out

    # a changed model output replaces that model version's prediction instead of adding one
    changed = [Document(d.id, d.text, d.meta, [s for s in d.spans if s.label != "HEDGE"],
                        [r for r in d.relations if r.type != "HEDGES"]) for d in load_documents(gold_file)]
    changed_file = tmp_path / "changed.jsonl"
    changed_file.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in changed),
                            encoding="utf-8")
    ls = connect(home)
    studio_client.push(ls, [Document(c.id, c.text, c.meta) for c in load_corpus(corpus_dir).values()],
                       project=project, label_config=(paths.SCHEMA_DIR / "labeling_config.xml").read_text(),
                       predictions=changed, model_version="gold-as-model-v1")
    tasks = studio_client.list_tasks(ls, studio_client.find_project(ls, project))
    assert sum(len(t["predictions"]) for t in tasks) == n
    assert sum(t["total_annotations"] for t in tasks) == 0

    out_dir = tmp_path / "exports"
    code, out, err = run(home, "studio", "pull", "--project", project, "--corpus", str(corpus_dir),
                         "--out-dir", str(out_dir), "--name", "predictions")
    assert code == 0, err
    export = json.loads((out_dir / "predictions.json").read_text(encoding="utf-8"))
    versions = {p["model_version"] for task in export for p in task["predictions"]}
    assert versions == {"gold-as-model-v1"}
    docs = export_to_documents(export, source="predictions.json", use="predictions", skip_empty=True)
    assert {d.id: len(d.spans) for d in docs} == {d.id: len(d.spans) for d in changed}

    if UPDATE_FIXTURES:
        FIXTURES.mkdir(parents=True, exist_ok=True)
        shutil.copy2(out_dir / "predictions.json", FIXTURES / "predictions.json")


def test_changed_text_of_annotated_document_is_refused(studio, run, corpus_dir, gold_file, tmp_path):
    home, _, _ = studio
    project = "Immutable"
    code, _, err = run(home, "studio", "push", "--project", project, "--corpus", str(corpus_dir),
                       "--gold", str(gold_file))
    assert code == 0, err
    edited = tmp_path / "corpus"
    shutil.copytree(corpus_dir, edited)
    rows = [json.loads(line) for line in (edited / "metadata.jsonl").read_text(encoding="utf-8").splitlines()]
    unannotated = BLANK_ID
    for row in rows:
        if row["id"] in (UNICODE_ID, unannotated):
            text = (edited / f"{row['id']}.txt").read_bytes().decode("utf-8") + " Corrected."
            (edited / f"{row['id']}.txt").write_bytes(text.encode("utf-8"))
            row["sha256"] = sha256_text(text)
            row["word_count"] = len(text.split())
    (edited / "metadata.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                           encoding="utf-8")
    ls = connect(home)
    before = studio_client.list_tasks(ls, studio_client.find_project(ls, project))

    code, out, err = run(home, "studio", "push", "--project", project, "--corpus", str(edited))
    assert code == 2
    assert f"document {UNICODE_ID}: its text changed after task" in err and "nothing was changed" in err
    assert unannotated not in err  # never annotated: its text may still change
    after = studio_client.list_tasks(ls, studio_client.find_project(ls, project))
    assert [t["data"] for t in after] == [t["data"] for t in before]

    with pytest.raises(StudioConflict):
        studio_client.push(ls, [Document(c.id, c.text, c.meta) for c in load_corpus(edited).values()],
                           project=project, label_config=(paths.SCHEMA_DIR / "labeling_config.xml").read_text())


def test_text_of_unannotated_document_may_change(studio, corpus_dir, tmp_path):
    home, _, _ = studio
    ls = connect(home)
    config = (paths.SCHEMA_DIR / "labeling_config.xml").read_text()
    doc = next(iter(load_corpus(corpus_dir).values()))
    first = Document(doc.id, doc.text, dict(doc.meta))
    studio_client.push(ls, [first], project="Mutable", label_config=config)
    second = Document(doc.id, doc.text + " Corrected.", dict(doc.meta))
    report = studio_client.push(ls, [second], project="Mutable", label_config=config)
    assert report.data_updated == [doc.id] and not report.created
    tasks = studio_client.list_tasks(ls, studio_client.find_project(ls, "Mutable"))
    assert [t["data"]["text"] for t in tasks] == [second.text]


def test_labeling_config_is_updated_in_place(studio):
    home, _, _ = studio
    ls = connect(home)
    config = (paths.SCHEMA_DIR / "labeling_config.xml").read_text()
    old = config.replace('hotkey="c"', 'hotkey="x"')
    first = studio_client.push(ls, [], project="Config", label_config=old)
    second = studio_client.push(ls, [], project="Config", label_config=config)
    assert first.project.created and not second.project.created and second.config_updated
    assert second.project.id == first.project.id
    assert studio_client.find_project(ls, "Config").label_config.strip() == config.strip()


# --------------------------------------------------------------------------- faults


def test_fault_server_not_running(run, tmp_path, corpus_dir):
    home = server.StudioHome(tmp_path / "nothing", server.StudioHome.default().venv)
    code, _, err = run(home, "studio", "pull", "--corpus", str(corpus_dir), "--out-dir", str(tmp_path / "x"))
    assert code == 2 and "not running" in err and "hearsay studio up" in err
    # a URL where nothing listens
    code, _, err = run(home, "studio", "pull", "--corpus", str(corpus_dir), "--out-dir", str(tmp_path / "x"),
                       "--url", f"http://127.0.0.1:{server.free_port()}",
                       env={server.TOKEN_ENV: "0123456789abcdef"})
    assert code == 2 and "not reachable" in err
    assert not (tmp_path / "x").exists()


def test_fault_wrong_token(studio, run, corpus_dir, tmp_path):
    home, _, _ = studio
    wrong = "not-the-token-0123456789"
    for argv in (("studio", "pull", "--corpus", str(corpus_dir), "--out-dir", str(tmp_path / "x")),
                 ("studio", "push", "--corpus", str(corpus_dir))):
        code, out, err = run(home, *argv, env={server.TOKEN_ENV: wrong})
        assert code == 2 and "rejected the API token" in err
        assert wrong not in out + err and server.load_credentials(home).token not in out + err
    assert not (tmp_path / "x").exists()
    with pytest.raises(StudioAuthError):
        studio_client.whoami(studio_client.connect(server.server_url(home), wrong))


def test_fault_request_timeout(studio, corpus_dir, tmp_path):
    home, state, _ = studio
    ls = connect(home, timeout=2)
    project = studio_client.find_project(ls, "Round trip") or studio_client.ensure_project(
        ls, "Round trip", (paths.SCHEMA_DIR / "labeling_config.xml").read_text())
    os.kill(state.pid, signal.SIGSTOP)  # the server hangs: requests are accepted but never answered
    try:
        began = time.monotonic()
        with pytest.raises(StudioTimeout, match="did not answer within 2 s"):
            studio_client.pull(ls, tmp_path / "out" / "t.json", project=project.title)
        assert time.monotonic() - began < 20
    finally:
        os.kill(state.pid, signal.SIGCONT)
    assert _leftovers(tmp_path / "out") == []
    assert studio_client.whoami(connect(home)) == server.DEFAULT_USER  # the server carries on


def _big_project(home: server.StudioHome, n: int = 600) -> str:
    """A project whose export is several megabytes, so that a download takes many chunks."""
    ls = connect(home, timeout=120)
    filler = "Officials said about 40 firms may close. " * 200
    docs = [Document(f"economy-2024-01-01-bulk-{i:04d}", f"Item {i}. {filler}", {}) for i in range(n)]
    studio_client.push(ls, docs, project="Big", label_config=(paths.SCHEMA_DIR / "labeling_config.xml").read_text())
    return "Big"


def test_fault_server_killed_mid_download(own_studio, tmp_path):
    home = own_studio
    server.start(home, timeout=120)
    project = _big_project(home)
    pid = server.read_state(home).pid
    killed = []

    def kill_on_first_chunk(received: int) -> None:
        if not killed:
            os.kill(pid, signal.SIGKILL)
            killed.append(received)

    dest = tmp_path / "exports" / "killed.json"
    with pytest.raises(StudioUnavailable, match="broke off|incomplete"):
        studio_client.pull(connect(home), dest, project=project, on_chunk=kill_on_first_chunk)
    assert killed
    assert _leftovers(dest.parent) == []


def test_fault_server_killed_while_pull_waits(own_studio, run, corpus_dir, tmp_path):
    home = own_studio
    server.start(home, timeout=120)
    ls = connect(home)
    studio_client.push(ls, [Document(c.id, c.text, c.meta) for c in load_corpus(corpus_dir).values()],
                       project=studio_client.DEFAULT_PROJECT,
                       label_config=(paths.SCHEMA_DIR / "labeling_config.xml").read_text())
    pid = server.read_state(home).pid
    os.kill(pid, signal.SIGSTOP)  # the pull's requests queue up unanswered ...
    killer = threading.Timer(1.5, lambda: os.kill(pid, signal.SIGKILL))  # ... until the server dies
    killer.start()
    out_dir = tmp_path / "exports"
    try:
        code, _, err = run(home, "studio", "pull", "--corpus", str(corpus_dir), "--out-dir", str(out_dir),
                           "--name", "killed", "--timeout", "30")
    finally:
        killer.join()
    assert code == 2
    assert "broke off" in err or "not reachable" in err
    assert _leftovers(out_dir) == []
    # the dead server is noticed, and `up` starts a fresh process on the same data
    code, out, _ = run(home, "studio", "status")
    assert code == 3
    code, out, err = run(home, "studio", "up")
    assert code == 0, err
    assert server.read_state(home).pid != pid


def test_pull_summarizes_annotators_skips_and_problems(studio, run, corpus_dir, gold_file, tmp_path):
    """Two annotators, a skipped task, then an invalid annotation: the summary counts each, and the
    problem is reported (exit 1) while the export is still written whole."""
    home, _, _ = studio
    project = "Two annotators"
    code, _, err = run(home, "studio", "push", "--project", project, "--corpus", str(corpus_dir),
                       "--gold", str(gold_file))
    assert code == 0, err
    ls = connect(home)
    second = ls.users.create(username="second", email="second@hearsay.local", password="unused-password-1")
    tasks = {t["data"]["doc_id"]: t for t in studio_client.list_tasks(ls, studio_client.find_project(ls, project))}
    gold = {d.id: d for d in load_documents(gold_file)}
    corpus = load_corpus(corpus_dir)
    unhedged = gold[UNICODE_ID]
    unhedged = Document(unhedged.id, unhedged.text, unhedged.meta, [s for s in unhedged.spans if s.label != "HEDGE"],
                        [r for r in unhedged.relations if r.type != "HEDGES"])
    ls.annotations.create(tasks[UNICODE_ID]["id"], result=document_results(unhedged), completed_by=second.id,
                          lead_time=42.0)
    blank = BLANK_ID
    ls.annotations.create(tasks[blank]["id"], result=[], was_cancelled=True)

    out_dir = tmp_path / "exports"
    code, out, err = run(home, "studio", "pull", "--project", project, "--corpus", str(corpus_dir),
                         "--out-dir", str(out_dir), "--name", "two")
    assert code == 0, err
    assert f"{server.DEFAULT_USER}: {len(gold)} annotations, 1 skipped, {len(gold)} valid documents" in out
    assert "second@hearsay.local: 1 annotations, 0 valid documents" not in out
    assert "second@hearsay.local: 1 annotations, 1 valid documents" in out
    assert f"HEDGE {sum(1 for d in gold.values() for s in d.spans if s.label == 'HEDGE')}" in out

    # an annotation that breaks the schema: a cue with no content
    word = corpus[blank].text.split()[0]
    broken = [{"id": "bad1", "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": 0, "end": len(word), "text": word, "labels": ["CUE"]}}]
    ls.annotations.create(tasks[blank]["id"], result=broken, completed_by=second.id)
    code, out, err = run(home, "studio", "pull", "--project", project, "--corpus", str(corpus_dir),
                         "--out-dir", str(out_dir), "--name", "problems")
    assert code == 1
    assert "second@hearsay.local" in err and "bad1" in err and "problem(s) in the export" in err
    assert _leftovers(out_dir) == ["problems.json", "two.json"]

    if UPDATE_FIXTURES:
        FIXTURES.mkdir(parents=True, exist_ok=True)
        shutil.copy2(out_dir / "two.json", FIXTURES / "two_annotators.json")
        shutil.copy2(out_dir / "problems.json", FIXTURES / "with_problems.json")
