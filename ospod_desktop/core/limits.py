"""How long a text field may be, in one place: every validation (core forms and services) reads these.

The limits keep a record printable and a typing accident (a pasted document) out of a one-line field; they are
not database constraints (SQLite text has no length), so changing one needs no migration.
"""

from __future__ import annotations

NAME_MAX = 200  # a person's or an organisation's name, an e-mail address, an issuer
DISPLAY_NAME_MAX = 120  # a user's full name; the municipality (ORP) on the letterhead
LINE_MAX = 300  # any other line: a place, a facility's name, a court, a relationship to a carer
REFERENCE_MAX = 100  # a document number, a police, asylum or other agency's reference, a family relationship
USERNAME_MIN, USERNAME_MAX = 3, 64  # a login name
FACILITY_CODE_MAX = 40  # a facility's short code in the register
PHONE_MAX = 50  # a contact's phone number
FACILITY_PHONE_MAX = 40  # a facility's switchboard in the register (checked against a phone pattern too)
CASE_MARK_MAX = 50  # the office's case file mark ("Om 123/2026")
ADDRESS_MAX = 500  # a postal address of several lines
LETTERHEAD_MAX = 1000  # the office's extra letterhead lines
NOTE_MAX = 2000  # a short free text: a description, a reason, a facility's other contacts
TEXT_MAX = 10_000  # notes

# Import files (children, placements, visits; `services._table_files`). Checked before and while parsing, so a
# file over a limit fails at once with one message instead of filling the memory: the size on disk first, then an
# XLSX's unpacked size (a zip bomb) and the rows in its sheets' XML, then the rows as they are read.
IMPORT_FILE_MAX = 64 * 1024 * 1024  # bytes on disk: a register of 250,000 rows is ~25–40 MB as CSV, less as XLSX
IMPORT_UNPACKED_MAX = 512 * 1024 * 1024  # bytes an XLSX unpacks to, all its parts together
IMPORT_ROWS_MAX = 250_000  # data rows (the header not counted; blank rows count)
