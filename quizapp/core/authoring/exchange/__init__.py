"""Exchange with other tools: one module per file format, `registry` to pick one.

Readers turn a file into cards (`base.Imported`); writers turn decks into a file. Neither
writes a deck file: `merge` folds imported cards into one, and the CLI writes it atomically.
"""
