"""The demo database: accounts that log straight in, realistic deterministic children, an intact audit chain."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
from anyascii import anyascii
from babel import Locale
from rapidfuzz import fuzz
from sqlalchemy import text
from sqlmodel import select

from ospod_desktop.core import child_rules
from ospod_desktop.core.ages import age_info
from ospod_desktop.core.child_form import validate
from ospod_desktop.core.child_names import index_text
from ospod_desktop.core.errors import DatabaseExists
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.demo import builder as demo
from ospod_desktop.demo.data import (
    ABROAD,
    AGENCIES,
    CARER_RELATIONS,
    KACPU_PLACES,
    PLACE_AUTHORITIES,
    POOL_SOURCES,
    PROFILES,
    ROUTE_PLACES,
    pool,
)  # fmt: skip
from ospod_desktop.services import children, identity
from ospod_desktop.services.children import ListFilter, child_ids
from ospod_desktop.storage import audit, child_lists, keyslots, sealing, search
from ospod_desktop.storage.child_tables import ChildHistory
from ospod_desktop.storage.keyslots import keys_path
from ospod_desktop.storage.models import AuditEntry, Child, Facility, User
from tests.conftest import FAST_KDF

N = 300
SEED = 2026
COUNTRIES = set(Locale("en").territories)
CZECH_DIACRITICS = set("áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ")


def _children(path) -> list[dict]:
    """Every child as a dict, its list rows (revision 0005) as the joined text the generator writes."""
    us = identity.login(path, "supervisor", demo.DEMO_PASSWORD)
    try:
        with us.read() as session:
            lists = child_lists.read(session, None)
            empty = {f: () for f in child_lists.FIELDS}
            return [{**c.model_dump(), **{f: child_lists.join(f, v) for f, v in lists.get(c.id, empty).items()}}
                    for c in session.exec(select(Child).order_by(Child.id)).all()]
    finally:
        us.close()


def _query(path, sql: str, table: str = "") -> list[dict]:
    """Rows of a query as the supervisor (raw SQL: dates and times come back as ISO text; the sealed columns of
    `table` opened with the supervisor's office key)."""
    us = identity.login(path, "supervisor", demo.DEMO_PASSWORD)
    try:
        assert us.db.office.key is not None
        with us.read() as session:
            rows = [dict(r._mapping) for r in session.connection().execute(text(sql))]
        found = re.search(r"FROM (\w+)", sql)
        table = table or (found[1] if found else "")
        for row in rows:
            for column in sealing.columns_of_row(table, row):
                if column in row and "uuid" in row:
                    row[column] = sealing.unseal(us.db.office.key, table, column, row["uuid"], row[column])
        return rows
    finally:
        us.close()


def _content(rows: list[dict]) -> list[dict]:
    """What a child is, without when it was written and its sync identity (random per build)."""
    return [{k: v for k, v in row.items() if k not in ("created_at", "updated_at", "uuid")} for row in rows]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One demo database for the read-only checks (built once: the module shares it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        calls: list[tuple[int, int]] = []
        demo.build_demo(path, children=N, seed=SEED, progress=lambda done, total: calls.append((done, total)))
        rows = _children(path)
    return path, rows, calls


def _script(value: str, first: int, last: int) -> bool:
    return any(first <= ord(ch) <= last for ch in value)


def _years_before(d: date, years: int) -> date:
    return d.replace(year=d.year - years, day=28) if (d.month, d.day) == (2, 29) else d.replace(year=d.year - years)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _birth_window(row: dict) -> tuple[date, date]:
    """The earliest and latest birth date the row's recorded age allows."""
    if row["birth_date"]:
        return row["birth_date"], row["birth_date"]
    if row["birth_year"]:
        return date(row["birth_year"], 1, 1), date(row["birth_year"], 12, 31)
    found = row["found_on"]
    return _years_before(found, row["age_max"] + 1) + timedelta(days=1), _years_before(found, row["age_min"])


def _name_similarity(a: dict, b: dict) -> float:
    """Field by field, either order, folded to ASCII: how a human would see they are the same child."""
    ga, fa, gb, fb = (anyascii(x).lower() for x in (a["given_names"], a["family_names"], b["given_names"], b["family_names"]))
    straight = (fuzz.ratio(ga, gb) + fuzz.ratio(fa, fb)) / 2
    swapped = (fuzz.ratio(ga, fb) + fuzz.ratio(fa, gb)) / 2
    return max(straight, swapped, fuzz.token_set_ratio(f"{ga} {fa}", f"{gb} {fb}"))


def test_every_demo_account_logs_in_without_changing_password(built):
    path = built[0]
    for username, role in demo.DEMO_ACCOUNTS:
        us = identity.login(path, username, demo.DEMO_PASSWORD)
        try:
            assert us.actor.role == Role(role)
            assert not identity.must_change_password(us)
            assert any(ch in CZECH_DIACRITICS for ch in us.actor.display_name)
        finally:
            us.close()


def test_facility_user_is_bound_to_radlicka(built):
    us = identity.login(built[0], "facility", demo.DEMO_PASSWORD)
    try:
        with us.read() as session:
            radlicka = session.exec(select(Facility.id).where(Facility.code == "ZDC-RADLICKA")).one()
            others = session.exec(select(User.facility_id).where(User.username != "facility")).all()
        assert us.actor.facility_id == radlicka
        assert others and all(f is None for f in others)
    finally:
        us.close()


def test_child_count_and_progress(built):
    _path, rows, calls = built
    assert [r["id"] for r in rows] == list(range(1, N + 1))
    assert calls[-1] == (N, N)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_same_seed_same_children_other_seed_differs(built, tmp_path):
    again, other = tmp_path / "again.db", tmp_path / "other.db"
    demo.build_demo(again, children=N, seed=SEED)
    demo.build_demo(other, children=N, seed=SEED + 1)
    assert _content(_children(again)) == _content(built[1])
    assert _content(_children(other)) != _content(built[1])
    for table in ("family_contact", "age_assessment", "child_identifier", "placement"):
        rows = f"SELECT * FROM {table} ORDER BY id"
        assert _content(_query(again, rows, table)) == _content(_query(built[0], rows, table)), table


def test_names_in_original_scripts_and_czech_diacritics(built):
    rows = built[1]
    scripts = [r["original_script_name"] for r in rows]
    assert any(_script(s, 0x0400, 0x04FF) for s in scripts)  # Cyrillic
    assert any(_script(s, 0x0600, 0x06FF) for s in scripts)  # Arabic
    assert any(_script(s, 0x1200, 0x137F) for s in scripts)  # Ge'ez (Tigrinya)
    latin = "".join(r["given_names"] + r["family_names"] for r in rows)
    assert CZECH_DIACRITICS & set(latin)
    assert all(not _script(r["given_names"] + r["family_names"], 0x0400, 0x137F) for r in rows)
    assert any(CZECH_DIACRITICS & set(r["found_place"]) for r in rows)


def test_nationalities_are_iso_codes_stateless_or_unknown(built):
    rows = built[1]
    codes = [r["nationalities"] for r in rows]
    assert all(c in ("", "XX") or (len(c) == 2 and c.isupper() and c in COUNTRIES) for c in codes)
    counts = {c: codes.count(c) for c in set(codes)}
    assert max(counts, key=counts.get) == "UA"
    assert {"AF", "SY", "VN", "XX", ""} <= set(codes)


def test_dates_are_plausible(built):
    rows = built[1]
    today = date.today()
    assert all(date(2022, 1, 1) <= r["found_on"] <= today for r in rows)
    assert all(r["created_at"].replace(tzinfo=UTC) <= datetime.now(UTC) for r in rows)
    for r in rows:
        found = r["found_on"]
        recorded = [r["birth_date"] is not None, r["birth_year"] is not None, r["age_min"] is not None]
        assert sum(recorded) == 1, r["id"]
        if r["birth_date"]:
            assert 0 <= _age(r["birth_date"], found) <= 17, r["id"]
        elif r["birth_year"]:
            assert 0 <= found.year - r["birth_year"] <= 18, r["id"]
        else:
            assert 0 <= r["age_min"] < r["age_max"] <= 17, r["id"]
    dated = [r for r in rows if r["birth_date"]]
    assert sum(_age(r["birth_date"], r["found_on"]) >= 13 for r in dated) > 0.5 * len(dated)
    assert sum(r["sex"] == "M" for r in rows) > N / 2
    assert {r["sex"] for r in rows} <= {"M", "F", "U"}
    assert {r["status"] for r in rows} == {"unaccompanied", "separated"}


def test_every_child_has_one_create_row_and_the_chain_verifies(built):
    us = identity.login(built[0], "admin", demo.DEMO_PASSWORD)
    try:
        with us.read() as session:
            report = audit.verify(session)
            creates = session.exec(
                select(AuditEntry.entity_id, AuditEntry.user_id, AuditEntry.role, AuditEntry.detail).where(
                    AuditEntry.action == Action.CREATE, AuditEntry.entity == Entity.CHILD
                )
            ).all()
            writers = dict(session.exec(select(User.id, User.role)).all())
        assert report.ok, report
        assert sorted(e.entity_id for e in creates) == list(range(1, N + 1))
        by_id = {r["id"]: r for r in built[1]}
        assert all(e.user_id == by_id[e.entity_id]["created_by"] and e.role == writers[e.user_id] for e in creates)
        assert {e.detail for e in creates} == {"demo"}
        assert {writers[e.user_id] for e in creates} <= {Role.OFFICER, Role.SUPERVISOR}
    finally:
        us.close()


def test_children_are_indexed_and_have_a_created_history_line(built):
    us = identity.login(built[0], "officer", demo.DEMO_PASSWORD)
    try:
        with us.read() as session:
            conn = session.connection()
            fts = conn.execute(text("SELECT count(*) FROM child_fts")).scalar()
            keyed = conn.execute(text("SELECT count(DISTINCT child_id) FROM child_name_key")).scalar()
            history = session.exec(select(ChildHistory.child_id, ChildHistory.field, ChildHistory.new_value)
                                   .where(ChildHistory.field == children.CREATED)).all()  # placements add lines too
        assert fts == N and keyed == N
        assert sorted(h.child_id for h in history) == list(range(1, N + 1))
        assert {(h.field, h.new_value) for h in history} == {(children.CREATED, "demo")}
        assert all(r["sort_name"] for r in built[1])
        with us.read() as session:  # the bulk writer stored what the one-child writer would have
            stored = search.texts(session.connection(), [r["id"] for r in built[1]])
            numbers: dict[int, list[str]] = {}
            for child_id, number in session.connection().execute(text("SELECT child_id, number FROM child_identifier "
                                                                      "ORDER BY id")):
                numbers.setdefault(child_id, []).append(number)
        assert numbers  # documents are searched too
        assert stored == {r["id"]: index_text(r, numbers.get(r["id"], [])) for r in built[1]}
        # Found by the case list's search, typed in the original script.
        target = next(r for r in built[1] if _script(r["original_script_name"], 0x0400, 0x04FF))
        assert target["id"] in child_ids(us, ListFilter(query=target["original_script_name"], case_status=None))
    finally:
        us.close()


def test_demo_records_pass_the_registration_rules(built):
    rows = built[1]
    assert {r["channel"] for r in rows} <= set(child_rules.CHANNELS)
    assert {r["urgency"] for r in rows} <= set(child_rules.URGENCIES)
    assert len({r["case_mark"] for r in rows}) == N
    assert all(r["companion_relationship"] for r in rows if r["status"] == "separated")
    us = identity.login(built[0], "officer", demo.DEMO_PASSWORD)
    try:
        for child_id in range(1, N + 1):
            validate(children.get_child(us, child_id).form, date.today())  # raises on any invalid field
    finally:
        us.close()


def test_near_duplicates_are_variants_of_their_originals(built):
    rows = {r["id"]: r for r in built[1]}
    pairs = demo.near_duplicate_pairs(N, SEED)
    assert pairs == demo.near_duplicate_pairs(N, SEED)
    assert 0.05 * N <= len(pairs) <= 0.08 * N
    originals, dups = {i for i, _ in pairs}, {j for _, j in pairs}
    assert len(originals) == len(pairs) and not originals & dups
    for i, j in pairs:
        a, b = rows[i], rows[j]
        assert i < j and a["found_on"] <= b["found_on"]
        assert a["nationalities"] == b["nationalities"] and a["sex"] == b["sex"]
        (ea, la), (eb, lb) = _birth_window(a), _birth_window(b)
        assert ea <= lb and eb <= la, (i, j)
        assert _name_similarity(a, b) >= 65, (i, j)
        assert not b["aliases"]
        differs = ("given_names", "family_names", "original_script_name", "birth_date", "birth_year", "age_min")
        assert any(a[k] != b[k] for k in differs), (i, j)


def test_near_duplicates_hold_over_larger_runs():
    """The same invariants over more children and seeds, without a database (the generator is pure)."""
    for seed in (1, 7):
        rows = list(demo.generate_children(3000, seed))
        for i, j in demo.near_duplicate_pairs(3000, seed):
            a, b = rows[i - 1], rows[j - 1]
            (ea, la), (eb, lb) = _birth_window(a), _birth_window(b)
            assert ea <= lb and eb <= la and a["nationalities"] == b["nationalities"]
            assert _name_similarity(a, b) >= 65, (seed, i, j)
        assert all(r["age_min"] is None or r["age_max"] <= 17 for r in rows)


def test_batches_chain_across_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "BATCH", 17)
    path = tmp_path / "small.db"
    calls = []
    demo.build_demo(path, children=60, seed=3, progress=lambda d, t: calls.append(d))
    assert calls == [0, 17, 34, 51, 60]
    us = identity.login(path, "officer", demo.DEMO_PASSWORD)
    try:
        with us.read() as session:
            assert audit.verify(session).ok
            assert len(session.exec(select(Child.id)).all()) == 60
    finally:
        us.close()


def test_existing_database_is_refused(built):
    before = built[0].read_bytes()
    with pytest.raises(DatabaseExists):
        demo.build_demo(built[0], children=5)
    assert built[0].read_bytes() == before


def test_a_failed_build_leaves_nothing_behind(tmp_path, monkeypatch):
    def boom(ctx):
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo, "STAGES", (demo._stage_accounts, boom))
    path = tmp_path / "broken.db"
    with pytest.raises(RuntimeError):
        demo.build_demo(path, children=5)
    assert not any(tmp_path.iterdir()), sorted(p.name for p in tmp_path.iterdir())
    assert not keys_path(path).exists()


