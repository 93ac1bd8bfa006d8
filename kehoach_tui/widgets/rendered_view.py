"""RenderedView: a long, read-only rich renderable drawn from lines rendered once.

A Static holding the report preview (headings and a dozen tables) is measured and rendered
again on every layout pass of the screen — half a second on the first visit, most of it
rich measuring the same table cells over and over. Here the renderable is rendered to lines
once per width, off the UI thread (`render_lines`), and the view draws only the lines on
screen (Textual's line API); a new width renders again.
"""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.segment import Segment
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


def render_lines(renderable: RenderableType, width: int) -> list[Strip]:
    """The renderable as strips `width` cells wide. Safe in a worker thread: its own console."""
    console = Console(file=io.StringIO(), width=width, color_system="truecolor", force_terminal=True,
                      legacy_windows=False, emoji=False, highlight=False)
    lines = console.render_lines(renderable, console.options.update_width(width), pad=True)
    return [Strip(Segment.simplify(line), width) for line in lines]


class RenderedView(ScrollView, can_focus=True):
    """Shows strips made by render_lines; `width_wanted` is the width to render them at, and
    `WidthChanged` says when the window made it another."""

    class WidthChanged(Message):
        def __init__(self, view: RenderedView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> RenderedView:
            return self.view

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002  (Textual's name)
        super().__init__(id=id)
        self._lines: list[Strip] = []
        self._width = 0

    @property
    def width_wanted(self) -> int:
        return max(20, self.scrollable_content_region.width or self.size.width)

    @property
    def rendered_width(self) -> int:
        return self._width

    def show(self, lines: list[Strip], width: int) -> None:
        self._lines, self._width = lines, width
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def on_resize(self) -> None:
        if self._width and self.width_wanted != self._width:
            self.post_message(self.WidthChanged(self))

    def text(self) -> str:
        """The lines as plain text (tests, and what a screen reader would get)."""
        return "\n".join(line.text.rstrip() for line in self._lines)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = int(scroll_y) + y
        width = self.scrollable_content_region.width or self.size.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(int(scroll_x), int(scroll_x) + width, self.rich_style) \
            .apply_style(self.rich_style)
