"""The catalogue in use, taken out of the app (`ospod-desktop catalogue show --db`): audited as an export, as the
deadline policy's `export_policy` is (the catalogue's row id and version only)."""

from __future__ import annotations

from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.services.trafficking._catalogues import READ_ROLES, CatalogueView, catalogue_in_use


@requires(*READ_ROLES)
def export_catalogue(us: UserSession) -> CatalogueView:
    """The catalogue in use (the shipped default seeded on first use), with an audit row of its export."""
    view = catalogue_in_use(us)
    with us.tx() as tx:
        tx.audit(Action.EXPORT, Entity.INDICATOR_CATALOGUE, view.pk,
                 detail=f"catalogue:{view.catalogue.id};version:{view.catalogue.version}")
    return view
