"""ospod_desktop.services.identity: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.identity._auth import (  # noqa: F401
    OfficeProfile,
    database_exists,
    seed_facilities,
    flush_pending_failures,
    initialise,
    login,
    lock,
    unlock,
    logout,
    must_change_password,
    change_password,
    recover,
)
from ospod_desktop.services.identity._accounts import (  # noqa: F401
    UserView,
    FacilityChoice,
    check_username,
    list_users,
    list_facility_choices,
    create_user,
    update_user,
    set_disabled,
    reset_password,
)
from ospod_desktop.services.identity._people import (  # noqa: F401
    list_officers,
    user_names,
)
from ospod_desktop.services.identity._office import (  # noqa: F401
    get_office,
    idle_lock_minutes,
    update_office,
    set_idle_lock_minutes,
    audit_head,
)
