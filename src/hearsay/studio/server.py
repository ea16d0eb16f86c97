"""A local Label Studio server for annotating Hearsay, run from its own virtual environment.

Label Studio pins libraries that conflict with the rest of Hearsay (pyarrow, pandas), so it is never
installed into the main environment: `ensure_venv` builds `.work/studio-venv` from the exact pins in
`requirements.txt` (rebuilt when that file changes). `start` runs the server bound to 127.0.0.1 with
its data directory in `.work/studio/data`, records its pid in `.work/studio/server.json`, and on the
first start creates the admin user and API token non-interactively (Label Studio's
LABEL_STUDIO_USERNAME / _PASSWORD / _USER_TOKEN with legacy tokens enabled). `stop` stops exactly the
process recorded there, after checking the pid still belongs to it.

The API token lives in `.work/studio/credentials.json` (mode 0600) unless $HEARSAY_STUDIO_TOKEN is
set; it is never printed or logged, and never put into an exception message.

Nothing here prints: progress goes to an optional callback, failures are `StudioError`s.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import paths
from ..io import atomic_open, write_json
from . import StudioAuthError, StudioError, StudioTimeout, StudioUnavailable

log = logging.getLogger(__name__)

REQUIREMENTS = Path(__file__).with_name("requirements.txt")
HOST = "127.0.0.1"
DEFAULT_USER = "admin@hearsay.local"
START_TIMEOUT = 180.0  # a fresh data directory runs all migrations first (about 25 s on 2 cores)

TOKEN_ENV = "HEARSAY_STUDIO_TOKEN"
PASSWORD_ENV = "HEARSAY_STUDIO_PASSWORD"
PORT_ENV = "HEARSAY_STUDIO_PORT"
URL_ENV = "HEARSAY_STUDIO_URL"
HOME_ENV = "HEARSAY_STUDIO_HOME"
VENV_ENV = "HEARSAY_STUDIO_VENV"

Progress = Callable[[str], None]

# Variables passed through to the server; everything else is dropped, because Label Studio reads
# bare names such as USERNAME, PASSWORD, HOST, PORT, DEBUG and DJANGO_DB from the environment.
_PASS_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SSL_CERT_FILE", "SSL_CERT_DIR")


def pinned_version() -> str:
    """The Label Studio version pinned in requirements.txt (the one place it is written)."""
    match = re.search(r"^label-studio==(\S+)$", REQUIREMENTS.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise StudioError(f"{REQUIREMENTS}: no exact label-studio==<version> pin")
    return match.group(1)


@dataclass(frozen=True)
class StudioHome:
    """Where one local server keeps its state. `root` holds data, log, pid and credentials; `venv`
    is the server environment, shared between homes (tests use their own root, the same venv)."""

    root: Path
    venv: Path

    @classmethod
    def default(cls) -> "StudioHome":
        root = os.environ.get(HOME_ENV)
        venv = os.environ.get(VENV_ENV)
        return cls(Path(root).resolve() if root else paths.WORK_DIR / "studio",
                   Path(venv).resolve() if venv else paths.WORK_DIR / "studio-venv")

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def state_file(self) -> Path:
        return self.root / "server.json"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @property
    def credentials_file(self) -> Path:
        return self.root / "credentials.json"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def venv_marker(self) -> Path:
        return self.venv / ".hearsay-requirements.sha256"

    @property
    def venv_log(self) -> Path:
        return self.venv.parent / f"{self.venv.name}-install.log"


# --------------------------------------------------------------------------- credentials


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)
    token: str = field(repr=False)


def _write_private(path: Path, text: str) -> None:
    """Atomically write a file readable by its owner only (mkstemp creates it 0600: never wider)."""
    with atomic_open(path) as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def load_credentials(home: StudioHome) -> Credentials | None:
    path = home.credentials_file
    if not path.exists():
        return None
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        log.warning("%s had mode %o; tightened to 600", path, mode)
        os.chmod(path, 0o600)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Credentials(raw["username"], raw["password"], raw["token"])
    except (ValueError, KeyError, TypeError) as exc:
        raise StudioError(f"{path}: unreadable credentials file ({type(exc).__name__}); delete it together "
                          f"with {home.data_dir} to start afresh") from None


def ensure_credentials(home: StudioHome) -> Credentials:
    """The admin credentials of this home, created on first use ($HEARSAY_STUDIO_TOKEN and
    $HEARSAY_STUDIO_PASSWORD are used when set, else random ones are generated)."""
    creds = load_credentials(home)
    if creds is not None:
        return creds
    token = os.environ.get(TOKEN_ENV) or secrets.token_hex(20)  # Label Studio keeps at most 40 chars
    if not 6 <= len(token) <= 40:
        raise StudioError(f"${TOKEN_ENV} must be 6 to 40 characters long")
    creds = Credentials(DEFAULT_USER, os.environ.get(PASSWORD_ENV) or secrets.token_urlsafe(18), token)
    _write_private(home.credentials_file, json.dumps(asdict(creds), indent=2) + "\n")
    return creds


def api_token(home: StudioHome | None = None) -> str:
    """The API token: $HEARSAY_STUDIO_TOKEN if set, else the one in the home's credentials file."""
    env = os.environ.get(TOKEN_ENV)
    if env:
        return env
    home = home or StudioHome.default()
    creds = load_credentials(home)
    if creds is None:
        raise StudioError(f"no Label Studio API token: set ${TOKEN_ENV}, or run `hearsay studio up` once to "
                          f"create the local server and its token ({home.credentials_file})")
    return creds.token


