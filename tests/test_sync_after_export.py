"""After an export the Sync header says the changes are exported and awaiting the receipt,
not "not yet sent"; a bundle carried by USB and acknowledged leaves the mail outbox queue."""

from __future__ import annotations

from kehoach_tui.app import KehoachApp
from kehoach_tui.mail import outbox
from kehoach_tui.province.importer import import_bundles
from kehoach_tui.province.registry import province_key
from kehoach_tui.store.sync_state import put_trusted_key, sync_progress
from kehoach_tui.sync.commune_import import import_receipt
from kehoach_tui.sync.export import export_bundle
from kehoach_tui.sync.keys import ensure_key
from tests.sync_helpers import NGHE_AN, NGHIA_THO, province_store
from tests.test_sync_tui import fixed_key, usb  # noqa: F401 - fixtures
from tests.tui_helpers import settle


def header(app) -> str:
    return app.screen.query_one("#sync-status").render().plain


async def test_header_counts_what_is_not_exported(fixed_key, usb):  # noqa: F811
    app = KehoachApp(fixed_key)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        before = sync_progress(fixed_key)
        assert before.awaiting == 0 and before.not_exported > 10
        assert f"{before.not_exported} thay đổi chưa xuất" in header(app)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        after = sync_progress(fixed_key)
        assert after.not_exported == 0 and after.awaiting == before.not_exported
        text = header(app)
        assert f"{after.awaiting} thay đổi đã xuất, chờ tỉnh xác nhận" in text
        assert "chưa xuất" not in text and "chưa gửi" not in text


def test_receipt_marks_the_usb_bundle_delivered_in_the_outbox(seeded, tmp_path):
    first = export_bundle(seeded, tmp_path / "usb")
    [item] = outbox.list_items(seeded)
    assert item.state == "queued" and item.kind == "bundle"
    province = province_store(tmp_path, ensure_key("commune", NGHIA_THO).public_hex)
    summary = import_bundles(province, [(first.path.name, first.path.read_bytes())], receipts_dir=tmp_path / "r")
    put_trusted_key(seeded, "province", NGHE_AN, province_key(province).public_hex, actor="A")
    receipt = (tmp_path / "r" / summary.files[0].receipt.split("/")[-1]).read_bytes()
    assert import_receipt(seeded, receipt, actor="A").applied
    [item] = outbox.list_items(seeded)
    assert item.acknowledged and item.state_label() == "Tỉnh đã nhận"
    assert outbox.counts(seeded)["queued"] == 0  # configuring mail later sends nothing
    assert outbox.claim(seeded, include_failed=True)[1] == []
    progress = sync_progress(seeded)
    assert progress.awaiting == 0 and progress.acknowledged == first.manifest.seq_to
