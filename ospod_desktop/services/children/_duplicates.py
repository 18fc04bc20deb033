"""Duplicate detection: candidates at save, the register-wide report, merge and dismiss."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, select, text
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col
from sqlmodel import select as sm_select

from ospod_desktop.core import history as H
from ospod_desktop.core.ages import age_info
from ospod_desktop.core.child_form import ChildForm, validate
from ospod_desktop.core.child_names import as_date, display_name, name_record
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.match_batch import PairMatcher
from ospod_desktop.core.matching import DEFAULT_THRESHOLD, Reason, match
from ospod_desktop.core.names import PreparedRecord, blocking_keys, prepare
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import scope
from ospod_desktop.services.children._list import record_list_view
from ospod_desktop.services.children._pairs import BUCKET_LIMIT
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.storage import child_lists, ownership, search
from ospod_desktop.storage.child_tables import ChildIdentifier, DuplicateDismissal
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.placement_tables import Placement

MAX_CANDIDATES = 400  # children sharing the most keys with the new record are scored
_MATCH_COLUMNS = (col(Child.id), col(Child.reference), col(Child.given_names), col(Child.family_names),
                  col(Child.original_script_name), col(Child.sex), col(Child.birth_date), col(Child.birth_year),
                  col(Child.age_min), col(Child.age_max), col(Child.found_on), col(Child.description),
                  col(Child.case_mark))
_MATCH_LISTS = ("aliases", "nationalities")


@dataclass(frozen=True)
class Candidate:
    """A registered child that may be the same as the one being saved."""

    child_id: int
    reference: str
    case_mark: str
    name: str
    original_script_name: str
    age: str
    nationalities: tuple[str, ...]
    found_on: date | None
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class PairSide:
    """One child of a pair as an officer recognises it: references, name, and date of birth or age."""

    reference: str
    case_mark: str
    name: str
    original_script_name: str
    birth_date: date | None
    age: str  # `AgeInfo.label` today: "15", "15–16", "?"


@dataclass(frozen=True)
class DuplicatePair:
    a_id: int
    a_reference: str | None  # None: withheld from the user's role (`scope.withheld_fields`)
    b_id: int
    b_reference: str | None
    score: float
    reasons: tuple[Reason, ...]
    a_side: PairSide | None = None
    b_side: PairSide | None = None


def _candidate(m, score: float, reasons, today: date) -> Candidate:
    info = age_info(today, m["birth_date"], m["birth_year"], m["age_min"], m["age_max"], m["found_on"])
    return Candidate(m["id"], m["reference"], m["case_mark"], display_name(m), m["original_script_name"], info.label,
                     tuple(m["nationalities"]), m["found_on"], round(score, 3), reasons)


def probe_of(values: dict) -> PreparedRecord:
    """What the matcher compares of a child's validated values (or of a stored row)."""
    return prepare(name_record(values))


def _form_probe(form: ChildForm, today: date) -> PreparedRecord:
    try:
        values = validate(form, today).values
    except ValidationError:
        values = {k: getattr(form, k) for k in ("given_names", "family_names", "original_script_name", "sex",
                                                "birth_date", "birth_year", "age_min", "age_max", "found_on")}
        values["aliases"] = "\n".join(form.aliases)
        values["nationalities"] = ";".join(form.nationalities)
    return probe_of(values)


def live_children(session: Session, us: UserSession, where: ColumnElement[bool]) -> list[dict]:
    """The matcher's columns and lists of the children the user may see, not merged into another, that `where`
    selects (one query for the rows, one per list)."""
    conn = session.connection()
    rows = [dict(r._mapping) for r in conn.execute(select(*_MATCH_COLUMNS).where(and_(
        scope.visible(us), col(Child.merged_into_id).is_(None), where)))]
    lists = child_lists.read(conn, [m["id"] for m in rows], _MATCH_LISTS)
    for m in rows:
        m.update(lists[m["id"]])
    return rows


def candidate_of(row: dict, today: date, score: float = 1.0, reasons: tuple[Reason, ...] = ()) -> Candidate:
    """A row of `live_children` as a Candidate (an exact match: score 1, no reasons)."""
    return _candidate(row, score, reasons, today)


def _sharing_most_keys(conn, probes: Sequence[PreparedRecord],
                       probe_keys: Sequence[set[str] | frozenset[str]] | None = None) -> list[list[int]]:
    """For each probe, the registered children sharing the most of its blocking keys (at most MAX_CANDIDATES,
    most first). One probe (the register dialog) asks the index; many (an import) read the postings of all their
    keys at once and count in memory: one query instead of one per row."""
    keys = [sorted(k) for k in probe_keys] if probe_keys is not None else [sorted(blocking_keys(p)) for p in probes]
    if len(probes) == 1:
        return [search.most_shared_keys(conn, keys[0], MAX_CANDIDATES) if keys[0] else []]
    postings = search.children_with_keys(conn, {k for ks in keys for k in ks})
    out = []
    for ks in keys:
        lists = [postings[k] for k in ks if k in postings]
        if len(lists) == 1:  # one key: all share it equally
            out.append(sorted(lists[0])[:MAX_CANDIDATES])
            continue
        counts = Counter(i for ids in lists for i in ids)
        out.append([i for _n, i in heapq.nsmallest(MAX_CANDIDATES, ((-n, i) for i, n in counts.items()))])
    return out


