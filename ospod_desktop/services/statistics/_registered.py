"""The `registered_*` tables: children found in the period (`child.found_on`), merged-away children left out.

One GROUP BY over the children of the period by status, sex, channel, age key (`_ages`) and the set of
nationalities; each group is then spread over the six tables. Age group on the day found (`assessed`: an
`age_assessment` row exists). A channel the catalogue does not know (none is written by the app) counts as
`unknown`, like an empty one. Status and sex are held to their codes by the database's checks.
"""

from __future__ import annotations

from sqlalchemy import text

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.stats.groups import citizenship_groups, citizenship_keys
from ospod_desktop.core.stats.tables import UNKNOWN
from ospod_desktop.services.statistics._ages import age_key_sql, group_of_key
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period

NATIONALITIES = ("(SELECT group_concat(n.code, ',') FROM child_nationality n INDEXED BY ix_child_nationality_stats"
                 " WHERE n.child_id = {c}.id)")
MERGED = "(SELECT id FROM child WHERE merged_into_id IS NOT NULL)"  # read by ix_child_merged_into_id alone

_SQL = f"""
SELECT c.status, c.sex, c.channel, {age_key_sql("c.found_on")} AS age, {NATIONALITIES.format(c="c")} AS nat,
       count(*)
FROM child c INDEXED BY ix_child_stats
WHERE c.merged_into_id IS NULL AND c.found_on >= :s AND c.found_on <= :e
GROUP BY 1, 2, 3, 4, 5
"""


def codes(joined: str | None) -> list[str]:
    """The codes of a group_concat ("" or None: none)."""
    return joined.split(",") if joined else []


def count_registered(conn, period: Period, tally: Tally) -> None:
    for status, sex, channel, age, nat, n in conn.execute(text(_SQL), period.params()):
        nationalities = codes(nat)
        tally.add("registered_by_status", [status], n)
        tally.add("registered_by_sex", [sex], n)
        tally.add("registered_by_age_group", [group_of_key(age)], n)
        tally.add("registered_by_citizenship", citizenship_keys(nationalities), n)
        tally.add("registered_by_citizenship_group", citizenship_groups(nationalities), n)
        tally.add("registered_by_channel", [channel if channel in R.CHANNELS else UNKNOWN], n)
