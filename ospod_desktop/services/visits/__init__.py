"""ospod_desktop.services.visits: supervision visits and information requests (internals in the _private modules)."""

from ospod_desktop.core.visit_form import InformationRequestInput, VisitInput  # noqa: F401
from ospod_desktop.services.visits._corrections import correct_visit, delete_visit  # noqa: F401
from ospod_desktop.services.visits._requests import (  # noqa: F401
    InformationRequestView,
    list_information_requests,
    record_answer,
    request_information,
)
from ospod_desktop.services.visits._visits import (  # noqa: F401
    ROLES,
    VisitView,
    form_of,
    get_visit,
    list_visits,
    next_visit_due,
    record_visit,
)
