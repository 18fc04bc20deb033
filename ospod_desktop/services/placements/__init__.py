"""ospod_desktop.services.placements: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.placements._placements import (  # noqa: F401
    ExtensionView,
    PlacementView,
    PlacementChain,
    history_summary,
    check_own_facility,
    writable_child,
    registered_facility,
    placements_of,
    check_overlap,
    place_child,
    transfer_child,
    load_placement,
    end_placement,
    extensions_by_placement,
    extend_placement,
    chain,
    child_placements,
    get_placement,
)
from ospod_desktop.services.placements._corrections import (  # noqa: F401
    COLUMNS,
    form_of,
    correct_placement,
    delete_placement,
)
from ospod_desktop.services.placements._status import (  # noqa: F401
    CHUNK,
    place_label,
    is_current,
    current_clause,
    RowStatus,
    extensions_of,
    row_status,
    informed_rows,
    informed_map,
    informed_of,
    current_labels,
)
from ospod_desktop.services.placements._facilities import (  # noqa: F401
    MAX_CAPACITY,
    FacilityInput,
    FacilityView,
    validate_facility,
    list_facilities,
    get_facility,
    create_facility,
    update_facility,
)
