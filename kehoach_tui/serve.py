"""`kehoach serve`: the same app in a browser tab, for PCs whose console renders it poorly.

textual-serve runs one app process per browser connection and relays its screen over a
WebSocket. What this module adds around it:

- it listens on 127.0.0.1 only, unless --lan (then on every address);
- every request needs the random access code (token) made at start: in the URL the first
  time, then in a cookie for the page's own requests. Even on 127.0.0.1 this matters: any
  web page open in the same browser could otherwise reach ws://127.0.0.1:PORT and type into
  the app (WebSockets are not bound by the same-origin rule), so the WebSocket must also
  come from this server's own page (Origin);
- one server per database: an OS lock on `<db>.serve.lock`, released when the process
  ends however it ends; `<db>.serve.json` says where the running one is;
- the page is textual-serve's, with the font served locally (no request to the internet).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from .atomic_write import write_atomic
from .i18n import get_lang, t

PAGE = Path(__file__).resolve().parent / "serve_page"
TOKEN_PARAM = "token"


class AlreadyServing(Exception):
    def __init__(self, info: dict[str, Any]):
        super().__init__(info.get("url", ""))
        self.info = info


@dataclass
class ServeLock:
    """An exclusive lock beside the database, held for the server's whole life."""

    db: Path
    handle: Any = None

    @property
    def lock_path(self) -> Path:
        return self.db.with_name(self.db.name + ".serve.lock")

    @property
    def info_path(self) -> Path:
        return self.db.with_name(self.db.name + ".serve.json")

    def acquire(self) -> None:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.lock_path, "a+b")  # noqa: SIM115 - held open until release()
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise AlreadyServing(self.read_info()) from None
        self.handle = handle

    def read_info(self) -> dict[str, Any]:
        try:
            return json.loads(self.info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def publish(self, url: str) -> None:
        text = json.dumps({"pid": os.getpid(), "url": url, "db": str(self.db)}, ensure_ascii=False)
        # Owner-only from the first byte: it holds the access code.
        write_atomic(self.info_path, text.encode("utf-8"), durable=False, private=True)

    def release(self) -> None:
        if self.handle is None:
            return
        with contextlib.suppress(OSError):
            self.info_path.unlink()
        self.handle.close()  # closing the file drops the OS lock
        self.handle = None


def _lock(handle) -> None:
    # sys.platform (not os.name) so the type checker knows which branch is this OS's.
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def app_command(db: Path, lang: str) -> str:
    """The shell command textual-serve starts for each browser connection."""
    argv = [sys.executable, "-m", "kehoach_tui", "--db", str(db), "--lang", lang]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def listening_socket(lan: bool, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name != "nt":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("0.0.0.0" if lan else "127.0.0.1", port))
    sock.listen(16)
    sock.setblocking(False)
    return sock


def lan_addresses() -> list[str]:
    """This PC's IPv4 addresses as its own name resolves them (no packet is sent)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return sorted({str(i[4][0]) for i in infos if not str(i[4][0]).startswith("127.")})


class KehoachServer(Server):
    """textual-serve's Server with the access code, the local page and our own socket."""

    def __init__(self, command: str, sock: socket.socket, *, token: str, title: str,
                 on_ready=None):
        self.sock = sock
        self.token = token
        self.port = sock.getsockname()[1]
        self.cookie = f"kehoach_token_{self.port}"
        self.on_ready = on_ready
        super().__init__(command, host="127.0.0.1", port=self.port, title=title,
                         templates_path=PAGE)

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING)

    def url(self, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/?{TOKEN_PARAM}={self.token}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    def _allowed(self, request: web.Request) -> bool:
        given = request.query.get(TOKEN_PARAM) or request.cookies.get(self.cookie) or ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return False
        origin = request.headers.get("Origin")
        return request.path != "/ws" or origin is None or origin == f"http://{request.host}"

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        if not self._allowed(request):
            return web.Response(status=403, text=t("serve.forbidden"), charset="utf-8")
        response = await handler(request)
        if request.query.get(TOKEN_PARAM) and isinstance(response, web.Response):
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, its URLs built from the address the browser used (so --lan works)."""
        import aiohttp_jinja2

        base = f"http://{request.host}"
        context = {
            "font_size": 16,
            "app_websocket_url": "ws://" + request.host + str(request.app.router["websocket"].url_for()),
            "config": {"static": {"url": base + "/static/"}},
            "application": {"name": self.title},
            "lang": get_lang(),
            "texts": {"start": t("serve.page_start"), "ended": t("serve.page_ended"),
                      "restart": t("serve.page_restart")},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def on_startup(self, app: web.Application) -> None:
        if self.on_ready is not None:
            self.on_ready(self)

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C still stops it
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(self._make_app(), sock=self.sock, handle_signals=False, loop=loop,
                    print=lambda *args: None)


def serve(db: Path, *, port: int = 0, lan: bool = False, browser: bool = True,
          echo=print) -> None:
    """Run until Ctrl+C. Raises AlreadyServing when this database is served already."""
    db = Path(db).resolve()
    lock = ServeLock(db)
    lock.acquire()
    try:
        try:
            sock = listening_socket(lan, port)
        except OSError:
            raise OSError(t("serve.port_busy", port=port)) from None

        def ready(server: KehoachServer) -> None:
            url = server.url()
            lock.publish(url)
            echo(t("serve.running", url=url))
            if lan:
                echo(t("serve.lan"))
                for address in lan_addresses():
                    echo("  " + server.url(address))
            if browser:
                threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

        server = KehoachServer(app_command(db, get_lang()), sock, token=secrets.token_urlsafe(24),
                               title=t("app.title"), on_ready=ready)
        server.serve()
        echo(t("serve.stopped"))
    finally:
        lock.release()
