"""Marking answers: text, dates and amounts compared tolerantly, each verdict with a reason."""
