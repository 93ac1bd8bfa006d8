"""GroupTable: Tổng quan's table of the plan's groups, drawn as lines of text.

The overview's table is read, not worked in: a handful of rows, nothing to select. As a
DataTable (its module, its stylesheet, cell-by-cell rendering) it was a sixth of what the
first frame of every start waited for. Here the columns are laid out at each render from
the widget's own width: the first column takes what the others leave (at least
`min_width`), so a window opened small and then maximised shows whole titles, with no refit.
Header and alternate rows take their colours from the app stylesheet (styles/overview.tcss).
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

PADDING = 1  # a space each side of a cell, as a DataTable has


class GroupTable(Widget):
    COMPONENT_CLASSES = {"group-table--header", "group-table--even-row"}

    def __init__(self, *, min_width: int = 20, id: str | None = None) -> None:
        super().__init__(id=id)
        self.min_width = min_width
        self._labels: list[Text] = []
        self._fixed: list[int] = []  # the width of each column after the first
        self._rows: list[tuple[Text, ...]] = []

    def set_columns(self, first: Text, *others: tuple[Text, int]) -> None:
        """The first (flexible) column's label, then each other's label and width."""
        self._labels = [first, *(label for label, _ in others)]
        self._fixed = [width for _, width in others]
        self.refresh(layout=True)

    def set_rows(self, rows: list[tuple[Text, ...]]) -> None:
        self._rows = list(rows)
        self.refresh(layout=True)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def widths(self, available: int | None = None) -> list[int]:
        """Each column's text width when the table is `available` cells wide (now: its own)."""
        total = self.size.width if available is None else available
        fixed = sum(w + 2 * PADDING for w in self._fixed)
        return [max(self.min_width, total - fixed - 2 * PADDING), *self._fixed]

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + len(self._rows)

    def render(self) -> Text:
        widths = self.widths()
        header = self.get_component_rich_style("group-table--header")
        even = self.get_component_rich_style("group-table--even-row")
        out = Text(no_wrap=True, overflow="crop", end="")
        out.append_text(_line(self._labels, widths, header))
        for number, row in enumerate(self._rows):
            out.append("\n")
            out.append_text(_line(row, widths, even if number % 2 else None))
        return out


def _line(cells, widths: list[int], style) -> Text:
    line = Text(end="")
    for cell, width in zip(cells, widths, strict=False):
        text = cell.copy()
        text.truncate(width, overflow="ellipsis", pad=True)
        line.append(" " * PADDING)
        line.append_text(text)
        line.append(" " * PADDING)
    if style is not None:
        line.stylize_before(style)  # under the cells' own styles (the bar's colours)
    return line
