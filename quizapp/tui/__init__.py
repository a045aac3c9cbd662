"""The Textual user interface; it calls quizapp.core and holds no domain logic."""
