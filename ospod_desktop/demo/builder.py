"""The demo database: an office, one account per role and many synthetic (fictitious) children.

Children are written with bulk inserts in one write transaction, each with its own audit row, so a
100,000-child database builds in well under a minute. Content is deterministic for a seed (dates are
capped at today). Stages run in order: accounts, children, placements, case closures (`demo.cases`), care records
(`demo.care`), trafficking assessments (`demo.trafficking`), due items.

With each child come its story (`story`: notes, wishes, a description, the reason for an urgency), its family
contacts, its identity document and its formal age assessments, all fitting its age, sex and place found; no
photos (the child's page shows its placeholder). An urgency badge belongs to a case of the last days.
"""

from __future__ import annotations

import gc
import logging
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlmodel import select as sqlmodel_select

from ospod_desktop.core.ages import add_years, years_between
from ospod_desktop.core.history import AgeAssessed, Registered
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.demo import story
from ospod_desktop.demo.data import (
    AGE_WEIGHTS_ROUTE,
    AGE_WEIGHTS_YOUNG,
    AGENCIES,
    COMPANIONS,
    KACPU_PLACES,
    LANGUAGES,
    NO_INTERPRETER,
    PLACE_AUTHORITIES,
    PROFILES,
    ROUTE_PLACES,
    Dice,
    Name,
    Pool,
    Profile,
    birth_for_age,
    cumulative,
    czech_female,
    estimate,
    pool,
    reference_number,
    typo,
)  # fmt: skip
from ospod_desktop.demo.documents import stage_documents
from ospod_desktop.demo.placements import Plan
from ospod_desktop.services import identity
from ospod_desktop.services.context import UserSession
from ospod_desktop.storage import audit, child_lists, office_slots, search
from ospod_desktop.storage.bulk import insert_rows
from ospod_desktop.storage.child_tables import AgeAssessment, ChildHistory, ChildIdentifier, FamilyContact
from ospod_desktop.storage.models import Child, Facility
from ospod_desktop.storage.rows import table_of
from ospod_desktop.storage.staging import staged_database

log = logging.getLogger(__name__)

DEMO_PASSWORD = "ospod-demo-2026"
DEMO_ACCOUNTS: list[tuple[str, str]] = [
    ("admin", Role.ADMIN.value),
    ("supervisor", Role.SUPERVISOR.value),
    ("officer", Role.OFFICER.value),
    ("facility", Role.FACILITY_STAFF.value),
]
DEMO_DISPLAY_NAMES = {
    "admin": "Jiří Dvořák",
    "supervisor": "Mgr. Kateřina Horáková",
    "officer": "Bc. Tomáš Procházka",
    "facility": "Zdeňka Říhová",
}
DEMO_OFFICE = identity.OfficeProfile(
    name="OSPOD – Úřad městské části Praha 5",
    address="nám. 14. října 1381/4\n150 22 Praha 5",
    orp="Praha 5",
    letterhead="Odbor sociálních věcí a zdravotnictví\nOddělení sociálně-právní ochrany dětí\n"
    "Demonstrační databáze – smyšlené údaje",  # printed documents must not pass for real ones
)
RADLICKA_CODE = "ZDC-RADLICKA"

BATCH = 2000
DUPLICATE_SHARE = 0.065  # 5–8% of registrations are the same child registered again
FIRST_FOUND = date(2022, 1, 1)
KACPU_OPENED = date(2022, 3, 1)  # the assistance centres opened after the invasion of Ukraine
DETAIL = "demo"  # marks generated records in the audit chain and the child's history
ASSESSED = "age_assessment:demo"  # the audit detail of a generated age assessment (as placements: "<what>:demo")
VARIANTS = (("translit", 30), ("typo", 20), ("swap", 15), ("date", 15), ("middle", 10), ("ova", 10))
RECENT_SHARE, RECENT_DAYS = 0.02, 21  # new arrivals on top of the steady flow: the inbox of the last weeks
IMMEDIATE_DAYS, URGENT_DAYS = 7, 14  # an urgency badge is about a case of the last days, not of last year
ASYLUM_SEEKERS = {"AF", "SY", "IQ", "ER", "SO", "PK", "BD", "XX", ""}  # some applied for international protection