def test_name_pools_are_clean():
    """Latin fields hold only Latin letters (no Cyrillic look-alikes); script pools give every name a script."""
    for key in POOL_SOURCES:
        p = pool(key)
        has_script = any(n.script for n in p.male)
        for name in p.male + p.female + p.family + p.middle_m + p.middle_f:
            for spelling in (name.latin, name.latin_f, *name.alts, *name.alts_f):
                letters = [ch for ch in spelling if ch.isalpha()]
                assert spelling and all(unicodedata.name(ch).startswith("LATIN") for ch in letters), (key, spelling)
            assert bool(name.script) == has_script and bool(name.script_f) == has_script, key
            assert name.latin not in name.alts and name.latin_f not in name.alts_f, (key, name.latin)
    assert {p.nationality for p in PROFILES} >= {"UA", "AF", "SY", "VN", "MA", "SK", "ER", "SO", "NG", "MD", "GE",
                                                  "RU", "BY", "IQ", "PK", "BD", "XX", ""}  # fmt: skip


# -- placements and disappearances ----------------------------------------------------------------
def _placement_rows(path):
    us = identity.login(path, "supervisor", demo.DEMO_PASSWORD)
    try:
        with us.read() as session:
            conn = session.connection()
            placements = [dict(r._mapping) for r in conn.execute(text(
                "SELECT p.*, f.type AS facility_type, f.code AS facility_code, c.found_on AS found_on "
                "FROM placement p LEFT JOIN facility f ON f.id = p.facility_id JOIN child c ON c.id = p.child_id "
                "ORDER BY p.child_id, p.start_date, p.id"))]
            episodes = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM missing_episode ORDER BY id"))]
            for e in episodes:  # who was informed: rows of missing_informed (revision 0005), as the columns they were
                e.update({f"{party}_informed_at": None for party in ("police", "officer", "guardian", "line_116000")})
            for party, episode_id, at in conn.execute(text("SELECT party, episode_id, informed_at FROM missing_informed")):
                next(e for e in episodes if e["id"] == episode_id)[f"{party}_informed_at"] = at
            extensions = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM placement_extension ORDER BY id"))]
        return placements, episodes, extensions
    finally:
        us.close()


