"""Statistics for the ministry, the national rapporteur and GRETA: which tables exist, what their keys mean,
and how a table is made safe to share (`core.stats.suppress`). Counting happens in `services.statistics`."""
