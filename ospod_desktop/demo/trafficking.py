"""Demo trafficking assessments (revision 0008, all fictitious): the indicator assessments an officer made of the
children, the supervisor's reviews, and the events that follow a presumed victim (police report, identification by
the police, referral to assistance, reflection period).

The story holds: most children are screened soon after intake and show no indication; a few per cent raise a
concern (reassessed about a month later, more often than not cleared; some reassessments are due, some overdue); about
one child in a hundred is a presumed victim — more often a teenager, a child who went missing from care, a Vietnamese
child (cannabis growing, nail salons), a girl from Nigeria or Moldova. The answers are picked so that the engine
(`core.indicators.evaluate`) gives the outcome the story needs; now and then the officer concludes otherwise and says
why. A presumed victim is mostly reported to the police at once (some are not yet: the due list shows them overdue),
some are identified by the police, referred to the national programme's organisations and given a reflection period.
Recent assessments are drafts or await the supervisor; one was returned with a comment. Nothing is recorded after
today, before the child was registered or after its case was closed.

`plan_trafficking` is pure and deterministic for a seed, a day and a catalogue (its own generator); writing is in
`demo.trafficking_write`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.trafficking_flag import COUNTING_STATUSES, flag_of
from ospod_desktop.demo import trafficking_texts as T
from ospod_desktop.demo.data import Dice
from ospod_desktop.demo.placements import ChildFacts

RANK = {"no_indication": 0, "concern": 1, "presumed_victim": 2}
PRESUMED, CONCERN = 0.0028, 0.027  # of a child of average risk (the risk below averages about 1.3)
SCREENED_OLDER, SCREENED_YOUNG = 0.38, 0.08  # screened at intake: 10 and older, younger (the rest: never assessed)
SCREENING = (3, 9)  # absent answers a screening with no indication writes down (the other indicators: not known)
DEPART = 0.08  # an officer's conclusion that departs from the engine's outcome (of concerns and presumed victims)
REVIEW_DAYS, RETURN_SHARE, DRAFT_SHARE = (0, 8), 0.12, 0.45
VARIANTS = 12  # present-indicator sets made per (outcome, form, facts): a 100,000-child demo evaluates a few thousand
FOLLOWED = 0.85  # a concern reassessed (else the reassessment is due or overdue, if the case is still open)
SOURCES = ("child_account", "child_account", "observation", "documents", "third_party")  # of a present answer
NON_EU = frozenset({"SK", "CZ"})  # no reflection period (citizens of the Union)
@dataclass
class TraffickingPlan:
    """Rows with ids assigned; history lines and audit entries are made from them by the writer."""

    assessments: list[dict] = field(default_factory=list)
    answers: list[dict] = field(default_factory=list)
    forms: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    flags: dict[int, str] = field(default_factory=dict)  # child id -> trafficking_flag (children with a flag only)


@dataclass
class Script:
    """What happens to one child: the conclusion of its first finished assessment and the stages it went through
    (None: drawn)."""

    target: str
    start: date
    draft: bool = False
    review: str = "auto"  # auto | pending | returned
    report: bool | None = None
    followup: bool | None = None
    identified: bool | None = None
    named_ago: int | None = None  # identified by the police this many days ago (a reflection period follows)


def gendered(text: str, sex: str) -> str:
    """`pracoval/a` -> pracoval | pracovala, `mu/jí` -> mu | jí; the text as written for a child of unknown sex."""
    if sex not in ("M", "F"):
        return text
    return re.sub(r"(\w+)/(\w+)", lambda m: m[1] if sex == "M" else m[1] + "a" if m[2] == "a" else m[2], text)


class Engine:
    """The catalogue and its evaluation, remembered by the set of present indicators (the outcome depends on nothing
    else: unknown never counts as present), so 100,000 children cost a few hundred evaluations."""

    def __init__(self, catalogue: Any):
        from ospod_desktop.core.indicators import evaluate

        self.catalogue, self._evaluate = catalogue, evaluate
        self.ids = tuple(i.id for i in catalogue.indicators)
        self.element = {d.id: d.element for d in catalogue.dimensions}
        self.by_element: dict[str, list[Any]] = {}
        for i in catalogue.indicators:
            self.by_element.setdefault(self.element[i.dimension], []).append(i)
        self.known = frozenset(self.ids)
        self.forms = {i.id: i.forms for i in catalogue.indicators}
        self.element_of = {i.id: self.element[i.dimension] for i in catalogue.indicators}
        self._memo: dict[frozenset[str], Any] = {}

        self._outcomes: dict[frozenset[str], str] = {}
        self._absent = dict.fromkeys(self.ids, "absent")

    def result(self, present: frozenset[str]) -> Any:
        """The result with every other answer unknown (what unknown answers could change: `could_become`)."""
        if present not in self._memo:
            self._memo[present] = self._evaluate(self.catalogue, dict.fromkeys(present, "present"))
        return self._memo[present]

    def outcome(self, present: frozenset[str]) -> str:
        """The outcome alone (every other answer absent: nothing left to search for what could change it)."""
        if present not in self._outcomes:
            self._outcomes[present] = self._evaluate(self.catalogue, {**self._absent,
                                                                      **dict.fromkeys(present, "present")}).outcome
        return self._outcomes[present]


class _Assessor:
    """Plans one child after another (in id order); `plan` collects them."""

    def __init__(self, engine: Engine, seed: int, today: date, now: datetime, users: Mapping[str, int],
                 first_ids: tuple[int, int]):
        self.engine, self.today, self.now = engine, today, now
        self.rng = Dice(f"ospod-demo-trafficking:{seed}")
        self.officer, self.supervisor = users.get("officer"), users.get("supervisor")
        self.ids = list(first_ids)  # next assessment id, next event id
        self.plan = TraffickingPlan()
        self.variants: dict[tuple[str, str, frozenset[str]], list[frozenset[str]]] = {}

    # -- answers ----------------------------------------------------------------------------------
    def _pick(self, element: str, form: str, present: set[str]) -> None:
        pool = [i for i in self.engine.by_element.get(element, ()) if i.id not in present]
        if not pool:
            return
        fitting = [i for i in pool if form in i.forms] or [i for i in pool if not i.forms] or pool
        present.add(self.rng.choice(fitting).id)

    def _present(self, target: str, form: str, facts: frozenset[str] = frozenset()) -> frozenset[str]:
        """Present indicators for which the engine gives `target` (or the closest it gets); `facts`: indicators the
        child's record makes present (unaccompanied, under 12), kept unless they alone go beyond the target."""
        rng, engine = self.rng, self.engine
        present = {i for i in facts if i in engine.known}
        seeds = {"no_indication": ("vulnerability",) if rng.random() < 0.25 else (),
                 "concern": ("vulnerability", rng.choice(("act", "means", "exploitation"))),
                 "presumed_victim": ("act", "means", "exploitation", "vulnerability")}
        for element in seeds[target]:
            self._pick(element, form, present)
        for _ in range(16):
            outcome = engine.outcome(frozenset(present))
            if outcome == target:
                break
            if RANK[outcome] > RANK[target]:
                present.discard(rng.choice(sorted(present)))
                continue
            result = engine.result(frozenset(present))
            needs = [p.needs for p in result.could_become if p.outcome == target]
            trial = present | set(rng.choice(needs)) if needs else present
            if trial != present and engine.outcome(frozenset(trial)) == target:
                present = trial
                continue
            # One more indicator that does not go beyond the target (the form's own first).
            spare = [i for i in engine.catalogue.indicators if i.id not in present]
            rng.shuffle(spare)
            spare.sort(key=lambda i: form not in i.forms)
            for i in spare[:16]:
                if RANK[engine.outcome(frozenset(present | {i.id}))] <= RANK[target]:
                    present.add(i.id)
                    break
        return frozenset(present)

    def _answers(self, aid: int, c: ChildFacts, present: frozenset[str], form: str, fill: float | int) -> None:
        """The answer rows: the present indicators with a note and its source, a share `fill` (a float) or a number
        (an int) of the others absent (a few with a note), now and then one written down as unknown; the rest not
        answered (unknown)."""
        rng, nat, rows = self.rng, c.nationalities.split(";")[0], self.plan.answers
        for iid in sorted(present):
            source = rng.choice(SOURCES)
            if source == "child_account" and rng.random() < 0.15:
                note = gendered(rng.choice(T.QUOTES.get(nat, T.QUOTES[""])), c.sex)
            else:
                topic = form if form in self.engine.forms[iid] else f"element:{self.engine.element_of[iid]}"
                detail = T.DETAILS.get(topic, T.DETAILS[""])
                note = f"{rng.choice(T.LEAD_INS[source])} {gendered(rng.choice(detail), c.sex)}"
            rows.append({"assessment_id": aid, "indicator_id": iid, "answer": "present", "note": note, "source": source})
        others = [i for i in self.engine.ids if i not in present]
        count = fill if isinstance(fill, int) else int(len(others) * fill + rng.random())
        absent = rng.sample(others, min(len(others), count))
        notes = {absent[0]: rng.choice(T.ABSENT_NOTES)} if absent and rng.random() < 0.3 else {}
        rows += [{"assessment_id": aid, "indicator_id": i, "answer": "absent", "note": notes.get(i, ""), "source": ""}
                 for i in absent]
        unanswered = sorted(set(others) - set(absent))
        if unanswered and rng.random() < 0.15:
            rows.append({"assessment_id": aid, "indicator_id": rng.choice(unanswered), "answer": "unknown",
                         "note": rng.choice(T.UNKNOWN_NOTES), "source": ""})

    def _facts(self, c: ChildFacts, day: date) -> frozenset[str]:
        """What the child's record already answers (the default catalogue's ids; another catalogue: none)."""
        low, high = c.ages(day)
        facts = {"vul_unaccompanied"} if c.status == "unaccompanied" else set()
        if high < 12:
            facts.add("vul_under_12")
        if c.birth_date is None and self.rng.random() < 0.6:
            facts.add("vul_no_documents")
        return frozenset(facts)

    # -- one assessment ---------------------------------------------------------------------------
    def _at(self, c: ChildFacts, day: date, hours: tuple[int, int] = (8, 16)) -> datetime:
        at = datetime.combine(day, time(self.rng.randint(*hours), self.rng.randint(0, 59)), UTC)
        if c.created_at is not None and at <= c.created_at:
            at = c.created_at + timedelta(minutes=self.rng.randint(10, 120))
        return min(at, self.now)

    def _assessment(self, c: ChildFacts, conclusion: str, day: date, form: str, last: date, draft: bool = False,
                    review: str = "auto") -> dict:
        """One assessment started on `day`, finished and reviewed by the end of `last` if the case is closed (its
        last open day; an open case: reviewed when the supervisor gets to it, perhaps not yet)."""
        rng = self.rng
        limit = datetime.combine(last, time(22, 0), UTC) if last < self.today else datetime.max.replace(tzinfo=UTC)
        engine_target = conclusion
        if conclusion != "no_indication" and rng.random() < DEPART or conclusion == "no_indication" and rng.random() < 0.004:
            engine_target = {"presumed_victim": "concern", "no_indication": "concern"}.get(
                conclusion, rng.choice(("presumed_victim", "no_indication")))
        key = (engine_target, form, self._facts(c, day))
        variants = self.variants.setdefault(key, [])
        if len(variants) < VARIANTS:  # a new variant of the story; then one of those already made
            variants.append(self._present(*key))
        present = variants[-1] if len(variants) < VARIANTS else rng.choice(variants)
        aid, self.ids[0] = self.ids[0], self.ids[0] + 1
        started = self._at(c, day)
        row: dict[str, Any] = {
            "id": aid, "child_id": c.id, "status": "draft", "conclusion": None, "reasoning": "",
            "exploitation_countries": "", "created_at": started, "created_by": self.officer, "updated_at": started,
            "finished_at": None, "finished_by": None, "reviewed_at": None, "reviewed_by": None, "review_comment": ""}
        if draft:
            present = frozenset(x for x in present if rng.random() < 0.6)
            row["engine_outcome"] = self.engine.outcome(present)
            self._answers(aid, c, present, form, rng.uniform(0.1, 0.5))
            self.plan.assessments.append(row)
            return row
        outcome = self.engine.outcome(present)
        finished = started + timedelta(minutes=rng.randint(20, 300), days=rng.choice((0, 0, 0, 1, 2)))
        finished = max(started, min(finished, limit, self.now))
        reasoning = rng.choice(T.REASONINGS)
        if outcome != conclusion:
            reasoning = rng.choice(T.DEPARTURES.get((outcome, conclusion), (T.DEPARTED,)))
        row.update(status="finished", engine_outcome=outcome, conclusion=conclusion, reasoning=reasoning,
                   finished_at=finished, finished_by=self.officer, updated_at=finished)
        self._answers(aid, c, present, form, rng.randint(*SCREENING) if conclusion == "no_indication" else
                      rng.uniform(0.4, 0.8))
        if conclusion != "no_indication":
            indicated = {f for i in present for f in self.engine.catalogue.indicator(i).forms}
            forms = [form] + sorted(indicated - {form})[: rng.choice((0, 0, 1))]
            self.plan.forms += [{"assessment_id": aid, "form": f} for f in forms]
            nat = c.nationalities.split(";")[0]
            route = T.ROUTES.get(nat, T.ROUTES[""])
            countries = ["CZ"] if rng.random() < 0.55 else []
            countries += [rng.choice(route)] if not countries or rng.random() < 0.35 else []
            row["exploitation_countries"] = ",".join(dict.fromkeys(countries))
        reviewed = max(finished, min(finished + timedelta(days=rng.randint(*REVIEW_DAYS), hours=rng.randint(0, 6)), limit))
        recent = (self.now - finished).days < 14
        if review == "returned" or (review == "auto" and recent and conclusion != "no_indication"
                                    and rng.random() < RETURN_SHARE):
            reviewed = min(reviewed, self.now)
            row.update(status="returned", reviewed_at=reviewed, reviewed_by=self.supervisor,
                       review_comment=rng.choice(T.RETURNS), updated_at=reviewed)
        elif review == "auto" and reviewed <= self.now:
            row.update(status="approved", reviewed_at=reviewed, reviewed_by=self.supervisor,
                       review_comment=rng.choice(T.APPROVALS), updated_at=reviewed)
        self.plan.assessments.append(row)
        return row

    # -- events -----------------------------------------------------------------------------------
    def _event(self, c: ChildFacts, kind: str, on: date, body: str, aid: int, channel: str = "",
               ends_on: date | None = None) -> None:
        eid, self.ids[1] = self.ids[1], self.ids[1] + 1
        self.plan.events.append({"id": eid, "child_id": c.id, "kind": kind, "on": on, "body": body,
                                 "channel": channel, "ends_on": ends_on, "note": self.rng.choice(T.EVENT_NOTES[kind]),
                                 "assessment_id": aid, "recorded_at": self._at(c, on, (9, 18)),
                                 "recorded_by": self.officer})

    def _victim(self, c: ChildFacts, s: Script, a: dict, last: date) -> None:
        rng, day = self.rng, a["finished_at"].date()
        report = s.report if s.report is not None else rng.random() < 0.88
        on = day + timedelta(days=rng.choice((0, 0, 0, 1, 2, 5)))
        if report and on <= last:
            self._event(c, "police_report", on, rng.choice(T.POLICE_UNITS), a["id"], rng.choice(T.CHANNELS))
        if rng.random() < 0.65:
            helped = day + timedelta(days=rng.randint(1, 21))
            if helped <= last:
                self._event(c, "referred", helped, rng.choice(T.ASSISTANCE), a["id"])
        identified = s.identified if s.identified is not None else report and rng.random() < 0.5
        named = on + timedelta(days=rng.randint(14, 120))
        if s.named_ago is not None:
            named = max(on, self.today - timedelta(days=s.named_ago))
        if identified and named <= last:
            self._event(c, "identified", named, T.POLICE_UNITS[0], a["id"])
            if c.nationalities.split(";")[0] not in NON_EU and rng.random() < 0.6 or s.named_ago is not None:
                ends = add_months(named, 1) if rng.random() < 0.5 else None
                self._event(c, "reflection_period", named, T.POLICE_UNITS[4], a["id"], ends_on=ends)

    def child(self, c: ChildFacts, s: Script, form: str, closed_on: date | None) -> None:
        rng, last = self.rng, min(closed_on - timedelta(days=1), self.today) if closed_on else self.today
        if s.start > last:
            return
        if s.draft:
            self._assessment(c, s.target, s.start, form, last, draft=True)
            return
        conclusion, day, rounds = s.target, s.start, 0
        while True:
            a = self._assessment(c, conclusion, day, form, last, review=s.review if rounds == 0 else "auto")
            if conclusion == "presumed_victim":
                self._victim(c, s, a, last)
                break
            if conclusion != "concern" or rounds >= 2:
                break
            followup = s.followup if s.followup is not None and rounds == 0 else rng.random() < FOLLOWED
            day = a["finished_at"].date() + timedelta(days=rng.randint(18, 45))
            if not followup or day > last:
                break
            r, rounds = rng.random(), rounds + 1
            conclusion = "presumed_victim" if r < 0.12 else "concern" if r < 0.4 else "no_indication"
            if day >= self.today - timedelta(days=3) and rng.random() < 0.5:
                self._assessment(c, conclusion, day, form, last, draft=True)  # the reassessment is being written
                break


