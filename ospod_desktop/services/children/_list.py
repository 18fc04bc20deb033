"""The case list: ids in order (search and filters), then rows for the part on screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select, text
from sqlmodel import col

from ospod_desktop.core.ages import age_info, turning_adult_soon
from ospod_desktop.core.child_names import display_name
from ospod_desktop.core.errors import PermissionDenied
from ospod_desktop.core.i18n import _
from ospod_desktop.core.names import NameRecord, blocking_keys, fold
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.placements import RowStatus, current_clause, row_status
from ospod_desktop.storage import child_lists, search
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.placement_tables import MissingEpisode, Placement

_NO_STATUS = RowStatus()

SORTS = {
    "name": (col(Child.sort_name), col(Child.id)),
    "age": (col(Child.birth_year), col(Child.id)),
    "found": (col(Child.found_on), col(Child.id)),
    "mark": (col(Child.case_mark), col(Child.id)),
    "id": (col(Child.id),),
}


@dataclass(frozen=True)
class ListFilter:
    """What the list shows: search text, case status, status kind, flags."""

    query: str = ""
    case_status: str | None = "open"  # open, closed, or None for all
    status: str | None = None  # unaccompanied / separated
    urgent_only: bool = False
    adult_soon_only: bool = False
    missing_only: bool = False  # children missing right now
    facility_id: int | None = None  # children placed in this facility today


@dataclass(frozen=True)
class ChildRow:
    """One line of the case list (no notes, no birth number)."""

    id: int
    case_mark: str
    name: str
    original_script_name: str
    age: str
    age_sort: float
    sex: str
    nationalities: tuple[str, ...]
    status: str
    case_status: str
    urgency: str | None  # None: withheld from the user's role (`scope.withheld_fields`), not "standard"
    adult_soon: bool
    presumed_minor: bool
    current_facility: str | None = None  # the facility's name, or "Relatives – uncle" for a named person
    next_visit: date | None = None  # visits issue
    reference: str | None = ""  # None: withheld from the user's role
    missing: int | None = None  # hours since last seen, while the child is missing
    missing_unreported: bool = False  # missing and not yet reported to the police: overdue at once
    deadline_status: str | None = None  # the current placement's most urgent clock: ok / due_soon / overdue
    deadline_kind: str | None = None  # core.placement_rules.DEADLINE_KINDS
    deadline_due: date | None = None


def _search_ids(conn, query: str) -> set[int] | None:
    """Ids whose folded names or identifiers contain every word of `query`; None = no search."""
    folded = fold(query)
    tokens = [t for t in folded.split() if t]
    if not tokens:
        return None
    compact = "".join(ch for ch in folded if ch.isalnum())
    if any(len(t) >= 3 for t in tokens):
        ids = search.containing(conn, tokens)
    else:
        rows = conn.execute(text("SELECT id FROM child WHERE sort_name LIKE :p LIMIT 5000"), {"p": " ".join(tokens) + "%"})
        ids = {r[0] for r in rows}
    if len(tokens) > 1 and len(compact) >= 3:  # an identifier typed with spaces, dashes or slashes
        ids |= search.containing(conn, [compact])
    if len(ids) < 20 and any(len(t) >= 4 for t in tokens):
        ids |= _typo_ids(conn, tokens)
    return ids


def _typo_ids(conn, tokens: list[str]) -> set[int]:
    """Tolerate a typo: candidates share a phonetic blocking key with each long word of the query, then
    every long word must be within a small edit distance of some word of the candidate's names."""
    from rapidfuzz import fuzz

    long_words = [t for t in tokens if len(t) >= 4]
    result: set[int] | None = None
    for tok in long_words:
        keys = sorted(blocking_keys(NameRecord(given_names=tok)))
        if not keys:
            return set()
        found = search.sharing_any_key(conn, keys)
        result = found if result is None else result & found
    if not result:
        return set()
    keep = set()
    for cid, st in search.texts(conn, result).items():
        words = st.split()
        if all(any(fuzz.ratio(tok, w) >= TYPO_RATIO for w in words) for tok in long_words):
            keep.add(cid)
    return keep


TYPO_RATIO = 80  # one wrong letter in a five- to ten-letter name


def _raw_cursor(conn, stmt):
    """Run a compiled statement on the DB-API cursor: for 100,000 ids SQLAlchemy's row objects cost
    about as much again as SQLite itself."""
    compiled = stmt.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    args = [params[name] for name in compiled.positiontup] if compiled.positiontup else []
    return conn.connection.driver_connection.execute(str(compiled), args)


@dataclass(frozen=True)
class ListResult:
    """Ids in display order; a very broad search shows the first SEARCH_LIMIT and says how many matched."""

    ids: list[int]
    matched: int
    truncated: bool = False


SEARCH_LIMIT = 2000
_DIRECT = 3000  # up to this many matches, filter and order them in SQL; beyond, walk the name index


