"""Versions of the deadline policy: saved whole or not at all, audited, the newest in force."""

from __future__ import annotations

import copy
import json

import pytest
from sqlmodel import select

from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.core.policy import PolicyError, default_policy, parse_policy, policy_to_data
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import due_policy
from ospod_desktop.storage.due_tables import DeadlinePolicy
from ospod_desktop.storage.models import AuditEntry


def _data(**changes):
    data = copy.deepcopy(policy_to_data(default_policy()))
    for path, value in changes.items():
        target = data
        parts = path.split("__")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        target[parts[-1]] = value
    return data


def _rows(us):
    with us.read() as s:
        return list(s.exec(select(DeadlinePolicy.revision)).all())


def _policy_audit(us):
    with us.read() as s:
        return [(a, d) for a, d in s.exec(select(AuditEntry.action, AuditEntry.detail).where(
            AuditEntry.entity == Entity.DEADLINE_POLICY)).all()]


def test_the_shipped_policy_is_in_force_until_one_is_saved(admin_session):
    admin, _ = admin_session
    current = due_policy.current_policy(admin)
    assert current == (default_policy(), 1, None, None)
    [shipped] = due_policy.policy_versions(admin)
    assert shipped.revision == 1 and shipped.shipped and shipped.saved_by is None


def test_a_saved_version_is_the_next_revision_in_force_and_audited(admin_session):
    admin, _ = admin_session
    data = _data(zdvop__total_stay_months__value=12)
    assert due_policy.save_policy(admin, data, "Novela zákona 2027") == 2
    policy, revision, saved_at, saved_by = due_policy.current_policy(admin)
    assert (policy.zdvop_total_months, policy.revision, revision, saved_by) == (12, 2, 2, "admin")
    assert saved_at is not None
    assert due_policy.save_policy(admin, _data(due_soon_days__value=10), "Upozornit dříve") == 3
    versions = due_policy.policy_versions(admin)
    assert [(v.revision, v.saved_by, v.reason) for v in versions][:2] == [
        (3, "admin", "Upozornit dříve"), (2, "admin", "Novela zákona 2027")]
    assert versions[-1].shipped
    assert due_policy.current_policy(admin).policy.zdvop_total_months == 6  # the newest is whole, not a patch
    audit = _policy_audit(admin)
    assert audit == [(Action.UPDATE, "revision:2"), (Action.UPDATE, "revision:3")]
    assert all("Novela" not in d for _a, d in audit)


@pytest.mark.parametrize("changes, key", [
    ({"visits__by_setting__foster_family__steps__1__every_months": 0},
     "visits.by_setting.foster_family.steps[1].every_months"),
    ({"ipod__months__basis": ""}, "ipod.months.basis"),
    ({"ipod__months__kind": "custom"}, "ipod.months.kind"),
    ({"format": "other"}, "format"),
])  # fmt: skip
def test_a_bad_policy_saves_nothing_and_names_the_field(admin_session, changes, key):
    admin, _ = admin_session
    with pytest.raises(PolicyError) as err:
        due_policy.save_policy(admin, _data(**changes), "Chybná změna")
    assert err.value.field == key and key in err.value.message
    assert _rows(admin) == [] and _policy_audit(admin) == []
    assert due_policy.current_policy(admin).revision == 1


@pytest.mark.parametrize("reason", ["", "   ", "abc", "ab\u202ecd"])
def test_a_reason_of_at_least_five_characters_is_required(admin_session, reason):
    admin, _ = admin_session
    with pytest.raises(ValidationError) as err:
        due_policy.save_policy(admin, _data(), reason)
    assert err.value.field == "reason"
    assert _rows(admin) == []


def test_only_the_administrator_saves_but_everyone_reads(admin_session, officer_session, tmp_path):
    admin, _ = admin_session
    with pytest.raises(PermissionDenied):
        due_policy.save_policy(officer_session, _data(), "Úřední praxe")
    with pytest.raises(PermissionDenied):
        due_policy.revert_to_default(officer_session, "Úřední praxe")
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_data()), encoding="utf-8")
    with pytest.raises(PermissionDenied):
        due_policy.import_policy_file(officer_session, path, "Úřední praxe")
    assert due_policy.current_policy(officer_session).revision == 1
    assert _rows(admin) == []


def test_a_hook_runs_in_the_transaction_and_its_failure_saves_nothing(admin_session):
    admin, _ = admin_session
    seen = []

    def hook(session, policy):
        seen.append((policy.revision, session.exec(select(DeadlinePolicy.revision)).all()))

    def failing(session, policy):
        raise RuntimeError("recompute failed")

    registered = list(due_policy.AFTER_SAVE)  # services.due's recompute stays registered afterwards
    due_policy.AFTER_SAVE.append(hook)
    try:
        due_policy.save_policy(admin, _data(), "Zkouška háčku")
        assert seen == [(2, [2])]
        due_policy.AFTER_SAVE.append(failing)
        with pytest.raises(RuntimeError):
            due_policy.save_policy(admin, _data(), "Zkouška háčku")
    finally:
        due_policy.AFTER_SAVE[:] = registered
    assert _rows(admin) == [2]


def test_revert_export_and_import(admin_session, tmp_path):
    admin, _ = admin_session
    due_policy.save_policy(admin, _data(ipod__months__value=2), "Delší lhůta")
    assert due_policy.revert_to_default(admin, "Zpět na výchozí") == 3
    current = due_policy.current_policy(admin).policy
    assert current.ipod_months == 1 and current.revision == 3
    text = due_policy.export_policy(admin)
    exported = json.loads(text)
    assert exported["revision"] == 3 and parse_policy(exported).ipod_months == 1
    exported["ipod"]["months"]["value"] = 4
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    assert due_policy.import_policy_file(admin, path, "Import z kraje") == 4
    assert due_policy.current_policy(admin).policy.ipod_months == 4
    assert [a for a, _d in _policy_audit(admin)].count(Action.EXPORT) == 1


def test_a_bad_file_is_refused_whole(admin_session, tmp_path):
    admin, _ = admin_session
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        due_policy.import_policy_file(admin, broken, "Import z kraje")
    assert err.value.key == "file"
    with pytest.raises(PolicyError) as err:
        due_policy.import_policy_file(admin, tmp_path / "none.json", "Import z kraje")
    assert err.value.key == "file"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_data(visits__default__steps__0__every_months=0)), encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        due_policy.import_policy_file(admin, bad, "Import z kraje")
    assert err.value.key == "visits.default.steps[0].every_months"
    assert _rows(admin) == []
