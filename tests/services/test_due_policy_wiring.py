"""Saving a deadline policy version through services.due_policy recomputes every child's due items in the same
transaction: the stored items name the new revision and follow its numbers at once."""

from __future__ import annotations

import copy

from ospod_desktop.core.policy import default_policy, policy_to_data
from ospod_desktop.services import due_policy
from tests.services.due_helpers import computed, state, stored
from tests.services.placement_helpers import child


def test_saving_a_policy_version_recomputes_the_due_items(admin_session, officer_session):
    admin, _ = admin_session
    us = officer_session
    cid = child(us)
    before = [r for r in stored(us, cid) if r[0] == "ipod"]
    assert before and state(us, cid).policy_version == default_policy().revision
    data = copy.deepcopy(policy_to_data(default_policy()))
    data["ipod"]["months"]["value"] = 2
    revision = due_policy.save_policy(admin, data, "IPOD do dvou měsíců")
    after = [r for r in stored(us, cid) if r[0] == "ipod"]
    assert state(us, cid).policy_version == revision == 2
    assert after != before and stored(us, cid) == computed(us, cid)
