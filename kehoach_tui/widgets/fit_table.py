"""FitTable: a DataTable whose flexible columns share the width the fixed ones leave, again
on every resize.

A DataTable's column widths are fixed when the columns are added, so a window opened small
and then maximised (the usual start on Windows) keeps a 12-character title column and a
wide empty margin. Here a column added with `width=None` is flexible: on each resize it
gets its share of what is left (by weight, up to its max_width), and a cell's text is cut
with "…" at the column's width, never pre-cut by the screen.

Textual 8 has no public way to change a column's width: this module sets `Column.width`
and asks the table to measure itself again (`_clear_caches`, `_require_update_dimensions`),
the one place in the app that does so.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

MIN_FLEX = 8


@dataclass
class _Flex:
    weight: int
    max_width: int | None
    min_width: int


def _bound(flex: _Flex, share: int) -> int | None:
    """The width a column takes instead of its share: its cap, its minimum, or None."""
    if flex.max_width is not None and share > flex.max_width:
        return flex.max_width
    return flex.min_width if share < flex.min_width else None


class FitTable(DataTable):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._flex: dict[ColumnKey, _Flex] = {}

    def add_fit_column(self, label: str | Text, *, key: str, width: int | None = None, weight: int = 1,
                       max_width: int | None = None, min_width: int = MIN_FLEX) -> ColumnKey:
        """A fixed column (width given) or a flexible one (width None)."""
        column = self.add_column(label, key=key, width=width or min_width)
        if width is None:
            self._flex[column] = _Flex(weight, max_width, min_width)
            self._fit()
        return column

    def clear(self, columns: bool = False) -> FitTable:
        if columns:
            self._flex.clear()
        super().clear(columns)
        return self

    def add_row(self, *cells, **kwargs):
        return super().add_row(*(_cut(cell) for cell in cells), **kwargs)

    def flex_widths(self, available: int) -> dict[ColumnKey, int]:
        """Each flexible column's width when the table is `available` cells wide."""
        fixed = sum(c.get_render_width(self) for key, c in self.columns.items() if key not in self._flex)
        left = max(0, available - fixed - 2 * self.cell_padding * len(self._flex))
        widths: dict[ColumnKey, int] = {}
        open_ = dict(self._flex)
        while open_:  # a column whose share is past its cap or under its minimum takes that
            total = sum(f.weight for f in open_.values())  # bound; the others share what remains
            bounded = {k: b for k, f in open_.items() if (b := _bound(f, left * f.weight // total)) is not None}
            if not bounded:
                for key, flex in open_.items():
                    widths[key] = left * flex.weight // total
                break
            for key, width in bounded.items():
                widths[key] = width
                left = max(0, left - width)
                del open_[key]
        return widths

    def _available(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def _fit(self) -> None:
        # Not laid out yet (rows added in on_mount, so the first frame has data): the columns
        # keep their minimum widths until the first resize. A guess at the width could be
        # too wide and leave a horizontal scrollbar's empty line under the rows.
        if not self._flex or not self._available():
            return
        changed = False
        for key, width in self.flex_widths(self._available()).items():
            column = self.columns.get(key)
            if column is not None and column.width != width:
                column.width = width
                changed = True
        if changed:
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh(layout=True)

    def on_resize(self) -> None:
        self._fit()


class TailText(Text):
    """A cell whose last `tail` characters stay in sight: when the column is too narrow the
    text before them is cut with "…" ("Phần mềm diệt vi… · xã tự thêm"), so a marker after
    a long title is not the part that is lost."""

    tail = 0

    def __rich_console__(self, console, options):
        width = options.max_width
        if self.tail and self.cell_len > width:
            cut = len(self.plain) - self.tail
            head, end = self[:cut], self[cut:]
            head.truncate(max(1, width - end.cell_len), overflow="ellipsis")
            head.append_text(end)
            head.no_wrap, head.overflow, head.end = True, "ellipsis", self.end
            yield from head.__rich_console__(console, options)
            return
        yield from super().__rich_console__(console, options)


def with_tail(head: Text, tail: Text) -> TailText:
    """head then tail, the tail kept when the column cuts the cell (TailText)."""
    cell = TailText()
    cell.append_text(head)
    cell.append_text(tail)
    cell.tail = len(tail.plain)
    return cell


def _cut(cell):
    """Text cells end in "…" at the column's edge instead of wrapping out of sight."""
    if isinstance(cell, TailText):
        cell.no_wrap, cell.overflow = True, "ellipsis"
    elif isinstance(cell, Text):
        cell = cell.copy()
        cell.no_wrap = True
        cell.overflow = "ellipsis"
    return cell
