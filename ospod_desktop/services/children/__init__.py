"""ospod_desktop.services.children: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.children._records import (  # noqa: F401
    LIST_FIELDS,
    CREATED,
    OFFICE_WRITERS,
    FACILITY_FIELDS,
    FACILITY_HISTORY,
    DOCUMENT_KINDS,
    HistoryEntry,
    AssessmentView,
    ChildView,
    case_mark_format,
    register_child,
    insert_child,
    update_child,
    child_view,
    add_age_assessment,
    get_child,
    delete_child,
    set_photo,
    get_photo,
    with_form,
)
from ospod_desktop.services.children._list import (  # noqa: F401
    SORTS,
    ListFilter,
    ChildRow,
    TYPO_RATIO,
    ListResult,
    SEARCH_LIMIT,
    list_children,
    child_ids,
    record_list_view,
    child_rows,
)
from ospod_desktop.services.children._import import (  # noqa: F401
    CANONICAL,
    ALIASES,
    COLUMN_FIELDS,
    SEX_VALUES,
    STATUS_VALUES,
    TEMPLATE_HEADER,
    RowError,
    ImportResult,
    read_table,
    row_to_form,
    FIELD_TO_COLUMN,
    check_rows,
    import_children,
)
from ospod_desktop.services.children._export import (  # noqa: F401
    LIST_COLUMNS,
    case_list_records,
)
from ospod_desktop.services.children._duplicates import (  # noqa: F401
    MAX_CANDIDATES,
    BUCKET_LIMIT,
    Candidate,
    DuplicatePair,
    find_duplicates,
    duplicate_report,
    dismiss_pair,
    merge_children,
)
from ospod_desktop.services.children._facility import (  # noqa: F401
    PlacedChild,
    FacilityDetail,
    facility_children,
    facility_detail,
)
