"""The FSRS parameters fitted by the optimizer, kept as a setting in the progress store.

Read at every start (Collection.open), so this module stays small: the optimizer and its
imports load only when a student asks for a fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from fsrs_rs_python import DEFAULT_PARAMETERS

from quizapp.core.progress.store import Store

PARAMETERS_SETTING = "fsrs_parameters"


def load_parameters(store: Store) -> tuple[float, ...] | None:
    """The fitted parameters kept in the progress store, or None (use the defaults)."""
    return parse_parameters(store.setting(PARAMETERS_SETTING) or "")


def parse_parameters(raw: str) -> tuple[float, ...] | None:
    """Parameters from the setting's text, or None when it holds none (or is damaged)."""
    raw = raw.strip()
    # The setting is a JSON array of numbers (save_parameters); read without the json module.
    if not (raw.startswith("[") and raw.endswith("]")):
        return None
    try:
        values = tuple(float(value) for value in raw[1:-1].split(","))
    except ValueError:
        return None  # a damaged setting falls back to the defaults
    return values if len(values) == len(DEFAULT_PARAMETERS) else None


def save_parameters(store: Store, parameters: Sequence[float]) -> None:
    """Keep fitted parameters in the progress store; Collection.open uses them from then on."""
    text = ", ".join(repr(float(value)) for value in parameters)
    store.set_setting(PARAMETERS_SETTING, f"[{text}]")
