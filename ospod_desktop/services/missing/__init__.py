"""ospod_desktop.services.missing: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.missing._episodes import (  # noqa: F401
    PARTY_COLUMNS,
    Informed,
    MissingView,
    MissingNow,
    utc_now,
    placement_on,
    report_missing,
    STAFF_MESSAGE,
    load_episode,
    record_informed,
    record_return,
    close_episode,
    episodes,
    child_episodes,
    missing_now,
)
from ospod_desktop.services.missing._corrections import (  # noqa: F401
    REPORT,
    INFORMED,
    RETURN,
    CLOSE,
    COLUMNS,
    form_of,
    correct_report,
    correct_return,
    reopen_episode,
    delete_episode,
)
