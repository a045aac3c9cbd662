"""Deck files: the card model, reading and checking YAML, the parsed-deck cache, search."""
