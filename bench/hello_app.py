"""A bare Textual app, the baseline for quizapp's start-up time (bench/run.py)."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello, world!")


if __name__ == "__main__":
    Hello().run()
