"""Roles, audit action codes and what each role may do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import N_, _


class Role(StrEnum):
    """Who a user is in the office."""

    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    OFFICER = "officer"
    FACILITY_STAFF = "facility_staff"

    @property
    def label(self) -> str:
        """The translated name shown to users."""
        return _(_ROLE_LABELS[self])


_ROLE_LABELS = {
    Role.ADMIN: N_("Administrator"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.OFFICER: N_("OSPOD officer"),
    Role.FACILITY_STAFF: N_("Facility staff"),
}


class Action(StrEnum):
    """What an audit row records; codes only, never content."""

    LOGIN_OK = "login_ok"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK = "unlock"
    UNLOCK_FAILED = "unlock_failed"
    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    PASSWORD_CHANGE = "password_change"
    PASSWORD_RESET = "password_reset"
    RECOVERY = "recovery"
    BACKUP = "backup"
    MIGRATE = "migrate"
    INIT = "init"
    BREAK_GLASS = "break_glass"
    RESTORE = "restore"  # the database was replaced by a backup: the first row after the backup's own chain
    LOSS_ACCEPTED = "loss_accepted"  # audit rows the key file's anchor named were lost; detail "lost:FIRST-LAST:how"


class Entity(StrEnum):
    """Which kind of record an audit row is about."""

    SESSION = "session"
    USER = "user"
    OFFICE = "office"
    FACILITY = "facility"
    CHILD = "child"
    PLACEMENT = "placement"
    MISSING_EPISODE = "missing_episode"
    IPOD = "ipod"  # an individual protection plan
    GUARDIANSHIP = "guardianship"
    ASYLUM_APPLICATION = "asylum_application"
    VISIT = "visit"
    INFORMATION_REQUEST = "information_request"
    DATABASE = "database"
    AUDIT = "audit"  # the audit chain itself: a view of it or a check of it
    DEADLINE_POLICY = "deadline_policy"  # a version of the deadline policy (id: its row, detail: its revision)
    DUE_LIST = "due_list"  # an export of the due list (detail: format, how many items, what was included)
    ASSESSMENT = "assessment"  # a trafficking assessment (detail: what was done, the child's id)
    INDICATOR_CATALOGUE = "indicator_catalogue"  # a version of the indicator catalogue (id: its row)
    VICTIM_EVENT = "victim_event"  # a later event of a (presumed) victim of trafficking
    DISCLOSURE = "disclosure"  # a document or export that left the app (id: its register row; detail: kind, channel)
    STATISTICS = "statistics"  # statistics viewed or exported (detail: the period, format and suppression; no data)


# Roles that see and change children's records (facility staff see a scoped subset: services/scope.py, and
# change only what PLACEMENT_RULES below lets them record; the registration is the office's).
CHILD_READERS = frozenset({Role.SUPERVISOR, Role.OFFICER, Role.FACILITY_STAFF})
CHILD_WRITERS = frozenset({Role.SUPERVISOR, Role.OFFICER, Role.FACILITY_STAFF})


OSPOD_ROLES = frozenset({Role.SUPERVISOR, Role.OFFICER})
# Who sees and exports the statistics (counts over the whole office); facility staff and administrators do not.
STATISTICS_ROLES = OSPOD_ROLES


class PlacementAct(StrEnum):
    """What can be recorded of a child's placements and disappearances (`PLACEMENT_RULES`)."""

    ARRIVAL = "arrival"  # placements.place_child
    DEPARTURE = "departure"  # placements.end_placement
    TRANSFER = "transfer"  # placements.transfer_child
    EXTEND = "extend"  # placements.extend_placement
    CORRECT = "correct"  # placements.correct_placement
    DELETE = "delete"  # placements.delete_placement
    MISSING = "missing"  # missing: report, informed, return, close, correct, reopen
    MISSING_DELETE = "missing_delete"  # missing.delete_episode


@dataclass(frozen=True)
class PlacementRule:
    """Who may record an act, and why. `staff` says what facility staff may record of it (when they are among
    `roles`): always only in their own facility and for a child in their scope; the services enforce it.
    `basis` is "law: …" or "office practice: …" (for the code and the README, not shown to users). `refused`
    is the message of the refusal (translated when raised): to a role outside `roles`, or to facility staff
    beyond the limit of `staff`."""

    roles: frozenset[Role]
    basis: str
    staff: str = ""
    refused: str = ""


