"""ospod_desktop.services.placements: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.placements._clocks import full_facts  # noqa: F401
from ospod_desktop.services.placements._corrections import (  # noqa: F401
    COLUMNS,
    correct_placement,
    delete_placement,
    form_of,
)
from ospod_desktop.services.placements._extensions import (  # noqa: F401
    complete_diagnostics,
    extend_placement,
    record_extension,
)
from ospod_desktop.services.placements._facilities import (  # noqa: F401
    MAX_CAPACITY,
    FacilityInput,
    FacilityView,
    create_facility,
    get_facility,
    list_facilities,
    update_facility,
    validate_facility,
)
from ospod_desktop.services.placements._facts import (  # noqa: F401
    CHUNK,
    extensions_of,
    placement_facts,
)
from ospod_desktop.services.placements._placements import (  # noqa: F401
    ExtensionView,
    PlacementChain,
    PlacementView,
    chain,
    check_overlap,
    check_own_facility,
    child_placements,
    end_placement,
    extensions_by_placement,
    get_placement,
    history_summary,
    load_placement,
    place_child,
    placements_of,
    registered_facility,
    transfer_child,
    writable_child,
)
from ospod_desktop.services.placements._status import (  # noqa: F401
    FACT_COLUMNS,
    RowStatus,
    current_clause,
    current_labels,
    informed_map,
    informed_of,
    informed_rows,
    is_current,
    place_label,
    row_status,
)
