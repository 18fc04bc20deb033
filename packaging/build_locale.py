"""Extract every translatable string, update the .po catalogs, compile the .mo files (babel).

    python packaging/build_locale.py            # extract + update + compile
    python packaging/build_locale.py --check    # exit 1 if a catalog is stale or a Czech string is missing

Source strings are English; Czech (cs) is the default UI language and must translate every string.
The English catalog exists so plural forms and any wording fixes have a home.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "ospod_desktop" / "resources" / "locale"
DOMAIN = "ospod"
LANGS = ("cs", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract() -> Catalog:
    """All strings marked in ospod_desktop/ (generated forms included)."""
    template = Catalog(project="OSPOD Desktop", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "ospod_desktop"), method_map=method_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        template.add(message, None, [(f"ospod_desktop/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=lang)
    return Catalog(locale=lang, project="OSPOD Desktop", charset="utf-8")


def _po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=False, no_location=True, sort_output=True)
    return buf.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def updated(lang: str, template: Catalog) -> Catalog:
    catalog = load(lang)
    created = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True)  # takes the template's creation date (now)
    catalog.obsolete.clear()
    catalog.creation_date = created  # stable output: no timestamp churn on every run (--check in another minute)
    catalog.revision_date = created
    return catalog


def missing_translations(catalog: Catalog) -> list[str]:
    """Message ids with no (or only a fuzzy) translation."""
    out = []
    for msg in catalog:
        if not msg.id:
            continue
        strings = msg.string if isinstance(msg.string, (list, tuple)) else [msg.string]
        if msg.fuzzy or not all(strings):
            out.append(msg.id if isinstance(msg.id, str) else msg.id[0])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    template = extract()
    problems = []
    for lang in LANGS:
        catalog = updated(lang, template)
        po, mo = _po_bytes(catalog), _mo_bytes(catalog)
        mo_path = po_path(lang).with_suffix(".mo")
        if args.check:
            if not po_path(lang).exists() or po_path(lang).read_bytes() != po:
                problems.append(f"{po_path(lang).relative_to(ROOT)} is stale: run packaging/build_locale.py")
            if not mo_path.exists() or mo_path.read_bytes() != mo:
                problems.append(f"{mo_path.relative_to(ROOT)} is stale: run packaging/build_locale.py")
        else:
            po_path(lang).parent.mkdir(parents=True, exist_ok=True)
            po_path(lang).write_bytes(po)
            mo_path.write_bytes(mo)
        if lang == "cs":
            problems += [f"cs: no translation for {mid!r}" for mid in missing_translations(catalog)]
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if (args.check and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
