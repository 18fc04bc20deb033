"""Writing the demo's trafficking assessments (`demo.trafficking`) in bulk, as the trafficking service writes them one
by one: the catalogue version in use (the shipped default, stored as the service seeds it), the assessments with
their answers and forms, the victim events, a history line on the child and an audit row (ids only) for every step
the service records, and the child's `trafficking_flag`. The catalogue version is the one in use: the demo asks the
service for it (`services.trafficking.catalogue_in_use`), which seeds the shipped default as on any first use. The
due items are left to the due stage.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime

from ospod_desktop.core.indicators import Catalogue
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.demo.placements import ChildFacts
from ospod_desktop.demo.trafficking import TraffickingPlan, plan_trafficking
from ospod_desktop.storage.bulk import insert_rows

DETAIL = "trafficking:demo"  # the audit detail of a generated assessment step or victim event
CREATE = str(Action.CREATE)


def _steps(plan: TraffickingPlan, roles: Mapping[int, str], version: str) -> tuple[list[dict], list[tuple]]:
    """The history lines the service writes for the plan's assessments and events (finished, approved or returned,
    an event recorded), in time order, and one audit row per assessment and per event (the service audits every step;
    a row each would add 100,000s of rows to the 100,000-child build's chain for no reader: the ids are the
    records' own, as `demo.care` does); `version`: "<catalogue id> <version>" of the catalogue used."""
    from ospod_desktop.core import history_trafficking as HT

    lines: list[tuple[datetime, int, int | None, object]] = []
    audit: list[tuple[datetime, tuple]] = []

    def step(at: datetime, cid: int, user: int | None, entry: object) -> None:
        lines.append((at, cid, user, entry))

    assessment, forms = str(Entity.ASSESSMENT), dict[int, list[str]]()
    for f in plan.forms:
        forms.setdefault(f["assessment_id"], []).append(f["form"])
    for a in plan.assessments:
        cid, aid = a["child_id"], a["id"]
        audit.append((a["created_at"], (a["created_by"], roles.get(a["created_by"] or 0, ""), CREATE, assessment, aid,
                                        DETAIL)))  # one row; no history line when started (as the service)
        if a["finished_at"] is not None:
            step(a["finished_at"], cid, a["finished_by"], HT.AssessmentFinished(
                aid, a["engine_outcome"], a["conclusion"], tuple(forms.get(aid, ())), version))
        if a["status"] in HT.REVIEW_ACTIONS:
            step(a["reviewed_at"], cid, a["reviewed_by"], HT.AssessmentReviewed(a["status"], aid, a["conclusion"]))
    for e in plan.events:
        step(e["recorded_at"], e["child_id"], e["recorded_by"], HT.VictimEventRecorded(e["id"], e["kind"],
             e["occurred_on"], e["ends_on"]))
        audit.append((e["recorded_at"], (e["recorded_by"], roles.get(e["recorded_by"] or 0, ""), CREATE,
                                         str(Entity.VICTIM_EVENT), e["id"], DETAIL)))
    lines.sort(key=lambda x: x[0])
    history = []
    for at, cid, user, entry in lines:
        fld, old, new = entry.to_row()  # type: ignore[attr-defined]
        history.append({"child_id": cid, "ts": at, "user_id": user, "field": fld, "old_value": old, "new_value": new})
    audit.sort(key=lambda x: x[0])
    return history, [a for _at, a in audit]


def write_trafficking(session, seed: int, catalogue: Catalogue, catalogue_pk: int, children: list[ChildFacts],
                      users: Mapping[str, int],
                      roles: Mapping[int, str], append_audit: Callable,
                      closed: Mapping[int, tuple[date, str]] | None = None,
                      missing: frozenset[int] = frozenset()) -> dict[str, int]:
    """Plan the assessments of `children` with `catalogue` (the version in use, stored as `catalogue_pk`) and insert
    them in bulk with their history lines and audit rows; set the children's flags. Returns the rows written per
    table."""
    from sqlalchemy import func, select

    from ospod_desktop.storage.child_tables import ChildHistory
    from ospod_desktop.storage.rows import table_of
    from ospod_desktop.storage.trafficking_tables import (
        AssessmentAnswer,
        AssessmentForm,
        TraffickingAssessment,
        VictimEvent,
    )  # fmt: skip

    conn = session.connection()
    now = datetime.now(UTC)
    firsts = tuple((conn.execute(select(func.max(table_of(t).c.id))).scalar() or 0) + 1
                   for t in (TraffickingAssessment, VictimEvent))
    plan = plan_trafficking(children, catalogue, seed, date.today(), now, users, firsts, closed, missing)  # type: ignore[arg-type]
    for a in plan.assessments:
        a["catalogue_pk"] = catalogue_pk
    for e in plan.events:
        e["occurred_on"] = e.pop("on")  # the column's name (`on` is an SQL keyword)
    written = {}
    for model, rows in ((TraffickingAssessment, plan.assessments), (AssessmentAnswer, plan.answers),
                        (AssessmentForm, plan.forms), (VictimEvent, plan.events)):
        insert_rows(conn, table_of(model), rows)
        written[table_of(model).name] = len(rows)
    history, audit = _steps(plan, roles, f"{catalogue.id} {catalogue.version}")
    insert_rows(conn, table_of(ChildHistory), history)
    if plan.flags:
        conn.exec_driver_sql("UPDATE child SET trafficking_flag = ? WHERE id = ?",
                             [(flag, cid) for cid, flag in sorted(plan.flags.items())])
    for start in range(0, len(audit), 20000):
        append_audit(session, audit[start:start + 20000])
    return written
