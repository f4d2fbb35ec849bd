"""Backends that refuse or never answer, through the real clients against servers on 127.0.0.1:
one clear line and a bounded wait, never a traceback or a hang. And the ingest lease on a real
Chroma server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from retrieval.chroma_http import BackendUnavailable, checked_http_client
from retrieval.lock import IndexBusy, StoreGuard
from retrieval.stores import chroma_client
from tests.reliability_helpers import cli

QUESTION = "Where did Milley meet Gerasimov?"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SilentServer:
    """Accepts connections and never replies, or replies only to Chroma's heartbeat."""

    def __init__(self, heartbeat: bool = False) -> None:
        self.heartbeat = heartbeat
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            if self.heartbeat:
                request = conn.recv(65536)
                if b"/heartbeat" in request:
                    body = b'{"nanosecond heartbeat": 1}'
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                    )

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def test_closed_port_is_one_clear_error() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(BackendUnavailable, match=f"cannot reach the Chroma server at {url}"):
        chroma_client(url=url, timeout=2)


def test_a_server_that_never_replies_times_out(silent: SilentServer) -> None:
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match="did not answer within 1s"):
        chroma_client(url=silent.url, timeout=1)
    assert time.monotonic() - started < 5


def test_a_server_that_stops_replying_after_the_heartbeat_times_out() -> None:
    server = SilentServer(heartbeat=True)
    try:
        started = time.monotonic()
        with pytest.raises(BackendUnavailable, match="did not answer within 1s"):
            checked_http_client(server.url, 1, None)
        assert time.monotonic() - started < 5
    finally:
        server.close()


@pytest.mark.slow
def test_cli_on_a_closed_port_or_a_silent_server_prints_one_line(
    silent: SilentServer, cli_env: dict[str, str]
) -> None:
    for url, expected in (
        (f"http://127.0.0.1:{_closed_port()}", "cannot reach the Chroma server"),
        (silent.url, "did not answer within 1s"),
    ):
        env = {**cli_env, "NEWSBOT_CHROMA_URL": url, "NEWSBOT_CHROMA_TIMEOUT": "1"}
        for command in (["ask", QUESTION], ["ingest"]):
            done = cli(*command, env=env, timeout=60)
            assert done.returncode == 1, done.stderr
            assert done.stderr.startswith(f"error: {expected}") or (
                expected in done.stderr and done.stderr.startswith("error:")
            ), done.stderr
            assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_store_lease_one_holder_and_takeover_after_expiry(tmp_path: Path) -> None:
    client = chroma_client(path=str(tmp_path / "chroma"))
    first, second = StoreGuard(client, "t", lease_s=2), StoreGuard(client, "t", lease_s=2)
    first.acquire(0)
    messages: list[str] = []
    with pytest.raises(IndexBusy, match=f"process {os.getpid()}"):
        second.acquire(0.3, messages.append)
    assert messages and "another ingest is running" in messages[0]
    assert second.running() and not first.running()
    first.release()
    second.acquire(0)
    # A holder that dies without releasing: its lease stops being renewed and expires.
    second._stop.set()
    second._renewer.join()
    third = StoreGuard(client, "t", lease_s=2)
    third.acquire(10)
    assert not third.running()
    third.release()


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    exe = str(Path(sys.executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.skip("the chroma server command is not installed")
    port = _closed_port()
    proc = subprocess.Popen(
        [exe, "run", "--path", str(tmp_path / "server"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{url}/api/v2/heartbeat", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.slow
def test_two_ingests_on_one_chroma_server_take_turns(
    chroma_server: str, cli_env: dict[str, str]
) -> None:
    env = {**cli_env, "NEWSBOT_CHROMA_URL": chroma_server, "NEWSBOT_LOCK_WAIT": "2"}
    holder = StoreGuard(chroma_client(url=chroma_server, timeout=10), "newsbot")
    holder.acquire(0)
    try:
        done = cli("ingest", env=env)
        assert done.returncode == 1
        assert f"another ingest holds the index (process {os.getpid()}" in done.stderr
    finally:
        holder.release()
    done = cli("ingest", env=env)
    assert done.returncode == 0 and "added 5" in done.stdout, done.stderr
    done = cli("ask", QUESTION, env=env)
    assert done.returncode == 0 and "000_5302a115a2186422" in done.stdout
