"""ospod_desktop.services.trafficking: the indicator catalogue's versions, trafficking assessments (draft, finish,
approval) and victim events, with the child's trafficking flag kept in step (internals in the _private modules)."""

from ospod_desktop.core.indicators import AnswerInput  # noqa: F401
from ospod_desktop.services.trafficking._assessments import (  # noqa: F401
    approve_assessment,
    assessments_of,
    awaiting_approval,
    finish_assessment,
    get_assessment,
    return_assessment,
    save_draft,
    start_assessment,
)
from ospod_desktop.services.trafficking._catalogues import (  # noqa: F401
    IMPORT_ROLES,
    READ_ROLES,
    REASON_MIN,
    CatalogueVersionView,
    CatalogueView,
    catalogue_in_use,
    catalogue_of_version,
    catalogue_versions,
    import_catalogue,
)
from ospod_desktop.services.trafficking._events import record_victim_event, victim_events_of  # noqa: F401
from ospod_desktop.services.trafficking._flag import refresh_flags  # noqa: F401  (registers the flag's upkeep)
from ospod_desktop.services.trafficking._views import ROLES, AssessmentView, VictimEventView  # noqa: F401
