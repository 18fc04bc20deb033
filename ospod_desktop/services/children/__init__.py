"""ospod_desktop.services.children: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.children._duplicates import (  # noqa: F401
    BUCKET_LIMIT,
    MAX_CANDIDATES,
    Candidate,
    DuplicatePair,
    dismiss_pair,
    duplicate_report,
    find_duplicates,
    merge_children,
)
from ospod_desktop.services.children._export import (  # noqa: F401
    LIST_COLUMNS,
    case_list_records,
)
from ospod_desktop.services.children._facility import (  # noqa: F401
    FacilityDetail,
    PlacedChild,
    facility_children,
    facility_detail,
)
from ospod_desktop.services.children._import import (  # noqa: F401
    ALIASES,
    CANONICAL,
    COLUMN_FIELDS,
    FIELD_TO_COLUMN,
    SEX_VALUES,
    STATUS_VALUES,
    TEMPLATE_HEADER,
    ImportResult,
    RowError,
    check_rows,
    import_children,
    read_table,
    row_to_form,
)
from ospod_desktop.services.children._list import (  # noqa: F401
    RELEVANCE,
    SEARCH_LIMIT,
    SORTS,
    TYPO_RATIO,
    ChildRow,
    ListFilter,
    ListResult,
    child_ids,
    child_rows,
    list_children,
    record_list_view,
)
from ospod_desktop.services.children._records import (  # noqa: F401
    CREATED,
    DOCUMENT_KINDS,
    FACILITY_FIELDS,
    FACILITY_HISTORY,
    LIST_FIELDS,
    OFFICE_WRITERS,
    AssessmentView,
    ChildView,
    HistoryEntry,
    add_age_assessment,
    case_mark_format,
    child_view,
    delete_child,
    get_child,
    get_photo,
    insert_child,
    register_child,
    set_photo,
    update_child,
    with_form,
)
