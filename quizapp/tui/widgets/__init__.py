"""Reusable widgets of the study and quiz screens."""
