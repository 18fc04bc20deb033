"""Loading catalogues: from parsed data or text (checked first, `CatalogueError` with every problem), and the
shipped default (`resources/indicators/default.json`, loaded once)."""

from __future__ import annotations

from functools import lru_cache

from ospod_desktop.core.indicators.check import check_catalogue, read_json
from ospod_desktop.core.indicators.model import Catalogue, CatalogueError
from ospod_desktop.paths import resource

DEFAULT_FILE = ("indicators", "default.json")


def load_catalogue(data: object) -> Catalogue:
    """The catalogue of parsed JSON `data`; CatalogueError listing every problem when it is not valid."""
    problems = check_catalogue(data)
    if problems:
        raise CatalogueError(problems)
    assert isinstance(data, dict)
    return Catalogue.from_data(data)


def parse_catalogue(text: str | bytes) -> Catalogue:
    """The catalogue in a file's text; CatalogueError (malformed JSON is a problem at `$`)."""
    data, problem = read_json(text)
    if problem:
        raise CatalogueError([problem])
    return load_catalogue(data)


def default_catalogue_text() -> str:
    """The shipped default catalogue's file, as text."""
    return resource(*DEFAULT_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The shipped default catalogue (checked and parsed once)."""
    return parse_catalogue(default_catalogue_text())