# Facility staff record facts they see happen: arrivals, departures, disappearances. The legal side — where a
# child is placed, on what basis, until when — is OSPOD's (officers and supervisors). Enforced in
# services/placements and services/missing; the child's page offers only what this table allows.
PLACEMENT_RULES: dict[PlacementAct, PlacementRule] = {
    PlacementAct.ARRIVAL: PlacementRule(
        OSPOD_ROLES | {Role.FACILITY_STAFF},
        "office practice: the facility records the day a child arrives; placing a new child is OSPOD's "
        "(a court's preliminary measure, § 452 ff. of Act 292/2013 Coll., or OSPOD's own decision)",
        staff="into their own facility, a child already in their scope, on a basis in placement_rules.STAFF_BASES "
              "(no court basis); letting staff place any child would let them widen their own scope",
        refused=N_("Facility staff record an arrival on urgent care, a ZDVOP contract or an agreement; a placement "
                   "by a court's decision is recorded by the OSPOD officer.")),
    PlacementAct.DEPARTURE: PlacementRule(
        OSPOD_ROLES | {Role.FACILITY_STAFF},
        "office practice: the facility records the day a child left and why, when it saw it happen",
        staff="from their own facility, for a reason in placement_rules.STAFF_END_REASONS (absconded, returned to "
              "family, turned 18, other); a transfer, a repatriation or a reunification abroad is OSPOD's",
        refused=N_("Facility staff record a departure only as absconded, returned to family, turned 18 or other; "
                   "a transfer, a repatriation or a reunification abroad is recorded by the OSPOD officer.")),
    PlacementAct.TRANSFER: PlacementRule(
        OSPOD_ROLES,
        "law: the child's next placement is decided by a court or by OSPOD (Act 359/1999 Coll.), not by the "
        "facility; office practice: a transfer opens the child's record to another facility's staff",
        refused=N_("A transfer is recorded by the OSPOD officer: the next placement is decided by the court or "
                   "OSPOD. Record the departure, and the officer records where the child went.")),
    PlacementAct.EXTEND: PlacementRule(
        OSPOD_ROLES,
        "law: only the court extends a preliminary measure (§ 452 ff. of Act 292/2013 Coll.); office practice: "
        "OSPOD records a ZDVOP contract's extension, as it answers for the ZDVOP stay limit (§ 42 of Act "
        "359/1999 Coll.)",
        refused=N_("An extension is recorded by the OSPOD officer: a preliminary measure is extended by the court, "
                   "a ZDVOP contract with OSPOD.")),
    PlacementAct.CORRECT: PlacementRule(
        OSPOD_ROLES | {Role.FACILITY_STAFF},
        "office practice: who recorded a fact corrects it; the legal basis, the court's decision and the expiry "
        "are corrected by OSPOD",
        staff="placements in their own facility while the child is placed there, only the columns in "
              "placement_rules.STAFF_CORRECTABLE, an end only among STAFF_END_REASONS",
        refused=N_("Facility staff correct the days, the reason for the end and the notes of a placement; the "
                   "legal basis, the court, its decision, the contract and the expiry are corrected by the OSPOD "
                   "officer.")),
    PlacementAct.DELETE: PlacementRule(
        OSPOD_ROLES,
        "office practice: deleting a record made in error rewrites the child's chain (it may reopen the placement "
        "a transfer ended); it stays with OSPOD",
        refused=N_("A placement recorded in error is deleted by the OSPOD officer.")),
    PlacementAct.MISSING: PlacementRule(
        OSPOD_ROLES | {Role.FACILITY_STAFF},
        "office practice: the facility sees the child go and come back and must tell the police at once",
        staff="children placed in their facility now (not during the grace period)"),
    PlacementAct.MISSING_DELETE: PlacementRule(
        OSPOD_ROLES, "office practice: deleting a record made in error stays with OSPOD",
        refused=N_("A missing episode recorded in error is deleted by the OSPOD officer.")),
}


def may(role: Role, act: PlacementAct) -> bool:
    """Whether `role` may record `act` at all (facility staff within the limits of the rule's `staff`)."""
    return role in PLACEMENT_RULES[act].roles


def may_end_for(role: Role, reason: str) -> bool:
    """Whether `role` may record (or correct) the end of a placement for `reason` (staff: only the facts)."""
    return role is not Role.FACILITY_STAFF or reason in PR.STAFF_END_REASONS


def may_place_on(role: Role, basis: str) -> bool:
    """Whether `role` may record an arrival on the legal basis `basis` (staff: never a court's decision)."""
    return role is not Role.FACILITY_STAFF or basis in PR.STAFF_BASES


def may_correct(role: Role, column: str) -> bool:
    """Whether `role` may correct the column `column` of a saved placement (staff: only the facts)."""
    return role is not Role.FACILITY_STAFF or column in PR.STAFF_CORRECTABLE


def refusal(act: PlacementAct) -> str:
    """The translated message refusing `act` (see `PlacementRule.refused`)."""
    message = PLACEMENT_RULES[act].refused
    return _(message) if message else _("Your role does not allow this action.")
