"""ospod_desktop.services.missing: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.missing._corrections import (  # noqa: F401
    CLOSE,
    COLUMNS,
    INFORMED,
    REPORT,
    RETURN,
    correct_report,
    correct_return,
    delete_episode,
    form_of,
    reopen_episode,
)
from ospod_desktop.services.missing._episodes import (  # noqa: F401
    PARTY_COLUMNS,
    STAFF_MESSAGE,
    Informed,
    MissingNow,
    MissingView,
    child_episodes,
    close_episode,
    episodes,
    load_episode,
    missing_now,
    placement_on,
    record_informed,
    record_return,
    report_missing,
    utc_now,
)
