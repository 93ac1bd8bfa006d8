"""Reads behind the province's status table: per-commune bundle figures and the live
records of one entity (row JSON decoded)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ...store.db import Store
from ...store.rows import query


def bundle_figures(store: Store) -> list[tuple[str, int, str, str]]:
    """(commune, bundles, newest made at, newest imported at) per commune with a bundle."""
    return store.conn.execute(
        "SELECT commune_code, count(*), MAX(created_at), MAX(imported_at) FROM bundles GROUP BY commune_code"
    ).fetchall()


def data_up_to(store: Store) -> list[tuple[str, str]]:
    """(commune, the newest change the province holds) per commune with records."""
    return store.conn.execute("SELECT commune_code, MAX(updated_at) FROM records GROUP BY commune_code").fetchall()


def live_rows(store: Store, entity: str, commune: str | None = None) -> dict[str, list[dict]]:
    """Live (not deleted) rows of one entity, per commune; a row whose JSON does not
    decode to an object is left out."""
    sql = "SELECT commune_code, data FROM records WHERE entity = ? AND deleted = 0"
    params: tuple = (entity,)
    if commune:
        sql += " AND commune_code = ?"
        params += (commune,)
    found: dict[str, list[dict]] = defaultdict(list)
    for code, data in store.conn.execute(sql, params):
        try:
            row = json.loads(data)
        except (ValueError, TypeError, RecursionError):
            continue
        if isinstance(row, dict):
            found[code].append(row)
    return found


def entities(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT DISTINCT entity FROM records")}


def commune_bundles(store: Store, code: str) -> list[dict[str, Any]]:
    return query(store, "SELECT seq_from, seq_to, kind, created_at, imported_at, source, records, new, updated,"
                        " unchanged FROM bundles WHERE commune_code = ? ORDER BY seq_to DESC, id DESC", (code,))
