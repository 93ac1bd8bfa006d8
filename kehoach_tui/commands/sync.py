"""kehoach keys / export / import: the commune side of sync by file.

Keys are created by `kehoach init`, and otherwise on first use (`keys show`, `export`), so a
database set up from the TUI's first-run screen gets its key the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..domain.numbers import fmt_size
from ..i18n import t
from .common import (
    AppContext,
    UserError,
    echo,
    emit_json,
    officer_option,
    pass_app,
    resolve_officer,
)


@click.group()
def keys() -> None:
    """Khóa ký của xã và khóa công khai của tỉnh."""


@keys.command("show")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def keys_show(app: AppContext, as_json: bool) -> None:
    """In khóa công khai (64 ký tự hex) và dấu vân tay để đọc cho tỉnh."""
    from ..store.sync_state import identity, trusted_keys
    from ..sync.keys import ensure_key, fingerprint

    store = app.open()
    try:
        who = identity(store)
        pair = _sync_call(ensure_key, "commune", who.commune_code)
        provinces = trusted_keys(store, "province")
    finally:
        store.close()
    if as_json:
        emit_json({"commune_code": who.commune_code, "commune_name": who.commune_name,
                   "public_key": pair.public_hex, "fingerprint": pair.fingerprint,
                   "province_keys": [{"code": p["code"], "public_key": p["public_key"],
                                      "fingerprint": fingerprint(p["public_key"])} for p in provinces]})
        return
    echo(t("sync.keys_title", name=who.commune_name, code=who.commune_code))
    echo(pair.public_hex)
    echo(t("sync.fingerprint", fingerprint=pair.fingerprint))
    for p in provinces:
        echo(t("sync.keys_province", code=p["code"], fingerprint=fingerprint(p["public_key"])))
    if not provinces:
        echo(t("sync.keys_no_province"))


@keys.command("trust-province")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@officer_option
@pass_app
def keys_trust_province(app: AppContext, file: Path, officer: str | None) -> None:
    """Cài khóa công khai của tỉnh (tệp do `kehoach province key --out` tạo)."""
    from ..store.sync_state import put_trusted_key
    from ..sync.keys import fingerprint, read_public_key_file

    code, key = _sync_call(read_public_key_file, file, "province")
    store = app.open()
    try:
        changed = put_trusted_key(store, "province", code, key, actor=resolve_officer(store, officer))
    finally:
        store.close()
    echo(t("sync.trusted" if changed else "sync.trusted_already", code=code, fingerprint=fingerprint(key)))


def _sync_call(func, *args, **kwargs):
    """Run a sync function, turning its one-line errors into a CLI error."""
    from ..errors import KehoachError

    try:
        return func(*args, **kwargs)
    except KehoachError as exc:
        raise UserError(str(exc)) from None


@click.command("export")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi tệp (USB…); mặc định: thư mục gửi đi trong thư mục dữ liệu")
@click.option("--full", is_flag=True, help="Xuất toàn bộ dữ liệu, không chỉ phần thay đổi")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def export(app: AppContext, out_dir: Path | None, full: bool, as_json: bool) -> None:
    """Xuất các thay đổi chưa được tỉnh xác nhận thành một tệp đồng bộ đã ký."""
    from ..config import data_dir
    from ..store.sync_state import acknowledged_seq
    from ..sync.export import export_bundle

    store = app.open()
    try:
        result = _sync_call(export_bundle, store, out_dir or data_dir() / "outbox", full=full)
        acked = acknowledged_seq(store)
    finally:
        store.close()
    if result is None:
        if as_json:
            emit_json({"written": False, "acknowledged_seq": acked})
        else:
            echo(t("sync.export_nothing", seq=acked))
        return
    m = result.manifest
    if as_json:
        emit_json({"written": True, "path": str(result.path), "size": result.size, "sha256": result.sha256,
                   "kind": m.kind, "seq_from": m.seq_from, "seq_to": m.seq_to, "records": m.records,
                   "counts": m.counts})
        return
    counts = ", ".join(f"{entity} {n}" for entity, n in m.counts.items()) or "0"
    echo(t("sync.export_done", path=result.path, records=m.records, counts=counts,
           size=fmt_size(result.size), seq_from=m.seq_from, seq_to=m.seq_to))
    echo(t("sync.export_safe"))


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--key", "key_hex", default=None,
              help="Khóa công khai của xã (khi nhập bản sao dự phòng lần đầu trên máy khác)")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@officer_option
@pass_app
def import_(app: AppContext, files: tuple[Path, ...], key_hex: str | None, as_json: bool,
            officer: str | None) -> None:
    """Nhập biên nhận của tỉnh (hoặc gói của chính xã, để giữ bản sao dự phòng)."""
    from ..errors import KehoachError
    from ..store.setup import is_initialised
    from ..store.sync_state import acknowledged_seq
    from ..sync.commune_import import import_own_bundle, import_receipt, is_receipt
    from ..sync.files import gather_files, read_items
    from ..sync.keys import normalise_public

    key = _sync_call(normalise_public, key_hex) if key_hex else None
    paths = gather_files([Path(f) for f in files], ".khreceipt")
    store = app.open(require_init=False)
    results, failed = [], False
    try:
        actor = resolve_officer(store, officer)
        for source, data in read_items(paths):
            name = Path(source).name
            try:
                if isinstance(data, str):
                    raise UserError(data)
                if is_receipt(data):
                    if not is_initialised(store):
                        raise UserError(t("cli.not_initialised"))
                    outcome = import_receipt(store, data, actor=actor)
                    r = outcome.receipt
                    results.append({"file": source, "type": "receipt", "applied": outcome.applied,
                                    "province_code": r.province_code, "seq_to": r.seq_to,
                                    "resend_from": r.resend_from})
                    if not as_json:
                        echo(t("sync.receipt_done" if outcome.applied else "sync.receipt_already",
                               file=name, province=r.province_code, seq_to=r.seq_to))
                        if r.resend_from is not None:
                            echo(t("sync.receipt_resend", first=r.resend_from + 1))
                else:
                    copy = import_own_bundle(store, data, source, key_hex=key, actor=actor)
                    results.append({"file": source, "type": "bundle", "new": copy.new, "updated": copy.updated,
                                    "unchanged": copy.unchanged, "skipped": copy.skipped})
                    if not as_json:
                        echo(t("sync.copy_done", file=name, code=_commune(store), new=copy.new,
                               updated=copy.updated, unchanged=copy.unchanged))
            except (KehoachError, click.ClickException) as exc:
                failed = True
                reason = exc.message if isinstance(exc, click.ClickException) else str(exc)
                results.append({"file": source, "error": reason})
                if not as_json:
                    echo(t("sync.file_refused", file=name, reason=reason))
        acked = acknowledged_seq(store) if is_initialised(store) else 0
    finally:
        store.close()
    if as_json:
        emit_json({"files": results, "acknowledged_seq": acked})
    elif any(r.get("type") == "receipt" for r in results):
        echo(t("sync.next_export", seq=acked))
    if failed:
        sys.exit(1)  # some files refused: a script can tell


def _commune(store) -> str:
    from ..store.settings import get_setting

    return get_setting(store, "commune_code", "")