Progress = Callable[[int, int], None]


# -- near-duplicate plan ----------------------------------------------------------------------------
def near_duplicate_pairs(children: int, seed: int) -> list[tuple[int, int]]:
    """(original id, duplicate id) pairs, 1-based insertion order (= ids in a fresh database)."""
    # A separate generator, so the plan is known without generating any child.
    rng = random.Random(f"ospod-demo-duplicates:{seed}")
    if children < 2:
        return []
    dups = sorted(rng.sample(range(2, children + 1), min(children - 1, round(children * DUPLICATE_SHARE))))
    dup_set, used, window = set(dups), set(), max(10, children // 15)
    pairs = []
    for j in dups:
        i = j - rng.randint(1, min(window, j - 1))
        while i >= 1 and (i in dup_set or i in used):
            i -= 1
        if i >= 1:
            used.add(i)
            pairs.append((i, j))
    return pairs


# -- generating children --------------------------------------------------------------------------
@dataclass(slots=True)
class _Person:
    """One generated child before it becomes a row: the drawn names and the true birth date."""

    profile: Profile
    sex: str
    female: bool
    given: Name
    middle: Name | None
    family: Name | None
    birth: date
    found_on: date
    dob: str  # how the birth is recorded: "date", "year" or "range"
    status: str
    place: tuple[str, str, str]
    languages: str
    companion: tuple[str, str] = ("", "")  # relationship, name
    aliases: str = ""
    overrides: dict = field(default_factory=dict)
    kin: story.Kin = field(default_factory=story.Kin)  # family contacts (the same child registered again: the same)


def _names(p: _Person) -> tuple[str, str, str]:
    """Given names, family names and the original-script name of a person (with any variant applied)."""
    o = p.overrides
    given, g_script, _ = p.given.form(p.female)
    given = o.get("given", given)
    middle = None if o.get("no_middle") else p.middle
    m_latin, m_script = middle.form(p.female)[:2] if middle else ("", "")
    fam, f_script = p.family.form(p.female)[:2] if p.family else ("", "")
    fam = o.get("family", fam)
    vi = pool(p.profile.pool).vietnamese
    given_names = " ".join(x for x in ((m_latin, given) if vi else (given, m_latin)) if x)
    parts = (f_script, m_script, g_script) if vi else (g_script, m_script, f_script)
    script = " ".join(x for x in parts if x) if g_script else ""
    if o.get("swap"):
        given_names, fam = fam, given_names
    if "typo" in o:
        slip = random.Random(o["typo"])
        fam, given_names = (typo(slip, fam), given_names) if fam else (fam, typo(slip, given_names))
    return given_names, fam, "" if o.get("no_script") else script


class _Generator:
    """Draws children in insertion order; the same seed gives the same children."""

    def __init__(self, children: int, seed: int, today: date, now: datetime, creators: Sequence[int | None]):
        self.rng = Dice(seed)
        self.today, self.now, self.creators = today, now, creators
        self.weights = cumulative([p.weight for p in PROFILES])
        self.ages = (cumulative(AGE_WEIGHTS_ROUTE), cumulative(AGE_WEIGHTS_YOUNG))
        span = (today - FIRST_FOUND).days + 1
        found = [self.rng.randrange(span) for _ in range(children)]
        recent = Dice(f"ospod-demo-recent:{seed}")
        for i in range(children):
            if recent.random() < RECENT_SHARE:
                found[i] = max(0, span - 1 - recent.randrange(RECENT_DAYS))
        self.found = sorted(found)  # ids follow time
        # The story (family, notes, wishes, assessments, documents) draws from its own generator: the names,
        # dates and near-duplicates above do not change with it.
        self.story = Dice(f"ospod-demo-story:{seed}")
        self.family = story.Family(self.story)
        self.pairs = {dup: orig for orig, dup in near_duplicate_pairs(children, seed)}
        self.keep: dict[int, _Person] = {}
        self.marks: dict[int, int] = {}  # case-file numbers run per year
        self.originals = set(self.pairs.values())

    def rows(self) -> Iterator[dict]:
        for index, offset in enumerate(self.found, start=1):
            orig = self.pairs.get(index)
            person = self._variant(self.keep.pop(orig)) if orig else self._person(FIRST_FOUND + timedelta(offset))
            if index in self.originals:
                self.keep[index] = person
            yield self._row(person)

    def _person(self, found_on: date) -> _Person:
        rng = self.rng
        profile = rng.choices(PROFILES, cum_weights=self.weights)[0]
        names = pool(profile.pool)
        r = rng.random()
        sex = "M" if r < profile.boys * 0.98 else "F" if r < 0.98 else "U"
        female = sex == "F" or (sex == "U" and rng.random() < 0.5)
        given = rng.choice(names.female if female else names.male)
        middles = names.middle_f if female else names.middle_m
        middle = rng.choice(middles) if middles and rng.random() < names.middle_rate else None
        family = rng.choice(names.family) if rng.random() < names.family_rate else None
        age = rng.choices(range(18), cum_weights=self.ages[profile.young])[0]
        r = rng.random()
        year_only = profile.documents + (1 - profile.documents) * 0.55  # the rest: an assessed age range
        dob = "date" if r < profile.documents else "year" if r < year_only else "range"
        kacpu = profile.kacpu and found_on >= KACPU_OPENED
        person = _Person(
            profile, sex, female, given, None if middle is given else middle, family,
            birth_for_age(rng, found_on, age), found_on, dob,
            "separated" if rng.random() < profile.separated else "unaccompanied",
            rng.choice(KACPU_PLACES if kacpu else ROUTE_PLACES),
            rng.choices(*zip(*LANGUAGES[profile.pool], strict=True))[0],
        )  # fmt: skip
        if person.status == "separated":
            person.companion = self._companion(names, family)
        alts = given.form(female)[2]
        if alts and rng.random() < 0.05:  # a spelling the child used on a ticket or another paper
            person.aliases = " ".join(x for x in (rng.choice(alts), family.form(female)[0] if family else "") if x)
        person.kin = self.family.draw(profile.nationality, profile.pool, names, given.form(female)[0], family,
                                      person.middle, age, person.birth, found_on, person.companion)
        return person

    def _companion(self, names: Pool, family: Name | None) -> tuple[str, str]:
        """The adult with a separated child; relatives share the child's family name, others are often unnamed."""
        rng = self.rng
        relationship, woman, relative = rng.choice(COMPANIONS)
        if not relative and rng.random() < 0.5:
            return relationship, ""
        surname = family if relative and family else rng.choice(names.family)
        given = rng.choice(names.female if woman else names.male)
        return relationship, f"{given.form(woman)[0]} {surname.form(woman)[0]}"

    def _variant(self, orig: _Person) -> _Person:
        """The same child registered again elsewhere, a few days or weeks later, written differently."""
        rng = self.rng
        found = min(orig.found_on + timedelta(days=rng.randint(1, 60)), self.today)
        # Still a child at the second registration: the day before the 18th birthday at the latest.
        adult = add_years(orig.birth, 18) - timedelta(days=1)
        p = replace(orig, found_on=min(found, adult), aliases="", overrides={})
        places = KACPU_PLACES if p.profile.kacpu and orig.found_on >= KACPU_OPENED else ROUTE_PLACES
        p.place = rng.choice([x for x in places if x != orig.place])
        kind = rng.choices([k for k, _ in VARIANTS], weights=[w for _, w in VARIANTS])[0]
        if kind == "middle" and p.middle is None or kind == "swap" and p.family is None:
            kind = "translit"
        if kind == "ova" and not (p.female and p.profile.ova and p.family and not p.family.latin_f.endswith("ová")):
            kind = "translit"
        g_alts = p.given.form(p.female)[2]
        f_alts = p.family.form(p.female)[2] if p.family else ()
        if kind == "translit" and not (g_alts or f_alts):
            kind = "typo"
        o = p.overrides
        if kind == "translit":
            if g_alts and (not f_alts or rng.random() < 0.6):
                o["given"] = rng.choice(g_alts)
            if f_alts and ("given" not in o or rng.random() < 0.3):
                o["family"] = rng.choice(f_alts)
        elif kind == "ova":
            assert p.family is not None  # "ova" is kept only for a family name (above)
            o["family"] = czech_female(p.family)
        elif kind == "middle":
            o["no_middle"] = True
        elif kind == "swap":
            o["swap"] = True
        elif kind == "typo":
            o["typo"] = rng.getrandbits(32)  # seeds the slip itself, so rendering is repeatable
        if kind == "date" or rng.random() < 0.3:
            p.dob = {"date": "year", "year": "range", "range": "year"}[p.dob]
        if kind in ("typo", "swap", "ova") and rng.random() < 0.5:
            o["no_script"] = True  # the second office did not write the name in the original script
        return p

    def _row(self, p: _Person) -> dict:
        rng = self.rng
        given_names, family_names, script = _names(p)
        age = years_between(p.birth, p.found_on)
        age_min, age_max = estimate(rng, age) if p.dob == "range" else (None, None)
        lo, hi = _recorded_ages(p, age_min, age_max)
        found_at = time(rng.randint(6, 22), rng.randint(0, 59))
        created = min(datetime.combine(p.found_on, found_at, UTC) + timedelta(minutes=rng.randint(10, 2000)), self.now)
        officer = self.creators[0] if rng.random() < 0.8 else self.creators[-1]
        reference = reference_number(rng, p.place[1], p.found_on.year)
        r = rng.random()
        days = (self.today - p.found_on).days
        urgency = ("immediate" if days <= IMMEDIATE_DAYS and (hi < 10 or r < 0.1)
                   else "within_24h" if days <= URGENT_DAYS and (hi < 10 or r < 0.4) else "standard")
        year = p.found_on.year
        self.marks[year] = self.marks.get(year, 0) + 1
        first_language = p.languages.split(";")[0]
        told = self._story(p, age, lo, hi, created, urgency, reference)
        return told | {
            "reference": reference,
            "given_names": given_names,
            "family_names": family_names,
            "original_script_name": script,
            "aliases": p.aliases,
            "sex": p.sex,
            "birth_date": p.birth if p.dob == "date" else None,
            "birth_year": p.birth.year if p.dob == "year" else None,
            "age_min": age_min,
            "age_max": age_max,
            "nationalities": p.profile.nationality,
            "status": p.status,
            "found_on": p.found_on,
            "found_place": p.place[0],
            "created_at": created,
            "created_by": officer,
            # Registration fields (revision 0003); sort_name is filled when indexing.
            "found_time": found_at.strftime("%H:%M"),
            "channel": p.place[2],
            "reporter_agency": AGENCIES[p.place[1]],
            "police_reference": reference if p.place[1].startswith(("KRP", "CPR")) else "",
            "urgency": urgency,
            "case_mark": f"Om {self.marks[year]}/{year}",  # the office's default file-mark format
            "languages": p.languages,
            "interpreter_language": "" if first_language in NO_INTERPRETER else first_language,
            "responsible_officer_id": officer,
            "companion_relationship": p.companion[0],
            "companion_name": p.companion[1],
        }

    def _story(self, p: _Person, age: int, lo: int, hi: int, created: datetime, urgency: str, reference: str) -> dict:
        """What the officer wrote beyond the names and dates: notes, wishes, documents, the family and the age
        assessments (`_family`, `_identifiers`, `_assessments`: rows of their own, taken out before the insert)."""
        s, nat, place = self.story, p.profile.nationality, p.place[0]
        channel = "airport" if place.startswith("Letiště") else p.place[2]
        out: dict = {
            "notes": story.notes(s, p.sex, lo, hi, channel, p.status, nat, p.companion, PLACE_AUTHORITIES[place][1]),
            "wishes": story.wishes(s, p.kin, lo, hi, nat),
            "description": story.description(s, p.sex, lo, hi, age) if p.family is None or s.random() < 0.25 else "",
            "urgency_reason": "" if urgency == "standard" else story.urgency_reason(s, p.sex, lo, hi, p.status),
            "age_claimed": s.randint(max(0, lo - 2), hi) if p.dob == "range" and lo >= 6 and s.random() < 0.7 else None,
            "age_document": age if p.dob == "year" and s.random() < 0.4 else None,
            "birth_number": "",
            "asylum_reference": reference if p.place[1] == "OAM" else "",
            "_family": p.kin.contacts,
            "_identifiers": story.documents(s, nat, age) if p.dob == "date" else [],
        }
        if not out["asylum_reference"] and nat in ASYLUM_SEEKERS and s.random() < 0.3:
            out["asylum_reference"] = f"OAM-{s.randrange(1, 100000):05d}/ZA-{p.found_on.year}"
        if nat == "SK" and p.dob == "date" and p.sex in ("M", "F"):
            out["birth_number"] = story.birth_number(s, p.birth, p.sex)
        document = out["_identifiers"][0]["kind"] if out["_identifiers"] else ""
        assessed = story.assessments(s, p.dob, lo, hi, p.birth, p.found_on, self.today, out["age_claimed"], document,
                                     p.place[1])
        for a in assessed:  # recorded on the day, never before the child was registered
            at = datetime.combine(a["assessed_on"], time(s.randint(8, 16), s.randint(0, 59)), UTC)
            a["created_at"] = min(max(at, created + timedelta(minutes=5)), self.now)
        out["_assessments"] = assessed
        return out


def _recorded_ages(p: _Person, age_min: int | None, age_max: int | None) -> tuple[int, int]:
    """The youngest and oldest the child can be on the day found, as its record gives it (`core.ages.age_info`)."""
    if p.dob == "date":
        age = years_between(p.birth, p.found_on)
        return age, age
    if p.dob == "year":
        return max(0, p.found_on.year - p.birth.year - 1), p.found_on.year - p.birth.year
    assert age_min is not None and age_max is not None  # "range": the estimate drawn with it
    return age_min, age_max


def generate_children(
    children: int, seed: int = 2026, today: date | None = None, creators: Sequence[int | None] = (None,)
) -> Iterator[dict]:
    """Child rows (column values, no id) in insertion order; `creators` = (officer id, supervisor id). Each row also
    carries its family contacts, documents and age assessments as `_family`, `_identifiers` and `_assessments`
    (rows of their own tables, taken out by `_stage_children`)."""
    today = today or date.today()
    now = datetime.now(UTC)
    return _Generator(children, seed, today, now, creators).rows()


# -- stages ---------------------------------------------------------------------------------------
@dataclass
class DemoContext:
    """What the stages share: the admin's session, the plan and the ids made so far."""

    us: UserSession
    seed: int
    children: int
    progress: Progress | None
    users: dict[str, int] = field(default_factory=dict)  # demo username -> user id
    roles: dict[int, str] = field(default_factory=dict)  # user id -> role
    facility_id: int | None = None
    placed: tuple[Plan, list, dict[int, str]] | None = None  # (placements plan, children's facts, facility names) for the care stage
    closed: dict[int, tuple[date, str]] = field(default_factory=dict)  # child id -> (closed on, reason): cases stage

    def rng(self, stage: str) -> random.Random:
        """A generator of its own per stage, so adding a stage never changes the children."""
        return Dice(f"ospod-demo-{stage}:{self.seed}")


def _stage_accounts(ctx: DemoContext) -> None:
    us = ctx.us
    with us.read() as session:
        ctx.facility_id = session.exec(sqlmodel_select(Facility.id).where(Facility.code == RADLICKA_CODE)).one()
    ctx.users["admin"] = us.actor.user_id
    key = bytes.fromhex(us.db.key_hex)
    for username, role in DEMO_ACCOUNTS[1:]:
        facility = ctx.facility_id if role == Role.FACILITY_STAFF else None
        user_id = identity.create_user(us, username, DEMO_DISPLAY_NAMES[username], role, DEMO_PASSWORD, facility)
        ctx.users[username] = user_id
        # Demo logins go straight in: no forced password change.
        us.slots.set_user_password(username, DEMO_PASSWORD, key, must_change=False)
        if role in identity.OSPOD_ROLES and us.db.office.key is not None:  # the office key, as a grant would
            office_slots.wrap_own(us.slots, office_slots.user_slot(us.slots, username), us.db.office.key)
    office_slots.drop_bootstrap(us.slots)  # the demo's supervisor holds it
    us.slots.save()
    ctx.roles = {ctx.users[name]: role for name, role in DEMO_ACCOUNTS}


def _index(row: dict, numbers: list[str]) -> search.Entry:
    """Fill the row's sort key; its search entry (as `search.reindex` does for one child)."""
    row["sort_name"] = search.sort_key(row)
    return search.entry(row, numbers)


def _created(row: dict) -> dict:
    """The child page's "registered" history line, as `children.insert_child` writes it."""
    fld, old, new = Registered(DETAIL).to_row()
    return {"child_id": row["id"], "ts": row["created_at"], "user_id": row["created_by"], "field": fld,
            "old_value": old, "new_value": new}  # fmt: skip


def _related(row: dict, related: dict[str, list[dict]], assessed: list[int]) -> list[str]:
    """Take the row's family contacts, documents and age assessments out into `related` (rows with the child's id),
    with the history line and audit row `children.add_age_assessment` writes; returns the document numbers."""
    cid, by = row["id"], row["created_by"]
    related["family"] += [{**c, "child_id": cid} for c in row.pop("_family")]
    ids = [{**i, "child_id": cid} for i in row.pop("_identifiers")]
    related["identifiers"] += ids
    for a in row.pop("_assessments"):
        before = a.pop("before")
        related["assessments"].append({**a, "child_id": cid, "created_by": by})
        fld, old, new = AgeAssessed(a["age_min"], a["age_max"], a["method"], before).to_row()
        related["history"].append({"child_id": cid, "ts": a["created_at"], "user_id": by, "field": fld,
                                   "old_value": old, "new_value": new})
        assessed.append(cid)
    return [i["number"] for i in ids]


def _stage_children(ctx: DemoContext) -> None:
    total = ctx.children
    creators = (ctx.users["officer"], ctx.users["supervisor"])
    rows = generate_children(total, ctx.seed, creators=creators)
    create, update, entity = str(Action.CREATE), str(Action.UPDATE), str(Entity.CHILD)
    if ctx.progress:
        ctx.progress(0, total)
    with ctx.us.db.write() as session:
        conn = session.connection()
        next_id = (conn.execute(select(func.max(Child.id))).scalar() or 0) + 1
        done = 0
        while done < total:
            batch = [row for _, row in zip(range(min(BATCH, total - done)), rows, strict=False)]
            entries, lists = [], {}
            related: dict[str, list[dict]] = {"family": [], "identifiers": [], "assessments": [], "history": []}
            assessed: list[int] = []  # one child id per assessment: its audit row
            for row in batch:
                row["id"], next_id = next_id, next_id + 1
                entries.append(_index(row, _related(row, related, assessed)))
                # Nationalities, languages and aliases are rows of their own (revision 0005).
                lists[row["id"]] = {f: row.pop(f) for f in child_lists.FIELDS}
                row["updated_at"] = row["created_at"]
            conn.execute(insert(table_of(Child)), batch)
            child_lists.insert_fresh(conn, lists)
            search.write(conn, entries, fresh=True)
            insert_rows(conn, table_of(ChildHistory), [_created(r) for r in batch] + related["history"])
            insert_rows(conn, table_of(FamilyContact), related["family"])
            insert_rows(conn, table_of(ChildIdentifier), related["identifiers"])
            insert_rows(conn, table_of(AgeAssessment), related["assessments"])
            by, writer = ctx.roles, {r["id"]: r["created_by"] for r in batch}
            audit.append_bulk(session, [(r["created_by"], by.get(r["created_by"], ""), create, entity, r["id"], DETAIL)
                                        for r in batch]  # fmt: skip
                              + [(writer[cid], by.get(writer[cid], ""), update, entity, cid, ASSESSED)
                                 for cid in assessed])
            done += len(batch)
            if ctx.progress:
                ctx.progress(done, total)
    log.info("demo: %d children written", total)


def _stage_placements(ctx: DemoContext) -> None:
    """Placements, transfers, extensions and missing episodes (`demo_placements`), written in bulk, with the flags
    the clocks read (`care.flag_placements`); the plan stays in `ctx.placed` for the care stage."""
    from ospod_desktop.demo.care import flag_placements
    from ospod_desktop.demo.placements import write_placements

    repeated = {dup for _orig, dup in near_duplicate_pairs(ctx.children, ctx.seed)}  # the same child again: placed once
    radlicka = ctx.facility_id
    assert radlicka is not None  # the facilities stage ran first

    def amend(plan, facts, names) -> None:
        flag_placements(plan, ctx.seed, date.today(), radlicka)
        ctx.placed = (plan, facts, names)

    with ctx.us.db.write() as session:
        written = write_placements(session, ctx.seed, repeated, radlicka, ctx.roles, audit.append_bulk, amend)
    log.info("demo: %d placements, %d missing episodes written", *written)


def _stage_cases(ctx: DemoContext) -> None:
    """Close the cases the office no longer works (`demo.cases`): children who left care some time ago, children
    never placed and found long ago, and the records of the same child registered again that follow them."""
    from ospod_desktop.demo.cases import close_cases

    if ctx.placed is None:
        return
    plan, facts, _names = ctx.placed
    pairs = {dup: orig for orig, dup in near_duplicate_pairs(ctx.children, ctx.seed)}
    with ctx.us.db.write() as session:
        ctx.closed = close_cases(session, ctx.seed, plan, facts, pairs, ctx.roles, audit.append_bulk)
    written = len(ctx.closed)
    log.info("demo: %d cases closed", written)


def _stage_care(ctx: DemoContext) -> None:
    """Visits, information requests, IPODs, guardians and asylum applications of the children in care (`demo.care`),
    written in bulk. The due items are not computed here (`services.due` recomputes them)."""
    from ospod_desktop.demo.care import write_care

    if ctx.placed is not None:
        with ctx.us.db.write() as session:
            written = write_care(session, ctx.seed, *ctx.placed, ctx.roles, audit.append_bulk, ctx.closed)
        log.info("demo: care records written: %s", written)


def _stage_trafficking(ctx: DemoContext) -> None:
    """Trafficking assessments at every stage, the supervisor's reviews and the events of the presumed victims
    (`demo.trafficking`), written in bulk with the catalogue version they use; the children's flags set."""
    from ospod_desktop.demo.trafficking_write import write_trafficking
    from ospod_desktop.services import trafficking

    if ctx.placed is not None:
        plan, facts, _names = ctx.placed
        missing = frozenset(e["child_id"] for e in plan.episodes)
        used = trafficking.catalogue_in_use(ctx.us)  # the shipped default, seeded as on any first use
        with ctx.us.db.write() as session:
            written = write_trafficking(session, ctx.seed, used.catalogue, used.pk, facts, ctx.users, ctx.roles,
                                        audit.append_bulk, ctx.closed, missing)
        ctx.placed = None
        log.info("demo: trafficking records written: %s", written)


def _stage_due(ctx: DemoContext) -> None:
    """Every child's due items, computed from the facts the stages above wrote (bulk writes bypass the
    per-transaction refresh), so the due list and its badge are right from the first login."""
    from ospod_desktop.services import due

    written = due.recompute_all(ctx.us)
    log.info("demo: %d due items computed", written)


STAGES: tuple[Callable[[DemoContext], None], ...] = (_stage_accounts, _stage_children, _stage_placements,
                                                     _stage_cases, _stage_care, _stage_trafficking, _stage_due,
                                                     stage_documents)


def build_demo(path: Path, children: int = 300, seed: int = 2026, progress: Progress | None = None) -> None:
    """Create a new encrypted demo database at `path` (which must not exist); every account uses DEMO_PASSWORD."""
    path = Path(path)
    # Built under a temporary name and moved into place when complete (`storage.staging`): a failed or killed
    # build leaves nothing at `path`.
    with staged_database(path) as staged:
        us, _code = identity.initialise(staged, DEMO_OFFICE, "admin", DEMO_DISPLAY_NAMES["admin"], DEMO_PASSWORD)
        # The builder writes what OSPOD accounts would: with the new office's key (bulk inserts seal as they go;
        # what other statements wrote is sealed at the end).
        us.db.office.key = office_slots.take_bootstrap(us.slots, bytes.fromhex(us.db.key_hex))
        # The build holds millions of rows as plain objects the whole time: the cycle collector would walk them
        # all over and over (a tenth of the build) and find next to nothing; paused until the build is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            ctx = DemoContext(us, seed, max(0, children), progress)
            for stage in STAGES:
                stage(ctx)
            if us.db.office.key is not None:
                identity.seal_stored(us.db, us.db.office.key, us.actor)
        finally:
            us.close()
            if collecting:
                gc.enable()
