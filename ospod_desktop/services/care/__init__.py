"""ospod_desktop.services.care: IPODs, guardians and asylum representatives — the records that close the
`ipod` and `guardian` clocks (public use cases; internals live in the _private modules)."""

from ospod_desktop.services.care._asylum import (  # noqa: F401
    AsylumView,
    correct_asylum_application,
    delete_asylum_application,
    record_asylum_application,
    record_representative,
)
from ospod_desktop.services.care._guardian import (  # noqa: F401
    GuardianshipView,
    correct_guardianship,
    delete_guardianship,
    end_guardianship,
    record_guardian_appointment,
    record_guardian_petition,
)
from ospod_desktop.services.care._ipod import (  # noqa: F401
    IpodView,
    correct_ipod,
    delete_ipod,
    list_ipods,
    record_ipod,
)
from ospod_desktop.services.care._summary import CareFacts, CareView, care_facts, care_summary  # noqa: F401