# -- who, when, what ------------------------------------------------------------------------------
def _risk(c: ChildFacts, missing: bool, low: int) -> float:
    nat = c.nationalities.split(";")[0]
    risk = T.RISK.get(nat, 1.0) * (1.6 if c.sex == "F" and nat in ("UA", "MD", "NG", "SK") else 1.0)
    risk *= 3.0 if missing else 1.0
    return risk * (1.5 if low >= 13 else 0.3 if low < 10 else 1.0)


def _story_form(rng: Dice, c: ChildFacts) -> str:
    nat = c.nationalities.split(";")[0]
    options = T.STORIES.get(nat) or T.STORIES["female" if c.sex == "F" else "male"]
    return rng.choices([f for f, _ in options], weights=[w for _, w in options])[0]


def _script(rng: Dice, c: ChildFacts, today: date, missing: bool) -> Script | None:
    low = c.ages(c.found_on)[0]
    risk, r = _risk(c, missing, low), rng.random()
    target = "presumed_victim" if r < PRESUMED * risk else "concern" if r < (PRESUMED + CONCERN) * risk else ""
    if not target and rng.random() >= (SCREENED_OLDER if low >= 10 else SCREENED_YOUNG):
        return None
    # Screened at intake; a concern may come later (after a disappearance, a visit, a tip from the police).
    late = target and (missing or rng.random() < 0.3)
    start = c.found_on + timedelta(days=rng.randint(20, 200) if late else rng.choice((0, 1, 1, 2, 3, 5, 7, 10)))
    draft = start >= today - timedelta(days=10) and rng.random() < DRAFT_SHARE
    return Script(target or "no_indication", start, draft=draft)


