"""First run: province → commune (official list), officer, plan. Enter through = defaults."""

from __future__ import annotations

import getpass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from ..i18n import t
from ..safe import plain
from ..widgets.fold_suggest import FoldingSuggester, SuggestInput
from ..widgets.safe_input import SafeInput

DEFAULT_PROVINCE = "Tỉnh Nghệ An"
DEFAULT_COMMUNE = "Xã Nghĩa Thọ"


def default_officer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some Windows set-ups
        return "Cán bộ"


class FirstRunScreen(Screen[bool]):
    """Dismisses with True once the database is initialised."""

    def compose(self) -> ComposeResult:
        from ..communes import provinces
        from ..plan_files import DEFAULT_PLAN, bundled_plan_names

        with VerticalScroll(id="first-run"):
            yield Static(plain(t("first.title"), "bold"), id="first-title")
            yield Static(t("first.intro"), id="first-intro")
            with Vertical(classes="field"):
                yield Label(t("first.province"))
                yield SuggestInput(placeholder=DEFAULT_PROVINCE, id="province",
                                   suggester=FoldingSuggester(name for _, name in provinces()))
            with Vertical(classes="field"):
                yield Label(t("first.commune"))
                yield SuggestInput(placeholder=DEFAULT_COMMUNE, id="commune")
            with Vertical(classes="field"):
                yield Label(t("first.officer"))
                yield SafeInput(placeholder=default_officer(), id="officer")
            with Vertical(classes="field"):
                yield Label(t("first.plan"))
                yield SafeInput(placeholder=DEFAULT_PLAN, id="plan",
                            suggester=SuggestFromList(bundled_plan_names(), case_sensitive=False))
            yield Static("", id="first-error")
            yield Button(t("first.start"), id="start", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#province", Input).focus()

    @on(Input.Changed, "#province")
    def _province_changed(self) -> None:
        from ..communes import communes_of, find_province

        found = find_province(self._value("province", DEFAULT_PROVINCE))
        names = [c.name for c in communes_of(found[0])] if found else []
        self.query_one("#commune", Input).suggester = FoldingSuggester(names)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "plan":
            self._start()
        else:
            self.focus_next()

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        from ..commune_setup import setup_commune
        from ..communes import find_commune, find_province
        from ..domain.plan import PlanError
        from ..plan_files import DEFAULT_PLAN, resolve_plan
        from ..store import StoreError

        province_text = self._value("province", DEFAULT_PROVINCE)
        province = find_province(province_text)
        if province is None:
            return self._error(t("first.bad_province", name=province_text), "province")
        commune_text = self._value("commune", DEFAULT_COMMUNE)
        commune = find_commune(province[0], commune_text)
        if commune is None:
            return self._error(t("first.bad_commune", name=commune_text, province=province[1]), "commune")
        plan_text = self._value("plan", DEFAULT_PLAN)
        try:
            plan = resolve_plan(plan_text)
        except PlanError:
            return self._error(t("first.bad_plan", name=plan_text), "plan")
        try:
            done = setup_commune(self.app.store, plan=plan, commune_code=commune.code,
                                 officer=self._value("officer", default_officer()))
        except PlanError as exc:  # the commune is not one the plan can be followed in
            return self._error(str(exc), "commune")
        except StoreError as exc:
            return self._error(str(exc), "start")
        if done.key_error:
            self.app.notify(done.key_error, severity="warning")
        self.dismiss(True)

    def _value(self, field: str, default: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip() or default

    def _error(self, message: str, field: str) -> None:
        self.query_one("#first-error", Static).update(plain(message, "bold red"))
        self.query_one(f"#{field}").focus()
