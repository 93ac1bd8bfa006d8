"""Printers: PowerShell Get-Printer on Windows, lpstat elsewhere; skipped (with the reason)
where neither exists. Virtual printers (PDF, XPS, OneNote, Fax) do not count."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

from ..errors import os_reason
from ..i18n import t
from . import FAIL, OK, SKIP, WARN, ProbeContext, ProbeResult

VIRTUAL = re.compile(r"pdf|xps|onenote|fax|anydesk|send to", re.IGNORECASE)
POWERSHELL_QUERY = (
    "Get-Printer | Select-Object Name,@{n='Status';e={[string]$_.PrinterStatus}} | ConvertTo-Json -Compress"
)


def printer_command() -> list[str] | None:
    if sys.platform == "win32":
        exe = shutil.which("powershell") or shutil.which("pwsh")
        return [exe, "-NoProfile", "-NonInteractive", "-Command", POWERSHELL_QUERY] if exe else None
    exe = shutil.which("lpstat")
    return [exe, "-p"] if exe else None


def parse_lpstat(output: str) -> list[tuple[str, bool]]:
    """(name, ready) for each `printer NAME is idle|now printing|disabled …` line."""
    found = []
    for line in output.splitlines():
        match = re.match(r"\s*printer\s+(\S+)\s+(.*)", line)
        if match:
            found.append((match[1], "disabled" not in match[2].lower()))
    return found


def parse_get_printer(output: str) -> list[tuple[str, bool]]:
    text = output.strip()
    if not text:
        return []
    data = json.loads(text)
    rows = data if isinstance(data, list) else [data]
    return [(str(r.get("Name", "")), str(r.get("Status", "")).lower() in ("normal", "0", "printing", "idle"))
            for r in rows]


def judge(found: list[tuple[str, bool]]) -> ProbeResult:
    real = [(name, ready) for name, ready in found if not VIRTUAL.search(name)]
    if not found:
        return ProbeResult("printers", FAIL, t("probe.printers_none"))
    if not real:
        return ProbeResult("printers", FAIL, t("probe.printers_virtual_only"))
    ready = [name for name, ok in real if ok]
    broken = [name for name, ok in real if not ok]
    if ready and not broken:
        return ProbeResult("printers", OK, t("probe.printers_ok", names=", ".join(ready)))
    if ready:
        return ProbeResult("printers", WARN, t("probe.printers_some", ready=", ".join(ready), broken=", ".join(broken)))
    return ProbeResult("printers", FAIL, t("probe.printers_broken", names=", ".join(broken)))


def printers(ctx: ProbeContext) -> ProbeResult:
    command = printer_command()
    if command is None:
        return ProbeResult("printers", SKIP, t("probe.printers_no_tool"))
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=max(0.5, ctx.timeout - 0.5), check=False)
    except subprocess.TimeoutExpired:
        return ProbeResult("printers", FAIL, t("probe.timeout", seconds=f"{ctx.timeout:g}"))
    except OSError as exc:
        return ProbeResult("printers", SKIP, t("probe.error", reason=os_reason(exc)))
    if sys.platform == "win32":
        try:
            return judge(parse_get_printer(done.stdout))
        except ValueError:
            return ProbeResult("printers", WARN, t("probe.error", reason=(done.stderr or done.stdout).strip()[:120]))
    return judge(parse_lpstat(done.stdout))