def test_demo_children_are_placed_as_life_goes(built):
    placements, episodes, extensions = _placement_rows(built[0])
    by_child: dict[int, list[dict]] = {}
    for p in placements:
        by_child.setdefault(p["child_id"], []).append(p)
    first = [chain[0] for chain in by_child.values()]
    assert 0.6 * N <= len(by_child) <= 0.95 * N
    assert sum(p["facility_code"] == demo.RADLICKA_CODE for p in first) > 0.5 * len(first)  # most start at Radlická
    later = [p for chain in by_child.values() for p in chain[1:]]
    assert {"childrens_home", "zdvop"} <= {p["setting"] for p in later}
    assert any(p["setting"] == "relatives" and p["carer_name"] for p in placements)
    assert sum(p["end_reason"] == "transfer" for p in placements) > 0.2 * len(by_child)
    assert extensions and all(e["new_expiry"] > e["decided_on"] for e in extensions)
    open_now = [e for e in episodes if e["returned_at"] is None and e["closed_at"] is None]
    assert 1 <= len(open_now) <= 0.05 * N  # a few missing right now
    assert any(e["police_informed_at"] is None for e in open_now)  # one or two not yet reported
    assert any(e["police_informed_at"] for e in open_now)
    assert any(e["returned_at"] for e in episodes)  # and some came back


