"""quizapp: terminal flashcards and quizzes with FSRS spaced repetition."""

__version__ = "0.1.0"
