"""The named officers of the commune and the one at the keyboard.

Several officers share one PC at the one-stop centre, so the actor of every change is chosen
from this list, never taken from the OS login. The setting "officer" holds the current one
(what `kehoach` commands record, and the default the app offers at start-up); an app window
that chose an officer keeps it for its own writes in `Store.session_officer`, so two windows
with two officers do not record each other's name.
"""

from __future__ import annotations

from typing import NamedTuple

from ..config import utc_iso
from ..domain.vntext import clean_line, fold
from ..errors import KehoachError
from ..i18n import t
from .db import Store
from .rows import log_change
from .settings import _put, get_setting


class OfficerError(KehoachError):
    """A name that cannot be used (empty, taken, unknown); the message says which."""


class Officer(NamedTuple):
    id: int
    name: str
    position: str

    def label(self) -> str:
        return f"{self.name} — {self.position}" if self.position else self.name


def _row(row) -> Officer:
    return Officer(id=row[0], name=row[1], position=row[2])


def list_officers(store: Store) -> list[Officer]:
    rows = store.conn.execute("SELECT id, name, position FROM officers ORDER BY id").fetchall()
    return [_row(r) for r in rows]


def find_officer(store: Store, name: str) -> Officer | None:
    """By name, ignoring case and diacritics ("nguyen thi hoa" finds "Nguyễn Thị Hoa")."""
    wanted = fold(clean_line(name))
    return next((o for o in list_officers(store) if fold(o.name) == wanted), None) if wanted else None


def current_officer(store: Store) -> Officer | None:
    """The officer this window (or else the database) records as actor, if in the list."""
    name = getattr(store, "session_officer", None) or get_setting(store, "officer", "")
    return find_officer(store, name) if name else None


def _clean(name: str, position: str) -> tuple[str, str]:
    name = clean_line(name)
    if not name:
        raise OfficerError(t("officer.err_empty"))
    return name, clean_line(position)


def _taken(store: Store, name: str, but: int | None = None) -> None:
    found = find_officer(store, name)
    if found is not None and found.id != but:
        raise OfficerError(t("officer.err_taken", name=found.name))


def add_officer(store: Store, name: str, position: str = "", *, actor: str) -> Officer:
    name, position = _clean(name, position)
    with store.writing() as db:
        _taken(store, name)
        now = utc_iso()
        cursor = db.conn.execute(
            "INSERT INTO officers (name, position, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (name, position, now, now))
        log_change(db, actor=actor or name, entity="officer", entity_id=str(cursor.lastrowid), op="insert",
                   before=None, after={"name": name, "position": position}, at=now)
    return Officer(cursor.lastrowid, name, position)


def edit_officer(store: Store, officer_id: int, *, name: str, position: str, actor: str) -> Officer:
    """Rename or change the position; the current officer setting follows a rename."""
    name, position = _clean(name, position)
    with store.writing() as db:
        row = db.conn.execute("SELECT id, name, position FROM officers WHERE id = ?", (officer_id,)).fetchone()
        if row is None:
            raise OfficerError(t("officer.err_unknown", name=str(officer_id)))
        before = _row(row)
        if (before.name, before.position) == (name, position):
            return before
        _taken(store, name, but=officer_id)
        db.conn.execute("UPDATE officers SET name = ?, position = ?, updated_at = ? WHERE id = ?",
                        (name, position, utc_iso(), officer_id))
        log_change(db, actor=actor, entity="officer", entity_id=str(officer_id), op="update",
                   before={"name": before.name, "position": before.position},
                   after={"name": name, "position": position})
        if get_setting(store, "officer", "") == before.name:
            _put(db, {"officer": name}, actor=actor)
        if getattr(store, "session_officer", None) == before.name:
            store.session_officer = name
    return Officer(officer_id, name, position)


def use_officer(store: Store, name: str) -> Officer:
    """Make the named officer (one of the list) the one recorded as actor, in this window and
    as the default for the next start and for `kehoach` commands."""
    found = find_officer(store, name)
    if found is None:
        raise OfficerError(t("officer.err_unknown", name=clean_line(name)))
    store.session_officer = found.name
    if get_setting(store, "officer", "") != found.name and not store.read_only:
        from .settings import put_settings

        put_settings(store, {"officer": found.name}, actor=found.name)
    return found


def ensure_officer(store: Store, name: str, position: str = "") -> Officer:
    """`init --officer NAME`: the officer of that name (added when new), made current."""
    found = find_officer(store, name)
    if found is None:
        found = add_officer(store, name, position, actor=clean_line(name))
    elif position and clean_line(position) != found.position:
        found = edit_officer(store, found.id, name=found.name, position=position, actor=found.name)
    return use_officer(store, found.name)
