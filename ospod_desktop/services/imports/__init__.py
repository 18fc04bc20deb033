"""ospod_desktop.services.imports: bringing an office's existing register over — placements and supervision visits
from CSV or XLSX, added to the children the rows name (the children themselves: `services.children.import_children`).
Internals live in the _private modules."""

from ospod_desktop.services.imports._common import (  # noqa: F401
    Columns,
    ImportResult,
    RowError,
)
from ospod_desktop.services.imports._placements import (  # noqa: F401
    PLACEMENT_ALIASES,
    PLACEMENT_COLUMNS,
    import_placement_rows,
    import_placements,
    placement_column_label,
    reachable_expiry,
    read_placements,
)
from ospod_desktop.services.imports._visits import (  # noqa: F401
    VISIT_ALIASES,
    VISIT_COLUMNS,
    import_visit_rows,
    import_visits,
    read_visits,
    visit_column_label,
)
