"""TickBox: a Checkbox whose state reads without colour.

Textual's Checkbox draws `▐X▌ label` whether ticked or not; only the X's colour changes, so
on a washed-out projector, an old conhost or to a colour-blind officer every box looks
ticked. TickBox draws `[x]` or `[ ]`, and may say what "not ticked" means in words
(`[ ] Không` rather than a bare `[ ] Có`).
"""

from __future__ import annotations

from textual.content import Content, ContentText
from textual.widgets import Checkbox


class TickBox(Checkbox):
    def __init__(self, label: ContentText = "", value: bool = False, *, off_label: ContentText | None = None,
                 **kwargs) -> None:
        super().__init__(label, value, **kwargs)
        self._on_label = self._label
        self._off_label = self._label if off_label is None else self._make_label(off_label)
        self._label = self._on_label if value else self._off_label

    @property
    def _button(self) -> Content:
        return Content.assemble(("[x]" if self.value else "[ ]", self.get_visual_style("toggle--button")))

    def watch_value(self) -> None:
        # The label follows the value: "[x] Có, người dân phải chờ" / "[ ] Không".
        super().watch_value()
        if hasattr(self, "_off_label"):
            self.label = self._on_label if self.value else self._off_label
