"""`kehoach serve`: the app in a browser. Loopback only unless --lan, an access code on every
request, one server per database, and a real headless Chromium that shows the app and
whose typed keys reach it."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from kehoach_tui.serve import ServeLock, listening_socket

from .serve_support import (
    chromium,
    environment_ok,
    listening_addresses,
    running_server,
    save_screenshot,
)

ROOT = Path(__file__).resolve().parent.parent
needs_linux = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc/net/tcp")


def _status(url: str, cookie: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _port(url: str) -> int:
    return int(url.split(":")[2].split("/")[0])


def test_sockets_bind_loopback_unless_lan():
    for lan, address in ((False, "127.0.0.1"), (True, "0.0.0.0")):
        sock = listening_socket(lan, 0)
        try:
            assert sock.getsockname()[0] == address
        finally:
            sock.close()


def test_lock_is_exclusive_and_says_where_the_holder_is(tmp_path):
    from kehoach_tui.serve import AlreadyServing

    first = ServeLock(tmp_path / "kehoach.db")
    first.acquire()
    first.publish("http://127.0.0.1:1234/?token=x")
    with pytest.raises(AlreadyServing) as busy:
        ServeLock(tmp_path / "kehoach.db").acquire()
    assert busy.value.info["url"] == "http://127.0.0.1:1234/?token=x"
    first.release()
    again = ServeLock(tmp_path / "kehoach.db")
    again.acquire()  # released (as when the process dies): free again
    again.release()


@needs_linux
def test_loopback_only_and_every_request_needs_the_code(tmp_path):
    db = tmp_path / "kehoach.db"
    with running_server(db) as (_, url):
        port = _port(url)
        assert listening_addresses(port) == {"127.0.0.1"}
        base = url.split("?")[0]
        assert _status(base) == 403
        assert _status(base + "?token=wrong") == 403
        assert _status(base + "static/js/textual.js") == 403
        assert _status(base + "ws") == 403
        assert _status(url) == 200
        token = url.split("token=")[1]
        cookie = f"kehoach_token_{port}={token}"
        assert _status(base + "static/js/textual.js", cookie) == 200

        async def websocket(origin: str) -> int:
            async with aiohttp.ClientSession(headers={"Cookie": cookie}) as http:
                try:
                    async with http.ws_connect(base + "ws", origin=origin) as ws:
                        await ws.close()
                        return 101
                except aiohttp.WSServerHandshakeError as exc:
                    return exc.status

        assert asyncio.run(websocket("http://evil.example")) == 403  # another site's page
        assert asyncio.run(websocket(f"http://127.0.0.1:{port}")) == 101


@needs_linux
def test_second_serve_says_where_the_first_is(tmp_path):
    db = tmp_path / "kehoach.db"
    with running_server(db) as (_, url):
        second = subprocess.run([sys.executable, "-m", "kehoach_tui", "--db", str(db), "serve", "--no-browser"],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and url in lines[0] and "đã được mở trong trình duyệt" in lines[0]
    # the first has stopped: the database can be served again
    with running_server(db) as (_, url2):
        assert url2 != url


@needs_linux
def test_lan_listens_on_all_addresses_and_still_needs_the_code(tmp_path):
    with running_server(tmp_path / "kehoach.db", "--lan") as (proc, url):
        port = _port(url)
        assert listening_addresses(port) == {"0.0.0.0"}
        assert _status(url.split("?")[0]) == 403
        assert _status(url) == 200


def test_page_fetches_nothing_from_the_internet():
    page = (ROOT / "kehoach_tui" / "serve_page" / "app_index.html").read_text(encoding="utf-8")
    assert "https://" not in page and "fonts.googleapis" not in page


@pytest.mark.slow
@pytest.mark.skipif(not environment_ok(), reason="needs /usr/bin/chromium (apt-get install chromium)")
def test_headless_chromium_shows_the_app_and_keys_reach_it(tmp_path):
    db = tmp_path / "kehoach.db"  # new: the first-run form, answered from the browser

    async def drive(url: str) -> Path:
        async with chromium(tmp_path / "profile") as page:
            await page.send("Network.enable")
            await page.send("Page.enable")
            await page.send("Page.navigate", url=url)
            await page.wait_for_text("Thiết lập lần đầu")
            await page.send("Runtime.evaluate", expression=(
                "document.querySelector('.xterm-helper-textarea').focus()"))
            for typed in ("", "", "Lê Văn Tám", ""):  # the suggested province, commune, plan;
                if typed:                              # the officer's name has no default
                    await page.type_text(typed)
                await page.press("Enter", 13)
                await asyncio.sleep(0.3)
            await page.wait_for_text("Tổng quan")
            await asyncio.sleep(1.5)  # let the overview finish drawing
            shown = await page.send("Runtime.evaluate", returnByValue=True, expression=(
                "document.body.classList.contains('-first-byte')"))
            assert shown["result"]["value"] is True
            shot = await page.send("Page.captureScreenshot", format="png")
            return save_screenshot(shot, tmp_path / "serve.png")

    with running_server(db) as (_, url):
        png = asyncio.run(drive(url))
    conn = sqlite3.connect(db)
    try:
        code = conn.execute("SELECT value FROM settings WHERE key = 'commune_code'").fetchone()
    finally:
        conn.close()
    assert code is not None and "16969" in code[0]  # the Enter keys reached the app
    assert png.stat().st_size > 20_000  # a drawn screen, not a blank page
    if os.environ.get("KEHOACH_UPDATE_DOCS"):  # KEHOACH_UPDATE_DOCS=1 refreshes docs/serve.png
        (ROOT / "docs" / "serve.png").write_bytes(png.read_bytes())
