"""The `registered_*` tables: children found in the period (`child.found_on`), merged-away children left out.

The children of the period are read once from the covering index, each as one key of its status, sex, channel,
age key (`_ages`) and set of nationalities, and counted by key; each key's count is then spread over the six
tables. Age group on the day found (`assessed`: an `age_assessment` row exists). A channel the catalogue does
not know (none is written by the app) counts as `unknown`, like an empty one. Status and sex are held to their
codes by the database's checks.
"""

from __future__ import annotations

from collections import Counter

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.stats.groups import citizenship_groups, citizenship_keys
from ospod_desktop.core.stats.tables import UNKNOWN
from ospod_desktop.services.statistics._ages import age_key_sql, group_of_key
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period

NATIONALITIES = ("(SELECT group_concat(n.code, ',') FROM child_nationality n INDEXED BY ix_child_nationality_stats"
                 " WHERE n.child_id = {c}.id)")
MERGED = "(SELECT id FROM child WHERE merged_into_id IS NOT NULL)"  # read by ix_child_merged_into_id alone

SEP = "|"  # joins a row's codes into one key (no code contains it)
_SQL = f"""
SELECT c.status || '{SEP}' || c.sex || '{SEP}' || c.channel || '{SEP}' || {age_key_sql("c.found_on")} || '{SEP}'
       || ifnull({NATIONALITIES.format(c="c")}, '')
FROM child c INDEXED BY ix_child_stats
WHERE c.merged_into_id IS NULL AND c.found_on >= :s AND c.found_on <= :e
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
