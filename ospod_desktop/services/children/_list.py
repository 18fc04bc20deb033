"""The case list: ids in order (search and filters), then rows for the part on screen."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, or_, select, text
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

RELEVANCE = "relevance"  # with a search, the best matches first (each group by name); else as "name"
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
    trafficking_flag: str | None = ""  # core.trafficking_flag; None: withheld from the user's role (facility staff)


@dataclass(frozen=True)
class _Hits:
    """A search's matches in groups, best first (disjoint; computed as they are read). `exclusive`: only the first
    group with a row in the list counts (an identifier found exactly hides the ones it is only a part of)."""

    groups: Iterator[set[int]]
    exclusive: bool = False


def _search(conn, query: str, ranked: bool) -> _Hits | None:
    """What `query` matches; None = no search. An identifier (the query has a digit: a file mark, a reference,
    a document or birth number) is matched exactly, else as whole runs of letters and digits, never as names.
    Names: every word as a whole word, then as a part of a word, then (few hits) with a typo; `ranked` False
    gives them all in one group."""
    folded = fold(query)
    tokens = folded.split()
    if not tokens:
        return None
    if any(ch.isdigit() for ch in folded):
        return _Hits(_identifier_groups(conn, query), exclusive=True)
    return _Hits(_name_groups(conn, tokens, ranked))


def _identifier_groups(conn, query: str) -> Iterator[set[int]]:
    exact = search.exact_identifier(conn, query)
    yield exact
    yield search.identifier_part(conn, query) - exact


def _name_groups(conn, tokens: list[str], ranked: bool) -> Iterator[set[int]]:
    whole: set[int] = set()
    fts = any(len(t) >= 3 for t in tokens)
    if fts:
        ids = search.containing(conn, tokens)
    else:
        rows = conn.execute(text("SELECT id FROM child WHERE sort_name LIKE :p LIMIT 5000"), {"p": " ".join(tokens) + "%"})
        ids = {r[0] for r in rows}
    joined = "".join(tokens)
    if len(tokens) > 1 and len(joined) >= 3:  # words written together: "abdul karim" finds Abdulkarim
        ids |= search.containing(conn, [joined])
    if ranked and fts and ids:
        whole = search.containing_words(conn, tokens) & ids
    typos: set[int] = set()
    if len(ids) < TYPO_FALLBACK and any(len(t) >= TYPO_MIN for t in tokens):
        typos = _typo_ids(conn, tokens) - ids
    if ranked:
        yield whole
        yield ids - whole
        yield typos
    else:
        yield ids | typos


TYPO_FALLBACK = 20  # with fewer hits than this, names one typo away are added
TYPO_MIN = 4  # letters a word needs for a typo to be tolerated
TYPO_RATIO = 80  # one wrong letter in a five- to ten-letter name
# Spellings the phonetic keys keep apart: c is k in Romanian, Italian or Spanish spelling (Petrenco, Marco).
_SPELLINGS = ((re.compile(r"c(?![hkz])"), "k"), (re.compile(r"k"), "c"))


def _matching(words: list[str], st: str) -> bool:
    """Every long word within TYPO_RATIO of a word of the indexed text `st`, every short one starts a word."""
    from rapidfuzz import fuzz, process

    found = st.split()
    return all(f" {w}" in st if len(w) < TYPO_MIN else
               process.extractOne(w, found, scorer=fuzz.ratio, score_cutoff=TYPO_RATIO) is not None for w in words)


def _typo_ids(conn, tokens: list[str]) -> set[int]:
    """Tolerate a typo: each word of four letters or more is within a small edit distance of a word of the
    child's names, the shorter ones start one. Candidates share a phonetic key with each long word or with
    another spelling of it; if none is close enough (a wrong consonant changes the key), they contain either
    half of the longest word, which one wrong letter leaves whole."""
    long_words = [t for t in tokens if len(t) >= TYPO_MIN]
    sets: list[set[int]] = []
    for word in long_words:
        spellings = {word} | {rx.sub(repl, word) for rx, repl in _SPELLINGS}
        sets.append(search.sharing_any_key(conn, sorted(set().union(
            *(blocking_keys(NameRecord(given_names=w)) for w in spellings)))))
    complete = [found for found in sets if len(found) < search.TYPO_CANDIDATES]  # a capped set may miss the child
    candidates = set.intersection(*complete) if complete else min(sets, key=len)
    keep = {cid for cid, st in search.texts(conn, candidates).items() if _matching(tokens, st)}
    longest = max(long_words, key=len)
    if keep or len(longest) < 6:  # each half three letters at least: the trigram index finds it
        return keep
    for half in (longest[:len(longest) // 2], longest[len(longest) // 2:]):
        texts = search.texts_containing(conn, half, TYPO_HALF_LIMIT)
        if len(texts) < TYPO_HALF_LIMIT:  # a half that common narrows nothing
            keep |= {cid for cid, st in texts.items() if cid not in candidates and _matching(tokens, st)}
    return keep


TYPO_HALF_LIMIT = 2000  # children containing a half of a misspelt word, at most


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


@dataclass
class _Part:
    ids: list[int]
    matched: int
    truncated: bool = False


def _select(conn, where: list, order: list, ids: set[int] | None, whole: bool, limit: int,
            groups: Sequence[set[int]] = ()) -> _Part:
    """The visible children among `ids` (None: all) in order, by their group first when `groups` (covering
    `ids`) are given and they are few; a broad search keeps the first `limit`."""
    if ids is not None and len(ids) <= _DIRECT:
        # The matches (usually few) are filtered and ordered in SQL, not by scanning the whole register.
        where = [*where, search.id_in(col(Child.id), ids)]
        if len(groups) > 1:
            whens = [(search.id_in(col(Child.id), g), rank) for rank, g in enumerate(groups[:-1])]
            order = [case(*whens, else_=len(groups) - 1), *order]
    result = _raw_cursor(conn, select(col(Child.id)).where(and_(*where)).order_by(*order))
    if ids is None or len(ids) <= _DIRECT:
        rows = [r[0] for r in result.fetchall()]
        return _Part(rows, len(rows))
    # A broad search: matches are dense, so walking the index in order finds the first ones quickly.
    rows, in_scope, truncated = [], 0, False
    for (cid,) in result:
        if cid in ids:
            in_scope += 1
            if len(rows) < limit:
                rows.append(cid)
            elif whole:
                truncated = True
                break
    result.close()
    truncated = truncated or in_scope > limit
    return _Part(rows, (len(ids) if whole else in_scope) if truncated else len(rows), truncated)


def list_children(us: UserSession, flt: ListFilter = ListFilter(), sort: str = RELEVANCE, descending: bool = False,
                  today: date | None = None) -> ListResult:
    """Every visible child matching the filter, in display order: by `sort` (a key of SORTS), or for RELEVANCE the
    search's best matches first, each group by name. An identifier found exactly is the only row."""
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
    with us.read() as session:
        conn = session.connection()
        hits = _search(conn, flt.query, ranked=sort == RELEVANCE)
        if hits is None:
            parts = [_select(conn, where, order, None, whole, SEARCH_LIMIT)]
        elif hits.exclusive:
            parts = []
            for ids in hits.groups:  # decided on the rows the user may see: a scope learns nothing outside it
                parts = [_select(conn, where, order, ids, whole, SEARCH_LIMIT)] if ids else []
                if parts and parts[0].ids:
                    break
        else:
            groups = [ids for ids in hits.groups if ids]
            union = set().union(*groups)
            if len(union) <= _DIRECT:  # one query orders them by group
                parts = [_select(conn, where, order, union, whole, SEARCH_LIMIT, groups)]
            else:
                parts = []
                for ids in groups:
                    room = max(SEARCH_LIMIT - sum(len(p.ids) for p in parts), 0)
                    if not room and whole:  # nothing more is shown: only how many matched, as a broad search says
                        parts.append(_Part([], len(ids), True))
                        continue
                    part = _select(conn, where, order, ids, whole, room)
                    parts.append(part if len(part.ids) <= room else _Part(part.ids[:room], part.matched, True))
    rows = [cid for p in parts for cid in p.ids]
    truncated = any(p.truncated for p in parts)
    if flt.adult_soon_only:
        keep = {r.id for r in child_rows(us, rows, today) if r.adult_soon}
        rows = [i for i in rows if i in keep]
    matched = sum(p.matched for p in parts) if truncated else len(rows)
    return ListResult(rows, matched, truncated)


