"""Pickers that stop at their ends.

Textual's OptionList (and the list a Select drops down) wrap around: Up on the first option
highlights the last one. In a status picker that closed an incident by accident ("Đóng" is
last, one Up away from the first choice), skipping "Đã khắc phục". ChoiceList and Picker
stay on the first option on Up and on the last on Down; Home/End still jump.
"""

from __future__ import annotations

from textual.widgets import OptionList, Select

# Select builds its drop-down from this private class; Textual 8 has no public hook for it.
from textual.widgets._select import SelectCurrent, SelectOverlay


def _step(widget: OptionList, direction: int) -> None:
    """The next enabled option in direction, or stay where we are at the end."""
    options = widget.options
    if not options:
        return
    if widget.highlighted is None:
        widget.action_first() if direction > 0 else widget.action_last()
        return
    index = widget.highlighted + direction
    while 0 <= index < len(options):
        if not options[index].disabled:
            widget.highlighted = index
            return
        index += direction


class ChoiceList(OptionList):
    def action_cursor_up(self) -> None:
        _step(self, -1)

    def action_cursor_down(self) -> None:
        _step(self, 1)


class _Overlay(SelectOverlay):
    def action_cursor_up(self) -> None:
        _step(self, -1)

    def action_cursor_down(self) -> None:
        _step(self, 1)


class Picker(Select):
    """A Select whose drop-down list does not wrap."""

    def compose(self):
        yield SelectCurrent(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
