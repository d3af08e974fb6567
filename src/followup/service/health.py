"""Records that are bad anyway never take the rest down (issue 12).

A record written by an older version, or edited by hand in the database, may hold what the
limits now refuse: a date 9999-12-31, an id "../x", a country with no holiday calendar.
The agenda, the list, the pipeline and the calendar plan every other case and skip that
one, with a one-line warning naming it and saying how to fix it (`followup doctor`).

Where a warning goes is the face's choice: `warnings_to(sink)` (the CLI prints each on
stderr once), `collecting()` (a web page shows them); with neither, they are logged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from followup.core.errors import FollowupError
from followup.core.model import Candidate, Case, Persistence
from followup.core.notices import collecting, warn, warnings_to

if TYPE_CHECKING:
    from followup.core.planner import Plan
    from followup.core.policy import Policy
    from followup.service.contexts import Context
    from followup.store import Store
    from followup.store.audit import Fault

__all__ = ["Kept", "PlansRebuild", "RecordProblem", "Unplannable", "collecting", "diagnose",
           "doctor", "kept_plans", "plan_basis", "plan_problems", "plannable", "planned",
           "rebuild_plans", "repair_all", "skip", "sound_candidate", "warn", "warnings_to"]

FIX = "followup doctor --fix"


def _skip(case: Case, problem: str) -> None:
    warn(f"skipped {case.opportunity.id[:80]!r}: {problem} (fix: {FIX})")


def skip(case: Case, why: Unplannable) -> None:
    """The warning for a case `planned` (or the stored plans) leave out."""
    _skip(case, why.problem if why.unsafe else f"cannot be planned ({why.problem})")


def sound_candidate(candidate: Candidate, today: date) -> Candidate:
    """The profile with a country or zone nothing knows set aside, with a warning."""
    from followup.core.days import UnknownCountryError, holidays_in
    from followup.core.limits import zone_problem

    if candidate.country and candidate.country.strip():
        try:
            holidays_in(candidate.country.strip().upper(), today.year)
        except (UnknownCountryError, ValueError, LookupError, OverflowError):
            warn(f"profile: country {candidate.country[:20]!r} has no holiday calendar; "
                 "planning without holidays (fix: followup profile --country US, or "
                 f"{FIX})")
            candidate = replace(candidate, country=None)
    if candidate.timezone and zone_problem(candidate.timezone):
        warn(f"profile: time zone {candidate.timezone[:40]!r} is unknown; using the "
             f"system's (fix: followup profile --timezone Europe/Paris, or {FIX})")
        candidate = replace(candidate, timezone=None)
    return candidate


@dataclass(frozen=True)
class Unplannable:
    """Why a case cannot be planned: outside the limits the planner runs safely within
    (`unsafe`), or the planner gave up on it."""

    problem: str
    unsafe: bool


def plannable(case: Case, today: date, policies: Mapping[Persistence, Policy] | None = None,
              candidate: Candidate | None = None) -> tuple[Case, Plan] | Unplannable:
    """The one decision "can this case be planned": the case (its profile made sound,
    `candidate` when the caller already did it) and its plan, or why not. `plan_case`
    refuses with it, `planned` skips with it."""
    from followup.core.limits import runs_safely
    from followup.core.planner import plan

    problem = runs_safely(case)
    if problem is not None:
        return Unplannable(problem, unsafe=True)
    sound = candidate if candidate is not None else sound_candidate(case.candidate, today)
    if sound is not case.candidate:
        case = replace(case, candidate=sound)
    try:
        return case, plan(case, today, policies)
    except (OverflowError, ValueError, LookupError, FollowupError) as e:
        return Unplannable(str(e).splitlines()[0][:120] or type(e).__name__, unsafe=False)


def planned(cases: Sequence[Case], today: date,
            policies: Mapping[Persistence, Policy] | None = None) -> list[tuple[Case, Plan]]:
    """Each case that can be planned, with its plan; each one that cannot is skipped with
    a warning (and `followup doctor` lists it)."""
    from followup.service.insights import resolve_learning

    policies = resolve_learning(policies, cases, today)  # timing.learned, when asked for
    out: list[tuple[Case, Plan]] = []
    fixed: dict[Candidate, Candidate] = {}
    for case in cases:
        if case.candidate not in fixed:
            fixed[case.candidate] = sound_candidate(case.candidate, today)
        found = plannable(case, today, policies, fixed[case.candidate])
        if isinstance(found, Unplannable):
            skip(case, found)
            continue
        out.append(found)
    return out


# -- stored plans (issue 24) -----------------------------------------------------------


def plan_basis(candidate: object, today: date,
               policies: Mapping[Persistence, Policy] | None) -> str:
    """What a stored plan was made with besides its case: the day, the policies in force
    (learning resolved), the profile, the holiday source and followup's version. A plan
    stored on another basis is made again (a new day re-plans every case)."""
    import hashlib

    from followup import __version__
    from followup.core.days import holiday_source

    source = holiday_source()
    named = (f"{getattr(source, '__module__', '')}."
             f"{getattr(source, '__qualname__', type(source).__qualname__)}")
    policy = None if policies is None else sorted((k.value, repr(v)) for k, v in policies.items())
    text = repr((__version__, today.isoformat(), policy, candidate, named))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Kept:
    """Every case that can be planned with its plan and its agenda lines (each action's
    agenda section), and how many of them were planned now rather than read."""

    planned: list[tuple[Case, Plan]]
    lines: list[tuple[str, ...]]
    replanned: int


def _lines(plan: Plan, today: date) -> tuple[str, ...]:
    from followup.core.planner import agenda_section

    return tuple(agenda_section(a, today) for a in plan.actions)


def kept_plans(store: Store, cases: list[Case], today: date,
               policies: Mapping[Persistence, Policy] | None = None,
               seen: int | None = None) -> Kept:
    """Each case's plan as `service.health.planned` makes it, read from the stored plans
    where one was kept for this case on this basis, made (and kept) only for the others:
    the cases a write touched since, or all of them on a new day or with new policies.
    A case that cannot be planned is skipped with a warning, as `planned` does. `seen`:
    `store.data_version()` taken before `cases` were read (the save then skips reading
    them again when nothing was written since)."""
    import json

    from followup.service.insights import resolve_learning
    from followup.store.read import decode_plan

    policies = resolve_learning(policies, cases, today)  # timing.learned, when asked for
    stored = store.stored_plans() if cases else {}
    done: list[tuple[Case, Plan]] = []
    lines: list[tuple[str, ...]] = []
    fresh: list[tuple[Case, str | None, str, str, str]] = []
    made: dict[object, tuple[Any, str]] = {}
    for case in cases:
        candidate = case.candidate
        if candidate not in made:
            made[candidate] = (sound_candidate(candidate, today),
                               plan_basis(candidate, today, policies))
        sound, basis = made[candidate]
        row = stored.get(case.opportunity.id)
        if row is not None and row.basis == basis:
            try:
                kept = decode_plan(row.plan)
                kept_lines = tuple(json.loads(row.lines))
            except ValueError:  # a row no reader takes: planned again below
                pass
            else:
                if kept.opportunity == case.opportunity.id and len(kept_lines) == len(
                        kept.actions):
                    done.append((case if sound is candidate else replace(case, candidate=sound),
                                 kept))
                    lines.append(kept_lines)
                    continue
        found = plannable(case, today, policies, sound)
        if isinstance(found, Unplannable):
            skip(case, found)
            continue
        done.append(found)
        lines.append(_lines(found[1], today))
        from followup.store.plans import encode_plan  # only when a case is planned anew

        fresh.append((case, row.generation if row is not None else None, basis,
                      encode_plan(found[1]), json.dumps(lines[-1])))
    store.save_plans(fresh, seen)
    return Kept(done, lines, len(fresh))


def rebuild_plans(ctx: Context) -> int:
    """`followup doctor --fix` and after a restore: every stored plan dropped and made
    again; how many were kept."""
    store = ctx.store
    store.forget_plans()
    seen = store.data_version()
    return kept_plans(store, store.load_cases(), ctx.today, ctx.policies, seen).replanned



# -- followup doctor -------------------------------------------------------------------


@dataclass(frozen=True)
class PlansRebuild:
    """The doctor's repair of the stored plans (derived data): drop them all, make them
    again (`service.planning.rebuild_plans`)."""


@dataclass(frozen=True)
class RecordProblem:
    """One record outside the limits, or one stored row no reader can take: what is wrong,
    and what `--fix` does about it."""

    record: str  # the opportunity's id as stored, "profile", "schema" or "plans"
    problems: tuple[str, ...]
    repairs: tuple[str, ...]
    repaired: Case | Candidate | Fault | PlansRebuild


def diagnose(store: Store, today: date) -> list[RecordProblem]:
    """Every stored row a reader would refuse (a direction `sideways`, a date "garbage", a
    trigger of someone else's: `store.audit`), then every readable record outside
    `followup.core.limits` (dates: up to ten years after today)."""
    from followup.core import limits, repair

    faults = store.faults()
    found = [RecordProblem(f.record, (f.problem,), (f.fix,), f) for f in faults]
    broken = {f.record for f in faults}
    if any(f.record == "schema" for f in faults):
        return found  # a foreign trigger or view may change what reads return: it goes first
    latest = limits.ahead_of(today)
    profile = store.get_candidate()
    problems = [] if "profile" in broken else repair.describe(
        limits.candidate_problems(profile, "profile"))
    if problems:
        fixed, notes = repair.candidate(profile)
        found.append(RecordProblem("profile", tuple(problems), tuple(notes), fixed))
    with collecting():  # a case skipped here is one of the faults above
        cases = [c for c in store.load_cases() if c.opportunity.id not in broken]
    taken = {c.opportunity.id for c in cases if limits.id_problem(c.opportunity.id) is None}
    for case in cases:
        problems = repair.describe(limits.case_problems(case, latest, candidate=False))
        if problems:
            others = taken - {case.opportunity.id}
            fixed_case, notes = repair.case(case, latest, others)
            taken.add(fixed_case.opportunity.id)
            found.append(RecordProblem(case.opportunity.id, tuple(problems), tuple(notes),
                                 fixed_case))
    stale = plan_problems(store, cases)
    if stale:
        found.append(RecordProblem("plans", tuple(stale), ("every stored plan made again",),
                                   PlansRebuild()))
    return found


def plan_problems(store: Store, cases: Sequence[Case]) -> list[str]:
    """The stored plans (issue 24) a reader must not trust: one whose case changed since it
    was planned (its generation is not the case's: a hand edit, a tool writing rows behind
    our back), one no reader can take. A case with no stored plan yet is no problem: the
    next read plans it."""
    import json

    from followup.store.changes import fingerprint
    from followup.store.read import decode_plan

    stored = store.stored_plans()
    out = []
    for case in cases:
        row = stored.get(case.opportunity.id)
        if row is None:
            continue
        try:
            decode_plan(row.plan)
            json.loads(row.lines)
        except ValueError:
            out.append(f"stored plan of {case.opportunity.id[:80]!r} cannot be read")
            continue
        if row.generation != fingerprint([case]):
            out.append(f"stored plan of {case.opportunity.id[:80]!r} is stale "
                       "(the case changed since)")
    return out


def repair_all(store: Store, findings: Sequence[RecordProblem], today: date | None = None
               ) -> None:
    """Write every repair: the rows no reader can take in one transaction, then each record
    in its own short transaction; the stored plans last, made again for `today` (without
    it, dropped: the next read makes them)."""
    from followup.store.audit import Fault

    faults = [f.repaired for f in findings if isinstance(f.repaired, Fault)]
    if faults:
        store.repair_faults(faults)
    for f in findings:
        if isinstance(f.repaired, Candidate):
            store.save_candidate(f.repaired)
        elif isinstance(f.repaired, Case):
            new = f.repaired
            store.update_case(f.record, lambda _old, new=new: new, repairing=True)
    if any(isinstance(f.repaired, PlansRebuild) for f in findings):
        if today is None:
            store.forget_plans()
        else:
            from followup.service.contexts import context

            with collecting():  # a case that cannot be planned is a finding of its own
                rebuild_plans(context(store, today))


def doctor(store: Store, today: date, fix: bool) -> tuple[list[RecordProblem], list[RecordProblem]]:
    """`followup doctor`: (what was found, what is still wrong afterwards).

    With `fix`, each round repairs what the last found; a row made readable may then show
    a record outside the limits, repaired in the next round (at most three).
    """
    found = diagnose(store, today)
    if not fix:
        return found, found
    handled: list[RecordProblem] = []
    rounds = 0
    while found and rounds < 3:
        repair_all(store, found, today)
        handled += found
        found = diagnose(store, today)
        rounds += 1
    return handled, found
