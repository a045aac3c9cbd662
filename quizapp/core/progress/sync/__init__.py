"""One student, several machines: progress traded through a folder another tool keeps in step
(Syncthing, Dropbox, a git repository, a USB stick).

Each machine appends its events (reviews, undos, changes of a setting, card events, exams, the
exam plan) to a file of its own in the folder, as progress export lines (`files`, `outgoing`),
remembering in the store how far it has written and how far it has read each other machine's
file (`state`); `merge.sync_with` reads the others' new lines, merges them as an import does
and replays the cards they change; `report` says what happened.

Only the names of the settings are here, so that the app can see whether to sync without
loading the rest.
"""

# Settings of one machine alone, never synced: where this machine finds the sync folder is
# not where another finds it.
SYNC_FOLDER = "sync-folder"
MACHINE_SETTINGS = frozenset({SYNC_FOLDER})
