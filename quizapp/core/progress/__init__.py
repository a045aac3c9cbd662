"""The progress store: SQLite schema and migrations, reviews, exams, backups, transfer.

The only package that speaks SQL.
"""