def test_demo_placements_pass_the_rules(built):
    today = date.today()
    placements, episodes, _ = _placement_rows(built[0])
    from ospod_desktop.core import placement_rules as PR

    by_child: dict[int, list[dict]] = {}
    for p in placements:
        by_child.setdefault(p["child_id"], []).append(p)
        found = date.fromisoformat(str(p["found_on"]))
        start = date.fromisoformat(str(p["start_date"]))
        end = date.fromisoformat(str(p["end_date"])) if p["end_date"] else None
        assert found <= start <= today and (end is None or start <= end <= today), p["id"]
        assert p["legal_basis"] in PR.LEGAL_BASES and (end is None) == (p["end_reason"] == "")
        assert p["end_reason"] == "" or p["end_reason"] in PR.END_REASONS
        assert (p["facility_id"] is None) == (p["setting"] in PR.PERSON_SETTINGS)
        assert p["facility_id"] is None or p["setting"] == p["facility_type"]
        if p["legal_basis"] == "preliminary_measure":
            assert p["court"] and p["court_file_number"] and p["decision_date"]
    for chain in by_child.values():
        assert sum(p["end_date"] is None for p in chain) <= 1
        for a, b in zip(chain, chain[1:], strict=False):
            assert a["end_date"] is not None and str(a["end_date"]) <= str(b["start_date"]), (a["id"], b["id"])
            if b["previous_id"]:
                assert b["previous_id"] == a["id"] and a["end_reason"] == "transfer"
    for e in episodes:
        end = e["returned_at"] or e["closed_at"]
        assert end is None or str(end) > str(e["last_seen_at"])


def test_the_facility_user_sees_a_sensible_number_of_children(built):
    from ospod_desktop.services import children

    us = identity.login(built[0], "facility", demo.DEMO_PASSWORD)
    try:
        ids = children.child_ids(us, ListFilter(case_status=None))
        assert 1 <= len(ids) <= 40
        rows = children.child_rows(us, ids)
        assert any(r.current_facility and "děti-cizince" in r.current_facility for r in rows)
        assert any(r.missing is not None for r in rows)  # the Radlická child missing right now
        assert {r["id"] for r in children.case_list_records(us)} == set(ids)
    finally:
        us.close()


def test_placement_plan_is_deterministic():
    from ospod_desktop.demo.placements import ChildFacts, plan_placements

    today, now = date(2026, 6, 1), datetime(2026, 6, 1, 12, tzinfo=UTC)
    facts = [ChildFacts(i, date(2025, 1, 1) + timedelta(days=i), None, 2010, None, None, "unaccompanied", "", "", "X",
                        "UA", None) for i in range(1, 200)]
    facilities = {t: [i] for i, t in enumerate(("zdvop", "childrens_home", "childrens_home_school", "diagnostic_institute",
                                                "educational_institute", "asylum_facility", "hospital"), start=2)}
    one = plan_placements(facts, 7, today, now, facilities, 1)
    two = plan_placements(facts, 7, today, now, facilities, 1)
    assert one.placements == two.placements and one.episodes == two.episodes and one.audit == two.audit
    assert plan_placements(facts, 8, today, now, facilities, 1).placements != one.placements


