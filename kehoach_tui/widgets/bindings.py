"""Footer labels from the catalogue when a screen is made, not when its module is imported.

A class's BINDINGS name catalogue keys as descriptions (`Binding("n", "update",
"tasks.key.update")`); the `CatalogueBindings` mixin swaps each such key for `t(key)` when
the App, screen or widget is created, so `--lang en` (or any later `set_lang`) reaches the
footer, the key panel and the help. A description that does not look like a key (Textual's
own "Quit", "Focus Next") is left alone.

This module is the only place that touches a node's `_bindings`: Textual 8 builds that map
from BINDINGS once per class (`DOMNode._merge_bindings`) and offers no public setter, so
the map is rebuilt with the public `BindingsMap.from_keys` and `dataclasses.replace`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from ..i18n import t

CATALOGUE_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")


# Every description this app has given a key (from the catalogue, or by relabel): the keys
# the footer and the F1 list show, as opposed to those Textual's classes bring ("Focus Next").
OURS: set[str] = set()


def is_catalogue_key(description: str) -> bool:
    return CATALOGUE_KEY.fullmatch(description) is not None


def _translated(binding: Binding) -> Binding:
    if not is_catalogue_key(binding.description):
        return binding
    description = t(binding.description)
    OURS.add(description)
    return dataclasses.replace(binding, description=description)


def translate_bindings(bindings: BindingsMap) -> BindingsMap:
    """A copy of bindings with every catalogue-key description in the current language."""
    return BindingsMap.from_keys({key: [_translated(b) for b in found]
                                  for key, found in bindings.key_to_bindings.items()})


class CatalogueBindings:
    """Mix in first (`class X(CatalogueBindings, Screen)`): not a DOMNode itself, so the
    class's CSS type names stay those of its Textual base."""

    if TYPE_CHECKING:  # DOMNode's, which the class this is mixed into has
        _bindings: BindingsMap

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        assert isinstance(self, DOMNode)
        self._bindings = translate_bindings(self._bindings)


def relabel(node: DOMNode, key: str, description: str) -> None:
    """Give the bindings of key on node a new (already translated) description, e.g. a
    count that changes: "Gửi thư (3)"."""
    found = node._bindings.key_to_bindings.get(key)
    OURS.add(description)
    if found:
        node._bindings.key_to_bindings[key] = [dataclasses.replace(b, description=description) for b in found]
        node.refresh_bindings()
