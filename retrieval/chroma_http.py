"""The HTTP client for a Chroma server, with a timeout and one clear error.

chromadb's ``HttpClient`` sends every request with no timeout at all (``httpx.Client(timeout=None)``
in ``chromadb.api.fastapi``) and already talks to the server while it is constructed: a server
that accepts connections and never replies hangs a reader forever, and a closed port ends in a
long traceback. So the server is probed first with the timeout, and the client's own session then
gets the same timeout, its transport failures turned into ``BackendUnavailable``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

import httpx

from retrieval.integrity import IndexProblem

log = logging.getLogger(__name__)

TIMEOUT_HINT = "NEWSBOT_CHROMA_TIMEOUT"


class BackendUnavailable(IndexProblem):
    """The Chroma server cannot be reached or does not answer; the message says which."""


def _failure(url: str, timeout: float, exc: Exception) -> BackendUnavailable:
    if isinstance(exc, httpx.TimeoutException):
        return BackendUnavailable(
            f"the Chroma server at {url} did not answer within {timeout:g}s "
            f"(is it overloaded or stuck? the limit is {TIMEOUT_HINT})"
        )
    return BackendUnavailable(
        f"cannot reach the Chroma server at {url} ({exc or type(exc).__name__})"
    )


def _construct(make: Callable[[], Any], url: str, timeout: float) -> Any:
    """``make()`` given ``timeout`` seconds: chromadb's constructor sends requests of its own
    (tenant, database) before its session can be given a timeout. On a server that stops
    answering, the constructing thread is left waiting; it is a daemon, gone at exit."""
    done: dict[str, Any] = {}

    def run() -> None:
        try:
            done["client"] = make()
        except Exception as exc:
            done["error"] = exc

    thread = threading.Thread(target=run, daemon=True, name="chroma-connect")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise _failure(url, timeout, httpx.ReadTimeout("no reply"))
    error = done.get("error")
    if isinstance(error, httpx.HTTPError):
        raise _failure(url, timeout, error) from None
    if isinstance(error, ValueError):  # chromadb's "Could not connect to a Chroma server"
        raise BackendUnavailable(f"cannot use the Chroma server at {url} ({error})") from None
    if error is not None:
        raise error
    return done["client"]


def checked_http_client(url: str, timeout: float, settings: Any) -> Any:
    """A chromadb ``HttpClient`` for ``url`` whose requests give up after ``timeout`` seconds."""
    import chromadb

    parsed = urlparse(url)
    host = parsed.hostname or "localhost"
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    base = f"{parsed.scheme or 'http'}://{host}:{port}"
    try:
        httpx.get(f"{base}/api/v2/heartbeat", timeout=timeout).raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise BackendUnavailable(
            f"{url} does not look like a Chroma server (heartbeat: HTTP {exc.response.status_code})"
        ) from None
    except httpx.HTTPError as exc:
        raise _failure(url, timeout, exc) from None
    client = _construct(
        lambda: chromadb.HttpClient(
            host=host, port=port, ssl=parsed.scheme == "https", settings=settings
        ),
        url,
        timeout,
    )
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(timeout)
        send = session.request

        def request(*args: Any, **kwargs: Any) -> httpx.Response:
            try:
                return send(*args, **kwargs)
            except httpx.TransportError as exc:
                raise _failure(url, timeout, exc) from None

        session.request = request  # type: ignore[method-assign]
    else:  # a chromadb release that moved its session: requests keep chromadb's own behaviour
        log.warning("could not set a timeout on chromadb's HTTP client")
    return client
