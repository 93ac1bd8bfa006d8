"""Who is at work: asked at start-up and from the palette ("Đổi cán bộ đang làm việc").

Apart from the dialogs (screens/officers.py), which load only when one is shown: the usual
start, one officer in the list, asks nothing, and Tổng quan does not wait for a form's code.
"""

from __future__ import annotations

from ..i18n import t


def choose_officer(app, *, at_start: bool = False) -> None:
    """The palette command, and the start-up question: none in the list → ask the name
    (required); one → that one, nothing asked; several → the picker (at start-up only
    then)."""
    from ..store.officers import list_officers, use_officer
    from ..store.settings import get_setting

    store = app.store
    officers = list_officers(store)
    if at_start and len(officers) == 1:
        use_officer(store, officers[0].name)
        return

    from .officers import OfficerForm, OfficerPicker

    def chosen(name: str | None) -> None:
        if name:
            use_officer(store, name)
            app.notify(t("officer.now", name=name), timeout=3)

    if not officers:
        from ..store.setup import UNNAMED

        known = get_setting(store, "officer", "") or ""
        app.push_screen(OfficerForm(title=t("officer.ask_title"), intro=t("officer.ask_intro"),
                                    name="" if known == UNNAMED else known, cancellable=not at_start), chosen)
    else:
        app.push_screen(OfficerPicker(), chosen)
