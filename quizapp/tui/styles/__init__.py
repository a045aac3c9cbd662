"""The app's .tcss files: home's, loaded with the app, and one per group of other screens.

Every screen but home names all the others in its CSS_PATH: the first one opened reads them
together, as Textual parses its whole style sheet again each time a screen brings new files.
"""

from pathlib import Path, PurePath

STYLES = Path(__file__).parent
HOME = STYLES / "home.tcss"
SESSION = STYLES / "session.tcss"
MODAL = STYLES / "modal.tcss"
HELP = STYLES / "help.tcss"
STATS = STYLES / "stats.tcss"
SETTINGS = STYLES / "settings.tcss"
CLASSROOM = STYLES / "classroom.tcss"
SCREENS: list[str | PurePath] = [SESSION, MODAL, HELP, STATS, SETTINGS, CLASSROOM]
