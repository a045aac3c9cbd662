"""One sync: read the other machines' new lines, merge them, replay the cards they change, and
write this machine's news to its own file, all in one write transaction of the store.

Merging is the import's (`transfer`): a review already here (same deck, card, time and rating)
is not added again, nor an event, nor an exam; each setting is what its latest change says;
a card's state is the replay of its log in time order and its marks the replay of its events.
So every event counts once whatever the order the files are read in and however often, and
every machine ends with the states one machine would have had seeing every review in time
order. The cards this machine answered since it last wrote are replayed too: an answer given
here before one given elsewhere (clocks differ) must come first here as well.

The other files are read before the transaction (a slow folder never holds up an answer);
this machine's own file is checked in it. A file of its own that is not as it was left
(another machine with a copy of this data folder wrote to it, or a backup was restored) is
read like another machine's, and this machine takes a new id and writes everything anew.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.progress import json_fields as jf
from quizapp.core.progress.exams import ExamStore
from quizapp.core.progress.preferences import SettingEvent
from quizapp.core.progress.replay import SchedulerAt, replay_card
from quizapp.core.progress.rows import to_ms
from quizapp.core.progress.store import Store, same_state
from quizapp.core.progress.sync import MACHINE_SETTINGS, state
from quizapp.core.progress.sync.files import (
    Chunk,
    Header,
    append,
    create,
    file_name,
    new_file_id,
    new_machine_id,
    others,
    read_new,
)
from quizapp.core.progress.sync.outgoing import (
    Outgoing,
    current_plan,
    last_ids,
    outgoing,
)
from quizapp.core.progress.sync.report import HERE, Change, Counts, SettingConflict, SyncReport
from quizapp.core.progress.transfer import Export, merge_plan, read_line
from quizapp.core.scheduling.scheduler import Scheduler


class SyncError(Exception):
    """The folder cannot be synced with; the message says why in words."""


@dataclass
class _Merged:
    """What the other machines' lines changed here."""

    cards: set[tuple[str, str]] = field(default_factory=set)  # whose log changed
    settings: list[tuple[SettingEvent, str]] = field(default_factory=list)  # new, by machine
    known: set[tuple[int, str, str, str | None]] = field(default_factory=set)  # setting events


def sync_with(store: Store, scheduler: Scheduler | SchedulerAt, folder: Path) -> SyncReport:
    """Trade events with the other machines' files in `folder`.

    Raises:
        SyncError: the folder is missing, or a file in it cannot be read or written; nothing
            was changed then.
    """
    folder = folder.expanduser()
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise SyncError(
            f"the sync folder {folder} {what} (is the drive connected, or the shared folder "
            "set up on this machine yet?)"
        )
    machine = state.machine_id(store)
    marks = state.read_marks(store)
    try:
        paths = others(folder, file_name(machine))
        chunks = [read_new(path, marks.get(path.name)) for path in paths]
        with store.batch():
            return _sync(store, scheduler, folder, machine, chunks)
    except OSError as exc:
        where = exc.filename or folder
        raise SyncError(f"cannot sync with {where}: {exc.strerror or exc}") from exc


def _sync(
    store: Store,
    scheduler: Scheduler | SchedulerAt,
    folder: Path,
    machine: str,
    chunks: list[Chunk],
) -> SyncReport:
    written = state.written(store)
    own = folder / file_name(machine)
    report = SyncReport(folder, machine, own.name)
    mode, own_chunk = _check_own(own, written)
    why = "it is not as this machine left it (an older copy put back?)"
    # What this machine has to write, taken before anything comes in: its news since it last
    # wrote, and everything it holds for a file written anew (only the first, on a first sync).
    since = outgoing(store, written) if written.file else None
    whole = outgoing(store, state.Written()) if mode != "append" else None
    # The settings changed here that no other machine has seen (on a first sync: all).
    mine = (since if since is not None else whole or Outgoing()).setting_events
    merged = _Merged(known={_key(event) for event in store.setting_events()})
    for chunk in chunks:
        _take(store, chunk, report, merged)
    if own_chunk is not None:
        added = _take(store, own_chunk, report, merged)
        if mode == "check":  # lines after the last this machine wrote: a write cut short?
            if added or own_chunk.waiting:
                mode = "renew"
                why = (
                    "it has lines this machine does not remember writing (another machine with "
                    "a copy of this data folder, or a backup put back here?)"
                )
            else:  # its own lines, written before a sync that did not finish: go on after them
                mode = "append"
            written.bytes, written.lines = own_chunk.end.bytes, own_chunk.end.lines
    if mode == "renew":
        if own_chunk is not None and own_chunk.header is not None:
            state.save_read_mark(store, own.name, own_chunk.end)
        report.renamed_from, report.renamed_why = machine, why
        machine = new_machine_id()
        state.set_machine_id(store, machine)
        own = folder / file_name(machine)
        report.machine, report.file = machine, own.name
    # This machine's answers are replayed too: one given here before one given elsewhere
    # (the machines' clocks differ) must come first here as well.
    replayed = merged.cards | (since.cards if since is not None else set())
    report.rescheduled = _replay(store, scheduler, replayed)
    if merged.cards:  # what the reviews received keep, and what they change in the others'
        store.refill_facts(scheduler, merged.cards)
    report.conflicts = _conflicts(store, mine, merged.settings)
    if mode == "append" and since is not None:
        lines = since.lines()
        file_id, size, count = written.file, written.bytes, written.lines + len(lines)
        if lines:
            size = append(own, lines)
        report.sent = _counts(since)
    else:
        assert whole is not None
        lines = whole.lines()
        file_id = new_file_id()
        size, count = create(own, Header(machine, file_id), lines), 1 + len(lines)
        report.sent = _counts(whole)
    done = last_ids(store, current_plan(store))
    done.file, done.bytes, done.lines = file_id, size, count
    state.save_written(store, done)
    _save_marks(store, chunks)
    return report