def list_children(us: UserSession, flt: ListFilter = ListFilter(), sort: str = "name", descending: bool = False,
                  today: date | None = None) -> ListResult:
    """Every visible child matching the filter, in display order."""
    where = [scope.visible(us), col(Child.merged_into_id).is_(None)]
    if flt.case_status:
        where.append(col(Child.case_status) == flt.case_status)
    if flt.status:
        where.append(col(Child.status) == flt.status)
    if flt.urgent_only:
        if "urgency" in scope.withheld_fields(us):  # filtering by it would tell what it is
            raise PermissionDenied(_("Your role does not see the urgency of a case."))
        where.append(col(Child.urgency) != "standard")
    if flt.adult_soon_only:
        today = today or scope.today()
        where.append(or_(col(Child.birth_year).is_(None), col(Child.birth_year) <= today.year - 17))
    if flt.missing_only:
        where.append(col(Child.id).in_(select(col(MissingEpisode.child_id)).where(
            col(MissingEpisode.returned_at).is_(None), col(MissingEpisode.closed_at).is_(None))))
    if flt.facility_id is not None:
        where.append(col(Child.id).in_(select(col(Placement.child_id)).where(
            col(Placement.facility_id) == flt.facility_id, current_clause(scope.today()))))
    whole = scope.reads_all(us)  # a narrower scope must not learn how many matched outside it
    order = [c.desc() if descending else c for c in SORTS.get(sort, SORTS["name"])]
    truncated, in_scope = False, 0
    with us.read() as session:
        conn = session.connection()
        ids = _search_ids(conn, flt.query)
        if ids is not None and len(ids) <= _DIRECT:
            # The matches (usually few) are filtered and ordered in SQL, not by scanning the whole register.
            where.append(search.id_in(col(Child.id), ids))
        result = _raw_cursor(conn, select(col(Child.id)).where(and_(*where)).order_by(*order))
        if ids is not None and len(ids) > _DIRECT:
            # A broad search: matches are dense, so walking the index in order finds the first ones quickly.
            rows: list[int] = []
            for (cid,) in result:
                if cid in ids:
                    in_scope += 1
                    if len(rows) < SEARCH_LIMIT:
                        rows.append(cid)
                    elif whole:
                        truncated = True
                        break
            result.close()
            truncated = truncated or in_scope > SEARCH_LIMIT
        else:
            rows = [r[0] for r in result.fetchall()]
    if flt.adult_soon_only:
        keep = {r.id for r in child_rows(us, rows, today) if r.adult_soon}
        rows = [i for i in rows if i in keep]
    matched = (len(ids) if whole else in_scope) if truncated and ids is not None else len(rows)
    return ListResult(rows, matched, truncated)


def child_ids(us: UserSession, flt: ListFilter = ListFilter(), sort: str = "name", descending: bool = False,
              today: date | None = None) -> list[int]:
    """Just the ids of `list_children`."""
    return list_children(us, flt, sort, descending, today).ids


_ROW_COLUMNS = (col(Child.id), col(Child.case_mark), col(Child.given_names), col(Child.family_names),
                col(Child.original_script_name), col(Child.description), col(Child.sex), col(Child.birth_date),
                col(Child.birth_year), col(Child.age_min), col(Child.age_max), col(Child.found_on),
                col(Child.status), col(Child.case_status), col(Child.urgency),
                col(Child.reference))


def record_list_view(us: UserSession, detail: str = "list") -> None:
    """Audit that the user opened a list of children (once per view, not per scrolled page)."""
    with us.tx() as tx:
        tx.audit(Action.READ, Entity.CHILD, detail=scope.read_detail(us, detail))


def child_rows(us: UserSession, ids: list[int], today: date | None = None) -> list[ChildRow]:
    """Rows for `ids` (in that order); ids out of scope or gone are skipped."""
    today = today or scope.today()
    withheld = scope.withheld_fields(us)
    out: dict[int, ChildRow] = {}
    with us.read() as session:
        conn = session.connection()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            stmt = select(*_ROW_COLUMNS).where(and_(scope.visible(us), col(Child.id).in_(chunk)))
            found = list(conn.execute(stmt))
            status = row_status(conn, [r._mapping["id"] for r in found], scope.today())
            nationalities = child_lists.read(conn, [r._mapping["id"] for r in found], ("nationalities",))
            for r in found:
                m = r._mapping
                info = age_info(today, m["birth_date"], m["birth_year"], m["age_min"], m["age_max"], m["found_on"])
                st = status.get(m["id"], _NO_STATUS)
                dl = st.deadline
                out[m["id"]] = ChildRow(
                    id=m["id"], case_mark=m["case_mark"], name=display_name(m), original_script_name=m["original_script_name"],
                    age=info.label, age_sort=info.sort_key, sex=m["sex"],
                    nationalities=nationalities[m["id"]]["nationalities"], status=m["status"],
                    case_status=m["case_status"], urgency=None if "urgency" in withheld else m["urgency"],
                    adult_soon=turning_adult_soon(info, today), presumed_minor=info.presumed_minor,
                    reference=None if "reference" in withheld else m["reference"], current_facility=st.current_facility,
                    missing=st.missing_hours, missing_unreported=st.missing_unreported,
                    deadline_status=dl.status if dl else None, deadline_kind=dl.kind if dl else None,
                    deadline_due=dl.due if dl else None,
                )
    return [out[i] for i in ids if i in out]
