"""The app's .tcss files: home's, loaded with the app, and one per group of screens."""

from pathlib import Path

STYLES = Path(__file__).parent
HOME = STYLES / "home.tcss"
SESSION = STYLES / "session.tcss"
MODAL = STYLES / "modal.tcss"
HELP = STYLES / "help.tcss"
STATS = STYLES / "stats.tcss"