def _check_own(own: Path, written: state.Written) -> tuple[str, Chunk | None]:
    """How to go on with this machine's file: "append" (it is as left), "create" (there is
    none), "check" (lines were added after the last this machine wrote: merge them, then see),
    or "renew" (another file is in its place: merge it, then write anew under a new id)."""
    if not own.exists():
        return "create", None
    chunk = read_new(own, written.mark() if written.file else None)
    if chunk.header is None or chunk.header.file != written.file:
        return "renew", chunk
    if chunk.start != written.mark():  # shorter than written: cut, or an older copy
        return "renew", chunk
    if chunk.lines or chunk.waiting:
        return "check", chunk
    return "append", None


def _take(store: Store, chunk: Chunk, report: SyncReport, merged: _Merged) -> bool:
    """Merge one file's new lines; returns whether they added anything."""
    name = chunk.path.name
    if chunk.problem is not None:
        report.problems.append(f"{name}: {chunk.problem}.")
    if chunk.waiting:
        report.waiting.append(
            f"{name} ends in a line still arriving ({chunk.waiting} bytes): it is read next time."
        )
    if chunk.header is None or not chunk.lines:
        return False
    machine = chunk.header.machine
    export = Export()
    for number, text in chunk.lines:
        try:
            read_line(text, export)
        except (ValueError, TypeError, KeyError) as exc:
            report.problems.append(f"{name} line {number}: {jf.in_words(exc)} (skipped).")
    counts = Counts()
    counts.reviews, counts.undos, changed = store.add_reviews(export.reviews)
    merged.cards |= changed
    counts.marks, _ = store.add_card_events(export.card_events)
    settings = []
    for event in export.setting_events:
        if event.key not in MACHINE_SETTINGS and _key(event) not in merged.known:
            merged.known.add(_key(event))
            settings.append(event)
            merged.settings.append((event, machine))
    counts.settings = store.add_setting_events(settings)
    counts.exams = ExamStore(store.conn).keep(export.exams)
    plan, other_day = merge_plan(store, export.plan)
    counts.plan = plan == "added"
    if plan == "kept" and other_day is not None:
        report.plans_kept[machine] = other_day
    report.received.setdefault(machine, Counts()).add(counts)
    return bool(counts)


def _replay(store: Store, scheduler: Scheduler | SchedulerAt, cards: set[tuple[str, str]]) -> int:
    """Replay the cards' logs; save and count the states that change."""
    changed = []
    for deck_id, card_id in sorted(cards):
        replayed = replay_card(scheduler, store.reviews(deck_id, card_id))
        if not same_state(replayed, store.state(deck_id, card_id)):
            changed.append((deck_id, card_id, replayed))
    store.save_states(changed)
    return len(changed)


def _conflicts(
    store: Store, mine: list[SettingEvent], incoming: list[tuple[SettingEvent, str]]
) -> list[SettingConflict]:
    """Settings changed here and on another machine, or on two others, neither change
    knowing of the other: the later holds (`add_setting_events`); say which lost."""
    latest: dict[tuple[str, str], tuple[SettingEvent, str]] = {}
    for event, machine in incoming:
        setting = (event.deck_id, event.key)
        if setting not in latest or event.at >= latest[setting][0].at:
            latest[setting] = (event, machine)
    senders = {_key(event): machine for event, machine in incoming}
    conflicts = []
    for (deck, key), (theirs, machine) in sorted(latest.items()):
        holds = _in_force(store, deck, key)
        if holds is None:
            continue
        here = [event for event in mine if (event.deck_id, event.key) == (deck, key)]
        if _key(holds) == _key(theirs):
            if here and here[-1].value != theirs.value:
                lost = Change(here[-1].value, here[-1].at, HERE)
                kept = Change(theirs.value, theirs.at, machine)
                conflicts.append(SettingConflict(key, deck, kept, lost))
        elif holds.value != theirs.value:
            kept = Change(holds.value, holds.at, senders.get(_key(holds), HERE))
            lost = Change(theirs.value, theirs.at, machine)
            conflicts.append(SettingConflict(key, deck, kept, lost))
    return conflicts


def _in_force(store: Store, deck: str, key: str) -> SettingEvent | None:
    """The latest change of a setting."""
    events = [e for e in store.setting_events() if (e.deck_id, e.key) == (deck, key)]
    return events[-1] if events else None


def _key(event: SettingEvent) -> tuple[int, str, str, str | None]:
    """What makes two changes of a setting the same (as `add_setting_events` sees it)."""
    return (to_ms(event.at), event.deck_id, event.key, event.value)


def _counts(out: Outgoing) -> Counts:
    return Counts(
        reviews=out.new_reviews,
        undos=out.undos,
        settings=len(out.setting_events),
        marks=len(out.card_events),
        exams=len(out.exams),
        plan=out.plan is not None,
    )


def _save_marks(store: Store, chunks: list[Chunk]) -> None:
    """Remember how far each file was read (another sync may have read further meanwhile)."""
    marks = state.read_marks(store)
    for chunk in chunks:
        if chunk.header is None:
            continue
        before = marks.get(chunk.path.name)
        if before is None or before.file != chunk.end.file or before.bytes < chunk.end.bytes:
            state.save_read_mark(store, chunk.path.name, chunk.end)
