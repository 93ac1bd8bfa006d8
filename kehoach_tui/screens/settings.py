"""Cài đặt: everything the command line can set, in one list. Enter on a row changes it.

Each row's change goes through the store function the matching `kehoach` command calls
(named beside each row), so the app and the CLI check and record the same way:

    officers            kehoach officer add/use/edit, init --officer   store/officers.py
    report signer, recipients, number, place   kehoach report settings   store/reports.py
    report schedule     kehoach report schedule --preset              store/reports.apply_preset
    report folder       (the app's own; kehoach report … --out)       setting report_folder
    morning check       kehoach checklist settings                    put_settings(SETTING_KEYS)
    mail                kehoach mail configure                        mail/settings.py
    own key             kehoach keys show                             sync/keys.py
    province key        kehoach keys trust-province FILE              sync/state.put_trusted_key
    plan in use         kehoach plan use NAME                         store/plan_revision.switch_plan
    plan file           kehoach plan import FILE                      store/plan_revision.import_plan
    incident categories kehoach incident categories --add             store/incidents.add_category
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import t, tn
from ..safe import one_line, plain
from ..widgets.bindings import CatalogueBindings
from ..widgets.key_footer import KeyFooter
from ..widgets.pickers import ChoiceList
from .settings_dialogs import ChoiceDialog, Field, SettingsValueDialog

ROW_LABELS = {
    "officer": "settings.row.officer", "signer": "settings.row.signer", "recipients": "settings.row.recipients",
    "schedule": "settings.row.schedule", "report_folder": "settings.row.report_folder",
    "checklist": "settings.row.checklist", "mail": "settings.row.mail", "own_key": "settings.row.own_key",
    "province_key": "settings.row.province_key", "plan": "settings.row.plan",
    "plan_import": "settings.row.plan_import", "categories": "settings.row.categories",
}
ROWS = tuple(ROW_LABELS)
# Each `kehoach` command that changes a setting, and its row here (tests hold the list).
CLI_SETTERS = {
    "init --officer": "officer", "officer add": "officer", "officer use": "officer", "officer edit": "officer",
    "report settings": "signer", "report schedule": "schedule", "checklist settings": "checklist",
    "mail configure": "mail", "keys show": "own_key", "keys trust-province": "province_key",
    "plan use": "plan", "plan import": "plan_import", "incident categories --add": "categories",
}
LABEL_WIDTH = 26


class SettingsScreen(CatalogueBindings, Screen):
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("enter", "change", "settings.key_change", priority=True),
    ]

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Static(plain(t("settings.title"), "bold"), id="settings-title")
        yield ChoiceList(id="settings-list")
        yield Static("", id="settings-message")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one("#settings-list", OptionList).focus()

    # --- the rows --------------------------------------------------------------------------

    def refresh_rows(self) -> None:
        listing = self.query_one("#settings-list", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        width = max(20, self.app.size.width - LABEL_WIDTH - 6)
        for key in ROWS:
            row = Text()
            row.append_text(plain(t(ROW_LABELS[key]).ljust(LABEL_WIDTH), "bold"))
            row.append_text(plain(one_line(self._value(key), width)))
            listing.add_option(Option(row, id=key))
        listing.highlighted = keep if keep is not None else 0

    def _value(self, key: str) -> str:
        return getattr(self, f"_value_{key}")()

    def _value_officer(self) -> str:
        from ..store.officers import current_officer, list_officers

        now = current_officer(self.store)
        count = tn("settings.officers_count", len(list_officers(self.store)))
        return f"{now.label()} · {count}" if now else t("settings.none_yet")

    def _value_signer(self) -> str:
        from ..store.reports import report_settings

        s = report_settings(self.store)
        return " · ".join(p for p in (s.signer_name or t("settings.none_yet"), " ".join(s.signer_title.split())) if p)

    def _value_recipients(self) -> str:
        from ..store.reports import report_settings

        recipients = report_settings(self.store).recipients
        return f"{tn('settings.places_count', len(recipients))}: {'; '.join(recipients)}"

    def _value_schedule(self) -> str:
        from ..store.plans import list_schedules

        labels = [s["label"] for s in list_schedules(self.store)]
        return "; ".join(labels) if labels else t("settings.none_yet")

    def _value_report_folder(self) -> str:
        from ..reports.export import default_folder

        return str(default_folder(self.store))

    def _value_checklist(self) -> str:
        from ..store.checklist import checklist_settings

        s = checklist_settings(self.store)
        return t("settings.checklist_value", late=s.late_after,
                 saturdays=t("settings.yes") if s.saturdays else t("settings.no"), hosts=len(s.internet_hosts))

    def _value_mail(self) -> str:
        from ..mail import settings as mail_settings

        found = mail_settings.load(self.store)
        if found is None:
            return t("settings.none_yet")
        return f"{found.server} · {found.sender} → {', '.join(found.recipients)}"

    def _value_own_key(self) -> str:
        from ..errors import KehoachError
        from ..store.sync_state import identity
        from ..sync.keys import ensure_key

        try:
            return ensure_key("commune", identity(self.store).commune_code).fingerprint
        except (KehoachError, OSError, ValueError) as exc:
            return str(exc)

    def _value_province_key(self) -> str:
        from ..store.sync_state import trusted_keys
        from ..sync.keys import fingerprint

        found = trusted_keys(self.store, "province")
        if not found:
            return t("settings.none_yet")
        return t("settings.province_key_value", code=found[0]["code"], fingerprint=fingerprint(found[0]["public_key"]))

    def _value_plan(self) -> str:
        from ..store.plans import active_plan

        plan = active_plan(self.store)
        return f"{plan.code} — {plan.title}" if plan else t("settings.none_yet")

    def _value_plan_import(self) -> str:
        return t("settings.plan_import_value")

    def _value_categories(self) -> str:
        from ..store.incidents import EXTRA_CATEGORIES
        from ..store.settings import get_setting

        extra = get_setting(self.store, EXTRA_CATEGORIES, []) or []
        return "; ".join(extra) if extra else t("settings.none_yet")

    # --- changing a row ----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#settings-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._change(event.option.id or "")

    def action_change(self) -> None:
        listing = self.query_one("#settings-list", OptionList)
        if listing.highlighted is not None:
            self._change(ROWS[listing.highlighted])

    def _change(self, key: str) -> None:
        getattr(self, f"_change_{key}")()

    def _done(self, message: str | None, style: str = "green") -> None:
        """After a dialog: show what was done and re-read the rows."""
        if message:
            self.query_one("#settings-message", Static).update(plain(message, style))
        self.refresh_rows()

    def _actor(self) -> str:
        from ..store.setup import officer

        return officer(self.store)

    def _ask(self, title: str, fields: list[Field], save: Callable[[dict], str], note: str = "") -> None:
        self.app.push_screen(SettingsValueDialog(title, fields, save, note), self._done)

    def _change_officer(self) -> None:
        from .officers import OfficerPicker

        def chosen(name: str | None) -> None:
            self._done(t("officer.now", name=name) if name else None)

        self.app.push_screen(OfficerPicker(), chosen)

    def _change_signer(self) -> None:
        from ..store.reports import report_settings, save_report_settings
        from .report_dialogs import SettingsDialog

        def saved(values: dict | None) -> None:
            if values is not None:
                save_report_settings(self.store, values, actor=self._actor())
                self._done(t("settings.saved"))

        self.app.push_screen(SettingsDialog(report_settings(self.store)), saved)

    _change_recipients = _change_signer  # the same dialog holds the recipients

    def _change_schedule(self) -> None:
        from ..domain.periods import PRESETS
        from ..store.reports import apply_preset

        def chosen(name: str | None) -> None:
            if name:
                apply_preset(self.store, PRESETS[name], actor=self._actor())
                self._done(t("report.preset_applied", name=name, labels="; ".join(s.label for s in PRESETS[name])))

        choices = [(name, f"{name}: {'; '.join(s.label for s in items)}") for name, items in PRESETS.items()]
        self.app.push_screen(ChoiceDialog(t(ROW_LABELS["schedule"]), choices), chosen)

    def _change_report_folder(self) -> None:
        from ..reports.export import REPORT_FOLDER_SETTING, default_folder
        from ..store.settings import put_settings
        from .file_picker import FilePicker

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                put_settings(self.store, {REPORT_FOLDER_SETTING: str(folder)}, actor=self._actor())
                self._done(t("settings.report_folder_set", path=folder))

        current = default_folder(self.store)
        self.app.push_screen(FilePicker(t(ROW_LABELS["report_folder"]), folder=True, store=self.store,
                                        start=current if current.is_dir() else None), chosen)

    def _change_checklist(self) -> None:
        from ..domain.checklist import parse_hhmm
        from ..domain.vntext import clean_line
        from ..probes.network import parse_target
        from ..store.checklist import SETTING_KEYS, checklist_settings
        from ..store.settings import put_settings

        current = checklist_settings(self.store)

        def days(lines: list[str]) -> list[str]:
            from ..config import parse_user_date

            found = set()
            for line in lines:
                try:
                    found.add(parse_user_date(line).isoformat())
                except ValueError:
                    raise ValueError(t("cli.checklist_bad_date", text=one_line(line, 20))) from None
            return sorted(found)

        def shown(days_iso: list[str]) -> str:
            from ..config import fmt_date

            return "\n".join(fmt_date(dt.date.fromisoformat(d)) for d in days_iso)

        def save(values: dict) -> str:  # the checks of `kehoach checklist settings`
            hosts = [clean_line(h) for h in values["hosts"] if clean_line(h)]
            for host in hosts:
                try:
                    parse_target(host)
                except ValueError:
                    raise ValueError(t("probe.bad_host", host=host)) from None
            changes = {"late_after": parse_hhmm(values["late_after"]).strftime("%H:%M"),
                       "saturdays": values["saturdays"], "internet_hosts": hosts or current.internet_hosts,
                       "holidays": days(values["holidays"]), "extra_workdays": days(values["workdays"])}
            put_settings(self.store, {SETTING_KEYS[k]: v for k, v in changes.items()}, actor=self._actor())
            return t("settings.saved")

        self._ask(t(ROW_LABELS["checklist"]), [
            Field("late_after", t("settings.late_after"), current.late_after),
            Field("saturdays", t("settings.saturdays"), current.saturdays, "check"),
            Field("hosts", t("settings.hosts"), "\n".join(current.internet_hosts), "lines"),
            Field("holidays", t("settings.holidays"), shown(current.holidays), "lines"),
            Field("workdays", t("settings.workdays"), shown(current.extra_workdays), "lines"),
        ], save)

    def _change_mail(self) -> None:
        from ..mail import secret
        from ..mail import settings as mail_settings

        now = mail_settings.load(self.store)

        def number(text: str, kind=int):
            try:
                return kind(str(text).strip().replace(",", "."))
            except ValueError:
                raise ValueError(t("settings.not_a_number", value=one_line(text, 20))) from None

        def save(v: dict) -> str:  # the checks of `kehoach mail configure`
            port = number(v["port"]) if str(v["port"]).strip() else None
            built = mail_settings.build(
                host=v["host"], port=port, security=v["security"].strip() or "starttls", user=v["user"],
                sender=v["sender"], recipients=[v["to"]], auto_send=v["auto_send"],
                max_mb=number(v["max_mb"], float), check_minutes=number(v["check_minutes"]))
            mail_settings.save(self.store, built, actor=self._actor())
            if v["password"] and built.user and not secret.save_password(built.user, built.host, v["password"]):
                return t("settings.mail_saved_no_keyring")
            return t("mail.configured")

        self._ask(t(ROW_LABELS["mail"]), [
            Field("host", t("settings.mail_host"), now.host if now else ""),
            Field("port", t("settings.mail_port"), str(now.port) if now else ""),
            Field("security", t("settings.mail_security"), now.security if now else "starttls"),
            Field("user", t("settings.mail_user"), now.user if now else ""),
            Field("password", t("settings.mail_password"), "", "password"),
            Field("sender", t("settings.mail_sender"), now.sender if now else ""),
            Field("to", t("settings.mail_to"), ", ".join(now.recipients) if now else ""),
            Field("auto_send", t("settings.mail_auto"), now.auto_send if now else False, "check"),
            Field("max_mb", t("settings.mail_max_mb"), f"{now.max_mb:g}" if now else "10"),
            Field("check_minutes", t("settings.mail_minutes"), str(now.check_minutes) if now else "3"),
        ], save, note=t("settings.mail_note"))

    def _change_own_key(self) -> None:
        from ..store.sync_state import identity
        from ..sync.keys import ensure_key

        pair = ensure_key("commune", identity(self.store).commune_code)
        self._done(t("settings.own_key_full", public_key=pair.public_hex, fingerprint=pair.fingerprint), "")

    def _change_province_key(self) -> None:
        from .file_picker import KEY_FILES, FilePicker

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.install_province_key(path)

        self.app.push_screen(FilePicker(t("settings.pick_key"), KEY_FILES, store=self.store), chosen)

    def install_province_key(self, path: Path) -> None:
        """What `kehoach keys trust-province FILE` does, with its messages."""
        from ..errors import KehoachError
        from ..store.sync_state import put_trusted_key
        from ..sync.keys import fingerprint, read_public_key_file

        try:
            code, key = read_public_key_file(path, "province")
            changed = put_trusted_key(self.store, "province", code, key, actor=self._actor())
        except KehoachError as exc:
            self._done(str(exc), "bold red")
            return
        self._done(t("sync.trusted" if changed else "sync.trusted_already", code=code, fingerprint=fingerprint(key)))

    def _change_plan(self) -> None:
        from .plan_switch import open_plan_switch

        open_plan_switch(self.app, after=lambda: self.refresh_rows())

    def _change_plan_import(self) -> None:
        from .file_picker import PLAN_FILES, FilePicker

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.import_plan_file(path)

        self.app.push_screen(FilePicker(t("settings.pick_plan"), PLAN_FILES, store=self.store), chosen)

    def import_plan_file(self, path: Path) -> None:
        """What `kehoach plan import FILE` does; then asks whether to follow the plan now."""
        from ..domain.plan import PlanError, load_plan_file
        from ..store import StoreError
        from ..store.plan_revision import import_plan
        from ..store.plans import active_plan
        from ..widgets.confirm import ConfirmDialog

        try:
            plan_file = load_plan_file(path)
            result = import_plan(self.store, plan_file, actor=self._actor(), activate=False)
        except (PlanError, StoreError) as exc:
            self._done(one_line(exc), "bold red")
            return
        code = result.plan_code
        if result.created:
            message = t("plan.created", code=code, tasks=tn("count.tasks", len(plan_file.tasks)),
                        targets=tn("count.targets", len(plan_file.targets)))
        elif not result.changed:
            message = t("plan.no_change", code=code)
        else:
            message = t("plan.revised", code=code, added=len(result.added), removed=len(result.removed),
                        reworded=len(result.reworded), unchanged=result.unchanged, kept=len(result.kept_progress))
        self._done(message)
        current = active_plan(self.store)
        if current is not None and current.code == code:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                from ..store.plan_revision import switch_plan

                switch_plan(self.store, code, actor=self._actor())
                if hasattr(self.app, "refresh_plan_mark"):
                    self.app.refresh_plan_mark()
                self._done(message + "\n" + t("plan.activated", code=code))

        self.app.push_screen(ConfirmDialog(t("settings.use_plan_body", code=code), title=t("settings.use_plan_title"),
                                           yes=t("settings.use_plan_yes"), no=t("settings.use_plan_no")), answered)

    def _change_categories(self) -> None:
        from ..store.incidents import add_category

        def save(values: dict) -> str:
            added = add_category(self.store, values["name"], actor=self._actor())
            return t("settings.category_added", name=added.name)

        self._ask(t(ROW_LABELS["categories"]), [Field("name", t("settings.category_name"), "")], save)

    def action_back(self) -> None:
        self.app.pop_screen()


def open_settings(app) -> None:
    app.push_screen(SettingsScreen())