# -- the story holds together (issue 9) ---------------------------------------------------------------------------
TODAY = date(2026, 6, 1)  # the pure generator's day, so these checks do not move with the calendar
SCHOOL = re.compile(r"\bškol|\btříd", re.IGNORECASE)
WORK = re.compile(r"\bpracoval", re.IGNORECASE)
ALONE = re.compile(r"\b(sám|sama|samo)\b", re.IGNORECASE)
BABY = re.compile(r"kočár|dudlík|kojeneck", re.IGNORECASE)
# Words that speak of the child, in its three forms: a boy (masculine), a girl (feminine), sex unknown (neuter, "dítě").
GENDERED = (
    ("předán", "předána", "předáno"), ("nalezen", "nalezena", "nalezeno"), ("zadržen", "zadržena", "zadrženo"),
    ("registrován", "registrována", "registrováno"), ("ošetřen", "ošetřena", "ošetřeno"),
    ("přicestoval", "přicestovala", "přicestovalo"), ("cestoval", "cestovala", "cestovalo"),
    ("pracoval", "pracovala", "pracovalo"), ("vydělal", "vydělala", "vydělalo"), ("oddělil", "oddělila", "oddělilo"),
    ("oslovil", "oslovila", "oslovilo"), ("přijel", "přijela", "přijelo"), ("přiletěl", "přiletěla", "přiletělo"),
    ("utekl", "utekla", "uteklo"), ("chodil", "chodila", "chodilo"), ("nechodil", "nechodila", "nechodilo"),
    ("strávil", "strávila", "strávilo"), ("vrátil", "vrátila", "vrátilo"), ("nevrátil", "nevrátila", "nevrátilo"),
    ("odešel", "odešla", "odešlo"), ("neodjel", "neodjela", "neodjelo"), ("mluvil", "mluvila", "mluvilo"),
    ("unavený", "unavená", "unavené"), ("hladový", "hladová", "hladové"), ("podchlazený", "podchlazená", "podchlazené"),
    ("hubený", "hubená", "hubené"), ("vysoký", "vysoká", "vysoké"), ("schovaný", "schovaná", "schované"),
    ("sám", "sama", "samo"),
)
FORM = {"M": 0, "F": 1, "U": 2}
CHILD_WORDS = {"M": {"Chlapec", "Chlapeček"}, "F": {"Dívka", "Holčička"}, "U": {"Dítě"}}
# The region of a court, and of a place found (by its reporting police directorate, else named here): KRPA Prague,
# KRPB South Moravia, KRPT Moravia-Silesia, …, KRPS Central Bohemia.
COURT_REGION = {
    "Městský soud v Brně": "B", "Okresní soud v Břeclavi": "B", "Okresní soud ve Znojmě": "B",
    "Okresní soud Brno-venkov": "B", "Okresní soud v Ostravě": "T", "Okresní soud v Karviné": "T",
    "Okresní soud Plzeň-město": "P", "Okresní soud v Tachově": "P", "Okresní soud v Hradci Králové": "H",
    "Okresní soud v Jihlavě": "J", "Okresní soud v Českých Budějovicích": "C", "Okresní soud v Českém Krumlově": "C",
    "Okresní soud v Ústí nad Labem": "U", "Okresní soud v Olomouci": "M", "Okresní soud v Pardubicích": "E",
    "Okresní soud v Liberci": "L", "Okresní soud v Mladé Boleslavi": "S",
}
PLACE_REGION = {
    "Letiště Václava Havla Praha": "A", "Zařízení pro zajištění cizinců Bělá-Jezová": "S",
    "Přijímací středisko Zastávka u Brna": "B", "KACPU Praha – Kongresové centrum": "A", "KACPU Praha – Vysočany": "A",
    "KACPU Brno – Výstaviště": "B", "KACPU Ostrava – Černá louka": "T", "KACPU Plzeň": "P",
    "KACPU Hradec Králové": "H",
}


def _court_region(court: str) -> str:
    return "A" if court.startswith("Obvodní soud pro Prahu") else COURT_REGION[court]


def _place_region(row: dict) -> str:
    if row["found_place"] in PLACE_REGION:
        return PLACE_REGION[row["found_place"]]
    agency = next(code for code, name in AGENCIES.items() if name == row["reporter_agency"])
    return agency[3]  # KRPB -> B


def _bounds(row: dict) -> tuple[int, int]:
    """The youngest and oldest the child can be on the day found, as its record gives it."""
    found = row["found_on"]
    if row["birth_date"]:
        age = _age(row["birth_date"], found)
        return age, age
    if row["birth_year"]:
        return max(0, found.year - row["birth_year"] - 1), found.year - row["birth_year"]
    return row["age_min"], row["age_max"]


