"""ospod_desktop.services.statistics: the statistics of issue 13 — `statistics(us, start, end)` counts every
table of `core.stats.tables.TABLES` for a period (exact counts; `core.stats.suppress` makes them safe to share).
Internals: `_period` (checks), `_cells` (laying tables out), `_ages` (age groups in SQL), `_registered`,
`_trafficking`, `_care` (placements, disappearances), `_visits` (visits on time); `_export`: `export_bytes`
(json, csv, xlsx, pdf; suppressed, audited) and `save_export` (the window's save, recorded in the disclosure
register)."""

from ospod_desktop.services.statistics._export import export_bytes, save_export  # noqa: F401
from ospod_desktop.services.statistics._service import statistics  # noqa: F401
