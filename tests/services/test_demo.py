"""The demo database: accounts that log straight in, realistic deterministic children, an intact audit chain."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
from anyascii import anyascii
from babel import Locale
from rapidfuzz import fuzz
from sqlalchemy import text
from sqlmodel import select

from ospod_desktop.core import child_rules
from ospod_desktop.core.child_form import validate
from ospod_desktop.core.child_names import index_text
from ospod_desktop.core.errors import DatabaseExists
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.demo import builder as demo
from ospod_desktop.demo.data import POOL_SOURCES, PROFILES, pool
from ospod_desktop.services import children, identity
from ospod_desktop.services.children import ListFilter, child_ids
from ospod_desktop.storage import audit, child_lists, keyslots, search
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


def _query(path, sql: str) -> list[dict]:
    """Rows of a query as the supervisor (raw SQL: dates and times come back as ISO text)."""
    us = identity.login(path, "supervisor", demo.DEMO_PASSWORD)
    try:
        with us.read() as session:
            return [dict(r._mapping) for r in session.connection().execute(text(sql))]
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
        assert _content(_query(again, rows)) == _content(_query(built[0], rows)), table


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

