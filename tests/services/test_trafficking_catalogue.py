"""Catalogue versions: a valid import becomes the one in use; an invalid one is refused with every problem and the
one in use is untouched; a version already stored is refused; the shipped default is seeded on first use."""

from __future__ import annotations

import json

import pytest

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.indicators import CatalogueError
from ospod_desktop.services import trafficking
from tests.services.trafficking_helpers import SMALL, count, rows, small_text, trafficking_office


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with trafficking_office(admin_session[0], officer_session, db_path) as o:
        yield o


def test_a_valid_import_becomes_the_one_in_use(office):
    o = office
    view = trafficking.import_catalogue(o.supervisor, small_text(version="2"), "Aktualizace katalogu")
    assert (view.catalogue_id, view.version, view.in_use, view.by) == ("test-small", "2", True, "Supervisor Testová")
    in_use = trafficking.catalogue_in_use(o.officer)
    assert in_use.pk == view.pk and in_use.catalogue.version == "2" and in_use.catalogue.digest == view.digest
    versions = trafficking.catalogue_versions(o.admin)
    assert [(v.version, v.in_use) for v in versions] == [("2", True), ("1", False)]  # no default: never in use
    assert rows(o.admin, "SELECT action, entity, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT 1") == [
        ("create", "indicator_catalogue", view.pk, f"import:replaces:{versions[1].pk}")]


def test_an_invalid_catalogue_is_refused_with_every_problem(office):
    o = office
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data["version"] = "3"
    data["indicators"][0]["strength"] = "huge"
    del data["indicators"][1]["text"]
    before = trafficking.catalogue_in_use(o.officer)
    with pytest.raises(CatalogueError) as err:
        trafficking.import_catalogue(o.admin, json.dumps(data), "Rozbitý katalog")
    paths = " ".join(p.path + " " + p.message for p in err.value.problems)
    assert len(err.value.problems) >= 2 and "indicators[0]" in paths and "indicators[1]" in paths
    with pytest.raises(CatalogueError) as bad_json:
        trafficking.import_catalogue(o.admin, b'{"id": ', "Rozbitý soubor")
    assert bad_json.value.problems[0].path == "$"
    assert count(o.admin, "indicator_catalogue") == 1
    assert trafficking.catalogue_in_use(o.officer).pk == before.pk


def test_a_stored_version_or_a_missing_reason_is_refused(office):
    o = office
    with pytest.raises(ValidationError) as err:
        trafficking.import_catalogue(o.admin, SMALL.read_bytes(), "Ještě jednou")
    assert err.value.field == "version"
    with pytest.raises(ValidationError) as err:
        trafficking.import_catalogue(o.admin, small_text(version="9"), "x")
    assert err.value.field == "reason"
    assert count(o.admin, "indicator_catalogue") == 1


def test_the_shipped_default_is_seeded_on_first_use(officer_session):
    from ospod_desktop.core.indicators import default_catalogue

    try:
        default = default_catalogue()
    except FileNotFoundError:
        pytest.skip("resources/indicators/default.json has not landed on this branch yet (branch ind-content)")
    view = trafficking.catalogue_in_use(officer_session)
    assert view.catalogue.digest == default.digest
    assert trafficking.catalogue_in_use(officer_session).pk == view.pk  # seeded once
    versions = trafficking.catalogue_versions(officer_session)
    assert len(versions) == 1 and versions[0].by is None and versions[0].in_use
