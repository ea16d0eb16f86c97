"""`hearsay.studio` without a Label Studio server: pins, credentials, pid handling, start-up failures
(with a stand-in for the server's Python) and the mapping of network and API failures to messages."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time

import httpx
import pytest
from label_studio_sdk import LabelStudio

from hearsay.document import Document
from hearsay.errors import ValidationError
from hearsay.studio import StudioAuthError, StudioError, StudioTimeout, StudioUnavailable
from hearsay.studio import client as studio_client
from hearsay.studio import server

SECRET = "s3cret-token-never-shown"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in (server.TOKEN_ENV, server.URL_ENV, server.HOME_ENV, server.PORT_ENV, server.PASSWORD_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def home(tmp_path) -> server.StudioHome:
    return server.StudioHome(tmp_path / "home", tmp_path / "venv")


def test_requirements_pin_every_package_exactly():
    lines = [line for line in server.REQUIREMENTS.read_text().splitlines() if line and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", line) for line in lines), lines
    assert server.pinned_version() == "1.23.2"
    names = {line.split("==")[0].lower() for line in lines}
    assert {"label-studio", "label-studio-sdk", "django"} <= names
    assert "datasets" not in names  # nothing of the main environment's pipeline


def test_credentials_are_private_and_created_once(home, monkeypatch):
    monkeypatch.setenv(server.TOKEN_ENV, SECRET)
    creds = server.ensure_credentials(home)
    assert creds.token == SECRET and creds.username == server.DEFAULT_USER
    assert home.credentials_file.stat().st_mode & 0o777 == 0o600
    assert SECRET not in repr(creds) and creds.password not in repr(creds)
    monkeypatch.delenv(server.TOKEN_ENV)
    assert server.ensure_credentials(home) == creds  # kept, not regenerated
    assert server.api_token(home) == SECRET
    os.chmod(home.credentials_file, 0o644)
    server.load_credentials(home)
    assert home.credentials_file.stat().st_mode & 0o777 == 0o600  # tightened again


def test_generated_token_and_environment_precedence(home, monkeypatch):
    token = server.ensure_credentials(home).token
    assert re.fullmatch(r"[0-9a-f]{40}", token)
    monkeypatch.setenv(server.TOKEN_ENV, SECRET)
    assert server.api_token(home) == SECRET


def test_missing_token_names_the_variable(home):
    with pytest.raises(StudioError, match=r"\$HEARSAY_STUDIO_TOKEN.*hearsay studio up"):
        server.api_token(home)


def test_status_down_and_url_without_a_server(home):
    assert server.status(home) == server.Status(None, False, False)
    assert server.stop(home) is None
    with pytest.raises(StudioUnavailable, match="not running.*hearsay studio up"):
        server.server_url(home)


def _state(pid: int, proc_start: str | None) -> dict:
    return {"pid": pid, "port": 1, "url": "http://127.0.0.1:1", "proc_start": proc_start, "started_at": "x",
            "version": "1.23.2", "data_dir": "d", "log": "l"}


def test_stale_state_is_cleared(home):
    done = subprocess.Popen(["true"])
    done.wait()
    home.root.mkdir(parents=True)
    home.state_file.write_text(json.dumps(_state(done.pid, "1")))
    assert not server.status(home).running
    assert server.stop(home) is None
    assert not home.state_file.exists()


def test_down_never_kills_a_process_it_did_not_start(home):
    """A recorded pid now used by another program (or any non-Label Studio process) is left alone."""
    other = subprocess.Popen(["sleep", "30"])
    try:
        home.root.mkdir(parents=True)
        for proc_start in (server._proc_start(other.pid), "12345"):  # right start time but not label_studio; reused pid
            home.state_file.write_text(json.dumps(_state(other.pid, proc_start)))
            assert server.stop(home) is None
            assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_port_in_use_is_refused():
    with socket.socket() as sock:
        sock.bind((server.HOST, 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(StudioError, match=f"port {port} .* already in use"):
            server._choose_port(port, None)


def test_port_from_environment(monkeypatch):
    port = server.free_port()
    monkeypatch.setenv(server.PORT_ENV, str(port))
    assert server._choose_port(None, None) == port
    monkeypatch.setenv(server.PORT_ENV, "eighty")
    with pytest.raises(StudioError, match="HEARSAY_STUDIO_PORT"):
        server._choose_port(None, None)


def _fake_venv(home: server.StudioHome, script: str) -> None:
    """Stand in for the server environment: `python` is a shell script."""
    home.python.parent.mkdir(parents=True)
    home.python.write_text("#!/bin/sh\n" + script)
    home.python.chmod(0o755)
    home.venv_marker.write_text(server._requirements_hash() + "\n")
    assert server.venv_ready(home)


def test_start_reports_a_server_that_exits_without_leaking_the_token(home, monkeypatch):
    monkeypatch.setenv(server.TOKEN_ENV, SECRET)
    _fake_venv(home, 'echo "Error: something broke (token $LABEL_STUDIO_USER_TOKEN, user $USERNAME)"\nexit 1\n')
    monkeypatch.setenv("USERNAME", "leaked-from-the-shell")
    with pytest.raises(StudioUnavailable) as info:
        server.start(home, timeout=20)
    message = str(info.value)
    assert "stopped before answering" in message and "something broke" in message
    assert SECRET not in message and "<token>" in message
    assert "leaked-from-the-shell" not in message  # the server gets a clean environment
    assert not home.state_file.exists()


def test_start_times_out_and_stops_what_it_started(home, tmp_path):
    pidfile = tmp_path / "pid"
    _fake_venv(home, f'echo $$ > {pidfile}\nexec sleep 60\n')
    progress: list[str] = []
    began = time.monotonic()
    with pytest.raises(StudioTimeout, match="did not answer"):
        server.start(home, timeout=1.5, on_progress=progress.append)
    assert time.monotonic() - began < 15
    assert any("waiting for Label Studio" in p for p in progress)
    pid = int(pidfile.read_text())
    assert not server._alive(pid)
    assert not home.state_file.exists()


# --------------------------------------------------------------------------- client failures


def _client(handler) -> LabelStudio:
    ls = LabelStudio(base_url="http://127.0.0.1:9", api_key=SECRET, max_retries=0, timeout=5,
                     httpx_client=httpx.Client(transport=httpx.MockTransport(handler)))
    ls._hearsay_url = "http://127.0.0.1:9"
    ls._hearsay_timeout = 5
    return ls


@pytest.mark.parametrize("respond, error, words", [
    (lambda r: httpx.Response(401, json={"detail": "Invalid token."}), StudioAuthError, "rejected the API token"),
    (lambda r: httpx.Response(500, text="Server Error"), StudioError, "HTTP 500"),
    (lambda r: (_ for _ in ()).throw(httpx.ConnectError("refused", request=r)), StudioUnavailable, "not reachable"),
    (lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("slow", request=r)), StudioTimeout, "within 5 s"),
    (lambda r: (_ for _ in ()).throw(httpx.RemoteProtocolError("gone", request=r)), StudioUnavailable, "broke off"),
])
def test_failures_become_clear_messages(respond, error, words):
    with pytest.raises(error, match=words) as info:
        studio_client.whoami(_client(respond))
    assert SECRET not in str(info.value)


def test_truncated_export_is_refused_and_nothing_is_written(tmp_path):
    deleted = []

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/api/projects/" and request.method == "GET" and request.url.params.get("page") == "1":
            return httpx.Response(200, json={"count": 1, "next": None, "previous": None,
                                             "results": [{"id": 1, "title": "Hearsay", "label_config": "<View/>"}]})
        if path == "/api/projects/1/exports/" and request.method == "POST":
            return httpx.Response(201, json={"id": 7, "status": "completed"})
        if path == "/api/projects/1/exports/7/download":
            return httpx.Response(200, content=b'[{"id": 1, "data": {"text": "cut sh')
        if path == "/api/projects/1/exports/7" and request.method == "DELETE":
            deleted.append(7)
            return httpx.Response(204)
        return httpx.Response(404, json={"detail": f"unexpected {request.method} {path}"})

    dest = tmp_path / "exports" / "x.json"
    with pytest.raises(StudioUnavailable, match="incomplete or not JSON"):
        studio_client.pull(_client(handler), dest)
    assert not dest.parent.exists() or not any(dest.parent.iterdir())
    assert deleted == [7]  # the server-side snapshot is cleaned up


def test_push_checks_its_inputs_before_any_request():
    def handler(request):
        raise AssertionError(f"no request expected, got {request.method} {request.url}")

    ls = _client(handler)
    doc = Document("economy-2024-01-01-a", "Some text.", {})
    with pytest.raises(StudioError, match="model version"):
        studio_client.push(ls, [doc], label_config="<View/>", predictions=[doc])
    with pytest.raises(ValidationError, match="not in the corpus"):
        studio_client.push(ls, [doc], label_config="<View/>", gold=[Document("economy-2024-01-01-b", "x", {})])
    with pytest.raises(ValidationError, match="differs from the corpus text"):
        studio_client.push(ls, [doc], label_config="<View/>", gold=[Document(doc.id, "Other text.", {})])


def test_export_names_are_plain_file_names(tmp_path):
    assert studio_client.export_path("pass1-alice-2024-11-12", tmp_path) == tmp_path / "pass1-alice-2024-11-12.json"
    for bad in ("../x", "a/b", "", ".hidden"):
        with pytest.raises(StudioError, match="export name"):
            studio_client.export_path(bad, tmp_path)


def test_cli_status_without_server_exits_3(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(server.HOME_ENV, str(tmp_path / "none"))
    from hearsay import cli
    assert cli.main(["studio", "status"]) == 3
    assert "not running" in capsys.readouterr().out


def test_cli_does_not_import_the_sdk_for_other_commands():
    code = ("import sys; import hearsay.cli as c; c.build_parser(); "
            "print('label_studio_sdk' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