# --------------------------------------------------------------------------- environment


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _requirements_hash() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def venv_ready(home: StudioHome) -> bool:
    try:
        return home.python.exists() and home.venv_marker.read_text().strip() == _requirements_hash()
    except FileNotFoundError:
        return False


def _run_logged(cmd: list[str], logfile: Path, what: str, on_progress: Progress | None, timeout: float) -> None:
    with logfile.open("a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(cmd)}\n")
        out.flush()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        started = time.monotonic()
        try:
            while proc.poll() is None:
                elapsed = time.monotonic() - started
                if elapsed > timeout:
                    proc.kill()
                    proc.wait()
                    raise StudioTimeout(f"{what} took longer than {timeout:.0f} s; see {logfile}")
                if on_progress:
                    on_progress(f"{what} ({elapsed:.0f} s)")
                time.sleep(1)
        except BaseException:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            raise
    if proc.returncode != 0:
        raise StudioError(f"{what} failed (exit {proc.returncode}); the last lines of {logfile}:\n"
                          + _tail(logfile, 15))


def ensure_venv(home: StudioHome, *, on_progress: Progress | None = None, timeout: float = 1800) -> bool:
    """Create the server environment unless it exists for the current requirements. True if built."""
    if venv_ready(home):
        return False
    with _locked(home.venv.parent / f".{home.venv.name}.lock"):
        if venv_ready(home):  # built by someone else while we waited
            return False
        if home.venv.exists():
            shutil.rmtree(home.venv)
        home.venv_log.parent.mkdir(parents=True, exist_ok=True)
        home.venv_log.write_text(f"# {datetime.now(timezone.utc).isoformat()} building {home.venv}\n",
                                 encoding="utf-8")
        what = f"creating the Label Studio {pinned_version()} environment in {home.venv} (first use only)"
        _run_logged([sys.executable, "-m", "venv", str(home.venv)], home.venv_log, what, on_progress, 300)
        _run_logged([str(home.python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
                     "-r", str(REQUIREMENTS)], home.venv_log, what, on_progress, timeout)
        probe = subprocess.run([str(home.python), "-c", "import label_studio; print(label_studio.__version__)"],
                               capture_output=True, text=True, check=False)
        if probe.returncode != 0 or probe.stdout.strip() != pinned_version():
            raise StudioError(f"the new environment {home.venv} does not import label_studio {pinned_version()} "
                              f"(got {probe.stdout.strip() or probe.stderr.strip()[-300:]!r}); see {home.venv_log}")
        home.venv_marker.write_text(_requirements_hash() + "\n")
    return True


# --------------------------------------------------------------------------- process


@dataclass(frozen=True)
class ServerState:
    pid: int
    port: int
    url: str
    proc_start: str | None  # /proc/<pid>/stat start time, to tell our process from a reused pid
    started_at: str
    version: str
    data_dir: str
    log: str


@dataclass(frozen=True)
class Status:
    state: ServerState | None
    running: bool  # the recorded process is alive and is ours
    healthy: bool  # it answers the health endpoint


def _proc_start(pid: int) -> str | None:
    """The kernel's start time of a process, or None if /proc is not available."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def _proc_state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return None


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def _alive(pid: int) -> bool:
    if Path("/proc").is_dir():
        state = _proc_state(pid)
        return state is not None and state not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_ours(state: ServerState) -> bool:
    """True if the recorded pid is alive and still the Label Studio process we started."""
    if not _alive(state.pid):
        return False
    if state.proc_start is None or not Path("/proc").is_dir():
        return True
    return _proc_start(state.pid) == state.proc_start and "label_studio" in _cmdline(state.pid)


def read_state(home: StudioHome) -> ServerState | None:
    try:
        raw = json.loads(home.state_file.read_text(encoding="utf-8"))
        return ServerState(**raw)
    except FileNotFoundError:
        return None
    except (ValueError, TypeError) as exc:
        log.warning("ignoring unreadable %s (%s)", home.state_file, exc)
        return None


def _health(url: str, timeout: float = 2.0) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(f"{url}/health/", timeout=timeout) as response:
            return response.status == 200 and b"UP" in response.read(200)
    except (OSError, urllib.error.URLError, ValueError):
        return False


def status(home: StudioHome | None = None) -> Status:
    home = home or StudioHome.default()
    state = read_state(home)
    if state is None:
        return Status(None, False, False)
    running = is_ours(state)
    return Status(state, running, running and _health(state.url))


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Django's server does
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:  # Label Studio's own check connects
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) != 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _choose_port(port: int | None, previous: ServerState | None) -> int:
    if port is None and os.environ.get(PORT_ENV):
        try:
            port = int(os.environ[PORT_ENV])
        except ValueError:
            raise StudioError(f"${PORT_ENV} must be a port number, not {os.environ[PORT_ENV]!r}") from None
    if port is not None:
        if not 0 < port < 65536:
            raise StudioError(f"port {port} is out of range")
        if not _port_free(port):
            raise StudioError(f"port {port} on {HOST} is already in use; choose another with --port "
                              f"or ${PORT_ENV}, or leave it unset to take a free one")
        return port
    if previous is not None and _port_free(previous.port):
        return previous.port  # keep the URL stable across restarts when we can
    return free_port()


def _server_env(home: StudioHome, creds: Credentials) -> dict[str, str]:
    env = {name: os.environ[name] for name in _PASS_ENV if name in os.environ}
    env.update({
        "LABEL_STUDIO_BASE_DATA_DIR": str(home.data_dir),
        "DJANGO_DB": "sqlite",
        # admin user and API token, created on the first start (an existing user is left as it is)
        "LABEL_STUDIO_USERNAME": creds.username,
        "LABEL_STUDIO_PASSWORD": creds.password,
        "LABEL_STUDIO_USER_TOKEN": creds.token,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        # local only: no sign-ups, no calls home
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
        "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def _tail(path: Path, lines: int, redact: str | None = None) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return "(no log)"
    if redact:
        text = text.replace(redact, "<token>")
    return "\n".join("    " + line for line in text.splitlines()[-lines:])


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM, then SIGKILL after `timeout`; reaps the process if it is our child."""
    def gone() -> bool:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            pass
        return not _alive(pid)

    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if gone():
                return
            time.sleep(0.1)
    raise StudioError(f"process {pid} did not stop after SIGKILL")


def wait_healthy(url: str, timeout: float, *, alive: Callable[[], bool] = lambda: True,
                 on_progress: Progress | None = None) -> float:
    """Poll the health endpoint until it answers; returns the seconds waited."""
    started = time.monotonic()
    while True:
        elapsed = time.monotonic() - started
        if _health(url):
            return elapsed
        if not alive():
            raise StudioUnavailable(f"the Label Studio process stopped before answering at {url}")
        if elapsed > timeout:
            raise StudioTimeout(f"Label Studio did not answer at {url}/health/ within {timeout:.0f} s")
        if on_progress:
            on_progress(f"waiting for Label Studio at {url} ({elapsed:.0f} s)")
        time.sleep(0.5)


@dataclass(frozen=True)
class StartResult:
    state: ServerState
    reused: bool  # a server of this home was already running
    built_venv: bool
    seconds: float


def start(home: StudioHome | None = None, *, port: int | None = None, timeout: float = START_TIMEOUT,
          on_progress: Progress | None = None) -> StartResult:
    """Start the server of `home` (or reuse the one running) and wait until it answers with our token."""
    from .client import connect, whoami  # the SDK is only needed once a server runs

    home = home or StudioHome.default()
    began = time.monotonic()
    home.root.mkdir(parents=True, exist_ok=True)
    with _locked(home.root / ".lock"):
        previous = read_state(home)
        if previous is not None and is_ours(previous):
            if port is not None and port != previous.port:
                raise StudioError(f"Label Studio is already running at {previous.url} (pid {previous.pid}); "
                                  f"stop it with `hearsay studio down` to move it to port {port}")
            wait_healthy(previous.url, timeout, alive=lambda: is_ours(previous), on_progress=on_progress)
            return StartResult(previous, True, False, time.monotonic() - began)
        if previous is not None:
            log.info("removing stale %s (pid %s is gone)", home.state_file, previous.pid)
            home.state_file.unlink(missing_ok=True)

        built = ensure_venv(home, on_progress=on_progress)
        creds = ensure_credentials(home)
        chosen = _choose_port(port, previous)
        url = f"http://{HOST}:{chosen}"
        home.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if home.log_file.exists():
            home.log_file.replace(home.log_file.with_suffix(".log.1"))
        cmd = [str(home.python), "-m", "label_studio.server", "start", "--no-browser",
               "--internal-host", HOST, "--port", str(chosen), "--data-dir", str(home.data_dir)]
        with home.log_file.open("w", encoding="utf-8") as out:
            proc = subprocess.Popen(cmd, cwd=home.root, env=_server_env(home, creds), stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True, close_fds=True)
        state = ServerState(proc.pid, chosen, url, _proc_start(proc.pid),
                            datetime.now(timezone.utc).isoformat(timespec="seconds"), pinned_version(),
                            str(home.data_dir), str(home.log_file))
        write_json(home.state_file, asdict(state))  # recorded at once, so `down` can stop a slow start
        try:
            wait_healthy(url, timeout, alive=lambda: proc.poll() is None, on_progress=on_progress)
            whoami(connect(url, api_token(home), timeout=30))
        except StudioAuthError:
            _terminate(proc.pid, 10)
            home.state_file.unlink(missing_ok=True)
            raise StudioAuthError(
                f"Label Studio started but rejects the API token: its database in {home.data_dir} was created "
                f"with another one. Unset ${TOKEN_ENV} if it is set, or restore {home.credentials_file}, or "
                f"delete {home.data_dir} to start afresh (its annotations are lost)") from None
        except StudioError as exc:
            if proc.poll() is None:
                _terminate(proc.pid, 10)
            else:
                proc.wait()
            home.state_file.unlink(missing_ok=True)
            raise type(exc)(f"{exc}\nLabel Studio did not start; the last lines of {home.log_file}:\n"
                            + _tail(home.log_file, 15, redact=api_token(home))) from None
        except BaseException:
            _terminate(proc.pid, 10)
            home.state_file.unlink(missing_ok=True)
            raise
        return StartResult(state, False, built, time.monotonic() - began)


def stop(home: StudioHome | None = None, *, timeout: float = 20.0) -> ServerState | None:
    """Stop the process recorded for `home`; returns its state, or None if none was running."""
    home = home or StudioHome.default()
    home.root.mkdir(parents=True, exist_ok=True)
    with _locked(home.root / ".lock"):
        state = read_state(home)
        if state is None:
            return None
        if not is_ours(state):
            log.info("removing stale %s (pid %s is gone or belongs to another program)", home.state_file, state.pid)
            home.state_file.unlink(missing_ok=True)
            return None
        _terminate(state.pid, timeout)
        home.state_file.unlink(missing_ok=True)
        return state


def server_url(home: StudioHome | None = None) -> str:
    """The URL to talk to: $HEARSAY_STUDIO_URL if set, else the running local server's."""
    env = os.environ.get(URL_ENV)
    if env:
        return env.rstrip("/")
    home = home or StudioHome.default()
    state = read_state(home)
    if state is None or not is_ours(state):
        raise StudioUnavailable("Label Studio is not running: start it with `hearsay studio up` "
                                f"(or point ${URL_ENV} at a running server)")
    return state.url
