"""Issue 16, items 1 and 5: setup offers the plans that fit the commune, refuses another
commune's plan unless confirmed (and then says so at the top), and the first-run screen
cannot reach the other screens before the database is set up."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from kehoach_tui.app import KehoachApp
from kehoach_tui.communes import commune_by_code
from kehoach_tui.plan_choices import plan_options, recommended_plan
from kehoach_tui.store import open_store
from kehoach_tui.store.plans import active_plan
from kehoach_tui.store.settings import get_setting, is_initialised
from kehoach_tui.store.setup import other_commune_plan


def test_plans_offered_for_a_commune_fit_it():
    nghia_tho = [(o.header.name, o.fit) for o in plan_options(commune_by_code("16969"))]
    assert nghia_tho[0] == ("nghia-tho", "own")
    assert ("son-thuy", "other_commune") in nghia_tho and nghia_tho[-1][1] == "other_commune"
    names = [name for name, _ in nghia_tho]
    assert "thanh-hoa" not in names and "dong-nai" not in names  # other provinces' plans
    assert recommended_plan(commune_by_code("15010")) == "thanh-hoa"  # Sơn Thủy, Thanh Hóa
    assert recommended_plan(commune_by_code("16969")) == "nghia-tho"


def test_init_refuses_another_communes_plan_without_the_flag(capsys, tmp_path, cli):
    db = tmp_path / "k.db"
    code, out, err = cli("--db", str(db), "init", "--plan", "son-thuy", "--commune", "16969")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "Xã Sơn Thủy" in err and "Xã Nghĩa Thọ" in err and "--other-commune-plan" in err
    store = open_store(db)
    try:
        assert not is_initialised(store)
    finally:
        store.close()
    code, out, err = cli("--db", str(db), "init", "--plan", "son-thuy", "--commune", "16969",
                         "--other-commune-plan", "--officer", "Lê Văn Tám")
    assert code == 0, err
    store = open_store(db)
    try:
        assert active_plan(store).code == "son-thuy" and get_setting(store, "commune_code") == "16969"
        assert other_commune_plan(store) == "Xã Sơn Thủy"
    finally:
        store.close()


async def _fill(pilot, app, officer: str, plan: str) -> None:
    await pilot.pause()
    await pilot.press("enter", "enter", *officer, "enter", *plan, "enter")
    await pilot.pause()


async def test_first_run_asks_before_using_another_communes_plan(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _fill(pilot, app, "Hoa", "son-thuy")
        assert app.screen.__class__.__name__ == "ConfirmDialog"
        assert "Xã Sơn Thủy" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("enter")  # the focused answer is "no"
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FirstRunScreen" and not is_initialised(store)
        assert "Xã Sơn Thủy" in str(app.screen.query_one("#first-error").render())
        app.screen.query_one("#start").press()
        await pilot.pause()
        await pilot.press("tab", "enter")  # "yes"
        await pilot.pause()
        assert app.current_mode == "overview"
        assert active_plan(store).code == "son-thuy" and get_setting(store, "commune_code") == "16969"
        bar = str(app.screen.query_one("#modebar").render())
        assert "KH xã khác" in bar
        title = str(app.screen.query_one("#overview-title").render())
        assert "theo kế hoạch của Xã Sơn Thủy" in title


async def test_first_run_lists_the_plans_of_the_commune_typed(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#first-plans", OptionList)
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert ids[0] == "nghia-tho" and "thanh-hoa" not in ids
        await pilot.press(*"Thanh Hóa", "enter", *"Xã Hoằng Hóa")
        await pilot.pause()
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert ids[0] == "thanh-hoa" and "nghia-tho" in ids  # another commune's, last
        assert app.screen.query_one("#plan", Input).placeholder == "thanh-hoa"
        await pilot.press("enter", *"Lê Văn Tám", "enter", "enter")
        await pilot.pause()
        assert app.current_mode == "overview" and active_plan(store).code == "thanh-hoa"
        assert "KH xã khác" not in str(app.screen.query_one("#modebar").render())


async def test_first_run_needs_the_officers_name(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(4):
            await pilot.press("enter")
            await pilot.pause()
        assert app.screen.__class__.__name__ == "FirstRunScreen" and not is_initialised(store)
        assert "họ tên cán bộ" in str(app.screen.query_one("#first-error").render())
        assert app.focused.id == "officer"


async def test_first_run_palette_and_keys_reach_no_screen(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        names = [name for name, _, _ in app.palette_commands(app.screen)]
        system = [c.title for c in app.get_system_commands(app.screen)]
        assert names == ["Ngôn ngữ: English"]
        assert sorted(system) == ["Thoát", "Đổi giao diện màu"]
        app.screen.query_one("#start").focus()
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
        assert app.screen.__class__.__name__ == "FirstRunScreen"
        assert app.current_mode == "_default"
        await pilot.press("ctrl+p", *"nhiem vu")
        await pilot.pause(0.3)
        await pilot.press("enter", "escape")  # nothing matches: Enter picks nothing
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FirstRunScreen" and not is_initialised(store)
        assert app.current_mode == "_default"


async def test_first_run_language_switch_keeps_what_was_typed(store):
    from kehoach_tui.i18n import get_lang

    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Thanh Hóa")
        app.screen.action_switch_language()
        await pilot.pause()
        assert get_lang() == "en"
        assert app.screen.query_one("#province", Input).value == "Thanh Hóa"
        assert "First-run setup" in str(app.screen.query_one("#first-title").render())
