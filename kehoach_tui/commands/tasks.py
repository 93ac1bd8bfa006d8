"""kehoach tasks: the plan's tasks."""

from __future__ import annotations

import click

from .common import AppContext, echo, emit_json, pass_app


def task_json(task, derived_progress: int | None = None) -> dict:
    from ..domain.deadlines import describe, parse_deadline

    return {
        "code": task.code,
        "title": task.title,
        "group": task.group_code,
        "parent": task.parent_code,
        "lead_units": task.lead_units,
        "partner_units": task.partner_units,
        "deadline_text": task.deadline_text,
        "deadline_kind": task.deadline_kind,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "due": describe(parse_deadline(task.deadline_text)) if not task.due_date else task.due_date.strftime("%d/%m/%Y"),
        "status": task.status,
        "progress": task.progress if derived_progress is None else derived_progress,
    }


@click.command()
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def tasks(app: AppContext, as_json: bool) -> None:
    """Liệt kê nhiệm vụ của kế hoạch."""
    from ..domain.progress import derived_progress
    from ..i18n import t
    from ..store.plans import list_tasks

    store = app.open()
    try:
        items = list_tasks(store)
    finally:
        store.close()
    progress = derived_progress(items)
    rows = [task_json(task, progress[task.code]) for task in items]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        units = "; ".join(row["lead_units"])
        echo(f"{row['code']:<8} {row['due']:<24} {t('status.' + row['status']):<16} {row['progress']:>3}%  {row['title']}  [{units}]")
