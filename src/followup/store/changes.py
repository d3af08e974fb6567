"""The change log (table `changes`, 0006): each user-visible write, in words, with the
state before it, so the last change can be shown and then undone.

A change holds, for each opportunity it touched, the case as it was (a case file, or null
when the change created it), its snoozes and its created-at; a profile change holds the
profile as it was. Undoing restores those in one transaction. The fingerprint of the state
the change left (`after`) guards the undo: if something wrote outside the log since, the
undo is refused rather than silently dropping that write.

Called by `Store` inside its own write transactions, so a change and its log row commit
together.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import FollowupError, NotFoundError
from followup.core.model import Candidate, Case, Touch
from followup.store import read
from followup.store.connect import Connected, _load, _sa_rows

if TYPE_CHECKING:
    from sqlalchemy import Connection

KEEP = 500  # changes kept per account; older ones can no longer be undone


class UndoError(FollowupError):
    """The last change can't be undone (nothing to undo, or changed since)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the change log, as `followup undo` and the web's toast show it."""

    id: int
    at: datetime
    what: str
    undone_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Before:
    """One opportunity as it was before a change: `slug_now` is its id after the change
    (None when the change deleted it), `case` None when the change created it."""

    slug_now: str | None
    case: Case | None
    snoozes: tuple[tuple[str, str | None, date], ...] = ()
    created_at: datetime | None = None


def fingerprint(cases: Sequence[Case | None], candidate: Candidate | None = None) -> str:
    from followup.core.caseio import to_dict

    data = [None if c is None else _without_candidate(to_dict(c)) for c in cases]
    extra = None if candidate is None else _candidate_dict(candidate)
    text = json.dumps([data, extra], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _without_candidate(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "candidate"}


def _candidate_dict(c: Candidate) -> dict[str, Any]:
    """caseio's profile with every key present: the fingerprints logged before keep
    matching (`undo` compares them)."""
    from followup.core.caseio import candidate_to_dict

    return {"name": None, "email": None, "phone": None, "country": None, "timezone": None,
            "values": [], **candidate_to_dict(c)}


Added = tuple[str, "Touch"]  # (opportunity id, a touch `log` added to it)


def _touch_key(t: Touch) -> tuple[Any, ...]:
    return (t.at.replace(second=0, microsecond=0), t.direction.value, t.channel.value,
            t.kind.value, t.person, t.new_by, t.note)


def encode(befores: Sequence[Before], candidate: Candidate | None = None,
           touches: Sequence[Added] = ()) -> str:
    """The change log's record, in caseio's codec (cases, profile, touches) only."""
    from followup.core.caseio import candidate_to_dict, to_dict, touch_to_dict

    return json.dumps({
        "opportunities": [{
            "slug_now": b.slug_now,
            "case": None if b.case is None else to_dict(b.case),
            "snoozes": [[k, p, u.isoformat()] for k, p, u in b.snoozes],
            "created_at": b.created_at.isoformat() if b.created_at else None,
        } for b in befores],
        "candidate": None if candidate is None else candidate_to_dict(candidate),
        # touches a `log` added, by content (an edit rewrites rows, so ids don't last)
        "touches": [[slug, touch_to_dict(t)] for slug, t in touches],
    }, ensure_ascii=False)


def decode(text: str) -> tuple[list[Before], Candidate | None, list[Added]]:
    from followup.core.caseio import candidate_from_dict, from_dict, touch_from_dict

    data = json.loads(text)
    befores = [Before(
        o["slug_now"], None if o["case"] is None else from_dict(o["case"]),
        tuple((k, p, date.fromisoformat(u)) for k, p, u in o["snoozes"]),
        datetime.fromisoformat(o["created_at"]) if o["created_at"] else None,
    ) for o in data["opportunities"]]
    c = data.get("candidate")
    candidate = None if c is None else candidate_from_dict(c)
    return befores, candidate, [(slug, touch_from_dict(t))
                                for slug, t in data.get("touches", ())]


def record(conn: Connection, acc: int, what: str, befores: Sequence[Before],
           after: str, candidate: Candidate | None = None,
           touches: Sequence[Added] = (), *, at: datetime) -> int:
    """Append one change (and forget the oldest beyond `KEEP`); its id."""
    from sqlalchemy import delete, insert, select

    from followup.store import schema as s

    ch = s.changes
    key = conn.execute(insert(ch).values(
        account_id=acc, at=at.replace(microsecond=0), what=what,
        undo=encode(befores, candidate, touches), after=after,
    )).inserted_primary_key
    assert key is not None
    new_id = int(key[0])
    if new_id % 50 == 0:  # prune now and then, not on every write
        cutoff = conn.execute(
            select(ch.c.id).where(ch.c.account_id == acc).order_by(ch.c.id.desc())
            .offset(KEEP).limit(1)).scalar()
        if cutoff is not None:
            conn.execute(delete(ch).where(ch.c.account_id == acc, ch.c.id <= cutoff))
    return new_id


def last(conn: Connection, acc: int) -> tuple[Change, str, str] | None:
    """The latest change not undone yet, with its undo data and fingerprint."""
    from sqlalchemy import select

    from followup.store import schema as s

    ch = s.changes
    row = conn.execute(
        select(ch.c.id, ch.c.at, ch.c.what, ch.c.undo, ch.c.after)
        .where(ch.c.account_id == acc, ch.c.undone_at.is_(None))
        .order_by(ch.c.id.desc()).limit(1)).first()
    if row is None:
        return None
    return Change(int(row.id), row.at, row.what), row.undo, row.after


def get(conn: Connection, acc: int, change_id: int) -> Change:
    from sqlalchemy import select

    from followup.store import schema as s

    ch = s.changes
    row = conn.execute(select(ch.c.id, ch.c.at, ch.c.what, ch.c.undone_at)
                       .where(ch.c.account_id == acc, ch.c.id == change_id)).first()
    if row is None:
        raise NotFoundError(f"no change {change_id} in the change log")
    return Change(int(row.id), row.at, row.what, row.undone_at)


def mark_undone(conn: Connection, change_id: int, at: datetime) -> None:
    from sqlalchemy import update

    from followup.store import schema as s

    conn.execute(update(s.changes).where(s.changes.c.id == change_id)
                 .values(undone_at=at.replace(microsecond=0)))


@dataclass
class _Entry:
    before: Before
    now: str | None  # the opportunity's id once the transaction is done (None: deleted)


@dataclass
class _Pending:
    """What one write transaction changed, logged when it commits."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    whats: list[str] = field(default_factory=list)
    candidate: Candidate | None = None  # the profile before, when the transaction set it
    touches: list[Added] = field(default_factory=list)  # added by `log` (no snapshot)
    touch_words: list[str] = field(default_factory=list)


