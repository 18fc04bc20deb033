"""ospod_desktop.services.disclosures: the disclosure register (issue 12). Every document issued and every
export written is recorded with the SHA-256 of its exact bytes; entries are listed in scope, opened with what
changed in the child's data since, and a file brought back is checked against them."""

from ospod_desktop.services.disclosures._changes import Change  # noqa: F401
from ospod_desktop.services.disclosures._exports import EXPORT_CATEGORIES, record_export  # noqa: F401
from ospod_desktop.services.disclosures._register import (  # noqa: F401
    DEFAULT_REFERENCE_FORMAT,
    UUID_MARK,
    DisclosureView,
    disclosures,
    format_reference,
    new_uuid,
    record,
    reserve_reference,
)
from ospod_desktop.services.disclosures._verify import (  # noqa: F401
    DisclosureDetail,
    VerifyResult,
    claimed_uuids,
    disclosure_detail,
    verify_bytes,
    verify_file,
)