def _ages_on(row: dict, day: date) -> tuple[int, int]:
    info = age_info(day, _as_date(row["birth_date"]), row["birth_year"], row["age_min"], row["age_max"],
                    _as_date(row["found_on"]))
    assert info.low is not None and info.high is not None
    return info.low, info.high


def _as_date(value) -> date | None:
    return None if value is None else value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _at(value) -> datetime:
    """A stored time as naive UTC (raw SQL gives ISO text, the ORM naive datetimes)."""
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at


def _child_texts(row: dict) -> str:
    return " ".join(row[k] for k in ("notes", "description", "wishes", "urgency_reason"))


def _wrong_gender(text: str, sex: str) -> set[str]:
    """The words of `text` that speak of the child in another gender than its sex's."""
    words = set(re.findall(r"\w+", text.lower()))
    return {form for forms in GENDERED for i, form in enumerate(forms) if i != FORM[sex] and form in words}


def _generated(seed: int, children: int = 3000) -> list[dict]:
    return list(demo.generate_children(children, seed, today=TODAY))


def test_ages_fit_the_story():
    """No school before 6, no work before 14, nobody under 10 travels alone, no pram after 2; ages said agree."""
    for seed in (1, 7):
        rows = _generated(seed)
        assert sum(bool(r["notes"]) for r in rows) == len(rows)  # every child has its story
        assert sum(bool(r["wishes"]) for r in rows) > 0.7 * len(rows)
        assert sum(bool(r["description"]) for r in rows) > 0.2 * len(rows)
        for r in rows:
            lo, hi = _bounds(r)
            told = _child_texts(r)
            assert lo >= 6 or not SCHOOL.search(told), (seed, r["reference"], lo, told)
            assert lo >= 14 or not WORK.search(told), (seed, r["reference"], lo, told)
            assert lo >= 10 or not ALONE.search(told), (seed, r["reference"], lo, told)
            assert hi <= 3 or not BABY.search(told), (seed, r["reference"], hi, told)
            grade = re.search(r"do (\d+)\. třídy", told)
            assert grade is None or 1 <= int(grade[1]) <= lo - 6, (seed, r["reference"], lo, told)
            said = re.search(r"asi (\d+) (rok|roky|let)\b", r["description"])
            assert said is None or lo <= int(said[1]) <= hi, (seed, r["reference"], lo, hi, r["description"])
            for cm in map(int, re.findall(r"asi (\d+) cm", r["description"])):
                assert (hi > 8 or cm < 150) and (lo < 14 or cm >= 140), (seed, r["reference"], lo, hi, cm)
            if r["age_claimed"] is not None:
                assert r["age_min"] is not None and r["age_claimed"] <= r["age_max"]
            if r["age_document"] is not None:
                assert lo <= r["age_document"] <= hi
        school = [r for r in rows if SCHOOL.search(_child_texts(r))]
        assert school and min(_bounds(r)[0] for r in school) >= 6
        assert any(_bounds(r)[1] <= 2 and BABY.search(r["description"]) for r in rows)  # a baby in a pram
        assert any(WORK.search(r["notes"]) for r in rows)  # a teenager who worked on the way


def test_czech_texts_agree_with_the_childs_sex(built):
    """"Nevrátil se" of a boy, "nevrátila se" of a girl, "nevrátilo se" (dítě) of a child whose sex is unknown."""
    sexes = {r["id"]: r["sex"] for r in built[1]}
    episodes = _query(built[0], "SELECT * FROM missing_episode")
    assert episodes
    for e in episodes:  # the missing reports
        said = " ".join((e["circumstances"], e["description"], e["found_place"], e["condition"]))
        assert not _wrong_gender(said, sexes[e["child_id"]]), (sexes[e["child_id"]], said)
    for rows in (_generated(3), built[1]):  # the notes, the description, the wishes, the reason for urgency
        for r in rows:
            assert not _wrong_gender(_child_texts(r), r["sex"]), (r["sex"], _child_texts(r))
            if r["description"]:
                assert r["description"].split(",")[0].split()[0] in CHILD_WORDS[r["sex"]], (r["sex"], r["description"])
        gendered = [r for r in rows if _wrong_gender(_child_texts(r), "U" if r["sex"] != "U" else "M")]
        assert len(gendered) > 0.5 * len(rows)  # most notes speak of the child in its gender
        assert {r["sex"] for r in gendered} == {"M", "F", "U"}


def test_placements_begin_after_the_registration(built):
    """A placement starts on or after the day found and is recorded after the child was registered; so is every
    other line of the child's history."""
    rows = {r["id"]: r for r in built[1]}
    placements = _query(built[0], "SELECT * FROM placement")
    assert placements
    for p in placements:
        child = rows[p["child_id"]]
        assert _as_date(p["start_date"]) >= child["found_on"], p["id"]
        assert _at(p["created_at"]) >= _at(child["created_at"]), p["id"]
        assert p["decision_date"] is None or _as_date(p["decision_date"]) >= child["found_on"], p["id"]
    history = _query(built[0], "SELECT child_id, ts, field FROM child_history")
    registered = {h["child_id"]: _at(h["ts"]) for h in history if h["field"] == children.CREATED}
    assert all(_at(h["ts"]) >= registered[h["child_id"]] for h in history)
    for table in ("missing_episode", "age_assessment"):
        for e in _query(built[0], f"SELECT child_id, created_at FROM {table}"):
            assert _at(e["created_at"]) >= _at(rows[e["child_id"]]["created_at"]), table


