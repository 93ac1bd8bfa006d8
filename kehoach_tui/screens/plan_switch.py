"""Choosing the plan to follow: the plans in this database, then the bundled ones not yet
added. Enter switches (a bundled plan is added first); each plan keeps its own progress."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import t, tn
from ..safe import one_line, plain
from ..widgets.dialog import Dialog
from ..widgets.pickers import ChoiceList


@dataclass(frozen=True)
class PlanChoice:
    code: str
    title: str
    level: str
    place: str  # the commune or province the plan belongs to
    tasks: int
    targets: int
    installed: bool
    active: bool


def plan_choices(store) -> list[PlanChoice]:
    """Installed plans (in the order added), then bundled plans not in the database."""
    from ..plan_files import bundled_plan_names, resolve_plan
    from ..store.plan_revision import installed_plans

    choices = [
        PlanChoice(p.code, p.title, p.level, p.commune_name or p.province_name, p.tasks, p.targets, True, p.active)
        for p in installed_plans(store)
    ]
    have = {c.code for c in choices}
    for name in bundled_plan_names():
        if name in have:
            continue
        meta = (plan := resolve_plan(name)).plan
        choices.append(PlanChoice(name, meta.title, meta.level, meta.commune_name or meta.province_name,
                                  len(plan.tasks), len(plan.targets), False, False))
    return choices


def _prompt(choice: PlanChoice, width: int) -> Text:
    """Two lines: code, state and counts; then place and title, cut to the width. Every
    part is plain text with its own style (nothing in a title is read as markup)."""
    text = Text()
    text.append_text(plain("● " if choice.active else "  ", "bold green"))
    text.append_text(plain(choice.code, "bold"))
    if choice.active:
        text.append_text(plain(f" ({t('plan_switch.active')})", "green"))
    level = t("plan.level." + choice.level) if choice.level in ("commune", "province") else choice.level
    text.append_text(plain(" · " + t("plan_switch.counts", level=level, tasks=tn("count.tasks", choice.tasks),
                                       targets=tn("count.targets", choice.targets)),
                           "dim"))
    second = " — ".join(part for part in (one_line(choice.place), one_line(choice.title)) if part)
    # no-break spaces: a wrapped line would drop ordinary leading spaces
    text.append("\n" + "\u00a0" * 4)
    text.append_text(plain(one_line(second, max(10, width - 4))))
    return text


def _heading(key: str) -> Option:
    return Option(plain(t(key), "bold"), disabled=True)


class PlanSwitchScreen(Dialog[str | None]):
    """Dismisses with the code of the plan switched to, or None."""

    BINDINGS = [Binding("escape", "close", "key.close", show=False)]

    def compose(self) -> ComposeResult:
        with self.box(t("plan_switch.title"), id="plan-switch", large=True):
            yield ChoiceList(id="plan-list")
            yield Static("", id="plan-switch-note")
            yield Static(plain(t("plan_switch.hint"), "dim"), id="plan-switch-hint")

    def on_mount(self) -> None:
        # Reading the bundled plan files takes a moment on a slow disk: a worker reads them
        # while the dialog is already shown.
        self._choices: dict[str, PlanChoice] = {}
        self._here = ""
        self._switching = False
        self.query_one("#plan-switch-note", Static).update(plain(t("plan_switch.loading"), "dim italic"))
        self._load_choices()

    @work(thread=True, exclusive=True, group="plan-choices", exit_on_error=False)
    def _load_choices(self) -> None:
        from ..store.settings import get_setting

        with self.app.store.for_thread() as store:
            choices = plan_choices(store)
            here = get_setting(store, "commune_name", "") or ""
        self.app.call_from_thread(self._show_choices, choices, here)

    def _show_choices(self, choices: list[PlanChoice], here: str) -> None:
        self._choices = {c.code: c for c in choices}
        self._here = here
        self.query_one("#plan-switch-note", Static).update("")
        # the dialog is 90% wide (at most 100); borders and padding take 8 columns
        width = max(20, min(int(self.app.size.width * 0.9), 100) - 9)
        options: list[Option] = []
        installed = [c for c in choices if c.installed]
        bundled = [c for c in choices if not c.installed]
        for key, group in (("plan_switch.installed", installed), ("plan_switch.bundled", bundled)):
            if group:
                options.append(_heading(key))
                options += [Option(_prompt(c, width), id=c.code) for c in group]
        option_list = self.query_one("#plan-list", OptionList)
        option_list.add_options(options)
        active = next((i for i, o in enumerate(options) if o.id and self._choices[o.id].active), None)
        option_list.highlighted = active if active is not None else next(
            (i for i, o in enumerate(options) if not o.disabled), None)
        option_list.focus()

    @on(OptionList.OptionHighlighted, "#plan-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        choice = self._choices.get(event.option.id or "")
        note = self.query_one("#plan-switch-note", Static)
        here = self._here
        if choice and choice.level == "commune" and choice.place and here and choice.place != here:
            note.update(plain(t("plan.other_commune", plan_commune=choice.place, commune=here), "yellow"))
        else:
            note.update("")

    @on(OptionList.OptionSelected, "#plan-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        code = event.option.id or ""
        if self._switching or code not in self._choices:
            return
        if self._choices[code].active:
            self.dismiss(None)  # already the plan in use: nothing to do
            return
        self._switching = True
        self.query_one("#plan-switch-note", Static).update(plain(t("plan_switch.switching", code=code), "italic"))
        self._switch(code)

    @work(thread=True, exclusive=True, group="plan-switch", exit_on_error=False)
    def _switch(self, code: str) -> None:
        """Adding a bundled plan reads its file and writes every task: off the UI thread."""
        from ..domain.plan import PlanError
        from ..store import StoreError
        from ..store.plan_revision import switch_plan
        from ..store.setup import officer

        try:
            with self.app.store.for_thread() as store:
                switch_plan(store, code, actor=officer(store))
        except (PlanError, StoreError) as exc:
            self.app.call_from_thread(self._switch_refused, one_line(exc))
            return
        self.app.call_from_thread(self._switched, code)

    def _switched(self, code: str) -> None:
        self.dismiss(code)

    def _switch_refused(self, reason: str) -> None:
        self._switching = False
        self.query_one("#plan-switch-note", Static).update(plain(reason, "bold red"))

    def worker_failed(self, worker) -> None:
        """After an unexpected error (the app told the officer): Enter may be tried again."""
        self._switching = False
        self.query_one("#plan-switch-note", Static).update("")

    def action_close(self) -> None:
        self.dismiss(None)


def open_plan_switch(app, after=None) -> None:
    """Palette command: show the dialog; after a switch, tell the user and redraw the mode
    (and call after(), e.g. Cài đặt re-reading its rows)."""

    def done(code: str | None) -> None:
        if hasattr(app, "refresh_plan_mark"):
            app.refresh_plan_mark()
        if after is not None:
            after()
        if code:
            app.notify(t("plan_switch.switched", code=code), timeout=3)

    app.push_screen(PlanSwitchScreen(), callback=done)
