"""Demo placements as life goes (all fictitious): most children first at the Radlická facility, many transferred on
to children's homes or a ZDVOP, some with relatives (a relative living in Czechia from the child's family contacts)
or foster parents; some ran away and came back, some never did, a few are missing right now (one or two not yet
reported to the police).

The story holds: a placement starts on or after the day the child was found and is recorded after the child was
registered; the court is the one of the district where the child was found (`data.PLACE_AUTHORITIES`); only a child
of 12 or more runs away, always from a placement it is in, and the missing report speaks of the child in its
grammatical gender.

`plan_placements` is pure: children's facts in, rows out (placements, extensions, missing episodes, history lines,
audit entries), deterministic for a seed and a day. `services.demo` writes them in bulk.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from ospod_desktop.core import history as H
from ospod_desktop.core.ages import age_info
from ospod_desktop.core.child_names import as_date
from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.demo import story
from ospod_desktop.demo.data import CARER_RELATIONS, HOME_COURT, PLACE_AUTHORITIES, Dice
from ospod_desktop.storage import sealing
from ospod_desktop.storage.bulk import insert_rows

UPDATE, CHILD = str(Action.UPDATE), str(Entity.CHILD)

INTAKE = ("foreign_children_facility", "diagnostic_institute", "zdvop", "hospital", "asylum_facility")
FIRST = (("foreign_children_facility", 72), ("zdvop", 11), ("asylum_facility", 6), ("hospital", 5), ("diagnostic_institute", 6))
FROM_INTAKE = (("childrens_home", 45), ("zdvop", 12), ("childrens_home_school", 8), ("educational_institute", 5),
               ("foster_family", 17), ("relatives", 13))
FROM_LONG = (("childrens_home", 40), ("foster_family", 30), ("relatives", 20), ("educational_institute", 10))
BASES = {
    "foreign_children_facility": (("preliminary_measure", 80), ("urgent_care", 20)),
    "diagnostic_institute": (("preliminary_measure", 70), ("institutional_care", 20), ("protective_care", 10)),
    "zdvop": (("zdvop_contract", 70), ("preliminary_measure", 30)),
    "hospital": (("urgent_care", 1),),
    "asylum_facility": (("agreement", 60), ("urgent_care", 40)),
    "childrens_home": (("institutional_care", 85), ("preliminary_measure", 15)),
    "childrens_home_school": (("institutional_care", 85), ("preliminary_measure", 15)),
    "educational_institute": (("protective_care", 50), ("institutional_care", 50)),
    "foster_family": (("preliminary_measure", 60), ("agreement", 40)),
    "relatives": (("agreement", 50), ("preliminary_measure", 50)),
}
STAY_DAYS = {  # (shortest, longest, most likely)
    "foreign_children_facility": (7, 90, 50), "diagnostic_institute": (14, 84, 56), "zdvop": (14, 200, 90),
    "hospital": (1, 10, 3), "asylum_facility": (7, 150, 40), "childrens_home": (90, 1200, 400),
    "childrens_home_school": (90, 1000, 350), "educational_institute": (90, 900, 300),
    "foster_family": (60, 1200, 500), "relatives": (60, 1200, 500),
}
ENDS_INTAKE = (("transfer", 55), ("absconded", 25), ("returned_to_family", 7), ("reunited_abroad", 7),
               ("repatriated", 3), ("other", 3))
ENDS_LONG = (("transfer", 20), ("absconded", 12), ("returned_to_family", 25), ("reunited_abroad", 20),
             ("repatriated", 3), ("other", 20))
FOSTER = (("Jana Dvořáková", "pěstounka"), ("Lenka a Petr Novákovi", "pěstouni"), ("Marie Svobodová", "pěstounka"),
          ("Hana a Josef Černí", "pěstouni"), ("Alena Veselá", "pěstounka"), ("Eva a Martin Kučerovi", "pěstouni"))
TOWNS = ("Praha 4", "Kladno", "Beroun", "Brno", "Olomouc", "Plzeň", "Liberec", "Pardubice", "Ostrava")
SEEN = ("Radlická 30 – vycházka", "Smíchovské nádraží", "Praha hl. n.", "zastávka tramvaje Na Knížecí", "okolí zařízení",
        "cesta do školy", "obchodní centrum Anděl", "autobusové nádraží Florenc")
SEEN_WITH = ("", "", "s kamarádem ze zařízení", "s neznámým mužem kolem 30 let", "se skupinou krajanů")
CLOTHES = ("tmavá bunda s kapucí, modré džíny, bílé tenisky", "zelená mikina, černé tepláky, šedá čepice",
           "červená bunda, černé kalhoty, batoh", "šedá mikina Adidas, džíny, tmavé boty")
CLOSE = ("located_abroad", "case_closed")


@dataclass
class ChildFacts:
    id: int
    found_on: date
    birth_date: date | None
    birth_year: int | None
    age_min: int | None
    age_max: int | None
    status: str
    companion_relationship: str
    companion_name: str
    family_names: str
    nationalities: str
    created_by: int | None
    sex: str = "U"
    created_at: datetime | None = None  # registered (UTC): nothing about the child is recorded before
    found_place: str = ""
    relatives: tuple[tuple[str, str, str], ...] = ()  # (name, relationship, town) of adult relatives in Czechia

    def ages(self, on: date) -> tuple[int, int]:
        """The youngest and oldest the child can be on a day, from its record."""
        info = age_info(on, self.birth_date, self.birth_year, self.age_min, self.age_max, self.found_on)
        low = info.low if info.low is not None else info.high or 0
        return low, info.high if info.high is not None else low


FACT_COLUMNS = tuple(f for f in ChildFacts.__dataclass_fields__ if f != "relatives")  # read from `child`


@dataclass
class Plan:
    """What the demo writes: column dicts with ids assigned, history lines and audit entries."""

    placements: list[dict] = field(default_factory=list)
    extensions: list[dict] = field(default_factory=list)
    episodes: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    audit: list[tuple] = field(default_factory=list)


def _pick(rng: random.Random, options: Sequence[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _at(day: date, rng: random.Random, now: datetime) -> datetime:
    return min(datetime.combine(day, time(rng.randint(6, 21), rng.randint(0, 59)), UTC), now)


class _Planner:
    def __init__(self, seed: int, today: date, now: datetime, facilities: dict[str, list[int]], radlicka: int,
                 first_ids: tuple[int, int, int], roles: dict[int, str], names: dict[int, str]):
        self.names = names  # facility id -> name, for the history lines
        self.rng = Dice(f"ospod-demo-placements:{seed}")
        self.today, self.now, self.facilities, self.radlicka, self.roles = today, now, facilities, radlicka, roles
        self.next_placement, self.next_extension, self.next_episode = first_ids
        self.plan = Plan()
        self.current: list[tuple[dict, ChildFacts]] = []  # open placements in a facility: "missing right now"?
        self.placed_line: dict[int, dict] = {}  # placement id -> its history line

    # -- rows ------------------------------------------------------------------------------------
    def _history(self, c: ChildFacts, ts: datetime, entry: H.HistoryItem) -> None:
        """A history line as `Tx.history` stores it (the demo inserts rows in bulk)."""
        fld, old, new = entry.to_row()
        self.plan.history.append({"child_id": c.id, "ts": min(ts, self.now), "user_id": c.created_by, "field": fld,
                                  "old_value": old, "new_value": new})

    def _ts(self, c: ChildFacts, day: date) -> datetime:
        """When something about the child was recorded on `day`: never before the child was registered."""
        at = _at(day, self.rng, self.now)
        if c.created_at is not None and at < c.created_at:
            at = min(c.created_at + timedelta(minutes=self.rng.randint(5, 90)), self.now)
        return at

    def _audit(self, c: ChildFacts, detail: str) -> None:
        self.plan.audit.append((c.created_by, self.roles.get(c.created_by or 0, ""), UPDATE, CHILD, c.id, f"{detail}:demo"))

    def _court(self, c: ChildFacts, basis: str, day: date) -> tuple[str, str]:
        """The court of the district where the child was found decides (and keeps the case), with a file number."""
        rng = self.rng
        agenda = "Nc" if basis == "preliminary_measure" else "P"
        court = PLACE_AUTHORITIES[c.found_place][0] if c.found_place in PLACE_AUTHORITIES else HOME_COURT
        return court, f"{rng.randint(1, 45)} {agenda} {rng.randint(100, 4999)}/{day.year}"

    def _carer(self, c: ChildFacts, setting: str) -> tuple[str, str, str]:
        """A foster family, or a relative in Czechia from the child's family contacts (the one it came with first)."""
        rng = self.rng
        if setting == "foster_family":
            name, rel = rng.choice(FOSTER)
            return name, rel, rng.choice(TOWNS)
        companion = [r for r in c.relatives if r[0] == c.companion_name and r[1] == c.companion_relationship]
        return companion[0] if companion else rng.choice(c.relatives)

    def _place(self, c: ChildFacts, setting: str, start: date, previous: int | None) -> dict:
        rng = self.rng
        basis = _pick(rng, BASES[setting])
        row: dict[str, Any] = {"id": self.next_placement, "child_id": c.id, "facility_id": None, "setting": setting, "carer_name": "",
               "carer_relationship": "", "carer_address": "", "carer_contact": "", "legal_basis": basis, "court": "",
               "court_file_number": "", "decision_date": None, "contract_party": "", "start_date": start,
               "expiry_date": None, "end_date": None, "end_reason": "", "end_note": "", "previous_id": previous,
               "notes": "", "created_at": self._ts(c, start), "created_by": c.created_by, "updated_at": None}
        self.next_placement += 1
        if setting in ("foster_family", "relatives"):
            row["carer_name"], row["carer_relationship"], row["carer_address"] = self._carer(c, setting)
        else:
            row["facility_id"] = self.radlicka if setting == "foreign_children_facility" else rng.choice(self.facilities[setting])
        if basis in ("preliminary_measure", "institutional_care", "protective_care"):
            row["court"], row["court_file_number"] = self._court(c, basis, start)
            row["decision_date"] = start if basis == "preliminary_measure" else max(c.found_on, start - timedelta(rng.randint(0, 3)))
            if previous is None and basis == "preliminary_measure" and c.found_place in PLACE_AUTHORITIES:
                row["notes"] = f"Návrh na předběžné opatření podal OSPOD ({PLACE_AUTHORITIES[c.found_place][1]})."
        if basis == "zdvop_contract":
            row["contract_party"] = _pick(rng, (("ospod", 60), ("legal_representative", 25), ("child", 15)))
        self.plan.placements.append(row)
        self._history(c, row["created_at"], H.PlacementRecorded(self._summary(row)))
        self.placed_line[row["id"]] = self.plan.history[-1]
        self._audit(c, f"placement_create:{row['id']}")
        return row

    def _summary(self, row: dict) -> H.PlacementSummary:
        """As `placements.history_summary`: where (a facility's name, else the setting and relationship)."""
        facility = self.names.get(row["facility_id"], "") if row["facility_id"] else ""
        return H.PlacementSummary(facility, "" if facility else row["setting"],
                                  "" if facility else row["carer_relationship"], row["legal_basis"], row["start_date"])

    def _extend(self, c: ChildFacts, row: dict, until: date) -> None:
        """Extensions the court (or the contract) made while the placement lasted up to `until`."""
        rng, basis, start = self.rng, row["legal_basis"], row["start_date"]
        if basis == "preliminary_measure":
            steps = [add_months(start, k) for k in range(2, 7)]
            expiry = add_months(start, 1)
        elif basis == "zdvop_contract":
            expiry = add_months(start, 3)
            steps = [add_months(expiry, 3)]
        else:
            return
        for new in steps:
            if until <= expiry:
                return
            decided = expiry - timedelta(days=rng.randint(1, 5))
            if decided > self.today or (row["end_date"] is None and rng.random() < 0.12):
                return  # not decided yet: the current placement shows the clock due or overdue
            self.plan.extensions.append({"id": self.next_extension, "placement_id": row["id"], "decided_on": decided,
                                         "new_expiry": new, "court": row["court"], "court_file_number": row["court_file_number"],
                                         "note": "", "created_at": self._ts(c, decided), "created_by": c.created_by,
                                         # a ZDVOP contract is extended with the municipal authority's consent
                                         "consent_on": decided if basis == "zdvop_contract" else None})
            self.next_extension += 1
            self._history(c, self._ts(c, decided), H.PlacementExtended(expiry, new))
            expiry = new

    def _episode(self, c: ChildFacts, row: dict, seen: datetime, *, back: datetime | None = None,
                 closed: datetime | None = None, reported: bool = True) -> None:
        rng = self.rng
        form = story.SEX_FORM.get(c.sex, 2)
        low, high = c.ages(seen.date())
        police = seen + timedelta(hours=rng.randint(1, 4)) if reported else None
        reported_at = seen + timedelta(hours=1)
        if c.created_at is not None and reported_at < c.created_at:
            reported_at = c.created_at + timedelta(minutes=rng.randint(5, 90))
        looks = rng.choice(story.EPISODE_LOOKS)[form].format(cm=story.height(rng, c.sex, (low + high) // 2))
        ep = {"id": self.next_episode, "child_id": c.id, "placement_id": row["id"], "last_seen_at": seen,
              "last_seen_place": rng.choice(SEEN), "seen_with": rng.choice(SEEN_WITH),
              "circumstances": rng.choice(story.EPISODE_CIRCUMSTANCES)[form],
              "description": looks, "clothing": rng.choice(CLOTHES), "risk_trafficking": rng.random() < 0.15,
              "risk_medication": "inzulín" if rng.random() < 0.04 else "", "risk_notes": "",
              "police_informed_at": police, "police_person": "",
              "police_reference": f"KRPA-{rng.randint(10000, 399999)}-1/ČJ-{seen.year}-0011{rng.randint(10, 99)}" if police else "",
              "officer_informed_at": seen + timedelta(hours=rng.randint(1, 12)) if reported else None, "officer_person": "",
              "guardian_informed_at": seen + timedelta(hours=rng.randint(2, 24)) if reported and rng.random() < 0.7 else None,
              "guardian_person": "", "line_116000_informed_at": seen + timedelta(hours=3) if reported and rng.random() < 0.2 else None,
              "line_116000_reference": "", "returned_at": back,
              "found_place": rng.choice(story.EPISODE_FOUND)[form] if back else "",
              "condition": rng.choice(story.EPISODE_CONDITION)[form] if back else "", "return_interview": None,
              "return_interview_on": None, "return_notes": "", "closed_at": closed,
              "close_reason": rng.choice(CLOSE) if closed else "", "created_at": reported_at, "created_by": c.created_by,
              "updated_at": None}
        for key in ("police_informed_at", "officer_informed_at", "guardian_informed_at", "line_116000_informed_at", "created_at"):
            if ep[key] is not None and ep[key] > self.now:
                ep[key] = None if key != "created_at" else self.now
        if back and rng.random() < 0.75:
            ep["return_interview"] = True
            ep["return_interview_on"] = min(back.date() + timedelta(rng.randint(0, 2)), self.today)
        self.plan.episodes.append(ep)
        self.next_episode += 1
        self._history(c, ep["created_at"], H.MissingReported(H.EpisodeSummary(seen, ep["last_seen_place"])))
        self._audit(c, f"missing_report:{ep['id']}")
        if back or closed:
            ended = max(back or closed, ep["created_at"])
            self._history(c, ended, H.Returned(back) if back else H.MissingClosed(ep["close_reason"]))

    # -- one child --------------------------------------------------------------------------------
    def child(self, c: ChildFacts) -> None:
        rng, today = self.rng, self.today
        if rng.random() < 0.12:
            return  # handed over to a parent, or the case ended before any placement
        adult = age_info(c.found_on, c.birth_date, c.birth_year, c.age_min, c.age_max, c.found_on).adult_on
        relative = c.status == "separated" and c.companion_relationship in CARER_RELATIONS and bool(c.relatives)
        setting = "relatives" if relative and rng.random() < 0.5 else _pick(rng, FIRST)
        start = min(c.found_on + timedelta(days=rng.randint(0, 1)), today)  # never before the day found
        previous = None
        for _step in range(5):
            row = self._place(c, setting, start, previous)
            low, high, mode = STAY_DAYS[setting]
            end = start + timedelta(days=max(1, round(rng.triangular(low, high, mode))))
            reason = "transfer" if setting == "hospital" else _pick(rng, ENDS_INTAKE if setting in INTAKE else ENDS_LONG)
            if reason == "absconded" and c.ages(start)[0] < story.RUNAWAY_AGE:  # a small child does not run away
                reason = _pick(rng, [o for o in (ENDS_INTAKE if setting in INTAKE else ENDS_LONG) if o[0] != "absconded"])
            if adult and adult <= min(end, today) and adult > start:
                end, reason = adult, "turned_18"
            if row["legal_basis"] == "preliminary_measure" and (min(end, today) - start).days > 170:
                # A measure this long is replaced by a decision on the merits (or, with a person, an agreement).
                person = setting in ("foster_family", "relatives")
                row["legal_basis"] = "agreement" if person else "institutional_care"
                if person:
                    row["court"], row["court_file_number"], row["decision_date"] = "", "", None
                else:
                    row["court_file_number"] = row["court_file_number"].replace(" Nc ", " P ")
                line = self.placed_line[row["id"]]
                line["new_value"] = H.PlacementRecorded(self._summary(row)).to_row()[2]
            if end > today:
                self._extend(c, row, today)
                if row["facility_id"] and c.ages(today)[0] >= story.RUNAWAY_AGE:
                    self.current.append((row, c))
                return
            self._extend(c, row, end)
            if reason == "absconded":
                seen = _at(end - timedelta(days=rng.randint(2, 10)), rng, self.now)
                seen = max(seen, _at(start, rng, self.now))
                closes = _at(end + timedelta(days=rng.randint(14, 90)), rng, self.now)
                self._episode(c, row, seen, closed=closes if closes.date() < today else None)
            elif (end - start).days >= 20 and rng.random() < 0.1:
                seen = _at(start + timedelta(days=rng.randint(3, (end - start).days - 5)), rng, self.now)
                back = min(seen + timedelta(hours=rng.randint(6, 120)), _at(end, rng, self.now), self.now)
                if back > seen and c.ages(seen.date())[0] >= story.RUNAWAY_AGE:
                    self._episode(c, row, seen, back=back)
            row["end_date"], row["end_reason"] = end, reason
            self._history(c, self._ts(c, end), H.PlacementEnded(self._summary(row), end, reason))
            self._audit(c, f"placement_end:{row['id']}:{reason}")
            if reason != "transfer":
                return
            previous, start = row["id"], end
            setting = "foreign_children_facility" if setting == "hospital" else _pick(
                rng, [o for o in (FROM_INTAKE if setting in INTAKE else FROM_LONG)
                      if o[0] != setting and (o[0] != "relatives" or c.relatives)])

    def missing_now(self) -> None:
        """A few children missing right now: at Radlická one reported and one not yet; elsewhere some, mostly reported."""
        rng, now = self.rng, self.now
        episodes_in = {e["placement_id"] for e in self.plan.episodes}
        radlicka = [(r, c) for r, c in self.current if r["facility_id"] == self.radlicka]
        chosen = [(r, c, True) for r, c in radlicka[:1]] + [(r, c, False) for r, c in radlicka[1:2]]
        chosen += [(r, c, rng.random() < 0.9) for r, c in self.current
                   if r["facility_id"] != self.radlicka and rng.random() < 0.02]
        for row, c, reported in chosen:
            if row["id"] in episodes_in:
                continue
            hours = rng.randint(6, 400) if reported else rng.randint(1, 6)
            seen = max(now - timedelta(hours=hours, minutes=rng.randint(0, 59)), _at(row["start_date"], rng, now))
            self._episode(c, row, seen, reported=reported)


def write_placements(session, seed: int, skip: set[int], radlicka: int, roles: dict[int, str],
                     append_audit: Callable, amend: Callable[[Plan, list, dict], None] | None = None) -> tuple[int, int]:
    """Plan for every child in the database (but `skip`) and insert the rows in bulk (after `amend(plan, facts,
    facility names)` added to them: `demo.care`); returns the counts."""
    from sqlalchemy import func, select, text
    from sqlmodel import col

    from ospod_desktop.storage import child_lists
    from ospod_desktop.storage.child_tables import ChildHistory
    from ospod_desktop.storage.models import Facility
    from ospod_desktop.storage.placement_tables import MissingEpisode, MissingInformed, Placement, PlacementExtension
    from ospod_desktop.storage.rows import table_of

    conn = session.connection()
    facilities: dict[str, list[int]] = {}
    names: dict[int, str] = {}
    active = select(col(Facility.id), col(Facility.type), col(Facility.name)).where(col(Facility.active) == True)  # noqa: E712
    for fid, ftype, name in conn.execute(active):
        facilities.setdefault(ftype, []).append(fid)
        names[fid] = name
    tables = (Placement, PlacementExtension, MissingEpisode)
    firsts = cast(tuple[int, int, int], tuple((conn.execute(select(func.max(t.id))).scalar() or 0) + 1 for t in tables))
    cols = ", ".join(f if f != "nationalities" else "'' AS nationalities" for f in FACT_COLUMNS)
    nationalities = child_lists.read(conn, None, ("nationalities",))
    relatives: dict[int, list[tuple[str, str, str]]] = {}
    family = "SELECT child_id, relationship, name, location, uuid FROM family_contact WHERE alive = 'yes' ORDER BY id"
    office_key = sealing.office_key(session.get_bind())  # the location is sealed (`storage.sealing`)
    for child_id, relationship, name, stored, uuid in conn.execute(text(family)):
        location = sealing.unseal(office_key, "family_contact", "location", uuid, stored) if office_key else stored
        if relationship in CARER_RELATIONS and name and location.startswith("ČR, "):
            relatives.setdefault(child_id, []).append((name, relationship, location.removeprefix("ČR, ")))
    facts = [ChildFacts(*r) for r in conn.execute(text(f"SELECT {cols} FROM child ORDER BY id")) if r[0] not in skip]
    for f in facts:  # raw SQL gives ISO strings for dates and times
        f.found_on, f.birth_date = as_date(f.found_on), as_date(f.birth_date)  # type: ignore[assignment]
        f.created_at = datetime.fromisoformat(str(f.created_at)).replace(tzinfo=UTC) if f.created_at else None
        f.nationalities = child_lists.join("nationalities", nationalities.get(f.id, {}).get("nationalities", ()))
        f.relatives = tuple(relatives.get(f.id, ()))
    plan = plan_placements(facts, seed, date.today(), datetime.now(UTC), facilities, radlicka, firsts, roles, names)
    if amend:
        amend(plan, facts, names)
    informed = [row for ep in plan.episodes for row in _informed(ep)]
    for row in plan.placements + plan.episodes:
        row["updated_at"] = row["created_at"]
    for table, rows in ((Placement, plan.placements), (PlacementExtension, plan.extensions),
                        (MissingEpisode, plan.episodes), (MissingInformed, informed),
                        (ChildHistory, plan.history)):
        insert_rows(conn, table_of(table), rows)
    for start in range(0, len(plan.audit), 20000):
        append_audit(session, plan.audit[start:start + 20000])
    return len(plan.placements), len(plan.episodes)


# Who was informed of an episode, as the planner records it: party -> (time, reference, person) keys.
INFORMED_KEYS = {"police": ("police_informed_at", "police_reference", "police_person"),
                 "officer": ("officer_informed_at", None, "officer_person"),
                 "guardian": ("guardian_informed_at", None, "guardian_person"),
                 "line_116000": ("line_116000_informed_at", "line_116000_reference", None)}


def _informed(ep: dict) -> list[dict]:
    """Take who was informed out of a planned episode: `missing_informed` rows (revision 0005)."""
    rows = []
    for party, keys in INFORMED_KEYS.items():
        at, ref, person = (ep.pop(k) if k else "" for k in keys)
        if at is not None:
            rows.append({"episode_id": ep["id"], "party": party, "informed_at": at, "reference": ref, "person": person,
                         "updated_at": ep["created_at"]})
    return rows


def plan_placements(children: list[ChildFacts], seed: int, today: date, now: datetime,
                    facilities: dict[str, list[int]], radlicka: int, first_ids: tuple[int, int, int] = (1, 1, 1),
                    roles: dict[int, str] | None = None, names: dict[int, str] | None = None) -> Plan:
    """Placements, extensions and missing episodes for `children` (in id order), with history and audit rows."""
    planner = _Planner(seed, today, now, facilities, radlicka, first_ids, roles or {}, names or {})
    for c in children:
        planner.child(c)
    planner.missing_now()
    return planner.plan
