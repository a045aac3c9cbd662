"""Exam-date planning: the plan, its forecast and the exam-aware queue."""
