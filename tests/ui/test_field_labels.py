"""The UI names a registration field with the same words as its validation messages (`core.field_labels`):
the child's page and history, the duplicates comparison and the import's preview and error list."""

from __future__ import annotations

import pytest

from ospod_desktop.core import field_labels as FL
from ospod_desktop.core import missing_form
from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.import_dialog import column_label
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.pages import child_events, child_text


@pytest.mark.parametrize("lang", ["en", "cs"])
def test_the_page_history_and_import_use_the_validation_labels(lang):
    apply_language(lang)
    try:
        for code in FL.CHILD:
            assert child_text.field_label(code) == FL.child_label(code)
        for column in children.CANONICAL:
            assert column_label(column) == FL.child_label(children.COLUMN_FIELDS[column])
        for field, column in children.FIELD_TO_COLUMN.items():  # an import error names the column
            assert column_label(column) == FL.child_label(field)
        assert child_events.column_label("missing", "clothing") == missing_form.field_label("clothing")
    finally:
        apply_language("en")


def test_labels_of_history_lines_are_not_field_labels():
    """A history line that is not a field (registered, merged, a placement…) never reuses a field's label."""
    assert not set(child_text.HISTORY_LABELS) & set(FL.CHILD)
    assert not set(child_events.FIELD_LABELS) & set(FL.CHILD)
