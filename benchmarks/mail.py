"""Mail figures: what the connectivity probe costs, how big the e-mail is beside its bundle,
how long sending takes on loopback, and how the outbox listing scales.

    uv run python benchmarks/mail.py [--tiny]

Needs the dev dependencies (aiosmtpd: a real SMTP server on 127.0.0.1).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TMP = Path(tempfile.mkdtemp(prefix="kehoach-mail-bench-"))
TINY = "--tiny" in sys.argv[1:]  # few repeats and items: checks that it runs
os.environ.setdefault("KEHOACH_TODAY", "2025-11-05")
os.environ["KEHOACH_DATA_DIR"] = str(TMP / "data")

from kehoach_tui.communes import commune_by_code  # noqa: E402
from kehoach_tui.mail import outbox  # noqa: E402
from kehoach_tui.mail import settings as mail_settings  # noqa: E402
from kehoach_tui.mail.send import reachable, send_outbox  # noqa: E402
from kehoach_tui.plan_files import resolve_plan  # noqa: E402
from kehoach_tui.store import open_store  # noqa: E402
from kehoach_tui.store.setup import initialise  # noqa: E402
from kehoach_tui.sync.export import export_bundle  # noqa: E402
from tests.mail_helpers import SmtpServer, free_port  # noqa: E402


def timed(func, runs: int) -> list[float]:
    out = []
    for _ in range(min(runs, 3) if TINY else runs):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.2f} ms, max {max(values) * 1000:.2f} ms"


def main() -> None:
    store = open_store(TMP / "c.db")
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Bench")
    server = SmtpServer().start()
    settings = mail_settings.build(host="127.0.0.1", port=server.port, security="none",
                                   sender="xa@nghiatho.gov.vn", recipients=["so@nghean.gov.vn"])
    mail_settings.save(store, settings, actor="bench")
    down = mail_settings.build(host="127.0.0.1", port=free_port(), security="none",
                               sender="xa@nghiatho.gov.vn", recipients=["so@nghean.gov.vn"])

    print("Connectivity probe (TCP connect, what the watch does every few minutes):")
    print("  server up:  ", ms(timed(lambda: reachable(settings), 50)))
    print("  server down:", ms(timed(lambda: reachable(down), 50)), "(refused at once on loopback;"
          " an unreachable host costs at most the 5 s timeout, in a worker thread)")

    exports = []
    for _ in range(2 if TINY else 20):
        result = export_bundle(store, TMP / "usb", full=True)
        exports.append(result)
    bundle_size = statistics.mean(r.size for r in exports)
    start = time.perf_counter()
    report = send_outbox(store, settings, None, retry_waits=())
    elapsed = time.perf_counter() - start
    message_size = statistics.mean(len(e.content) for e in server.inbox.envelopes)
    print(f"Sending {len(report.sent)} full bundles on loopback: {elapsed * 1000:.0f} ms"
          f" ({elapsed / max(1, len(report.sent)) * 1000:.1f} ms each, one SMTP session)")
    print(f"  bundle {bundle_size / 1024:.1f} KiB → e-mail {message_size / 1024:.1f} KiB"
          f" (ratio {message_size / bundle_size:.2f}: base64 plus headers and body);"
          f" the 10 MB limit fits a {10 * 1024 / (message_size / bundle_size):.0f} KiB bundle")

    for _ in range(24 if TINY else 480):  # two years of weekly bundles and reports
        path = TMP / f"r{_}.md"
        path.write_text(f"# Báo cáo {_}\n", encoding="utf-8")
        outbox.queue_file(store, path, label=f"Báo cáo {_}")
    items = len(outbox.list_items(store))
    print(f"Outbox listing with {items} items:", ms(timed(lambda: outbox.list_items(store, limit=50), 30)),
          "(the panel's 50);", ms(timed(lambda: outbox.list_items(store), 10)), "(all, CLI)")
    start = time.perf_counter()
    token, claimed = outbox.claim(store)
    outbox.release(store, token)
    print(f"Claiming {len(claimed)} waiting items: {(time.perf_counter() - start) * 1000:.1f} ms")
    server.stop()
    store.close()
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
