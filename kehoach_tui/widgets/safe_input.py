"""An Input that never holds control characters.

Textual's Input draws its value as typed or pasted, so a pasted ESC sequence (OSC 52
clipboard, window title, screen clear) would go straight to the terminal before anything
is stored. Every text field uses SafeInput instead: whatever the path (typing, paste,
program), the value is filtered as it is set.
"""

from __future__ import annotations

from textual.widgets import Input

from ..safe import strip_controls


class SafeInput(Input):
    def validate_value(self, value: str) -> str:
        return strip_controls(value)