class Logged(Connected):
    """The change log's half of `Store`: notes taken during a write transaction, the entry
    written at its end, `last_change`, `undo`."""

    def save_case(self, case: Case, *, replace_existing: bool = False,
                  conn: Connection | None = None) -> None:
        raise NotImplementedError  # `store.write.Writes` has it; undo restores through it

    def _case_by_slug(self, conn: Connection, slug: str) -> tuple[int, Case] | None:
        found = _sa_rows(conn)("SELECT id FROM opportunities WHERE account_id = :acc"
                               " AND slug = :slug", {"acc": self.account_id(conn), "slug": slug})
        if not found:
            return None
        opp_id = int(found[0]["id"])
        return opp_id, _load(_sa_rows(conn), read.decode_for(conn.dialect.name),
                             self.account_id(conn), read.ONE, {"opp": opp_id})[0]

    def _note(self, conn: Connection, slug: str, *, new: bool = False) -> _Entry | None:
        """Remember `slug` as it is now (before this transaction's change to it)."""
        from sqlalchemy import select

        from followup.store import schema as s

        pending: _Pending | None = conn.info.get("followup_log")
        if not new:  # its stored plan goes with this write (store/plans.py)
            from followup.store.plans import forget

            forget(conn, self.account_id(conn), [slug])
        if pending is None:
            return None
        if slug in pending.entries:
            return pending.entries[slug]
        if new:
            entry = _Entry(Before(slug, None), slug)
        else:
            found = self._case_by_slug(conn, slug)
            if found is None:
                entry = _Entry(Before(slug, None), slug)
            else:
                opp_id, case = found
                created = conn.execute(select(s.opportunities.c.created_at)
                                       .where(s.opportunities.c.id == opp_id)).scalar_one()
                z = s.snoozes
                naps = tuple((r.kind, r.person, r.until) for r in conn.execute(
                    select(z.c.kind, z.c.person, z.c.until)
                    .where(z.c.account_id == self.account_id(conn), z.c.opportunity == slug)))
                entry = _Entry(Before(slug, case, naps, created), slug)
        pending.entries[slug] = entry
        return entry

    def _open_log(self, conn: Connection) -> None:
        conn.info["followup_log"] = _Pending()

    def _say(self, conn: Connection, what: str) -> None:
        """Words for this transaction's entry, instead of the ones `describe` finds."""
        pending: _Pending | None = conn.info.get("followup_log")
        if pending is not None:
            pending.whats.append(what)

    def _note_touches(self, conn: Connection, slug: str, added: Sequence[Touch],
                      words: str) -> None:
        """Touches added to `slug`: logged by their row ids, not a snapshot of the whole
        case, so logging stays constant-time however long the history (two `followup log`
        processes writing a thousand touches each)."""
        from followup.store.plans import forget

        forget(conn, self.account_id(conn), [slug])  # its stored plan goes with this write
        pending: _Pending | None = conn.info.get("followup_log")
        if pending is None or slug in pending.entries:
            return  # a snapshot of the case in this transaction covers them already
        pending.touches.extend((slug, t) for t in added)
        pending.touch_words.append(words)

    def _remove_touches(self, conn: Connection, touches: Sequence[Added],
                        change: Change) -> None:
        """Delete the touches a change added, found by what they say (the latest match)."""
        from sqlalchemy import delete

        from followup.store import schema as s

        rows = _sa_rows(conn)
        decode_ = read.decode_for(conn.dialect.name)
        doomed: list[int] = []
        by_slug: dict[str, list[Touch]] = {}
        for slug, t in touches:
            by_slug.setdefault(slug, []).append(t)
        for slug, wanted in by_slug.items():
            found = self._case_by_slug(conn, slug)
            stored = [] if found is None else rows(
                "SELECT t.id AS id, t.at AS at, t.direction AS direction, t.channel AS channel,"
                " t.kind AS kind, p.slug AS person, t.new_by AS new_by, t.note AS note"
                " FROM touches t LEFT JOIN people p ON p.id = t.person_id"
                " WHERE t.opportunity_id = :opp ORDER BY t.id DESC", {"opp": found[0]})
            pool: dict[tuple[Any, ...], list[int]] = {}
            for r in stored:
                key = (decode_.moment(r["at"]).replace(second=0, microsecond=0), r["direction"],
                       r["channel"], r["kind"], r["person"],
                       None if r["new_by"] is None else decode_.day(r["new_by"]), r["note"])
                pool.setdefault(key, []).append(int(r["id"]))
            for t in wanted:
                ids = pool.get(_touch_key(t))
                if not ids:
                    raise UndoError(f"can't undo \"{change.what}\": that touch is no longer "
                                    f"in {slug}")
                doomed.append(ids.pop(0))
        conn.execute(delete(s.touches).where(s.touches.c.id.in_(doomed)))

    def _note_candidate(self, conn: Connection) -> None:
        pending: _Pending | None = conn.info.get("followup_log")
        if pending is not None and pending.candidate is None:
            pending.candidate = self._current_candidate(conn)

    def _flush_log(self, conn: Connection) -> None:
        from followup.core.describe import describe

        pending: _Pending = conn.info.pop("followup_log")
        if not pending.entries and pending.candidate is None:
            if pending.touches:
                record(conn, self.account_id(conn), "; ".join(pending.touch_words), [], "",
                       None, pending.touches, at=self.clock())
            return
        entries = list(pending.entries.values())
        befores = [Before(e.now, e.before.case, e.before.snoozes, e.before.created_at)
                   for e in entries]
        small = len(entries) <= 20  # a bulk import keeps no fingerprint of every case
        afters: list[Case | None] = []
        if small:
            for e in entries:
                found = self._case_by_slug(conn, e.now) if e.now else None
                afters.append(found[1] if found else None)
        current = self._current_candidate(conn) if pending.candidate is not None else None
        whats = list(pending.whats)
        if not whats:
            profile = pending.candidate is not None and pending.candidate != current
            if small:
                whats = [describe(e.before.case, a) for e, a in zip(entries, afters, strict=True)
                         if e.before.case != a]
                if not whats and not profile:
                    return  # a write that changed nothing (an invite imported again) is no change
            if not small or len(whats) > 3:
                created = sum(1 for e in entries if e.before.case is None)
                whats = [f"Imported {created} opportunit{'y' if created == 1 else 'ies'}"
                         if created == len(entries) else f"Changed {len(entries)} opportunities"]
            if profile:
                whats.append("Updated your profile")
        after_print = fingerprint(afters, current)
        record(conn, self.account_id(conn), "; ".join(w for w in whats if w),
               befores, after_print if small else "", pending.candidate, at=self.clock())

    def _current_candidate(self, conn: Connection) -> Candidate:
        return read.candidate(_sa_rows(conn), self.account_id(conn))

    def last_change(self) -> Change | None:
        """The latest change not undone yet (what `undo` would revert)."""
        with self.reading() as conn:
            acc = self.account_id(conn)
            found = last(conn, acc) if acc != -1 else None
            return found[0] if found else None

    def change(self, change_id: int) -> Change:
        with self.reading() as conn:
            return get(conn, self.account_id(conn), change_id)

    def undo(self, change_id: int | None = None) -> Change:
        """Revert the latest change (only it: `change_id`, when given, must be it)."""
        from sqlalchemy import delete, insert
        from sqlalchemy import update as sql_update

        from followup.store import schema as s

        with self.engine.connect().execution_options(followup_write=True) as conn:
            with conn.begin():
                acc = self.account_id(conn)
                found = last(conn, acc) if acc != -1 else None
                if found is None:
                    raise UndoError("nothing to undo: the change log is empty")
                change, data, after = found
                from followup.store.plans import forget_all

                forget_all(conn, acc)  # undo is rare: every plan is made again
                if change_id is not None and change_id != change.id:
                    raise UndoError(
                        f"that change is not the latest one; the latest is: {change.what}")
                befores, candidate, touches = decode(data)
                if after:
                    now: list[Case | None] = []
                    for b in befores:
                        slug = b.slug_now or (b.case.opportunity.id if b.case else None)
                        hit = self._case_by_slug(conn, slug) if slug else None
                        now.append(hit[1] if hit else None)
                    current = self._current_candidate(conn) if candidate is not None else None
                    if fingerprint(now, current) != after:
                        raise UndoError(
                            f"can't undo \"{change.what}\": it was changed since by "
                            "something outside the change log")
                if touches:
                    self._remove_touches(conn, touches, change)
                o, z = s.opportunities, s.snoozes
                for b in befores:
                    gone = {x for x in (b.slug_now, b.case.opportunity.id if b.case else None)
                            if x}
                    for slug in gone:
                        conn.execute(delete(o).where(o.c.account_id == acc, o.c.slug == slug))
                        conn.execute(delete(z).where(z.c.account_id == acc,
                                                     z.c.opportunity == slug))
                    if b.case is not None:
                        self.save_case(b.case, conn=conn)
                        if b.created_at is not None:
                            conn.execute(sql_update(o).where(
                                o.c.account_id == acc, o.c.slug == b.case.opportunity.id
                            ).values(created_at=b.created_at))
                        if b.snoozes:
                            conn.execute(insert(z), [
                                {"account_id": acc, "opportunity": b.case.opportunity.id,
                                 "kind": k, "person": p, "until": u,
                                 "created_at": self.clock()} for k, p, u in b.snoozes])
                if candidate is not None:
                    self._write_candidate(conn, candidate)
                mark_undone(conn, change.id, self.clock())
            self._writes += 1
            return change

    def _write_candidate(self, conn: Connection, candidate: Candidate) -> None:
        from sqlalchemy import delete, insert

        from followup.store import schema as s

        acc = self.account_id(conn)
        c = s.candidates
        conn.execute(delete(c).where(c.c.account_id == acc))
        conn.execute(insert(c).values(
            account_id=acc, name=candidate.name, email=candidate.email,
            phone=candidate.phone, country=candidate.country, timezone=candidate.timezone,
        ))
        v = s.candidate_values
        conn.execute(delete(v).where(v.c.account_id == acc))
        if candidate.values:
            conn.execute(insert(v), [
                {"account_id": acc, "position": n, "text": text}
                for n, text in enumerate(candidate.values)
            ])
