"""ospod_desktop.services.identity: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.identity._accounts import (  # noqa: F401
    FacilityChoice,
    UserView,
    check_username,
    create_user,
    list_facility_choices,
    list_users,
    reset_password,
    set_disabled,
    update_user,
)
from ospod_desktop.services.identity._auth import (  # noqa: F401
    active_actor,
    actor_of,
    change_password,
    flush_pending_failures,
    lock,
    login,
    logout,
    must_change_password,
    recover,
    unlock,
)
from ospod_desktop.services.identity._office import (  # noqa: F401
    audit_head,
    get_office,
    idle_lock_minutes,
    set_idle_lock_minutes,
    update_office,
)
from ospod_desktop.services.identity._office_key import (  # noqa: F401
    HELD,
    NOT_OSPOD,
    OSPOD_ROLES,
    PENDING,
    after_recovery_renewed,
    seal_stored,
)
from ospod_desktop.services.identity._office_key import notice as office_key_notice  # noqa: F401
from ospod_desktop.services.identity._office_key import status as office_key_status  # noqa: F401
from ospod_desktop.services.identity._people import (  # noqa: F401
    list_officers,
    user_names,
)
from ospod_desktop.services.identity._recovery import RENEW_ROLES as RECOVERY_RENEW_ROLES  # noqa: F401
from ospod_desktop.services.identity._recovery import renew_recovery_code  # noqa: F401
from ospod_desktop.services.identity._setup import (  # noqa: F401
    OfficeProfile,
    clean_reference_format,
    database_exists,
    initialise,
    seed_facilities,
)