def test_missing_episodes_only_during_a_placement_of_an_older_child(built):
    """A child goes missing from a placement it is in (seen last between its start and its end), aged 12 or more."""
    rows = {r["id"]: r for r in built[1]}
    placements = {p["id"]: p for p in _query(built[0], "SELECT * FROM placement")}
    episodes = _query(built[0], "SELECT * FROM missing_episode")
    assert episodes
    for e in episodes:
        p, seen = placements[e["placement_id"]], _at(e["last_seen_at"])
        assert p["child_id"] == e["child_id"]
        assert _as_date(p["start_date"]) <= seen.date(), e["id"]
        assert p["end_date"] is None or seen.date() <= _as_date(p["end_date"]), e["id"]
        assert _ages_on(rows[e["child_id"]], seen.date())[0] >= 12, e["id"]
        assert not SCHOOL.search(e["circumstances"]) or _ages_on(rows[e["child_id"]], seen.date())[0] >= 6


def test_court_and_ospod_fit_the_place_found(built):
    """The court that decides a placement is the one of the district where the child was found; the OSPOD named in
    the notes (and in the first placement's petition) is that place's."""
    assert {p[0] for p in KACPU_PLACES + ROUTE_PLACES} <= set(PLACE_AUTHORITIES)
    assert all(_court_region(court) for court, _office in PLACE_AUTHORITIES.values())  # every court in a region
    rows = {r["id"]: r for r in built[1]}
    courts = [p for p in _query(built[0], "SELECT * FROM placement") if p["court"]]
    assert len(courts) > 0.3 * N
    for p in courts:
        child = rows[p["child_id"]]
        assert p["court"] == PLACE_AUTHORITIES[child["found_place"]][0], (child["found_place"], p["court"])
        assert _court_region(p["court"]) == _place_region(child), (child["found_place"], p["court"])
        if p["notes"]:
            assert PLACE_AUTHORITIES[child["found_place"]][1] in p["notes"]
    extensions = _query(built[0], "SELECT e.court, p.court AS placed FROM placement_extension e "
                                  "JOIN placement p ON p.id = e.placement_id")
    assert extensions and all(e["court"] == e["placed"] for e in extensions)
    for r in rows.values():
        office = PLACE_AUTHORITIES[r["found_place"]][1]
        assert f"pohotovost OSPOD ({office})" in r["notes"], (r["found_place"], r["notes"])


def test_urgency_belongs_to_recent_cases(built):
    """"Immediate" only for a case of the last 7 days, "within 24 hours" of the last 14; a young child of those
    days is always urgent, a case of last year never."""
    for rows, today in ((_generated(5), TODAY), (built[1], date.today())):
        urgent = [r for r in rows if r["urgency"] != "standard"]
        for r in urgent:
            days = (today - r["found_on"]).days
            assert days <= (7 if r["urgency"] == "immediate" else 14), (r["urgency"], r["found_on"])
            assert r["urgency_reason"]
        assert all(not r["urgency_reason"] for r in rows if r["urgency"] == "standard")
        recent_young = [r for r in rows if (today - r["found_on"]).days <= 7 and _bounds(r)[1] < 10]
        assert all(r["urgency"] == "immediate" for r in recent_young)
    generated = _generated(5)
    assert sum(r["urgency"] == "immediate" for r in generated) >= 3
    assert sum(r["urgency"] == "within_24h" for r in generated) >= 3


def test_children_have_families(built):
    """Parents at home, an uncle in Germany, a brother in a facility…; the adult relative a separated child came
    with; relatives a child is placed with are on file, in Czechia."""
    rows = {r["id"]: r for r in built[1]}
    contacts = _query(built[0], "SELECT * FROM family_contact ORDER BY id")
    by_child: dict[int, list[dict]] = {}
    for c in contacts:
        by_child.setdefault(c["child_id"], []).append(c)
    assert len(by_child) >= 0.6 * N
    assert {c["alive"] for c in contacts} == {"yes", "no", "unknown"}
    assert {"matka", "otec", "bratr", "sestra"} <= {c["relationship"] for c in contacts}
    assert any(c["location"].startswith("Německo") for c in contacts)
    assert any(c["location"].startswith("ČR, ") and "zařízení" in c["notes"] for c in contacts)
    assert 0.1 * len(contacts) < sum(bool(c["phone"]) for c in contacts) < 0.8 * len(contacts)
    for c in contacts:
        child = rows[c["child_id"]]
        assert c["relationship"] and c["location"]
        assert not (c["alive"] == "no" and c["phone"])
        died = re.search(r"v roce (\d{4})", c["notes"])
        if died:
            assert c["alive"] == "no"
            lo, hi = _bounds(child)
            assert child["found_on"].year - hi - 1 <= int(died[1]) <= child["found_on"].year
        if c["phone"]:
            assert re.fullmatch(r"\+\d{1,3} 000 \d{6}", c["phone"])  # fictitious numbers only
    for r in rows.values():
        if r["status"] == "separated" and r["companion_name"] and r["companion_relationship"] in CARER_RELATIONS:
            assert any(c["name"] == r["companion_name"] for c in by_child[r["id"]]), r["id"]
        abroad = re.match(r"Chce pokračovat za \w+ (do .+)\.$", r["wishes"])
        if abroad:  # a wish to go on refers to a relative who lives there
            assert any(c["location"].split(",")[0] in _destination(abroad[1]) for c in by_child[r["id"]])
    placed = [p for p in _query(built[0], "SELECT * FROM placement WHERE setting = 'relatives'")]
    assert placed
    for p in placed:
        assert any(c["name"] == p["carer_name"] and c["relationship"] == p["carer_relationship"]
                   and c["location"] == f"ČR, {p['carer_address']}" for c in by_child[p["child_id"]]), p["id"]