# The stages a small demo shows too: (conclusion, days ago, how) for children of open cases found 2 months ago or earlier.
SHOWN: tuple[tuple[str, int, dict[str, Any]], ...] = (
    ("presumed_victim", 75, {"report": True, "identified": True, "named_ago": 10}),
    ("presumed_victim", 2, {"report": False, "review": "pending"}),
    ("presumed_victim", 40, {"report": False}),
    ("concern", 20, {"followup": False}),
    ("concern", 50, {"followup": False}),
    ("concern", 5, {"review": "returned", "followup": False}),
    ("concern", 1, {"draft": True}),
    ("presumed_victim", 200, {"report": True, "identified": True, "named_ago": 150}),
    ("no_indication", 30, {}),
)


def plan_trafficking(children: list[ChildFacts], catalogue: Any, seed: int, today: date, now: datetime,
                     users: Mapping[str, int], first_ids: tuple[int, int] = (1, 1),
                     closed: Mapping[int, tuple[date, str]] | None = None,
                     missing: frozenset[int] = frozenset()) -> TraffickingPlan:
    """Assessments and victim events of `children` (in id order); `closed`: child id -> (closed on, reason) of the
    closed cases (`demo.cases`); `missing`: children who went missing from care; `users`: demo username -> id."""
    closed = closed or {}
    assessor = _Assessor(Engine(catalogue), seed, today, now, users, first_ids)
    rng = Dice(f"ospod-demo-trafficking-who:{seed}")
    scripts = {c.id: _script(rng, c, today, c.id in missing) for c in children}
    shown = [c for c in children if c.id not in closed and c.found_on <= today - timedelta(days=60)
             and c.ages(today)[0] >= 12 and add_months(c.found_on, 1) < today]
    for c, (target, ago, how) in zip(reversed(shown), SHOWN, strict=False):
        scripts[c.id] = Script(target, max(c.found_on + timedelta(days=3), today - timedelta(days=ago)), **how)
    forms = Dice(f"ospod-demo-trafficking-forms:{seed}")
    for c in children:
        s = scripts[c.id]
        if s is not None:
            assessor.child(c, s, _story_form(forms, c), closed.get(c.id, (None, ""))[0])
    assessor.plan.flags = flags(assessor.plan)
    return assessor.plan


def flags(plan: TraffickingPlan) -> dict[int, str]:
    """Each child's `trafficking_flag` after its assessments and events (`core.trafficking_flag.flag_of`, as the
    service sets it), children without one left out."""
    latest: dict[int, str | None] = {}
    counting = (a for a in plan.assessments if a["status"] in COUNTING_STATUSES)
    for a in sorted(counting, key=lambda a: (a["finished_at"], a["id"])):
        latest[a["child_id"]] = a["conclusion"]
    kinds: dict[int, list[str]] = {}
    for e in plan.events:
        kinds.setdefault(e["child_id"], []).append(e["kind"])
    out = {cid: flag_of(latest.get(cid), kinds.get(cid, ())) for cid in latest.keys() | kinds.keys()}
    return {cid: flag for cid, flag in out.items() if flag}
