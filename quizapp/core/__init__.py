"""The domain: decks, loading, grading, scheduling, storage and statistics.

Nothing in this package imports Textual; the TUI and the CLI sit on top of it.
"""
