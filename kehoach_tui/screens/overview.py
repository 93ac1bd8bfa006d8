"""Tổng quan: plan progress by group, today's check, open incidents, next report due."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ..config import fmt_date, today
from ..i18n import t
from ..safe import one_line, plain
from ..widgets.group_table import GroupTable
from .base import ModeScreen


class OverviewScreen(ModeScreen):
    MODE = "overview"
    BINDINGS = [Binding("c", "app.open_settings", "settings.key")]

    def compose_body(self) -> ComposeResult:
        yield Static(id="overview-title")
        with Vertical(id="overview-body"):
            yield Static(t("overview.plan_progress"), classes="section-title")
            yield GroupTable(id="group-table")
            with Horizontal(id="overview-cards"):  # titles first, each body a frame later
                yield Static(plain(t("overview.today_check"), "bold"), id="card-check", classes="card")
                yield Static(plain(t("overview.open_incidents"), "bold"), id="card-incidents", classes="card")
                yield Static(plain(t("overview.next_report"), "bold"), id="card-report", classes="card")

    def on_mount(self) -> None:
        # Labels and cells as Text: a str would be parsed as markup, which loads rich's
        # emoji table (≈ 15 ms of the start) for nothing.
        table = self.query_one("#group-table", GroupTable)
        table.set_columns(plain(t("overview.group")),  # the rest of the width
                          *((plain(t(key)), len(t(key))) for key in ("overview.tasks", "overview.done", "overview.overdue")),
                          (plain(t("overview.progress")), 15))
        # The data is in the first frame: Tổng quan is what every start waits for.
        self.refresh_data()

    def refresh_data(self) -> None:
        from ..store.overview import overview_summary

        summary = overview_summary(self.store, today())
        title = self.query_one("#overview-title", Static)
        heading = plain(self.app.place_label(), "bold")
        heading.append(f" · {t('overview.today', date=fmt_date(today()))}\n", style="dim")
        heading.append_text(plain(one_line(summary.plan_title, 2 * max(self.size.width, 80) - 10)))
        title.update(heading)
        # On the first show Textual's partial layout keeps the empty box's one line (the old
        # Footer's late recompose used to hide this); setting the height again lays it out.
        title.styles.height = "auto"
        self.query_one("#group-table", GroupTable).set_rows([
            (plain(one_line(f"{group.code}. {group.title}")), plain(group.tasks), plain(group.done),
             plain(group.overdue), progress_bar(group.progress))
            for group in summary.groups])
        # The cards once the table is painted: the morning check, the incidents and the report
        # schedules are a third of what the first frame would otherwise wait for (their
        # modules, five years of due dates), and the plan's progress is what is looked at.
        self.call_after_refresh(self._fill_cards)

    def _fill_cards(self) -> None:
        from ..store.overview import overview_cards

        cards = overview_cards(self.store, today())
        self._card("#card-check", "overview.today_check", cards.check_text)
        self._card("#card-incidents", "overview.open_incidents", cards.incidents_text)
        self._card("#card-report", "overview.next_report", cards.report_text)

    def _card(self, selector: str, title_key: str, body: str | None) -> None:
        text = plain(t(title_key), "bold")
        text.append("\n")
        text.append_text(plain(body if body else t("no_data"), "" if body else "dim italic"))
        self.query_one(selector, Static).update(text)


def progress_bar(percent: int, width: int = 10):
    filled = round(width * percent / 100)
    bar = plain("█" * filled, "green")
    bar.append("░" * (width - filled), style="dim")
    bar.append(f" {percent:>3}%")
    return bar