def _destination(towards: str) -> set[str]:
    return {country for country, gen, _code, _towns in ABROAD if gen == towards}


def test_age_assessments_fit_the_recorded_age(built):
    """Every child with an assessed age has its assessments: after the day found, the last one its range (earlier
    ones around it), each with its history line and audit row; a checked document gives the age from the birth date."""
    rows = {r["id"]: r for r in built[1]}
    assessments = _query(built[0], "SELECT * FROM age_assessment ORDER BY assessed_on, id")
    by_child: dict[int, list[dict]] = {}
    for a in assessments:
        by_child.setdefault(a["child_id"], []).append(a)
    assessed = [r for r in rows.values() if r["age_min"] is not None]
    assert assessed and all(r["id"] in by_child for r in assessed)
    assert not any(rows[cid]["birth_year"] and not rows[cid]["birth_date"] for cid in by_child)
    for cid, chain in by_child.items():
        child = rows[cid]
        for a in chain:
            day = _as_date(a["assessed_on"])
            assert child["found_on"] <= day <= date.today()
            assert a["method"] in child_rules.ASSESSMENT_METHODS and a["assessor"] and a["age_min"] <= a["age_max"]
        last = chain[-1]
        shift = _age(child["found_on"], _as_date(last["assessed_on"]))
        if child["age_min"] is not None:
            assert (last["age_min"] - shift, last["age_max"] - shift) == (child["age_min"], child["age_max"]), cid
            assert all(a["age_min"] <= child["age_min"] + shift and child["age_max"] + shift <= a["age_max"]
                       for a in chain)
        else:
            assert last["method"] == "documents" and child["birth_date"]
            assert last["age_min"] == last["age_max"] == _age(child["birth_date"], _as_date(last["assessed_on"]))
    assert {"interview", "medical", "documents"} <= {a["method"] for a in assessments}
    lines = _query(built[0], "SELECT child_id FROM child_history WHERE field = 'age_assessment'")
    assert sorted(h["child_id"] for h in lines) == sorted(a["child_id"] for a in assessments)
    audited = _query(built[0], "SELECT entity_id FROM audit_log WHERE detail = 'age_assessment:demo'")
    assert sorted(a["entity_id"] for a in audited) == sorted(a["child_id"] for a in assessments)


def test_no_photos_so_the_page_shows_its_placeholder(built):
    assert _query(built[0], "SELECT count(*) AS n FROM child_photo") == [{"n": 0}]
    us = identity.login(built[0], "officer", demo.DEMO_PASSWORD)
    try:
        assert not children.get_child(us, 1).has_photo
    finally:
        us.close()


def test_every_tab_of_a_typical_child_has_something(built):
    """Identity, intake, family (contacts or wishes), placements, assessments or documents, history and timeline:
    most children show something on each; the documents tab always has the file mark."""
    us = identity.login(built[0], "officer", demo.DEMO_PASSWORD)
    try:
        repeated = {j for _i, j in demo.near_duplicate_pairs(N, SEED)}
        views = [children.get_child(us, cid) for cid in range(1, N + 1) if cid not in repeated]
    finally:
        us.close()
    full = [v for v in views if v.given_names and v.found_place and (v.family or v.wishes) and v.placements
            and (v.assessments or v.identifiers) and v.case_mark and len(v.history) >= 2]
    assert len(full) > 0.5 * len(views)
    assert sum(bool(v.family) for v in views) > 0.6 * len(views)
    assert sum(bool(v.assessments) for v in views) > 0.2 * len(views)
    assert sum(bool(v.missing) for v in views) > 0.03 * len(views)
    assert all(v.case_mark and v.notes for v in views)


def test_bulk_rows_have_random_v4_uuids_in_row_order(built):
    """The bulk writer hands out its own uuids (sorted, so the unique index is appended to): each a well-formed random
    version 4 UUID as the database's default makes, none repeated, ascending with the rows of one insert."""
    import uuid

    from ospod_desktop.storage.columns import sorted_uuids

    path = built[0]
    for table in ("assessment_answer", "child_history", "trafficking_assessment"):
        values = [r["uuid"] for r in _query(path, f"SELECT uuid FROM {table} ORDER BY rowid")]
        assert values and len(set(values)) == len(values), table
        for v in values:
            u = uuid.UUID(v)
            assert u.version == 4 and u.variant == uuid.RFC_4122 and str(u) == v, v
    made = sorted_uuids(2000)
    assert made == sorted(made) and len(set(made)) == 2000
    assert {uuid.UUID(v).version for v in made} == {4} and {v[19] for v in made} == set("89ab")
