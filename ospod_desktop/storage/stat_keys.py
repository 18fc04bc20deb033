"""SQL for the statistics' keys of a child (`services.statistics`), and the writer of `child_stat` (revision
0012), which keeps the keys that do not depend on the period so a count reads one short value per child.

The age key (`age_key_sql`) reduces a child's age evidence on a day to a short text that decides its age group
(`services.statistics._ages.group_of_key` maps it to the group by `core.stats.groups.age_group` itself):
`disputed` (an age assessment on record, or the claimed and the documented age differ); `d<age>` (a date of
birth: completed years on the day); `y<n>` (a birth year: the day's year minus it; `age_info` gives n-1..n);
`r<min>:<max>:<shift>` (an estimated range and the completed years since it was given, the day the child was
found); `n` (nothing known).
"""

from __future__ import annotations

from collections.abc import Sequence

SEP = "|"  # joins a child's codes into one key (no code contains it)
NATIONALITIES = ("(SELECT group_concat(n.code, ',') FROM child_nationality n INDEXED BY ix_child_nationality_stats"
                 " WHERE n.child_id = {c}.id)")
CHUNK = 500  # ids per statement (SQLite's limit on bound parameters is far above)


def disputed_sql(c: str = "c") -> str:
    """1 when the age of child row alias `c` is disputed (an age assessment on record, or the claimed and the
    documented age differ), else 0."""
    return (f"(EXISTS (SELECT 1 FROM age_assessment aa WHERE aa.child_id = {c}.id) OR ({c}.age_claimed IS NOT "
            f"NULL AND {c}.age_document IS NOT NULL AND {c}.age_claimed <> {c}.age_document))")


def _years(born: str, on: str) -> str:
    """Completed years from `born` to `on` (ISO dates as text): (YYYYMMDD - YYYYMMDD) / 10000, as
    `core.ages.years_between` for `on` >= `born` (0 instead of -1 for a day before `born`: the same group)."""
    return f"((CAST(replace({on}, '-', '') AS INTEGER) - CAST(replace({born}, '-', '') AS INTEGER)) / 10000)"


def age_key_sql(on: str, c: str = "c", disputed: str | None = None) -> str:
    """SQL for the age key of child row alias `c` on the day `on` (an SQL expression giving an ISO date);
    `disputed`: an SQL expression already giving `disputed_sql` (a stored `child_stat.disputed`)."""
    shift = f"(CASE WHEN {c}.found_on IS NOT NULL AND {c}.found_on <= {on} THEN {_years(f'{c}.found_on', on)} ELSE 0 END)"
    return (f"(CASE WHEN {disputed or disputed_sql(c)} THEN 'disputed'"
            f" WHEN {c}.birth_date IS NOT NULL THEN 'd' || {_years(f'{c}.birth_date', on)}"
            f" WHEN {c}.birth_year IS NOT NULL AND {c}.birth_year <> 0"
            f" THEN 'y' || (CAST(substr({on}, 1, 4) AS INTEGER) - {c}.birth_year)"
            f" WHEN {c}.age_min IS NOT NULL OR {c}.age_max IS NOT NULL"
            f" THEN 'r' || ifnull({c}.age_min, '') || ':' || ifnull({c}.age_max, '') || ':' || {shift}"
            f" ELSE 'n' END)")


_WRITE = f"""
INSERT INTO child_stat (child_id, found_on, reg, sex, nats, disputed)
SELECT k.id, k.found_on, k.status || '{SEP}' || k.sex || '{SEP}' || k.channel || '{SEP}'
       || {age_key_sql("k.found_on", c="k", disputed="k.disputed")} || '{SEP}' || k.nats,
       k.sex, k.nats, k.disputed
FROM (SELECT c.*, ifnull({NATIONALITIES.format(c="c")}, '') AS nats, {disputed_sql("c")} AS disputed
      FROM child c WHERE c.merged_into_id IS NULL AND c.id IN ({{ids}})) k
"""


def write_child_stats(conn, child_ids: Sequence[int]) -> None:
    """Rewrite the `child_stat` rows of `child_ids` from the database's facts (`conn`: a connection inside the
    caller's write transaction); merged-away or deleted children are left with none."""
    ids = [int(i) for i in child_ids]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        marks = ",".join("?" * len(chunk))
        conn.exec_driver_sql(f"DELETE FROM child_stat WHERE child_id IN ({marks})", tuple(chunk))
        conn.exec_driver_sql(_WRITE.format(ids=marks), tuple(chunk))
