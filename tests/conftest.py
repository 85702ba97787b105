"""Fixtures shared by the tests: the sample article, test pages, a local web server, the CLI as a process."""

from __future__ import annotations

import gc
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from reader import atomic
from reader.model import Analysis
from reader.resources import sample_article

DATA = Path(__file__).parent / "data"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: two workers more than there are cores (at most two a core), since an app test spends much of its
    time asleep while Textual waits for the screen to settle, and another worker can use the core meanwhile.
    PYTEST_XDIST_AUTO_NUM_WORKERS, when set, decides as pytest-xdist says."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(2 * cores, cores + 2)


def pytest_configure(config: pytest.Config) -> None:
    """Collect garbage every 20,000 new objects instead of Python's 700 (in each worker).

    An app test makes and drops some 50,000 objects, and Textual's caches keep a few hundred thousand alive: at 700
    the collector ran some 80 times a test, and the full collections that followed walked all those kept objects,
    a quarter of the app tests' CPU time. At 20,000 a test's garbage mostly goes while still young.
    """
    gc.set_threshold(20_000, *gc.get_threshold()[1:])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first (when asked for, as CI does): pytest-xdist hands the tests out in this order, and one of
    half a minute handed out near the end kept its worker busy long after the others had finished."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def own_state_and_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test remembers and reads settings in folders of its own, never the user's."""
    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("READER_STATE_DIR", str(folder / "state"))
    monkeypatch.setenv("READER_CONFIG_DIR", str(folder / "config"))


@pytest.fixture(autouse=True)
def notes_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps the highlights it makes in a data folder of its own, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("READER_DATA_DIR", str(folder))
    return folder


class Disk:
    """The disk of the notes folder, which a test fills and frees."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.full = False


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch, notes_dir: Path) -> Disk:
    """The notes' writes go to /dev/full, which takes none of them, as a disk with no room left, while `full`."""
    disk = Disk(notes_dir)
    make_temporary = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        descriptor, name = make_temporary(*args, **kwargs)
        if disk.full and Path(kwargs["dir"]).is_relative_to(disk.folder):
            os.close(descriptor)
            descriptor = os.open("/dev/full", os.O_WRONLY)
        return descriptor, name

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    return disk


@pytest.fixture
def seed_path() -> Path:
    """The sample article that `reader` opens with no argument."""
    return sample_article()


@pytest.fixture(scope="session")
def sample_analysis() -> Analysis:
    """The engine's analysis of the sample as `reader analyze` gives it, run once for every test that reads it."""
    from reader.analysis import analyze
    from reader.sources import load

    return analyze(load(str(sample_article())))


@pytest.fixture(scope="session")
def validator() -> Draft202012Validator:
    """Checks a document against the reader.analysis/1 JSON Schema the package ships (itself checked first)."""
    schema = json.loads((files("reader") / "analysis.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture
def data_dir() -> Path:
    """tests/data, where the fixture files live."""
    return DATA


@dataclass
class Page:
    status: int
    content_type: str
    body: bytes


@dataclass
class WebServer:
    """A web server on 127.0.0.1 serving the pages a test registers, and recording what was asked."""

    base_url: str
    pages: dict[str, Page] = field(default_factory=dict)
    user_agents: list[str] = field(default_factory=list)

    def serve(
        self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200
    ) -> str:
        """Serve `body` at `path`; returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = Page(status, content_type, data)
        return self.base_url + path


@pytest.fixture
def web_server() -> Iterator[WebServer]:
    """A local HTTP server in a thread; unknown paths answer 404."""
    site = WebServer(base_url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.user_agents.append(self.headers.get("User-Agent", ""))
            page = site.pages.get(self.path, Page(404, "text/html", b"<html><body>Not here</body></html>"))
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def run_reader() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m reader ARGS` as a separate process, as a user would from the shell."""

    def run(
        *arguments: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        completed = subprocess.run(
            [sys.executable, "-m", "reader", *arguments],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            timeout=300,
        )
        return subprocess.CompletedProcess(
            completed.args,
            completed.returncode,
            completed.stdout.decode("utf-8"),
            completed.stderr.decode("utf-8"),
        )

    return run


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """Make a folder or file read-only for this process (chmod; chattr +i when running as root); undone after."""
    changed: list[tuple[Path, int, bool]] = []

    def make(path: Path) -> None:
        mode = path.stat().st_mode & 0o7777
        path.chmod(0o555 if path.is_dir() else 0o444)
        immutable = False
        if os.access(path, os.W_OK):  # root ignores the mode bits
            chattr = shutil.which("chattr")
            immutable = chattr is not None and subprocess.run([chattr, "+i", str(path)]).returncode == 0
            if not immutable:
                path.chmod(mode)
                pytest.skip("cannot make a file read-only for this user")
        changed.append((path, mode, immutable))

    yield make
    for path, mode, immutable in reversed(changed):
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)