def register_matches(session: Session, us: UserSession, probes: Sequence[PreparedRecord], today: date,
                     threshold: float = DEFAULT_THRESHOLD, limit: int = 10,
                     exclude_id: int | None = None,
                     keys: Sequence[set[str] | frozenset[str]] | None = None) -> list[list[Candidate]]:
    """For each probe, the registered children it likely duplicates, best first: the register dialog's check,
    done for many records in one session (an import's rows; `keys`: their blocking keys, if already known)."""
    conn = session.connection()
    shared = [[i for i in ids if i != exclude_id] for ids in _sharing_most_keys(conn, probes, keys)]
    wanted = {i for ids in shared for i in ids}
    rows = {m["id"]: m for m in live_children(session, us, search.id_in(col(Child.id), wanted))} if wanted else {}
    prepared: dict[int, PreparedRecord] = {}
    out = []
    matcher = PairMatcher()
    for probe, ids in zip(probes, shared, strict=True):
        found = []
        for i in ids:
            if i not in rows:
                continue
            if i not in prepared:
                prepared[i] = probe_of(rows[i])
            result = matcher.at_least(probe, prepared[i], threshold)
            if result is not None:
                found.append(_candidate(rows[i], result.score, result.reasons, today))
        found.sort(key=lambda c: (-c.score, c.child_id))
        out.append(found[:limit])
    return out


def find_duplicates(us: UserSession, form: ChildForm, exclude_id: int | None = None, limit: int = 10,
                    threshold: float = DEFAULT_THRESHOLD, today: date | None = None) -> list[Candidate]:
    """Likely matches for a registration about to be saved, best first, with reasons."""
    today = today or scope.today()
    scope.check_can_register(us)
    probe = _form_probe(form, today)
    if not blocking_keys(probe):
        return []
    with us.read() as session:
        return register_matches(session, us, [probe], today, threshold, limit, exclude_id)[0]


def duplicate_report(us: UserSession, min_score: float = DEFAULT_THRESHOLD) -> list[DuplicatePair]:
    """Likely duplicate pairs across the register the user may see, best first (dismissed pairs left out)."""
    scope.check_reads_children(us)
    with us.read() as session:
        conn = session.connection()
        pairs = search.pairs_sharing_a_key(conn, BUCKET_LIMIT)
        dismissed = {(a, b) for a, b in conn.execute(text("SELECT a_id, b_id FROM duplicate_dismissal"))}
        visible = {r[0]: r._mapping for r in conn.execute(select(*_MATCH_COLUMNS).where(and_(
            scope.visible(us), col(Child.merged_into_id).is_(None))))}
        paired = {cid for pair in pairs for cid in pair if cid in visible}
        lists = child_lists.read(conn, sorted(paired), _MATCH_LISTS)
    prepared: dict[int, PreparedRecord] = {}
    today = scope.today()

    def side(cid: int) -> PairSide:
        m = dict(visible[cid])
        born = as_date(m["birth_date"])
        info = age_info(today, born, m["birth_year"], m["age_min"], m["age_max"], as_date(m["found_on"]))
        return PairSide(m["reference"] if shown else "", m["case_mark"], display_name(m), m["original_script_name"], born,
                        info.label)
    shown = "reference" not in scope.withheld_fields(us)

    def ref(cid: int) -> str | None:  # None: withheld from the user's role
        return visible[cid]["reference"] if shown else None

    def prep(cid: int) -> PreparedRecord:
        if cid not in prepared:
            prepared[cid] = prepare(name_record({**visible[cid], **lists[cid]}))
        return prepared[cid]

    out = []
    for a, b in pairs:
        if a not in visible or b not in visible or (a, b) in dismissed:
            continue
        result = match(prep(a), prep(b))
        if result.score >= min_score:
            out.append(DuplicatePair(a, ref(a), b, ref(b), round(result.score, 3), result.reasons, side(a), side(b)))
    out.sort(key=lambda p: (-p.score, p.a_id, p.b_id))
    record_list_view(us, "duplicates_report")
    return out


@requires(Role.SUPERVISOR, Role.OFFICER)
def dismiss_pair(us: UserSession, a_id: int, b_id: int) -> None:
    """Record that two children are different people; the report stops listing the pair."""
    a, b = sorted((a_id, b_id))
    with us.tx() as tx:
        scope.load_child(tx, us, a)
        scope.load_child(tx, us, b)
        if tx.session.get(DuplicateDismissal, (a, b)) is None:
            tx.session.add(DuplicateDismissal(a_id=a, b_id=b, dismissed_by=us.actor.user_id, ts=datetime.now(UTC)))
        tx.audit(Action.UPDATE, Entity.CHILD, a, detail=f"not_duplicate_of:{b}")


