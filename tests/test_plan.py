"""Exam plans: storage, readiness forecast, the exam-aware queue and `quizapp plan`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta, tzinfo
from pathlib import Path

import pytest
from conftest import flip_card
from progress_support import cli_collection, deck_args, learn, local, put_state

from quizapp.cli import main, plan_cmd
from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.planning.exam_queue import choose, exam_recall, review_gain
from quizapp.core.planning.forecast import needed_per_day, simulate
from quizapp.core.planning.plan import (
    ExamPlan,
    clear_plan,
    load_plan,
    plan_report,
    planned_cards,
    save_plan,
)
from quizapp.core.progress.log_stats import answers_since
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.fsrs_memory import forgetting_curve
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.sessions.queue import build_queue
from quizapp.core.sessions.study import StudySession

TODAY = date(2024, 5, 1)  # the fake clock's study day
EXAM = TODAY + timedelta(days=10)


def make_deck(write_deck: Callable[..., Path], deck_id: str, count: int, **fields: object) -> Deck:
    # A list per card: one shared list would be written as a YAML alias, which decks refuse.
    cards = [
        flip_card(
            f"{deck_id}{i}", **{k: list(v) if isinstance(v, list) else v for k, v in fields.items()}
        )
        for i in range(count)
    ]
    result = load_deck(write_deck(deck_id, cards))
    assert result.deck is not None, [str(p) for p in result.problems]
    return result.deck


def test_plan_round_trip_and_clear(store: Store) -> None:
    assert load_plan(store) is None
    plan = ExamPlan(EXAM, ("a", "b"), 0.85, per_day=40)
    save_plan(store, plan)
    assert load_plan(store) == plan
    assert plan.covers("a") and not plan.covers("c") and ExamPlan(EXAM).covers("c")
    assert plan.active(EXAM - timedelta(days=1)) and not plan.active(EXAM)
    clear_plan(store)
    assert load_plan(store) is None
    store.set_setting("exam_date", "not a date")
    assert load_plan(store) is None  # a damaged setting is no plan, not a crash


def test_readiness_projects_recall_to_exam_day(
    store: Store, scheduler: Scheduler, clock: FakeClock, write_deck: Callable[..., Path]
) -> None:
    dates = make_deck(write_deck, "d", 3, kind="date", tags=["1950s"])
    actors = make_deck(write_deck, "a", 2, kind="actor")
    yesterday = clock() - timedelta(days=1)
    put_state(store, "d", "d0", yesterday, stability=100)
    put_state(store, "d", "d1", yesterday, stability=2)
    put_state(store, "a", "a0", clock() - timedelta(days=5), stability=5)
    plan = ExamPlan(EXAM, target=0.9)
    cards = planned_cards([dates, actors], store, plan)
    report = plan_report(cards, scheduler, clock(), plan)
    curve = scheduler.config.parameters
    # Last reviewed on Apr 30 / Apr 26; the exam is on May 11: 11 and 15 study days later.
    strong, weak, actor = (
        forgetting_curve(curve, 11, 100),
        forgetting_curve(curve, 11, 2),
        forgetting_curve(curve, 15, 5),
    )
    assert report.days_left == 10 and report.new_cards == 2
    by_deck = {r.name: r for r in report.by_deck}
    assert list(by_deck) == ["d", "a"]
    assert by_deck["d"].recall == pytest.approx((strong + weak + 0) / 3)
    assert by_deck["a"].recall == pytest.approx(actor / 2)
    assert by_deck["d"].ready == 1 and by_deck["a"].ready == 0
    assert {r.name: r.cards for r in report.by_kind} == {"actor": 2, "date": 3}
    assert [(r.name, r.cards) for r in report.by_tag] == [("1950s", 3)]
    assert report.overall.recall == pytest.approx((strong + weak + actor) / 5)
    # The answers a day found do reach the target in the simulation; fewer do not.
    assert report.reachable and report.forecast >= 0.9
    states = cards.states()
    fewer = simulate(states, scheduler, clock(), EXAM, int(report.per_day * 0.8))
    assert fewer.recall < 0.9


def test_needed_per_day_reports_an_unreachable_target(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    cards = {i: CardState() for i in range(5)}
    # One day before the exam, learning a card today gives at most its next-day recall.
    forecast, reachable = needed_per_day(cards, scheduler, clock(), TODAY + timedelta(days=1), 0.99)
    assert not reachable and forecast.recall < 0.99
    forecast, reachable = needed_per_day({}, scheduler, clock(), EXAM, 0.9)
    assert (forecast.per_day, reachable) == (0, False)


def test_choose_serves_steps_then_the_best_gains(
    store: Store, scheduler: Scheduler, clock: FakeClock, write_deck: Callable[..., Path]
) -> None:
    now = clock()
    step = CardState(
        phase=Phase.LEARNING, step=1, stability=2.3, difficulty=5, due=now, last_review=now
    )
    waiting = CardState(
        phase=Phase.LEARNING, step=1, stability=2.3, difficulty=5, due=now + timedelta(minutes=5)
    )
    weak = CardState(
        phase=Phase.REVIEW,
        stability=3,
        difficulty=5,
        due=now + timedelta(days=30),
        last_review=now - timedelta(days=4),
    )
    safe = CardState(
        phase=Phase.REVIEW,
        stability=400,
        difficulty=5,
        due=now + timedelta(days=300),
        last_review=now - timedelta(days=1),
    )
    cards = [
        ("step", step),
        ("waiting", waiting),
        ("safe", safe),
        ("weak", weak),
        ("new", CardState()),
    ]
    # Steps that are up come first, whatever the budget; a step not yet up waits.
    assert choose(cards, scheduler, now, EXAM, 0) == ["step"]
    # The new card adds its whole exam-day recall; a weak card, its gain; the safe card little.
    new_gain, weak_gain = (
        choose(cards, scheduler, now, EXAM, 100),
        review_gain(scheduler, weak, now, EXAM),
    )
    assert new_gain[0] == "step" and {"new", "weak"} <= set(new_gain)
    gain, cost = weak_gain
    assert 0 < gain and 1 < cost < 2
    assert review_gain(scheduler, safe, now, EXAM)[0] < gain
    # A tight budget goes to the best value per answer: here the new card, then the weak one;
    # the waiting step keeps room for its answer (one each for it and the step that is up).
    assert "new" not in choose(cards, scheduler, now, EXAM, 2 + 2.6 - 0.01)
    assert choose(cards, scheduler, now, EXAM, 2 + 2.6 + 0.01) == ["step", "new"]
    assert choose(cards, scheduler, now, EXAM, 2 + 2.6 + cost + 0.01) == ["step", "new", "weak"]
    # Nothing on exam day or after.
    assert (
        choose(cards, scheduler, local(now + timedelta(days=10), 12, scheduler.tz), EXAM, 99) == []
    )


def test_a_card_fsrs_leaves_until_after_the_exam_gets_a_last_review(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    now = clock()
    # FSRS would next show this card after the exam; its exam-day recall is short of 95%.
    card = CardState(
        phase=Phase.REVIEW,
        stability=12,
        difficulty=5,
        due=now + timedelta(days=12),
        last_review=now - timedelta(days=1),
    )
    assert 0.9 < exam_recall(scheduler, card, EXAM) < 0.95
    day_before = local(now + timedelta(days=9), 18, scheduler.tz)
    assert not scheduler.is_due(card, day_before)
    assert choose([("card", card)], scheduler, day_before, EXAM, 1.5) == ["card"]
    gain_early = review_gain(scheduler, card, now + timedelta(days=1), EXAM)[0]
    gain_late = review_gain(scheduler, card, day_before, EXAM)[0]
    assert gain_late > gain_early  # the gain grows as the exam nears


def test_build_queue_follows_the_plan_only_for_covered_decks(
    store: Store, scheduler: Scheduler, clock: FakeClock, write_deck: Callable[..., Path]
) -> None:
    exam_deck = make_deck(write_deck, "x", 10)
    other = make_deck(write_deck, "o", 3)
    plain = build_queue([exam_deck, other], store, scheduler, clock(), new_per_day=2)
    assert [i.card.id for i in plain] == ["x0", "x1", "o0", "o1"]
    plan = ExamPlan(EXAM, ("x",), per_day=12)
    queue = build_queue([exam_deck, other], store, scheduler, clock(), 2, plan)
    # 12 answers a day buy 4 new cards at 2.6 answers each, beyond the 2 new a day.
    assert [i.card.id for i in queue] == ["x0", "x1", "x2", "x3", "o0", "o1"]
    # Answers already given today in the exam's decks come out of the day's allowance.
    learn(store, scheduler, "x", "x0", clock())
    later = clock() + timedelta(hours=1)
    assert answers_since(store, ["x"], local(clock(), 4, scheduler.tz)) == 2
    queue = build_queue([exam_deck, other], store, scheduler, later, 2, plan)
    assert [i.card.id for i in queue if i.deck.id == "x"] == ["x1", "x2", "x3"]
    # Past the exam, plain FSRS again.
    after = local(clock() + timedelta(days=10), 12, scheduler.tz)
    queue = build_queue([exam_deck, other], store, scheduler, after, 2, plan)
    assert [i.card.id for i in queue] == ["x0", "x1", "x2", "o0", "o1"]  # x0 is due


def test_study_session_follows_the_stored_plan(
    store: Store, scheduler: Scheduler, clock: FakeClock, write_deck: Callable[..., Path]
) -> None:
    deck = make_deck(write_deck, "x", 10)
    assert len(StudySession([deck], store, scheduler, clock, new_per_day=2).queue) == 2
    save_plan(store, ExamPlan(EXAM, per_day=12))
    assert len(StudySession([deck], store, scheduler, clock, new_per_day=2).queue) == 4
    cram = StudySession([deck], store, scheduler, clock, new_per_day=2, mode="cram")
    assert len(cram.queue) == 2  # only study sessions follow the plan
    off = StudySession([deck], store, scheduler, clock, new_per_day=2, follow_plan=False)
    assert len(off.queue) == 2


def test_plan_json_from_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
    fixed_tz: tzinfo,
) -> None:
    make_deck(write_deck, "x", 6, kind="date", tags=["1950s"])
    make_deck(write_deck, "y", 4, kind="actor")
    store = Store.open(data_dir / "progress.sqlite3")
    put_state(store, "x", "x0", clock() - timedelta(days=1), stability=100)
    store.close()
    cli_collection(monkeypatch, plan_cmd, clock, scheduler)
    args = deck_args(deck_dir, data_dir)
    assert main(["plan", "--json", *args]) == 0
    assert json.loads(capsys.readouterr().out) == {"plan": None}
    # Without a final pass (which alone would reach the target here, learning the 5 cards).
    assert main(["plan", "--exam", "2024-05-11", "x", "--final-days", "0", "--json", *args]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exam_day"] == "2024-05-11" and data["days_left"] == 10
    assert data["decks"] == ["x"] and data["overall"]["cards"] == 6 and data["new_cards"] == 5
    strong = forgetting_curve(scheduler.config.parameters, 11, 100)
    assert data["overall"]["recall"] == pytest.approx(strong / 6)
    assert data["by_kind"] == [
        {"name": "date", "cards": 6, "recall": pytest.approx(strong / 6), "ready": 1}
    ]
    assert data["reachable"] and data["forecast"] >= 0.9 and data["per_day"] > 0
    store = Store.open(data_dir / "progress.sqlite3")
    assert load_plan(store) == ExamPlan(
        date(2024, 5, 11),
        ("x",),
        0.9,
        data["per_day"],
        final_days=0,
        set_on=date(2024, 5, 1),
        forecast=round(data["forecast"], 4),
    )
    store.close()
    # Without --exam: the plan kept, in words.
    assert main(["plan", *args]) == 0
    out = capsys.readouterr().out
    assert "Exam on 2024-05-11: 10 study days left, 6 cards in 1 deck(s), 5 never studied." in out
    assert f"On track: at {data['per_day']} answers a day the forecast is" in out
    assert main(["plan", "--clear", *args]) == 0
    assert "Exam date cleared." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--exam", "2024-05-01"], "the exam date must be after today (2024-05-01)"),
        (["--exam", "11/05/2024"], "--exam wants a date as YYYY-MM-DD"),
        (["--exam", "2026-05-11"], "within 366 days"),
        (["--exam", "2024-05-11", "--target", "1.5"], "--target must be between 0 and 1"),
        (["--exam", "2024-05-11", "nope"], "no deck named 'nope'"),
    ],
)
def test_plan_usage_errors(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
    argv: list[str],
    message: str,
) -> None:
    make_deck(write_deck, "x", 2)
    cli_collection(monkeypatch, plan_cmd, clock, scheduler)
    assert main(["plan", *argv, *deck_args(deck_dir, data_dir)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_learning_a_card_is_rated_like_the_app(scheduler: Scheduler, clock: FakeClock) -> None:
    # The forecast's student answers first sights as FSRS's simulator grades them.
    forecast = simulate({i: CardState() for i in range(20)}, scheduler, clock(), EXAM, 30, seed=1)
    again = simulate({i: CardState() for i in range(20)}, scheduler, clock(), EXAM, 30, seed=1)
    assert forecast == again  # seeded: the same question gets the same answer
    assert forecast.answers <= 30 * 10 and 0.5 < forecast.recall <= 1


def test_exam_day_problem_names_the_allowed_window() -> None:
    from datetime import date as day

    from quizapp.core.planning.plan import MAX_DAYS, exam_day_problem

    today = day(2026, 3, 2)
    assert exam_day_problem(day(2026, 3, 3), today) is None
    assert "after today (2026-03-02)" in (exam_day_problem(today, today) or "")
    late = day.fromordinal(today.toordinal() + MAX_DAYS + 1)
    assert f"within {MAX_DAYS} days" in (exam_day_problem(late, today) or "")
