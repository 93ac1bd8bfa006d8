"""Every bad file is refused with a clear one-line reason and leaves the province database
byte-for-byte unchanged; a hypothesis fuzz finds no exception other than BundleError."""

from __future__ import annotations

import contextlib
import io
import json
import struct
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nacl.signing import SigningKey

from kehoach_tui.province.importer import import_bundles
from kehoach_tui.store.rows import query, update_row
from kehoach_tui.sync.bundle import build_bundle, read_bundle_bytes
from kehoach_tui.sync.container import pack
from kehoach_tui.sync.errors import BundleError
from kehoach_tui.sync.export import export_bundle
from kehoach_tui.sync.keys import KeyPair, ensure_key
from kehoach_tui.sync.receipt import read_receipt_bytes
from tests.sync_helpers import NGHIA_THO, dump, members, province_store, repack, resign


@pytest.fixture
def setup(seeded, tmp_path):
    """(commune store, province store, a good bundle's bytes, the commune key)."""
    key = ensure_key("commune", NGHIA_THO)
    bundle = export_bundle(seeded, tmp_path / "usb")
    province = province_store(tmp_path, key.public_hex)
    yield seeded, province, bundle.path.read_bytes(), key
    province.close()


def refused(tmp_path, province, data: bytes, name: str = "bad.khsync") -> str:
    before = dump(tmp_path / "province.db")
    summary = import_bundles(province, [(name, data)], receipts_dir=tmp_path / "receipts")
    [outcome] = summary.files
    assert outcome.status == "rejected", outcome
    assert outcome.reason and "\n" not in outcome.reason
    assert dump(tmp_path / "province.db") == before
    assert not (tmp_path / "receipts").exists()
    return outcome.reason


def test_good_bundle_is_accepted(setup, tmp_path):
    _, province, data, _ = setup
    summary = import_bundles(province, [("ok.khsync", data)], receipts_dir=tmp_path / "r")
    assert summary.files[0].status == "imported"


