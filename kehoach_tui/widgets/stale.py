"""What a dialog says when its record changed after it was opened (optimistic concurrency).

Two windows on one database: the task dialog of window A still holds the status window B
has just changed. Saving would silently undo B's work, so the store refuses (StaleRecord);
the dialog shows B's changes in words and saves A's values only when asked again.
"""

from __future__ import annotations

from rich.text import Text

from ..i18n import t
from ..safe import one_line, plain

SHOWN = 4  # the newest changes; more are counted


def stale_text(store, exc) -> Text:
    """"Đã có thay đổi khác…" with each change on its line, and how to go on."""
    from ..store.history import changes_since

    entries = changes_since(store, exc.entity, exc.entity_id, exc.expected)
    text = plain(t("dialog.stale_head"), "bold yellow")
    for entry in entries[:SHOWN]:
        text.append("\n• ")
        text.append_text(plain(one_line(entry.line(), 160)))
    if len(entries) > SHOWN:
        text.append_text(plain("\n" + t("dialog.stale_more", n=len(entries) - SHOWN), "dim"))
    text.append("\n")
    text.append_text(plain(t("dialog.stale_ask"), "yellow"))
    return text