def child_ids(us: UserSession, flt: ListFilter = ListFilter(), sort: str = RELEVANCE, descending: bool = False,
              today: date | None = None) -> list[int]:
    """Just the ids of `list_children`."""
    return list_children(us, flt, sort, descending, today).ids


_ROW_COLUMNS = (col(Child.id), col(Child.case_mark), col(Child.given_names), col(Child.family_names),
                col(Child.original_script_name), col(Child.description), col(Child.sex), col(Child.birth_date),
                col(Child.birth_year), col(Child.age_min), col(Child.age_max), col(Child.found_on),
                col(Child.status), col(Child.case_status), col(Child.urgency),
                col(Child.reference), col(Child.trafficking_flag))


def record_list_view(us: UserSession, detail: str = "list") -> None:
    """Audit that the user opened a list of children (once per view, not per scrolled page)."""
    with us.tx() as tx:
        tx.audit(Action.READ, Entity.CHILD, detail=scope.read_detail(us, detail))


def child_rows(us: UserSession, ids: list[int], today: date | None = None) -> list[ChildRow]:
    """Rows for `ids` (in that order); ids out of scope or gone are skipped."""
    today = today or scope.today()
    withheld = scope.withheld_fields(us)
    reduced = scope.reduced(us)
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
                    trafficking_flag=None if reduced else m["trafficking_flag"],
                )
    return [out[i] for i in ids if i in out]
