"""ospod_desktop.services.documents: the referral documents about one child (issue 12) — who may produce which
(`allowed_kinds`), a preview that is not a disclosure (`preview`), and issuing (`issue`): the PDF written and the
disclosure recorded in one transaction. Internals live in the _private modules (gathering: _gather_*.py)."""

from ospod_desktop.services.documents._gather import DocumentData  # noqa: F401
from ospod_desktop.services.documents._issue import (  # noqa: F401
    CHANNELS,
    allowed_kinds,
    gather_data,
    issue,
    open_episode,
    preview,
)
from ospod_desktop.services.documents._request import (  # noqa: F401
    DocumentRequest,
    IssuedDocument,
    RenderedDocument,
)
