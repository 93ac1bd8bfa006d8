"""RowList: a fast, read-only table for long lists that are refiltered on every keystroke.

DataTable measures every cell of every row it is given, so refilling it with a thousand
rows per keystroke takes hundreds of milliseconds on a modest PC. RowList draws only the
visible lines (Textual's line API) from cells prepared once, so showing another subset of
rows costs nothing but the lines on screen. Rows are fixed-width columns of rich Text (user
text is never parsed as markup); one column is flexible and takes the remaining width.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Column:
    label: str
    width: int | None = None      # None: the flexible column
    justify: str = "left"


class RowList(ScrollView, can_focus=True):
    """Header line plus rows; `show(keys)` picks which prepared rows appear, in order."""

    DEFAULT_CSS = """
    RowList {
        overflow-x: hidden;
        overflow-y: scroll;
    }
    RowList > .rowlist--header {
        text-style: bold;
        background: $panel;
    }
    RowList > .rowlist--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    RowList > .rowlist--cursor-dim {
        background: $boost;
        text-style: bold;
    }
    RowList > .rowlist--odd {
        background: $boost;
    }
    """
    COMPONENT_CLASSES = {"rowlist--header", "rowlist--cursor", "rowlist--cursor-dim", "rowlist--odd"}
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, row_list: RowList, key: str | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    class Selected(Message):
        def __init__(self, row_list: RowList, key: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, columns: Sequence[Column] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.keys: list[str] = []
        self._cells: Mapping[str, Sequence[Text]] = {}
        self._strips: dict = {}
        self._widths: list[int] = []

    # --- data -----------------------------------------------------------------------------

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self._strips.clear()
        self._layout_columns()
        self.refresh()

    def set_cells(self, cells: Mapping[str, Sequence[Text]]) -> None:
        """All the rows that may be shown, by key (their strips are drawn on demand)."""
        self._cells = cells
        self._strips.clear()

    def show(self, keys: Sequence[str], keep: str | None = None) -> None:
        """Show these rows in this order; the cursor stays on `keep` when it is among them."""
        self.keys = list(keys)
        self._set_virtual_height()
        index = 0
        if keep is not None:
            try:
                index = self.keys.index(keep)
            except ValueError:
                index = 0
        self.cursor = index
        self.refresh()

    def _set_virtual_height(self) -> None:
        # The vertical scrollbar is always shown, so a new row count changes only the
        # scroll range: no layout pass of the whole screen on every keystroke.
        size = Size(self.size.width, len(self.keys) + 1)
        if size != self.virtual_size:
            self.set_reactive(RowList.virtual_size, size)  # type: ignore[arg-type]  # the class attribute is the Reactive
            self._scroll_update(size)

    @property
    def current_key(self) -> str | None:
        return self.keys[self.cursor] if 0 <= self.cursor < len(self.keys) else None

    @property
    def row_count(self) -> int:
        return len(self.keys)

    def row_text(self, key: str) -> list[str]:
        """The plain text of each cell of a row (for tests and screen readers)."""
        return [cell.plain for cell in self._cells.get(key, ())]

    # --- layout and drawing ----------------------------------------------------------------

    def _layout_columns(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        fixed = sum(c.width or 0 for c in self.columns) + max(0, len(self.columns) - 1) + 1
        flexible = max(8, width - fixed)
        self._laid_out_at = self.size.width
        self._widths = [c.width if c.width is not None else flexible for c in self.columns]

    def on_resize(self) -> None:
        self._layout_columns()
        self._strips.clear()
        self._set_virtual_height()

    def _line(self, cells: Sequence[Text], style: Style | None = None) -> Strip:
        if not self._widths:
            self._layout_columns()
        line = Text(" ", style=self.rich_style, no_wrap=True, end="")
        for index, (cell, width) in enumerate(zip(cells, self._widths, strict=False)):
            piece = cell.copy()
            piece.no_wrap = True
            piece.truncate(width, overflow="ellipsis", pad=False)
            pad = width - piece.cell_len
            if self.columns[index].justify == "right":
                line.append(" " * pad)
                line.append_text(piece)
            else:
                line.append_text(piece)
                line.append(" " * pad)
            line.append(" ")
        segments = list(line.render(self.app.console))
        strip = Strip(segments).extend_cell_length(self.size.width)
        return strip.apply_style(style) if style else strip

    _laid_out_at = -1  # the width the columns were last laid out for

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if width != self._laid_out_at:  # a screen built before it was shown was laid out at 0
            self._layout_columns()
            self._strips.clear()
        if y == 0:
            header = [Text(c.label) for c in self.columns]
            return self._line(header, self.get_component_rich_style("rowlist--header")).crop(0, width)
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self.keys):
            return Strip.blank(width, self.rich_style)
        key = self.keys[index]
        if index == self.cursor:
            name = "rowlist--cursor" if self.has_focus else "rowlist--cursor-dim"
            return self._strip(key).apply_style(self.get_component_rich_style(name)).crop(0, width)
        if index % 2:
            odd = self._strips.get((key, "odd"))
            if odd is None:
                odd = self._strip(key).apply_style(self.get_component_rich_style("rowlist--odd"))
                self._strips[(key, "odd")] = odd
            return odd
        return self._strip(key)

    def _strip(self, key: str) -> Strip:
        """The row drawn at the current width, drawn once and kept."""
        strip = self._strips.get(key)
        if strip is None:
            strip = self._line(self._cells.get(key, ())).crop(0, self.size.width)
            self._strips[key] = strip
        return strip

    # --- cursor -------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.keys) - 1)) if self.keys else 0

    def watch_cursor(self, value: int) -> None:
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if value < top:
            self.scroll_to(y=value, animate=False)
        elif value >= top + visible:
            self.scroll_to(y=value - visible + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_key))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def move_to(self, key: str) -> None:
        if key in self.keys:
            self.cursor = self.keys.index(key)

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 2)

    def action_jump(self, where: int) -> None:
        self.cursor = len(self.keys) - 1 if where < 0 else 0

    def action_select(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event) -> None:
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.keys):
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index
