"""Textual's footer, its keys updated in place when the keys on offer change."""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

PALETTE = "-command-palette"


class Footer(TextualFooter):
    """The footer of every screen.

    Textual's footer composes its keys again whenever the keys on offer change: in a study
    session twice a card (the answer shown, then the next card), some 9 new widgets a card,
    styled 75 times, left to the collector: about 9,000 objects a card, which its full passes
    freed every few cards in 10 to 36 ms, the slowest key presses. So the keys already shown
    are given the new bindings; one no longer needed is hidden, and the footer composes again
    only for more keys than it has.
    """

    async def recompose(self) -> None:
        if self.update_keys():
            return
        await super().recompose()
        # Textual binds each new key to `compact`, and the keys it replaced stayed bound, so
        # none was freed; running `compact`'s watchers drops the bindings of keys that left.
        self.mutate_reactive(TextualFooter.compact)

    def update_keys(self) -> bool:
        """Show the keys on offer in the footer's keys; False if it has too few of them."""
        if not self._bindings_ready or not self.is_attached:
            return False
        bindings = self.screen.active_bindings
        wanted: dict[str, tuple[str, str, str, bool, str]] = {}  # by action, as Textual's
        for _node, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in wanted:
                if binding.group is not None:
                    return False  # grouped keys: Textual's own layout
                shown = self.app.get_key_display(binding)
                wanted[binding.action] = (binding.key, shown, binding.description, enabled, tooltip)
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        wanted_palette = palette and self.app.COMMAND_PALETTE_BINDING in bindings
        keys = [child for child in self.children if isinstance(child, FooterKey)]
        if len(keys) != len(self.children):
            return False
        plain = [key for key in keys if not key.has_class(PALETTE)]
        if len(plain) < len(wanted) or len(plain) == len(keys) and wanted_palette:
            return False
        for key, (action, (name, shown, words, enabled, tooltip)) in zip(
            plain, wanted.items(), strict=False
        ):
            show(key, name, shown, words, action, enabled, tooltip)
        for key in plain[len(wanted) :]:
            key.display = False
        for key in keys:
            if key.has_class(PALETTE):
                key.display = wanted_palette
        return True


def show(
    key: FooterKey, name: str, shown: str, words: str, action: str, enabled: bool, tooltip: str
) -> None:
    """Give a footer key another binding; restyled only if it is enabled or disabled now."""
    if (key.key, key.key_display, key.description, key.action) != (name, shown, words, action):
        key.key, key.key_display, key.description, key.action = name, shown, words, action
        key.refresh(layout=True)
    if key._disabled == enabled:  # noqa: SLF001 - FooterKey keeps it there
        key._disabled = not enabled  # noqa: SLF001
        key.set_class(not enabled, "-disabled")
    key.tooltip = tooltip or None
    key.display = True
