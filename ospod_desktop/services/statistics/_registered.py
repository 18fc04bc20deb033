"""The `registered_*` tables: children found in the period (`child.found_on`), merged-away children left out.

Each child's key — status, sex, channel, age key on the day found (`storage.stat_keys`) and nationalities — is
kept in `child_stat` (revision 0012, derived with the due items); the keys of the period are read from its
index (found_on, reg) alone and counted by key, and each key's count is then spread over the six tables. Age
group on the day found (`assessed`: an `age_assessment` row exists). A channel the catalogue does not know
(none is written by the app) counts as `unknown`, like an empty one. Status and sex are held to their codes by
the database's checks. Merged-away children have no `child_stat` row.
"""

from __future__ import annotations

from collections import Counter

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.stats.groups import citizenship_groups, citizenship_keys
from ospod_desktop.core.stats.tables import UNKNOWN
from ospod_desktop.services.statistics._ages import group_of_key
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period
from ospod_desktop.storage.stat_keys import SEP

MERGED = "(SELECT id FROM child WHERE merged_into_id IS NOT NULL)"  # read by ix_child_merged_into_id alone

_SQL = """
SELECT reg FROM child_stat INDEXED BY ix_child_stat_period WHERE found_on >= :s AND found_on <= :e
"""


def codes(joined: str | None) -> list[str]:
    """The codes of a group_concat ("" or None: none)."""
    return joined.split(",") if joined else []


def grouped(conn, sql: str, params: dict[str, str]) -> Counter[str]:
    """How many rows give each key (the query's one column), counted with a hash here rather than by SQLite's
    GROUP BY, which sorts every row in a temporary b-tree: several times slower over 100,000 children. Read
    through the driver's own cursor (no result-row objects)."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        return Counter(row[0] for row in cursor.execute(sql, params) if row[0] is not None)
    finally:
        cursor.close()


def count_registered(conn, period: Period, tally: Tally) -> None:
    for key, n in grouped(conn, _SQL, period.params()).items():
        status, sex, channel, age, nat = key.split(SEP)
        nationalities = codes(nat)
        tally.add("registered_by_status", [status], n)
        tally.add("registered_by_sex", [sex], n)
        tally.add("registered_by_age_group", [group_of_key(age)], n)
        tally.add("registered_by_citizenship", citizenship_keys(nationalities), n)
        tally.add("registered_by_citizenship_group", citizenship_groups(nationalities), n)
        tally.add("registered_by_channel", [channel if channel in R.CHANNELS else UNKNOWN], n)
