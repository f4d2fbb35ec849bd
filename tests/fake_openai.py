"""A fake OpenAI-compatible chat completions server on 127.0.0.1, for tests through the real
``langchain-openai`` client. Each request pops the next scripted reply."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    def __init__(self) -> None:
        self.replies: list[tuple[int, str]] = []  # (status, content)
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                status, content = fake.replies.pop(0) if fake.replies else (200, "")
                if status != 200:
                    self._send(
                        status, "application/json", json.dumps({"error": {"message": content}})
                    )
                    return
                if body.get("stream"):
                    events = []
                    for i in range(0, len(content), 12):
                        delta = {"role": "assistant", "content": content[i : i + 12]}
                        events.append(self._chunk(delta, None))
                    events.append(self._chunk({}, "stop"))
                    payload = "".join(f"data: {json.dumps(e)}\n\n" for e in events)
                    self._send(200, "text/event-stream", payload + "data: [DONE]\n\n")
                else:
                    message = {"role": "assistant", "content": content}
                    reply = {
                        "id": "chatcmpl-1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", "fake"),
                        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                    self._send(200, "application/json", json.dumps(reply))

            def _chunk(self, delta: dict, finish: str | None) -> dict:
                return {
                    "id": "chatcmpl-1",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": "fake",
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                }

            def _send(self, status: int, kind: str, text: str) -> None:
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
