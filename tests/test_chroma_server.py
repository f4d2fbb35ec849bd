"""Scale-out: the store on a real Chroma server (`chroma run`), shared by two newsbot processes."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import newsbot

CHROMA = Path(sys.executable).with_name("chroma")
QUESTION = "Where did Milley meet Gerasimov?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path):
    if not CHROMA.is_file():
        pytest.skip(f"no chroma command beside {sys.executable}")
    port = _free_port()
    log = open(tmp_path / "chroma.log", "w")
    server = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1"]
        + ["--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp_path / "chroma.log").read_text()[-2000:])
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.slow
def test_two_processes_answer_from_one_chroma_server(
    chroma_server: str, cli_env: dict[str, str], tmp_path: Path
) -> None:
    first = {**cli_env, "NEWSBOT_CHROMA_URL": chroma_server}
    first["NEWSBOT_INDEX_DIR"] = str(tmp_path / "worker1")
    ingested = newsbot(first, "ingest", timeout=180)
    assert ingested.returncode == 0, ingested.stderr
    assert "added 5" in ingested.stdout
    asked = newsbot(first, "ask", QUESTION, "--json", timeout=180)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert not answer["abstained"]
    assert answer["citations"][0]["article_id"] == "000_5302a115a2186422"
    # Nothing of the store was written locally: the embedded store was never opened.
    assert not (tmp_path / "worker1" / "chroma").exists()

    # A second worker with an empty local folder: it answers from the server at once, without
    # ingesting; the only thing it builds is its keyword index cache.
    second = {**cli_env, "NEWSBOT_CHROMA_URL": chroma_server}
    second["NEWSBOT_INDEX_DIR"] = str(tmp_path / "worker2")
    again = newsbot(second, "ask", QUESTION, "--json", timeout=180)
    assert again.returncode == 0, again.stderr
    assert "Building the index" not in again.stderr and "indexed" not in again.stderr
    assert json.loads(again.stdout)["citations"] == answer["citations"]
    built = sorted(p.name for p in (tmp_path / "worker2").iterdir())
    assert built == ["keyword"]
    # And an ingest from it finds everything already there.
    noop = newsbot(second, "ingest", timeout=180)
    assert noop.returncode == 0 and "up to date: 5 articles unchanged" in noop.stdout
