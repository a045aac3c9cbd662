"""Textual's render caches, kept from holding on to the widgets they have drawn.

Textual (8.2) caches `StylesCache.get_inner_outer`, a method, with `functools.lru_cache`, so
the cache's keys hold the `StylesCache` of every widget it has drawn, and with it every line
the widget drew (Textual issue 6665). The footer draws new keys at every study card: after 150
cards the cache held about 1,000 dead widgets' lines, some 35,000 objects that each of the
collector's full passes walked, and its pauses (25 to 90 ms) were the slowest key presses.
The result depends on the two colours alone, so it is cached on them alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rich.style import Style
from textual._styles_cache import StylesCache
from textual.color import Color

InnerOuter = Callable[[object, Color, Color], tuple[Style, Style]]


def bound_render_caches() -> None:
    """Cache the widgets' background styles by colour, not by widget (once per process)."""
    method = StylesCache.__dict__.get("get_inner_outer")
    original: InnerOuter | None = getattr(method, "__wrapped__", None)
    if original is None:  # not cached by widget (a later Textual, or already done)
        return
    draw = original

    @lru_cache(1024)
    def by_colour(base_background: Color, background: Color) -> tuple[Style, Style]:
        return draw(None, base_background, background)

    def get_inner_outer(
        _cache: StylesCache, base_background: Color, background: Color
    ) -> tuple[Style, Style]:
        return by_colour(base_background, background)

    setattr(StylesCache, "get_inner_outer", get_inner_outer)  # noqa: B010 - mypy: a method
