"""Demo care records (revision 0006, all fictitious): supervision visits, information requests, individual
protection plans (IPOD), guardians and asylum applications for every child in care (and the guardian and IPOD of a
child never placed whose case is open), and the placement flags the clocks read (enforceability, s. 460 exception,
s. 461, diagnostic stay, a ZDVOP extension's consent). A guardianship ends with a case closed on the child's return
to the parents or at majority.

The story holds: a visit falls inside a placement of the child (`core.visit_rules.check_visit_day`), at roughly
the legal interval of the setting it is in (institutions 3 months; foster family and relatives 3 months for the
first half-year, then 6); about one visit in ten the child was not seen (a reason given; during a disappearance
always), and an officer comes back soon after such a visit and after a return. Some children are overdue (nobody
came for half a year), most were seen recently. IPODs mostly within a month of intake, updated after a transfer;
the court of the district where the child was found appoints the guardian after OSPOD's petition (some only
petitioned); an asylum applicant (a child with an OAM reference) gets a representative, from 12 June 2026 within
15 working days, and some still wait. Nothing is recorded after today or before the child was registered. The
first children (`SHOWCASE`: those a demo, its screenshots and tests open first) have no gaps in their file.

`flag_placements` and `plan_care` are pure and deterministic for a seed and a day; `write_care` inserts in bulk.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.placement_rules import PERSON_SETTINGS
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.demo import care_texts as T
from ospod_desktop.demo import story
from ospod_desktop.demo.data import HOME_COURT, PLACE_AUTHORITIES, Dice
from ospod_desktop.demo.placements import ChildFacts, Plan
from ospod_desktop.storage.bulk import insert_rows

UPDATE, CHILD = str(Action.UPDATE), str(Entity.CHILD)
REPRESENTATIVE_FROM = date(2026, 6, 12)  # asylum: a representative designated within 15 working days from then
NOT_SEEN, NEGLECTED, LATE = 0.10, 0.08, 0.10  # shares of visits / children in care / intervals overrun
REQUEST_SHARE, UNANSWERED = 0.12, 0.08  # information requested at a visit; never answered
OFFICE = "Úřad městské části Praha 5"
AUDIT_DETAIL = "care_records:demo"  # the audit row of a child's generated care records
# Close reasons (`demo.cases`) that end a guardianship: the parents take the child back, or the child comes of age.
GUARDIAN_ENDS = ("turned_18", "returned_to_family", "reunited_abroad", "repatriated")
SHOWCASE = 25  # the first children (the ones a demo, its screenshots and tests open first): no gaps in the file


@dataclass
class CarePlan:
    """Rows of the care tables (ids assigned) and one audit entry per child that has any."""

    visits: list[dict] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    ipods: list[dict] = field(default_factory=list)
    guardianships: list[dict] = field(default_factory=list)
    asylum: list[dict] = field(default_factory=list)
    audit: list[tuple] = field(default_factory=list)


def flag_placements(plan: Plan, seed: int, today: date, radlicka: int) -> None:
    """Give every planned placement and extension the revision-0006 columns (in place, before the insert)."""
    rng = Dice(f"ospod-demo-flags:{seed}")
    extended = {e["placement_id"] for e in plan.extensions}
    by_id = {p["id"]: p for p in plan.placements}
    for row in plan.placements:
        row.update(enforceable_on=None, exception_reason="", section_461=False, diagnostic_stay=None,
                   diagnostics_completed_on=None)
        start, end = row["start_date"], row["end_date"]
        if row["legal_basis"] == "preliminary_measure":
            if rng.random() < 0.8:  # else not recorded: enforceable on the decision day
                row["enforceable_on"] = row["decision_date"]
            if end is None and row["id"] not in extended and rng.random() < 0.05:
                row["section_461"] = True  # no Czech jurisdiction on the merits: 6 months in total
            elif end is None and (today - start).days > 120 and rng.random() < 0.4:
                row["exception_reason"] = T.EXCEPTION_REASON.format(file=row["court_file_number"].replace(" Nc ", " P "))
        previous = by_id.get(row["previous_id"])
        if row["facility_id"] == radlicka or row["setting"] == "diagnostic_institute":
            # The intake stay is a diagnostic one; coming back later (not after a hospital) is long-term care.
            row["diagnostic_stay"] = previous is None or previous["setting"] == "hospital"
            done = start + timedelta(days=rng.randint(21, 63))
            if row["diagnostic_stay"] and done <= min(end or today, today) and rng.random() < 0.8:
                row["diagnostics_completed_on"] = done
    _at_least_once(plan.placements, extended)
    for ext in plan.extensions:
        placement = by_id[ext["placement_id"]]
        ext["consent_on"] = None
        if placement["legal_basis"] == "zdvop_contract" and rng.random() < 0.9:  # else: the clock flags it
            ext["consent_on"] = max(placement["start_date"], ext["decided_on"] - timedelta(days=rng.randint(0, 7)))


def _at_least_once(placements: list[dict], extended: set[int]) -> None:
    """A small demo still shows a current measure under s. 461 and one with an s. 460 exception, if it has any."""
    spare = [r for r in placements if r["legal_basis"] == "preliminary_measure" and r["end_date"] is None
             and not r["section_461"] and not r["exception_reason"]]
    fresh = [r for r in spare if r["id"] not in extended]
    if fresh and not any(r["section_461"] for r in placements):
        fresh[-1]["section_461"] = True
        spare.remove(fresh[-1])
    if spare and not any(r["exception_reason"] for r in placements):
        oldest = min(spare, key=lambda r: r["start_date"])
        oldest["exception_reason"] = T.EXCEPTION_REASON.format(file=oldest["court_file_number"].replace(" Nc ", " P "))


def _months(p: dict, day: date) -> int:
    """The visit interval on `day` (Sections 19 and 29): a family 3 months in the first half-year, then 6."""
    return 6 if p["setting"] in PERSON_SETTINGS and add_months(p["start_date"], 6) <= day else 3


class _Carer:
    """Plans one child after another (in id order); `rows` collects them."""

    def __init__(self, seed: int, today: date, now: datetime, first_ids: tuple[int, ...], roles: dict[int, str],
                 names: dict[int, str], asylum_refs: dict[int, str]):
        self.rng = Dice(f"ospod-demo-care:{seed}")
        self.today, self.now, self.roles, self.names, self.asylum_refs = today, now, roles, names, asylum_refs
        self.ids = list(first_ids)  # next id of: visit, request, ipod, guardianship, asylum application
        self.rows = CarePlan()
        self.showcase = False

    def _next(self, table: int) -> int:
        self.ids[table] += 1
        return self.ids[table] - 1

    def _at(self, c: ChildFacts, day: date, hours: tuple[int, int] = (8, 17), late: int = 0) -> datetime:
        """Recorded on `day` (or `late` days after): after the child was registered, not after now."""
        at = datetime.combine(day + timedelta(days=late), time(self.rng.randint(*hours), self.rng.randint(0, 59)), UTC)
        if c.created_at is not None and at < c.created_at:
            at = c.created_at + timedelta(minutes=self.rng.randint(5, 90))
        return min(at, self.now)

    def _audit(self, c: ChildFacts) -> None:
        """One audit row for all the care records of a child (a row each would double the 100,000-child build's
        audit chain for no reader: the ids are the records' own)."""
        self.rows.audit.append((c.created_by, self.roles.get(c.created_by or 0, ""), UPDATE, CHILD, c.id, AUDIT_DETAIL))

    # -- visits -----------------------------------------------------------------------------------
    def _visit(self, c: ChildFacts, p: dict, day: date, kind: str, seen: bool, reason: str = "") -> dict:
        rng = self.rng
        form = story.SEX_FORM.get(c.sex, 2)
        low, _high = c.ages(day)
        person = p["setting"] in PERSON_SETTINGS
        r = rng.random()
        place = "school" if r < 0.08 and low >= 6 and seen else "other" if r < 0.13 else "home" if person else "facility"
        detail = {"home": p["carer_address"], "facility": self.names.get(p["facility_id"], ""),
                  "school": rng.choice(T.SCHOOLS), "other": rng.choice(T.PLACE_OTHER)}[place]
        present = (rng.choice(T.PRESENT_SCHOOL) if place == "school" else f"{p['carer_name']} ({p['carer_relationship']})"
                   if person else rng.choice(T.PRESENT_FACILITY))
        visit: dict[str, Any] = {"id": self._next(0), "child_id": c.id, "placement_id": p["id"], "visited_on": day,
                 "visited_time": f"{rng.randint(8, 17):02d}:{rng.choice((0, 15, 30, 45)):02d}", "place": place,
                 "place_detail": detail, "kind": kind, "present": present, "child_seen": seen,
                 "not_seen_reason": "" if seen else reason or rng.choice(T.NOT_SEEN), "spoken_alone": None,
                 "views": "", "living_conditions": "", "health": "", "schooling": "", "family_contact": "",
                 "concerns": "", "note": rng.choice(T.VISIT_NOTES), "next_visit_on": None, "next_visit_reason": "",
                 "created_at": self._at(c, day, (9, 19), rng.choice((0, 0, 0, 1, 2))), "created_by": c.created_by}
        if seen:
            visit["spoken_alone"] = (rng.random() < 0.88) if low >= 6 else None  # a small child: not recorded
            views = T.VIEWS_AT[person]
            visit["views"] = views[rng.randrange(len(views))][form] if low >= 6 else ""
            visit["living_conditions"] = rng.choice(T.LIVING_HOME if person else T.LIVING_FACILITY)
            visit["health"] = rng.choice(T.HEALTH)[form]
            school = T.SCHOOL_SMALL if low < 6 else T.SCHOOL_YOUNG if low < 15 else T.SCHOOL_OLDER
            visit["schooling"] = "" if low < 3 else school[rng.randrange(len(school))][form] if low >= 6 else rng.choice(school)
            visit["family_contact"] = rng.choice(T.FAMILY_CZ if c.relatives and rng.random() < 0.4 else T.FAMILY)[form]
            visit["concerns"] = rng.choice(T.CONCERNS) if rng.random() < 0.1 else ""
            visit["next_visit_on"] = add_months(day, _months(p, day)) - timedelta(days=rng.randint(0, 14))
        self.rows.visits.append(visit)
        if seen and rng.random() < REQUEST_SHARE:
            self._request(c, visit)
        return visit

    def _request(self, c: ChildFacts, visit: dict) -> None:
        rng, asked = self.rng, visit["visited_on"]
        answered = asked + timedelta(days=rng.randint(4, 45))
        if answered > self.today or rng.random() < UNANSWERED:
            answered = None  # awaited (overdue after 30 days)
        row: dict[str, Any] = {"id": self._next(1), "child_id": c.id, "visit_id": visit["id"],
               "addressee": rng.choice(T.ADDRESSEES).format(school=rng.choice(T.SCHOOLS)), "asked_on": asked,
               "answered_on": answered, "note": rng.choice(T.REQUEST_NOTES), "created_at": visit["created_at"],
               "created_by": c.created_by}
        self.rows.requests.append(row)

    def _visits(self, c: ChildFacts, stays: list[dict], away: dict[int, list[tuple[date, date, date | None]]]) -> None:
        """Visits through each placement at the interval of its setting; `away`: placement id -> (missing from,
        missing until, returned on or None) of its disappearances."""
        rng, today = self.rng, self.today
        neglected = rng.random() < NEGLECTED and not self.showcase
        for p in stays:
            start, end = p["start_date"], min(p["end_date"] or today, today)
            windows = away.get(p["id"], [])
            day = start + timedelta(days=rng.randint(4, 28))  # the officer comes to a new placement soon
            while day <= end:
                if neglected and p["end_date"] is None and (today - day).days < 190:
                    break  # nobody came for half a year: overdue
                gone = any(a <= day <= b for a, b, _back in windows)
                seen = not gone and (rng.random() >= NOT_SEEN or self.showcase)
                self._visit(c, p, day, "unannounced" if rng.random() < 0.12 else "planned", seen,
                            T.NOT_SEEN_MISSING if gone else "")
                if not seen:
                    day += timedelta(days=rng.randint(4, 21))  # try again soon: a visit unseen does not count
                    continue
                due = add_months(day, _months(p, day))
                r = rng.random()
                day = (due + timedelta(days=rng.randint(1, 45)) if r < LATE
                       else due - timedelta(days=rng.randint(0, 30) if r < 0.8 else rng.randint(30, 70)))
            for _a, _b, back in windows:
                after = back + timedelta(days=rng.randint(0, 3)) if back else end + timedelta(days=1)
                if after <= end and rng.random() < 0.7 and not any(a < after < b for a, b, _back in windows):
                    self._visit(c, p, after, "after_return", True)

    # -- IPOD, guardian, asylum -------------------------------------------------------------------
    def _ipod(self, c: ChildFacts, day: date, texts: tuple[str, ...]) -> None:
        if day > self.today:
            return
        row: dict[str, Any] = {"id": self._next(2), "child_id": c.id, "drawn_up_on": day, "note": self.rng.choice(texts),
               "created_at": self._at(c, day), "created_by": c.created_by}
        self.rows.ipods.append(row)

    def _ipods(self, c: ChildFacts, stays: list[dict]) -> None:
        rng = self.rng
        r = rng.random()
        if r < 0.85 or self.showcase:  # within a month of intake; some late, some never (the clock: overdue)
            self._ipod(c, c.found_on + timedelta(days=rng.randint(5, 30)), T.IPOD_FIRST)
        elif r < 0.93:
            self._ipod(c, c.found_on + timedelta(days=rng.randint(33, 80)), T.IPOD_FIRST)
        for p in stays[1:]:
            if rng.random() < 0.7:  # an update after a new placement
                self._ipod(c, p["start_date"] + timedelta(days=rng.randint(5, 35)), T.IPOD_UPDATE)

    def _guardian(self, c: ChildFacts, stays: list[dict]) -> None:
        rng, r = self.rng, self.rng.random()
        if (r < 0.04 or (c.status == "separated" and r < 0.15)) and not self.showcase:
            return  # nothing recorded yet: due at once
        court, office = PLACE_AUTHORITIES.get(c.found_place, (HOME_COURT, OFFICE))
        petition = c.found_on + timedelta(days=rng.randint(0, 2))
        if petition > self.today:
            return
        appointed = petition + timedelta(days=rng.randint(3, 40))
        row: dict[str, Any] = {"id": self._next(3), "child_id": c.id, "petition_on": petition, "petition_court": court,
               "appointed_on": None, "court": "", "court_file_number": "", "guardian_name": "", "guardian_contact": "",
               "ended_on": None, "note": "", "created_at": self._at(c, petition), "created_by": c.created_by}
        if appointed <= self.today and (rng.random() > 0.1 or self.showcase):  # else only petitioned so far
            relative = c.relatives and rng.random() < 0.4
            r = rng.random()
            name = (f"{c.relatives[0][0]} ({c.relatives[0][1]})" if relative else
                    f"{office} (OSPOD)" if r < 0.7 else rng.choice(T.LAWYERS))
            row.update(appointed_on=appointed, court=court, guardian_name=name,
                       court_file_number=f"{rng.randint(1, 45)} P {rng.randint(100, 4999)}/{appointed.year}",
                       guardian_contact="" if name.endswith("(OSPOD)") else f"+420 {rng.randint(601, 799)} "
                       f"{rng.randint(100, 999)} {rng.randint(100, 999)}")
            last = stays[-1] if stays else None
            if last and last["end_reason"] == "turned_18" and last["end_date"] >= appointed:
                row["ended_on"] = last["end_date"]  # guardianship ends at majority
        self.rows.guardianships.append(row)

    def _asylum(self, c: ChildFacts) -> None:
        rng = self.rng
        applied = min(c.found_on + timedelta(days=rng.randint(0, 20)), self.today)
        row: dict[str, Any] = {"id": self._next(4), "child_id": c.id, "applied_on": applied, "representative_on": None,
               "representative_name": "", "note": "", "created_at": self._at(c, applied), "created_by": c.created_by}
        if applied < REPRESENTATIVE_FROM:
            row["representative_on"] = applied + timedelta(days=rng.randint(0, 10))  # the guardian represented
        elif rng.random() < 0.7:  # designated, mostly within 15 working days; else still awaited
            row["representative_on"] = applied + timedelta(days=rng.randint(2, 30))
        if row["representative_on"] is not None:
            if row["representative_on"] > self.today:
                row["representative_on"] = None
            else:
                row["representative_name"] = rng.choice(T.REPRESENTATIVES)
        self.rows.asylum.append(row)

    def child(self, c: ChildFacts, stays: list[dict], away: dict) -> None:
        self.showcase = c.id <= SHOWCASE
        before = sum(map(len, (self.rows.visits, self.rows.ipods, self.rows.guardianships, self.rows.asylum)))
        self._visits(c, stays, away)
        self._ipods(c, stays)
        self._guardian(c, stays)
        if c.id in self.asylum_refs:
            self._asylum(c)
        if sum(map(len, (self.rows.visits, self.rows.ipods, self.rows.guardianships, self.rows.asylum))) > before:
            self._audit(c)

    def kept(self, c: ChildFacts) -> None:
        """A child never placed whose case stays open (with a relative, OSPOD supervising): its guardian and IPOD."""
        self.showcase = False
        before = len(self.rows.ipods) + len(self.rows.guardianships)
        self._ipods(c, [])
        self._guardian(c, [])
        if len(self.rows.ipods) + len(self.rows.guardianships) > before:
            self._audit(c)


def plan_care(children: list[ChildFacts], plan: Plan, seed: int, today: date, now: datetime,
              first_ids: tuple[int, ...] = (1, 1, 1, 1, 1), roles: dict[int, str] | None = None,
              names: dict[int, str] | None = None, asylum_refs: dict[int, str] | None = None,
              closed: Mapping[int, tuple[date, str]] | None = None) -> CarePlan:
    """Care records for the children in care in `plan` (in id order), then the guardian and IPOD of the children never
    placed whose case is open (drawn from a generator of their own, so the records of the children in care do not
    change with them); `asylum_refs`: child id -> OAM reference; `closed`: child id -> (closed on, close reason) of
    the closed cases (`demo.cases`): a guardianship ends with a case the parents or majority end."""
    carer = _Carer(seed, today, now, first_ids, roles or {}, names or {}, asylum_refs or {})
    stays: dict[int, list[dict]] = {}
    for p in plan.placements:
        stays.setdefault(p["child_id"], []).append(p)
    away: dict[int, list[tuple[date, date, date | None]]] = {}
    for e in plan.episodes:
        back = e["returned_at"].date() if e["returned_at"] else None
        until = back or (e["closed_at"].date() if e["closed_at"] else today)
        away.setdefault(e["placement_id"], []).append((e["last_seen_at"].date(), until, back))
    for c in children:
        if c.id in stays:
            carer.child(c, sorted(stays[c.id], key=lambda p: p["start_date"]), away)
    carer.rng = Dice(f"ospod-demo-care-kept:{seed}")
    closed = closed or {}
    for c in children:
        if c.id not in stays and c.id not in closed:
            carer.kept(c)
    for g in carer.rows.guardianships:
        day, reason = closed.get(g["child_id"], (None, ""))
        if day and reason in GUARDIAN_ENDS and g["appointed_on"] and not g["ended_on"] and g["appointed_on"] <= day:
            g["ended_on"] = day
    return carer.rows


def write_care(session, seed: int, placements: Plan, children: list[ChildFacts], names: dict[int, str],
               roles: dict[int, str], append_audit: Callable,
               closed: Mapping[int, tuple[date, str]] | None = None) -> dict[str, int]:
    """Plan the care records of the placed children (`placements`, as written) and insert them in bulk, with their
    audit rows; returns the rows written per table."""
    from sqlalchemy import func, select, text
    from sqlmodel import SQLModel

    from ospod_desktop.storage.care_tables import AsylumApplication, Guardianship, InformationRequest, Ipod, Visit
    from ospod_desktop.storage.rows import table_of

    conn = session.connection()
    models: tuple[type[SQLModel], ...] = (Visit, InformationRequest, Ipod, Guardianship, AsylumApplication)
    firsts = tuple((conn.execute(select(func.max(table_of(t).c.id))).scalar() or 0) + 1 for t in models)
    refs = dict(conn.execute(text("SELECT id, asylum_reference FROM child WHERE asylum_reference != ''")).all())
    plan = plan_care(children, placements, seed, date.today(), datetime.now(UTC), firsts, roles, names, refs, closed)
    tables = zip(models, (plan.visits, plan.requests, plan.ipods, plan.guardianships, plan.asylum), strict=True)
    written = {}
    for model, rows in tables:
        for row in rows:
            row["updated_at"] = row["created_at"]
        insert_rows(conn, table_of(model), rows)
        written[table_of(model).name] = len(rows)
    for start in range(0, len(plan.audit), 20000):
        append_audit(session, plan.audit[start:start + 20000])
    return written