def test_byte_flipped_in_data(setup, tmp_path):
    _, province, data, _ = setup
    raw = bytearray(members(data)["data.jsonl"])
    raw[len(raw) // 2] ^= 0x01
    assert "mã băm" in refused(tmp_path, province, repack(data, data_jsonl=bytes(raw)))


def test_byte_flipped_in_file(setup, tmp_path):
    _, province, data, _ = setup
    raw = bytearray(data)
    raw[len(raw) // 2] ^= 0xFF
    assert refused(tmp_path, province, bytes(raw))


def test_byte_flipped_in_manifest(setup, tmp_path):
    _, province, data, _ = setup
    manifest = members(data)["manifest.json"].replace(b'"seq_from":0', b'"seq_from":1')
    assert "Chữ ký" in refused(tmp_path, province, repack(data, manifest_json=manifest))


def test_swapped_signature(setup, tmp_path):
    seeded, province, data, _ = setup
    with seeded.writing() as db:
        row = query(db, "SELECT id FROM tasks LIMIT 1")[0]
        update_row(db, "tasks", row["id"], {"progress": 10}, actor="A")
    other = export_bundle(seeded, tmp_path / "usb2").path.read_bytes()
    swapped = repack(data, manifest_sig=members(other)["manifest.sig"])
    assert "Chữ ký" in refused(tmp_path, province, swapped)


def test_replayed_older_bundle(setup, tmp_path):
    seeded, province, old, _ = setup
    with seeded.writing() as db:
        row = query(db, "SELECT id FROM tasks LIMIT 1")[0]
        update_row(db, "tasks", row["id"], {"progress": 10}, actor="A")
    newer = export_bundle(seeded, tmp_path / "usb2").path.read_bytes()
    import_bundles(province, [("new.khsync", newer)], receipts_dir=tmp_path / "receipts")
    import shutil

    shutil.rmtree(tmp_path / "receipts")
    assert "Gói cũ" in refused(tmp_path, province, old)


def test_same_range_other_content_is_a_conflict(setup, tmp_path):
    _, province, data, key = setup
    import_bundles(province, [("a.khsync", data)], receipts_dir=tmp_path / "first")
    manifest = json.loads(members(data)["manifest.json"])
    header = {k: manifest[k] for k in ("schema_version", "app_version", "commune_code", "commune_name",
                                       "province_code", "kind", "seq_from", "seq_to", "created_at")}
    rows = [("tasks", {"id": "x", "commune_code": NGHIA_THO, "version": 1, "deleted": 0,
                       "updated_at": "2025-11-05T00:00:00Z", "title": "khác"})]
    other, _ = build_bundle(rows, key=key, header=header)
    assert "Xung đột" in refused(tmp_path, province, other)


def test_unregistered_key_names_commune_and_fingerprint(setup, tmp_path):
    _, province, data, _ = setup
    stranger = KeyPair("commune", NGHIA_THO, SigningKey.generate())
    reason = refused(tmp_path, province, resign(data, stranger, public_key=stranger.public_hex))
    assert "Xã Nghĩa Thọ" in reason and stranger.fingerprint in reason


def test_unregistered_commune(seeded, tmp_path):
    bundle = export_bundle(seeded, tmp_path / "usb").path.read_bytes()
    province = province_store(tmp_path)  # nobody registered
    reason = refused(tmp_path, province, bundle)
    assert "chưa đăng ký" in reason and ensure_key("commune", NGHIA_THO).fingerprint in reason


def test_wrong_format_version(setup, tmp_path):
    _, province, data, key = setup
    assert "Phiên bản định dạng 2" in refused(tmp_path, province, resign(data, key, format_version=2))


def test_unknown_manifest_field(setup, tmp_path):
    _, province, data, key = setup
    assert "không hợp lệ" in refused(tmp_path, province, resign(data, key, extra="x"))


def test_extra_member(setup, tmp_path):
    _, province, data, _ = setup
    found = members(data)
    extra = pack([*found.items(), ("readme.txt", b"hi")])
    assert "thành phần lạ" in refused(tmp_path, province, extra)


def test_member_name_with_dot_dot(setup, tmp_path):
    _, province, data, _ = setup
    found = members(data)
    evil = pack([("../manifest.json", found["manifest.json"]), ("manifest.sig", found["manifest.sig"]),
                 ("data.jsonl", found["data.jsonl"])])
    assert "không an toàn" in refused(tmp_path, province, evil)


def _declare_size(data: bytes, member: str, size: int) -> bytes:
    """Patch the central directory so member claims `size` uncompressed bytes."""
    raw = bytearray(data)
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", raw, at + 28)[0]
        name = bytes(raw[at + 46: at + 46 + name_len]).decode()
        if name == member:
            struct.pack_into("<I", raw, at + 24, size)
        at = raw.find(b"PK\x01\x02", at + 4)
    return bytes(raw)


def test_member_declaring_300_mb(setup, tmp_path):
    _, province, data, _ = setup
    evil = _declare_size(data, "data.jsonl", 300 * 1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(evil)) as archive:
        assert archive.getinfo("data.jsonl").file_size == 300 * 1024 * 1024
    assert "300,0 MB"  # Vietnamese decimal comma (issue 16, item 19) in refused(tmp_path, province, evil)


def test_truncated_file(setup, tmp_path):
    _, province, data, _ = setup
    assert "hỏng" in refused(tmp_path, province, data[: len(data) * 2 // 3])


def test_not_a_zip_and_empty(setup, tmp_path):
    _, province, _, _ = setup
    assert refused(tmp_path, province, b"")
    assert refused(tmp_path, province, "Xin chào".encode())


def test_record_of_another_commune(setup, tmp_path):
    _, province, data, key = setup
    manifest = json.loads(members(data)["manifest.json"])
    header = {k: manifest[k] for k in ("schema_version", "app_version", "commune_code", "commune_name",
                                       "province_code", "kind", "seq_from", "created_at")}
    rows = [("tasks", {"id": "x", "commune_code": "00004", "version": 1, "deleted": 0,
                       "updated_at": "2025-11-05T00:00:00Z"})]
    evil, _ = build_bundle(rows, key=key, header={**header, "seq_to": manifest["seq_to"] + 5})
    assert "xã khác" in refused(tmp_path, province, evil)


def test_read_error_is_reported(setup, tmp_path):
    _, province, _, _ = setup
    summary = import_bundles(province, [("gone.khsync", "Không đọc được tệp: mất")], receipts_dir=tmp_path / "r")
    assert summary.files[0].status == "rejected"


# --- fuzz ---------------------------------------------------------------------------------

def _good_bundle() -> bytes:
    key = KeyPair("commune", NGHIA_THO, SigningKey(b"\x01" * 32))
    rows = [("tasks", {"id": f"t{i}", "commune_code": NGHIA_THO, "version": 1, "deleted": 0,
                       "updated_at": "2025-11-05T00:00:00Z", "title": "Số hóa"}) for i in range(3)]
    data, _ = build_bundle(rows, key=key, header={
        "schema_version": 6, "app_version": "0.1.0", "commune_code": NGHIA_THO, "commune_name": "Xã Nghĩa Thọ",
        "province_code": "40", "kind": "incremental", "seq_from": 0, "seq_to": 3,
        "created_at": "2025-11-05T00:00:00.000000Z"})
    return data


GOOD = _good_bundle()


def _reads_cleanly(data: bytes) -> None:
    try:
        read_bundle_bytes(data, "fuzz")
    except BundleError as exc:
        assert str(exc) and "\n" not in str(exc)
    with contextlib.suppress(BundleError):
        read_receipt_bytes(data)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_fuzz_mutated_bundle(flips):
    raw = bytearray(GOOD)
    for position, value in flips:
        raw[position] = value
    _reads_cleanly(bytes(raw))


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(GOOD)), st.binary(max_size=64))
def test_fuzz_spliced_bundle(cut, junk):
    _reads_cleanly(GOOD[:cut] + junk + GOOD[cut:])


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["manifest.json", "manifest.sig", "data.jsonl", "x", "../a"]),
                       st.binary(max_size=200), max_size=4))
def test_fuzz_arbitrary_members(found):
    _reads_cleanly(pack(list(found.items())))


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=20), st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30),
                                                       st.lists(st.integers(), max_size=3)), max_size=20),
       st.binary(max_size=200))
def test_fuzz_signed_manifest_and_data(fields, data):
    """Well signed but arbitrary manifest content and data: still only BundleError."""
    from kehoach_tui.sync.bundle import canonical

    key = KeyPair("commune", NGHIA_THO, SigningKey(b"\x01" * 32))
    manifest = {**json.loads(members(GOOD)["manifest.json"]), **fields}
    body = canonical(manifest)
    _reads_cleanly(pack([("manifest.json", body), ("manifest.sig", key.sign(body).hex().encode()),
                         ("data.jsonl", data)]))


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(data):
    _reads_cleanly(data)
    _reads_cleanly(b"PK\x03\x04" + data)