@requires(Role.SUPERVISOR, Role.OFFICER)
def merge_children(us: UserSession, keep_id: int, merge_id: int) -> None:
    """Fold `merge_id` into `keep_id`: its names become aliases, its identifiers move, both histories stay."""
    if keep_id == merge_id:
        raise ValidationError("merge_id", _("Merge: choose two different records."))
    now = datetime.now(UTC)
    with us.tx() as tx:
        keep = scope.load_child(tx, us, keep_id)
        dup = scope.load_child(tx, us, merge_id)
        if dup.merged_into_id is not None or keep.merged_into_id is not None:
            raise ValidationError("merge_id", _("Merge: one of the records has already been merged."))
        placed = tx.session.execute(select(col(Placement.child_id)).where(
            col(Placement.child_id).in_([keep_id, merge_id]), col(Placement.end_date).is_(None))).scalars().all()
        if len(set(placed)) == 2:  # one placement at a time (the database refuses a second open one)
            raise ValidationError("merge_id", _("Merge: both records have a current placement; end the one that "
                                                "is wrong first."))
        lists = child_lists.read(tx.session, [keep_id, merge_id], ("aliases",))
        names = [n for n in (" ".join(p for p in (dup.given_names, dup.family_names) if p), dup.original_script_name,
                             *lists[merge_id]["aliases"]) if n]
        aliases = list(dict.fromkeys([*lists[keep_id]["aliases"], *names]))
        old_aliases, new_aliases = (child_lists.join("aliases", a) for a in (lists[keep_id]["aliases"], aliases))
        child_lists.write(tx.session, keep_id, "aliases", aliases)
        for fld in ("birth_number", "police_reference", "asylum_reference", "case_mark", "reference"):
            if not getattr(keep, fld) and getattr(dup, fld):
                setattr(keep, fld, getattr(dup, fld))
        # Everything that belongs to the child follows it (identifiers, family, assessments, placements, missing
        # episodes, the photo if the kept record has none…), derived from the foreign keys; an overlap of
        # earlier placements the merge reveals is for the officer to correct.
        ownership.move_child_rows(tx.session, merge_id, keep_id)
        dup.merged_into_id = keep_id
        dup.case_status, dup.close_reason, dup.closed_on = "closed", "duplicate_merged", now.date()
        tx.history(keep_id, H.FieldChanged("aliases", old_aliases, new_aliases))
        tx.history(keep_id, H.Merged(merge_id))
        tx.history(merge_id, H.MergedInto(keep_id))
        numbers = list(tx.session.execute(select(col(ChildIdentifier.number))
                                          .where(col(ChildIdentifier.child_id) == keep_id)).scalars())
        search.reindex(tx.session, keep, numbers)
        search.reindex(tx.session, dup, [])
        tx.audit(Action.UPDATE, Entity.CHILD, keep_id, detail=f"merged:{merge_id}")
        tx.audit(Action.UPDATE, Entity.CHILD, merge_id, detail=f"merged_into:{keep_id}")


_CHUNK = 500  # references looked up per query
# A reference a row gives that differs from the one a child has is kept on the child as this kind of identifier.
LINKED_REFERENCE_KIND = "agency"


def children_by_reference(session: Session, us: UserSession, references: set[str], today: date) -> dict[str, list[Candidate]]:
    """The children the user may see that carry each reference: as their own, or kept as another agency's
    reference; a record merged into another stands for the record it was merged into. (The imports find the
    children their rows name with it.)"""
    holders: dict[str, set[int]] = {}
    wanted = sorted(references)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        for ref, cid, merged_into in session.exec(sm_select(col(Child.reference), col(Child.id), col(Child.merged_into_id))
                                                  .where(col(Child.reference).in_(chunk))).all():
            if cid is not None:
                holders.setdefault(ref, set()).add(merged_into or cid)
        for ref, cid in session.exec(sm_select(col(ChildIdentifier.number), col(ChildIdentifier.child_id)).where(
                col(ChildIdentifier.kind) == LINKED_REFERENCE_KIND, col(ChildIdentifier.number).in_(chunk))).all():
            holders.setdefault(ref, set()).add(cid)
    for _round in range(10):  # a record merged into one that was merged in turn
        ids = {i for held in holders.values() for i in held}
        onward = dict(session.exec(sm_select(col(Child.id), col(Child.merged_into_id)).where(
            search.id_in(col(Child.id), ids), col(Child.merged_into_id).is_not(None))).all()) if ids else {}
        if not onward:
            break
        holders = {ref: {onward.get(i) or i for i in held} for ref, held in holders.items()}
    ids = {i for held in holders.values() for i in held}
    live = {m["id"]: candidate_of(m, today) for m in live_children(session, us, search.id_in(col(Child.id), ids))} if ids else {}
    return {ref: sorted((live[i] for i in held if i in live), key=lambda c: c.child_id) for ref, held in holders.items()}
