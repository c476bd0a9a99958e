"""Small HTTP helpers for tests that start a real server process (serve, gunicorn, an installed wheel)."""

from __future__ import annotations

import http.client
import socket


def free_port() -> int:
    """A port nothing listens on once the probe socket is closed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    """GET a path on 127.0.0.1: status, lower-cased headers, body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()
