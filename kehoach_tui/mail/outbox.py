"""The outbox: files waiting to be e-mailed to the province, and what became of each.

States: `queued` (Chờ gửi — waiting, possibly with the reason the last try failed),
`sent` (Đã gửi — the Message-ID is recorded and the item is never sent again), `failed`
(Lỗi — this file cannot go as it is: too big, missing, refused by the server).

A sender first *claims* the items it will send (one transaction), so a TUI auto-send and a
`kehoach outbox send` running at the same moment never both send the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import data_dir, now_utc, parse_utc, utc_iso
from ..domain.vntext import clean_line
from ..errors import KehoachError, os_reason
from ..i18n import t
from ..safe import one_line
from ..store import outbox as table
from ..store.db import Store

KINDS = ("bundle", "report")
STATES = ("queued", "sent", "failed")
CLAIM_MINUTES = 15  # a claim older than this belongs to a sender that died: free again
BACKOFF_MINUTES = (1, 2, 5, 10, 30, 60)  # wait before the n-th automatic retry


class OutboxError(KehoachError):
    def __init__(self, reason: str) -> None:
        super().__init__(one_line(reason, 300))


@dataclass
class OutboxItem:
    id: int
    kind: str
    file_name: str
    size: int
    sha256: str
    label: str
    period: str
    summary: dict[str, Any]
    queued_at: str
    state: str
    attempts: int
    last_error: str
    last_attempt_at: str | None
    next_attempt_at: str | None
    message_id: str | None
    recipients: str
    sent_at: str | None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return outbox_dir() / self.file_name

    @property
    def acknowledged(self) -> bool:
        """Done without mail: the province acknowledged this bundle (it went by USB)."""
        return self.state == "sent" and self.recipients.startswith(table.RECEIPT_RECIPIENT)

    def state_label(self) -> str:
        return t("mail.state.acknowledged") if self.acknowledged else state_text(self.state)

    def note(self) -> str:
        """The line beside the state: when it went, or why it has not."""
        from ..config import fmt_datetime

        if self.acknowledged:
            return t("mail.note_acknowledged", at=fmt_datetime(self.sent_at))
        if self.state == "sent":
            return t("mail.note_sent", at=fmt_datetime(self.sent_at))
        return self.last_error

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "file": self.file_name, "size": self.size,
            "sha256": self.sha256, "label": self.label, "period": self.period, "state": self.state,
            "state_text": self.state_label(), "acknowledged": self.acknowledged, "attempts": self.attempts, "last_error": self.last_error,
            "queued_at": self.queued_at, "last_attempt_at": self.last_attempt_at,
            "next_attempt_at": self.next_attempt_at, "message_id": self.message_id,
            "recipients": self.recipients, "sent_at": self.sent_at, "summary": self.summary,
        }


_FIELDS = ("id", "kind", "file_name", "size", "sha256", "label", "period", "summary", "queued_at", "state",
           "attempts", "last_error", "last_attempt_at", "next_attempt_at", "message_id", "recipients",
           "sent_at")


def _item(row: dict) -> OutboxItem:
    values = {k: row[k] for k in _FIELDS}
    values["summary"] = json.loads(values["summary"] or "{}")
    return OutboxItem(**values)


def outbox_dir() -> Path:
    return data_dir() / "outbox"


def state_text(state: str) -> str:
    return t(f"mail.state.{state}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _place_in_outbox(path: Path, sha: str) -> Path:
    """The file inside the outbox folder: as it is when it already lives there, else a copy
    (a USB stick is taken away; the outbox copy stays until it is sent)."""
    folder = outbox_dir()
    try:
        if path.resolve().parent == folder.resolve():
            return path
    except OSError:
        pass
    target = folder / path.name
    if target.exists() and _sha256(target) != sha:
        target = folder / f"{path.stem}-{sha[:8]}{path.suffix}"
    if not target.exists():
        from ..sync.safe_write import write_verified

        write_verified(target, path.read_bytes())
    return target


def queue_file(store: Store, path: Path | str, kind: str = "report", *, label: str = "", period: str = "",
               summary: dict[str, Any] | None = None, actor: str | None = None) -> OutboxItem:
    """Put a file in the outbox (copied into the outbox folder when it lives elsewhere).
    The same content queued twice is one item: the existing one is returned."""
    from ..store.setup import officer

    if kind not in KINDS:
        raise ValueError(kind)
    path = Path(path)
    try:
        sha = _sha256(path)
        existing = find_by_sha(store, sha)
        if existing is not None:
            return existing
        if kind == "bundle" and summary is None:
            summary = bundle_summary(path.read_bytes())  # refuses a file that is no bundle
        placed = _place_in_outbox(path, sha)
        size = placed.stat().st_size
    except OSError as exc:
        raise OutboxError(t("mail.err_queue_read", path=path, reason=os_reason(exc))) from exc
    values = {
        "kind": kind, "file_name": placed.name, "size": size, "sha256": sha,
        "label": clean_line(label) or _default_label(kind, placed, summary or {}),
        "period": clean_line(period), "summary": json.dumps(summary or {}, ensure_ascii=False, sort_keys=True),
        "queued_at": utc_iso(),
    }
    return get_item(store, table.insert(store, values, actor=actor or officer(store)))


def bundle_summary(data: bytes) -> dict[str, Any]:
    """What the e-mail body says about a bundle, read from its (verified) manifest."""
    from ..sync.bundle import open_bundle

    m = open_bundle(data).manifest
    return {"commune_code": m.commune_code, "commune_name": m.commune_name, "kind": m.kind,
            "seq_from": m.seq_from, "seq_to": m.seq_to, "records": m.records, "counts": dict(m.counts),
            "created_at": m.created_at}


def queue_export(store: Store, path: Path, manifest) -> OutboxItem:
    """The hook export calls for every bundle it writes."""
    summary = {"commune_code": manifest.commune_code, "commune_name": manifest.commune_name,
               "kind": manifest.kind, "seq_from": manifest.seq_from, "seq_to": manifest.seq_to,
               "records": manifest.records, "counts": dict(manifest.counts), "created_at": manifest.created_at}
    return queue_file(store, path, "bundle", summary=summary)


def _default_label(kind: str, path: Path, summary: dict[str, Any]) -> str:
    if kind == "bundle" and "seq_to" in summary:
        return t("mail.label_bundle", seq_from=summary["seq_from"], seq_to=summary["seq_to"])
    return clean_line(path.stem)


def get_item(store: Store, item_id: int) -> OutboxItem:
    row = table.get(store, item_id)
    if row is None:
        raise OutboxError(t("mail.err_no_item", id=item_id))
    return _item(row)


def find_by_sha(store: Store, sha: str) -> OutboxItem | None:
    row = table.find_by_sha(store, sha)
    return None if row is None else _item(row)


def list_items(store: Store, limit: int | None = None) -> list[OutboxItem]:
    """Newest first: waiting and failed items, then sent ones."""
    return [_item(r) for r in table.list_rows(store, limit)]


def counts(store: Store) -> dict[str, int]:
    found = table.count_by_state(store)
    return {state: found.get(state, 0) for state in STATES}


def bundle_number(store: Store, item: OutboxItem) -> int:
    """1 for the first bundle ever queued, 2 for the next…: the sequence the subject names."""
    return table.bundle_number(store, item.id)


def claim(store: Store, *, include_failed: bool = False, due_only: bool = False,
          only: list[int] | None = None) -> tuple[str, list[OutboxItem]]:
    """Take the items to send now (oldest first) so no other sender takes them; each gets
    its Message-ID here, once, and keeps it for every later try."""
    token = uuid.uuid4().hex
    now = now_utc()
    stale = utc_iso(now - dt.timedelta(minutes=CLAIM_MINUTES))
    states = ("queued", "failed") if include_failed else ("queued",)

    def wanted(row: dict[str, Any]) -> bool:
        if only is not None and row["id"] not in only:
            return False
        return not (due_only and row["next_attempt_at"] and parse_utc(row["next_attempt_at"]) > now)

    taken = table.claim(store, states=states, stale_before=stale, token=token, now=utc_iso(now), wanted=wanted)
    return token, [get_item(store, item_id) for item_id in taken]


def set_message_id(store: Store, item_id: int, message_id: str) -> None:
    table.set_message_id(store, item_id, message_id)


def release(store: Store, token: str) -> None:
    table.release(store, token)


def mark_sent(store: Store, item: OutboxItem, *, recipients: str, actor: str) -> None:
    now = utc_iso()
    table.transition(store, item.id, {"state": "sent", "attempts": item.attempts + 1, "last_error": "",
                                      "last_attempt_at": now, "next_attempt_at": None, "sent_at": now,
                                      "recipients": recipients}, actor=actor)
    if item.kind == "report":  # the report file itself went out: that report is sent
        from ..store.reports import mark_sent as mark_report_sent

        mark_report_sent(store, actor=actor, via="mail", sha256=item.sha256)


def mark_waiting(store: Store, item: OutboxItem, reason: str, *, actor: str) -> None:
    """Still queued (the line or the server is down): the reason and the next try recorded."""
    attempts = item.attempts + 1
    now = now_utc()
    wait = BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1]
    table.transition(store, item.id, {"state": "queued", "attempts": attempts,
                                      "last_error": one_line(reason, 300), "last_attempt_at": utc_iso(now),
                                      "next_attempt_at": utc_iso(now + dt.timedelta(minutes=wait))}, actor=actor)


def mark_failed(store: Store, item: OutboxItem, reason: str, *, actor: str) -> None:
    """This file cannot go as it is; `kehoach outbox send --retry-failed` tries it again."""
    now = utc_iso()
    table.transition(store, item.id, {"state": "failed", "attempts": item.attempts + 1,
                                      "last_error": one_line(reason, 300), "last_attempt_at": now,
                                      "next_attempt_at": None}, actor=actor)


def requeue(store: Store, item_id: int, *, actor: str) -> OutboxItem:
    """A failed item back to the queue (after the cause was fixed: a bigger limit…)."""
    item = get_item(store, item_id)
    if item.state == "sent":
        raise OutboxError(t("mail.err_already_sent", id=item_id))
    if item.state == "failed":
        table.transition(store, item.id, {"state": "queued", "next_attempt_at": None}, actor=actor)
    return get_item(store, item_id)
