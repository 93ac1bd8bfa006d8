"""An incident as typed on the CLI or the form, before normalize_draft checks it: the one
incident model validated by pydantic (imported by what opens or edits an incident)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class IncidentDraft(BaseModel):
    """Fields as typed (CLI or form): names or codes, with or without diacritics.

    `opened_at` is local "dd/mm/yyyy HH:MM" text or an aware datetime; None means now.
    """

    title: str
    category: str
    severity: str = "medium"
    opened_at: str | dt.datetime | None = None
    reporter: str = ""
    location: str = ""
    systems: str = ""
    description: str = ""
    service_interrupted: bool = False
    dossiers_delayed: int | str = 0
    reported_via: str = ""
    reported_to: str = ""
    contact: str = ""
    checklist_item: str = ""
