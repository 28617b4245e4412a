"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, nothing else.

The browser tests and the benchmark both read the site through this server, so the bytes they
count are the bytes a reader's browser would receive from a host that compresses text.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import ClassVar

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it and the type is text."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".json": "application/json",
        ".ipynb": "application/json",
        ".xml": "application/xml",
    }

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the URL with a slash
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts_gzip and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)  # copied to the socket, then closed

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on a free port of 127.0.0.1; yields the base URL, ending in a slash."""
    handler = partial(StaticSiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
