"""Children an import adds count in the statistics like children registered one by one: their statistics keys
(`child_stat`) are written with their due items after the import's commit."""

from __future__ import annotations

from datetime import date, timedelta

from ospod_desktop.core.stats.tables import TOTAL
from ospod_desktop.services import children, statistics
from tests.services.test_import_duplicates import AMINA, JIRI, SASHA, _csv


def test_imported_children_are_counted_by_status_sex_and_citizenship(officer_session, tmp_path):
    result = children.import_children(officer_session, _csv(tmp_path, SASHA, AMINA, JIRI))
    assert len(result.imported) == 3
    today = date.today()
    tables = statistics.statistics(officer_session, today - timedelta(days=30), today).tables
    assert tables["registered_by_sex"][TOTAL] == 3
    assert tables["registered_by_sex"]["M"] == 2 and tables["registered_by_sex"]["F"] == 1
    assert tables["registered_by_status"]["unaccompanied"] == 2 and tables["registered_by_status"]["separated"] == 1
    assert {k: v for k, v in tables["registered_by_citizenship"].items() if v} == {"UA": 1, "AF": 1, "SK": 1,
                                                                                   TOTAL: 3}
