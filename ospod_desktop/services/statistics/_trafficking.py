"""The trafficking tables: the five stages, each by sex, age group, form of exploitation, citizenship and
country of exploitation; `trafficking` (children at each stage) and `presumed_by_review`.

A stage is reached in the period (merged-away children never count):
- screened: an assessment with status finished or approved was finished (`finished_at`) on a day of the
  period; the child counts once, its age group taken on the first such day;
- concern / presumed: the child's latest finished assessment as of the end of the period (status finished or
  approved, the greatest `finished_at` on or before the last day; the later id on a tie) was finished in the
  period and concludes `concern` / `presumed_victim` — a later assessment that concludes otherwise replaces
  it, one after the period does not; age group on the day it was finished;
- identified / assisted: a victim event `identified` / `referred` occurred (`occurred_on`) in the period; age
  group on the first such day.

The day of a `finished_at` time (stored in UTC) is its day in the computer's local time zone, as the
assessment pages show it (an assessment finished at 00:30 on 1 January in Prague counts in January); "as of
the end of the period" is before the local midnight that ends it. Of two finished at the same instant, the
later id is the latest (SQLite's max() with the row's other columns taken from the row of the maximum).
Form of exploitation and country of exploitation: the forms (`assessment_form`) and countries
(`exploitation_countries`) of the child's latest finished assessment as of the end of the period, whatever the
stage (none, or no finished assessment: `unknown`). Citizenship: the child's nationalities (none: `unknown`;
stateless: `stateless`). `presumed_by_review`: that latest assessment approved -> `approved`, still finished
(awaiting the supervisor) -> `awaiting_approval`. A child's sex, nationalities and whether its age is
disputed are read from `child_stat` (revision 0012, derived with the due items), its other age evidence from
the covering index of `child`.
"""

from __future__ import annotations

from ospod_desktop.core.stats.groups import citizenship_keys
from ospod_desktop.core.stats.tables import UNKNOWN
from ospod_desktop.services.statistics._ages import group_of_key
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period
from ospod_desktop.services.statistics._registered import MERGED, codes, grouped
from ospod_desktop.storage.stat_keys import SEP, age_key_sql

# The finished assessments are read twice from the covering index (child_id, status, finished_at, ...), each time
# in child order, so both groupings run without a sort: the first finished in the period, and the latest.
_FINISHED = """
  FROM trafficking_assessment a INDEXED BY ix_trafficking_assessment_stats
  WHERE a.status IN ('finished', 'approved') AND a.finished_at IS NOT NULL AND a.finished_at < :t1
    AND a.child_id NOT IN merged"""
_STAGES = f"""
WITH merged AS {MERGED},
latest AS MATERIALIZED (
  SELECT a.id, a.child_id, a.status, a.conclusion, a.exploitation_countries, a.finished_at,
         max(a.finished_at || printf('%012d', a.id)) AS newest
  {_FINISHED}
  GROUP BY a.child_id
),
stage(stage, child_id, day) AS MATERIALIZED (
  SELECT 'screened', a.child_id, date(min(a.finished_at), 'localtime') {_FINISHED} AND a.finished_at >= :t0
    GROUP BY a.child_id
  UNION ALL SELECT 'concern', child_id, date(finished_at, 'localtime') FROM latest
    WHERE finished_at >= :t0 AND conclusion = 'concern'
  UNION ALL SELECT 'presumed', child_id, date(finished_at, 'localtime') FROM latest
    WHERE finished_at >= :t0 AND conclusion = 'presumed_victim'
  UNION ALL SELECT CASE e.kind WHEN 'identified' THEN 'identified' ELSE 'assisted' END, e.child_id,
                   min(e.occurred_on)
    FROM victim_event e
    WHERE e.child_id NOT IN merged AND e.kind IN ('identified', 'referred') AND e.occurred_on >= :s
      AND e.occurred_on <= :e
    GROUP BY e.kind, e.child_id
)
"""

CHILDREN = "#"  # the last row: how many children reached any stage
_BREAKDOWN = _STAGES + f"""
SELECT st.stage || '{SEP}' || cs.sex || '{SEP}' || {age_key_sql("st.day", disputed="cs.disputed")} || '{SEP}' || cs.nats
       || '{SEP}' || ifnull((SELECT group_concat(f.form, ',') FROM assessment_form f WHERE f.assessment_id = l.id), '')
       || '{SEP}' || ifnull(l.exploitation_countries, '') || '{SEP}'
       || CASE WHEN st.stage = 'presumed' THEN l.status ELSE '' END
FROM stage st JOIN child c INDEXED BY ix_child_stats ON c.id = st.child_id JOIN child_stat cs ON cs.child_id = st.child_id
  LEFT JOIN latest l ON l.child_id = st.child_id
UNION ALL SELECT '{CHILDREN}' || count(DISTINCT child_id) FROM stage
"""


REVIEW = {"approved": "approved", "finished": "awaiting_approval"}


def count_trafficking(conn, period: Period, tally: Tally) -> None:
    for key, n in grouped(conn, _BREAKDOWN, period.params()).items():
        if key.startswith(CHILDREN):
            tally.put("trafficking", "total", int(key[len(CHILDREN):]))
            continue
        stage, sex, age, nat, forms, countries, review = key.split(SEP)
        tally.add("trafficking", [stage], n)
        tally.add(f"{stage}_by_sex", [sex], n)
        tally.add(f"{stage}_by_age_group", [group_of_key(age)], n)
        tally.add(f"{stage}_by_form", codes(forms) or [UNKNOWN], n)
        tally.add(f"{stage}_by_citizenship", citizenship_keys(codes(nat)), n)
        tally.add(f"{stage}_by_exploited_in", [c.strip() for c in codes(countries) if c.strip()] or [UNKNOWN], n)
        if stage == "presumed":
            tally.add("presumed_by_review", [REVIEW[review]], n)
