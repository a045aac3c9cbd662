"""One student, several machines: progress traded through a folder another tool keeps in step
(Syncthing, Dropbox, a git repository, a USB stick).

Each machine appends its events (reviews, undos, changes of a setting, card events, exams, the
exam plan) to a file of its own in the folder, as progress export lines (`files`, `outgoing`),
remembering in the store how far it has written and how far it has read each other machine's
file (`state`); `merge` reads the others' new lines, merges them as an import does and replays
the cards they change; `report` says what happened.
"""

from quizapp.core.progress.sync.merge import SyncError, sync_with
from quizapp.core.progress.sync.outgoing import MACHINE_SETTINGS, SYNC_FOLDER
from quizapp.core.progress.sync.report import SyncReport

__all__ = ["MACHINE_SETTINGS", "SYNC_FOLDER", "SyncError", "SyncReport", "sync_with"]
