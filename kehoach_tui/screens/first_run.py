"""First run: province → commune (official list), officer, plan. Enter through = defaults,
except the officer's name, which is asked for (it is recorded with every change).

The plan is offered from the plans that fit the chosen commune (its own plan, its
province's plans); another commune's plan can still be typed, and is used only after a
confirmation. Until the setup is done the palette offers only quit, theme and language, and
the screen keys do nothing (app.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import get_lang, set_lang, t
from ..safe import one_line, plain
from ..widgets.bindings import CatalogueBindings
from ..widgets.fold_suggest import FoldingSuggester, SuggestInput
from ..widgets.pickers import ChoiceList
from ..widgets.safe_input import SafeInput

DEFAULT_PROVINCE = "Tỉnh Nghệ An"
DEFAULT_COMMUNE = "Xã Nghĩa Thọ"
FIELDS = ("province", "commune", "officer", "plan")
FIT_KEYS = {"own": "first.fit_own", "province": "first.fit_province",
            "any_province": "first.fit_any_province", "other_commune": "first.fit_other_commune"}


class FirstRunScreen(CatalogueBindings, Screen[bool]):
    """Dismisses with True once the database is initialised."""

    def __init__(self) -> None:
        super().__init__()
        self._confirmed_plan = ""  # another commune's plan the officer said yes to

    def compose(self) -> ComposeResult:
        from ..communes import provinces

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
                yield SafeInput(placeholder=t("first.officer_placeholder"), id="officer")
            with Vertical(classes="field"):
                yield Label(t("first.plan"))
                yield SafeInput(id="plan")
                yield Static("", id="first-plan-note")
                yield ChoiceList(id="first-plans", compact=True)
            yield Static("", id="first-error")
            yield Button(t("first.start"), id="start", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#province", Input).focus()
        self._offer_plans()

    # --- the commune and the plans that fit it --------------------------------------------

    def _commune(self):
        from ..communes import find_commune, find_province

        province = find_province(self._value("province", DEFAULT_PROVINCE))
        return find_commune(province[0], self._value("commune", DEFAULT_COMMUNE)) if province else None

    @on(Input.Changed, "#province")
    def _province_changed(self) -> None:
        from ..communes import communes_of, find_province

        found = find_province(self._value("province", DEFAULT_PROVINCE))
        names = [c.name for c in communes_of(found[0])] if found else []
        self.query_one("#commune", Input).suggester = FoldingSuggester(names)
        self._offer_plans()

    @on(Input.Changed, "#commune")
    def _commune_changed(self) -> None:
        self._offer_plans()

    def _offer_plans(self) -> None:
        """The plan list and the plan field's default follow the commune typed."""
        from ..plan_choices import plan_options, recommended_plan

        commune = self._commune()
        plan_input = self.query_one("#plan", Input)
        listing = self.query_one("#first-plans", OptionList)
        listing.clear_options()
        note = self.query_one("#first-plan-note", Static)
        if commune is None:
            plan_input.placeholder, plan_input.suggester = "", None
            note.update("")
            return
        options = plan_options(commune)
        plan_input.placeholder = recommended_plan(commune) or t("first.plan_file_placeholder")
        plan_input.suggester = FoldingSuggester([o.header.name for o in options
                                                 if not o.needs_confirmation])
        note.update(plain(t("first.plans_for", commune=commune.name) if options
                          else t("first.no_plan", commune=commune.name), "dim"))
        for option in options:
            fit = t(FIT_KEYS[option.fit], commune=option.header.commune_name)
            head = f"{option.header.name} — {fit}"
            prompt = plain(head, "yellow" if option.needs_confirmation else "")
            room = self.app.size.width - len(head) - 12  # one line each, whatever the width
            if room > 10:
                prompt.append_text(plain(" · " + one_line(option.header.title, room), "dim"))
            listing.add_option(Option(prompt, id=option.header.name))

    @on(OptionList.OptionSelected, "#first-plans")
    def _plan_picked(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#plan", Input).value = event.option.id or ""
        self.query_one("#start", Button).focus()

    # --- going through the form -------------------------------------------------------------

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
        from ..domain.vntext import clean_line
        from ..plan_choices import recommended_plan
        from ..plan_files import resolve_plan
        from ..plan_place import OtherCommunePlan
        from ..store import StoreError

        province_text = self._value("province", DEFAULT_PROVINCE)
        province = find_province(province_text)
        if province is None:
            return self._error(t("first.bad_province", name=province_text), "province")
        commune_text = self._value("commune", DEFAULT_COMMUNE)
        commune = find_commune(province[0], commune_text)
        if commune is None:
            return self._error(t("first.bad_commune", name=commune_text, province=province[1]), "commune")
        officer = clean_line(self._value("officer", ""))
        if not officer:
            return self._error(t("first.officer_required"), "officer")
        plan_text = self._value("plan", recommended_plan(commune) or "")
        if not plan_text:
            return self._error(t("first.no_plan", commune=commune.name), "plan")
        try:
            plan = resolve_plan(plan_text)
        except PlanError:
            return self._error(t("first.bad_plan", name=plan_text), "plan")
        try:
            done = setup_commune(self.app.store, plan=plan, commune_code=commune.code, officer=officer,
                                 other_commune_ok=self._confirmed_plan == plan.plan.code)
        except OtherCommunePlan as exc:
            return self._ask_other_commune(exc)
        except PlanError as exc:  # the commune is not one the plan can be followed in
            return self._error(str(exc), "commune")
        except StoreError as exc:
            return self._error(str(exc), "start")
        if done.key_error:
            self.app.notify(done.key_error, severity="warning")
        self.dismiss(True)

    def _ask_other_commune(self, exc) -> None:
        from ..widgets.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._confirmed_plan = exc.plan
                self._start()
            else:
                self._error(str(exc), "plan")

        self.app.push_screen(ConfirmDialog(
            t("first.other_body", plan=exc.plan, plan_commune=exc.plan_commune, commune=exc.commune),
            title=t("first.other_title"), yes=t("first.other_yes"), no=t("first.other_no")), answered)

    def _value(self, field: str, default: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip() or default

    def _error(self, message: str, field: str) -> None:
        self.query_one("#first-error", Static).update(plain(message, "bold red"))
        self.query_one(f"#{field}").focus()

    # --- the palette while nothing is set up: language (theme and quit come from the app) ---

    def palette_commands(self):
        yield t("first.language"), t("first.language_help"), self.action_switch_language

    def action_switch_language(self) -> None:
        """Vietnamese ⇄ English; what was typed stays."""
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        set_lang("en" if get_lang() == "vi" else "vi")
        self.app.retranslate()

        async def restore() -> None:
            await self.recompose()
            for name, value in values.items():
                self.query_one(f"#{name}", Input).value = value
            self._offer_plans()
            self.query_one("#province", Input).focus()

        self.call_later(restore)
