"""`ospod-desktop catalogue show|check|try`, run as a user would (a subprocess, the password on stdin): the
shipped catalogue, a file, the database's version; every problem of a bad catalogue listed with its path or id
(exit 1), unreadable files (exit 2), answer sets evaluated one or many at a time; never a traceback."""

from __future__ import annotations

import json
import os

import pytest

from tests.cli.test_cli import PASSWORD, db, run  # noqa: F401 (fixture)


def _loc(text):
    return {"cs": f"{text} (cs)", "en": text}


def _dimension(ident, element):
    return {"id": ident, "title": _loc(ident), "element": element}


def _indicator(ident, dimension, strength):
    return {"id": ident, "dimension": dimension, "strength": strength, "text": _loc(f"text of {ident}"),
            "guidance": _loc(f"ask about {ident}")}


def small_catalogue():
    """Three dimensions (act, means, exploitation), each with one strong, two medium and two weak indicators; an
    act with a purpose of exploitation is a presumed victim, any strong indicator a concern."""
    dims = (("rec", "act"), ("mea", "means"), ("exp", "exploitation"))
    indicators = []
    for dim, _element in dims:
        indicators += [_indicator(f"{dim}_s", dim, "strong")]
        indicators += [_indicator(f"{dim}_m{n}", dim, "medium") for n in (1, 2)]
        indicators += [_indicator(f"{dim}_w{n}", dim, "weak") for n in (1, 2)]
    return {
        "id": "test-cat", "version": "1", "title": _loc("Test catalogue"), "notice": _loc("For tests only."),
        "sources": [{"title": "Our own test"}],
        "dimensions": [_dimension(d, e) for d, e in dims],
        "indicators": indicators,
        "rules": {
            "dimension_met": [{"id": "one_strong", "min": {"strong": 1}}, {"id": "two_medium", "min": {"medium": 2}},
                              {"id": "medium_two_weak", "min": {"medium": 1, "weak": 2}},
                              {"id": "all_strong", "all_strong": True}],
            "outcomes": [
                {"id": "act_and_purpose", "outcome": "presumed_victim",
                 "when": {"all": [{"element": "act"}, {"element": "exploitation"}]}, "explain": _loc("act and purpose")},
                {"id": "any_strong", "outcome": "concern", "when": {"strength": "strong", "min": 1},
                 "explain": _loc("a strong indicator")},
            ],
        },
    }


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _clean(result, *codes):
    assert result.returncode in codes, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


# --- show --------------------------------------------------------------------------------------------------

def test_show_prints_the_shipped_default_and_a_file(tmp_path):
    from ospod_desktop.core.indicators import default_catalogue

    shown = _clean(run("catalogue", "show", "--format", "json"), 0)
    assert json.loads(shown.stdout) == default_catalogue().data
    assert json.loads(shown.stdout)["id"] == "ospod-default"
    path = _write(tmp_path, "small.json", small_catalogue())
    mine = _clean(run("catalogue", "show", "--catalogue", path, "--format", "json"), 0)
    assert json.loads(mine.stdout) == small_catalogue()


def test_show_of_a_bad_or_missing_file(tmp_path):
    data = small_catalogue()
    data["indicators"][0]["dimension"] = "nowhere"
    bad = _clean(run("catalogue", "show", "--catalogue", _write(tmp_path, "bad.json", data)), 1)
    assert "nowhere" in bad.stderr and not bad.stdout
    missing = _clean(run("catalogue", "show", "--catalogue", tmp_path / "none.json"), 2)
    assert "not found" in missing.stderr and not missing.stdout


def test_show_from_the_database(db):  # noqa: F811
    from ospod_desktop.core.indicators import default_catalogue

    shown = _clean(run("catalogue", "show", "--format", "json", "--db", db, "--user", "boss", "--password-stdin",
                       stdin=PASSWORD + "\n"), 0)
    assert json.loads(shown.stdout) == default_catalogue().data
    again = _clean(run("catalogue", "show", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n"), 0)
    assert again.stdout == shown.stdout
    rows = _catalogue_audit(db)  # seeded once on first use; every show audited as an export
    assert [(action, detail) for action, _pk, detail in rows] == [
        ("create", "seed"), ("export", "catalogue:ospod-default;version:" + default_catalogue().version),
        ("export", "catalogue:ospod-default;version:" + default_catalogue().version)]
    assert len({pk for _action, pk, _detail in rows}) == 1
    wrong = _clean(run("catalogue", "show", "--db", db, "--user", "boss", "--password-stdin", stdin="nope\n"), 2)
    assert "incorrect" in wrong.stderr
    both = _clean(run("catalogue", "show", "--db", db, "--catalogue", db, "--user", "boss", "--password-stdin"), 2)
    assert "--catalogue" in both.stderr


def _catalogue_audit(path):
    from sqlmodel import col, select

    from ospod_desktop.core.roles import Entity
    from ospod_desktop.services import identity
    from ospod_desktop.storage.models import AuditEntry

    us = identity.login(path, "boss", PASSWORD)
    try:
        with us.read() as s:
            rows = s.exec(select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.detail)
                          .where(AuditEntry.entity == Entity.INDICATOR_CATALOGUE).order_by(col(AuditEntry.id)))
            return [tuple(r) for r in rows]
    finally:
        identity.logout(us)


def test_show_from_the_database_is_refused_to_facility_staff(db):  # noqa: F811
    from ospod_desktop.core.roles import Role
    from ospod_desktop.services import identity, placements

    admin = identity.login(db, "boss", PASSWORD)
    try:
        facility = placements.list_facilities(admin)[0].id
        identity.create_user(admin, "staff", "Staff", Role.FACILITY_STAFF, PASSWORD, facility)
    finally:
        identity.logout(admin)
    refused = _clean(run("catalogue", "show", "--db", db, "--user", "staff", "--password-stdin",
                         stdin=PASSWORD + "\n"), 2)
    assert refused.stderr.startswith("Error:") and not refused.stdout
    assert _catalogue_audit(db) == []


# --- check -------------------------------------------------------------------------------------------------

def test_check_a_valid_catalogue(tmp_path):
    shipped = _clean(run("catalogue", "check"), 0)
    assert shipped.stdout.startswith("valid: ") and "dimensions" in shipped.stdout
    mine = _clean(run("catalogue", "check", _write(tmp_path, "small.json", small_catalogue())), 0)
    assert mine.stdout.strip() == "valid: 3 dimensions, 15 indicators"
    as_json = _clean(run("catalogue", "check", "--format", "json", tmp_path / "small.json"), 0)
    assert json.loads(as_json.stdout) == []


def _problems(tmp_path, data, *names):
    """Check `data`: exit 1, one problem a line, each of `names` (or one of a tuple of names: the JSON path or
    the id) named by some line; the JSON form agrees."""
    path = _write(tmp_path, "bad.json", data)
    result = _clean(run("catalogue", "check", path), 1)
    lines = result.stdout.strip().splitlines()
    for name in names:
        either = name if isinstance(name, tuple) else (name,)
        assert any(n in line for line in lines for n in either), (name, result.stdout)
    as_json = _clean(run("catalogue", "check", path, "--format", "json"), 1)
    problems = json.loads(as_json.stdout)
    assert len(problems) == len(lines) and all(set(p) == {"path", "message"} and p["message"] for p in problems)
    assert [f"{p['path']}: {p['message']}" for p in problems] == lines
    return lines


@pytest.mark.parametrize("kind", ["schema", "duplicate", "unknown_dimension", "strength", "missing_name",
                                  "never_fires", "threshold"])
def test_check_names_each_kind_of_problem(tmp_path, kind):
    data = small_catalogue()
    if kind == "schema":
        del data["version"]
        names = ["version"]
    elif kind == "duplicate":
        data["indicators"][1]["id"] = "rec_s"
        names = ["rec_s"]
    elif kind == "unknown_dimension":
        data["indicators"][2]["dimension"] = "nowhere"
        names = [("indicators[2]", "rec_m2")]
    elif kind == "strength":
        data["indicators"][3]["strength"] = "huge"
        names = [("indicators[3]", "rec_w1")]
    elif kind == "missing_name":
        data["rules"]["outcomes"][0]["when"] = {"indicator": "no_such_indicator"}
        names = ["act_and_purpose"]
    elif kind == "never_fires":
        data["rules"]["outcomes"][1]["when"] = {"strength": "strong", "min": 99}
        names = ["any_strong"]
    else:
        data["rules"]["dimension_overrides"] = {"mea": [{"id": "impossible", "min": {"weak": 7}}]}
        names = ["impossible"]
    assert _problems(tmp_path, data, *names)


def test_check_lists_every_problem_at_once(tmp_path):
    """The core checks in stages — the schema, then the names, then rules that can never fire (each stage needs
    the one before it to read the catalogue) — and lists every problem of the first stage that has any."""
    data = small_catalogue()
    del data["version"]
    data["indicators"][3]["strength"] = "huge"
    data["dimensions"][1]["element"] = "motive"
    data["indicators"][5]["id"] = "Not An Id"
    lines = _problems(tmp_path, data, "version", ("indicators[3]", "rec_w1"), ("dimensions[1]", "mea"),
                      ("indicators[5]", "Not An Id"))
    assert len(lines) >= 4
    data = small_catalogue()
    data["indicators"][1]["id"] = "rec_s"
    data["indicators"][2]["dimension"] = "nowhere"
    data["rules"]["outcomes"][0]["when"] = {"indicator": "no_such_indicator"}
    data["rules"]["outcomes"][1]["id"] = "act_and_purpose"
    lines = _problems(tmp_path, data, "rec_s", ("indicators[2]", "rec_m2"), "no_such_indicator", "act_and_purpose")
    assert len(lines) >= 4
    data = small_catalogue()
    data["rules"]["outcomes"][1]["when"] = {"strength": "strong", "min": 99}
    data["rules"]["outcomes"][0]["when"] = {"at_least": 3, "of": [{"dimension": "rec"}, {"dimension": "exp"}]}
    data["rules"]["dimension_overrides"] = {"mea": [{"id": "impossible", "min": {"weak": 7}}]}
    lines = _problems(tmp_path, data, "any_strong", "act_and_purpose", "impossible")
    assert len(lines) >= 3


def test_check_a_file_that_is_not_json_or_not_a_catalogue(tmp_path):
    broken = _clean(run("catalogue", "check", _write(tmp_path, "broken.json", '{"id": "x",\n  "version": }')), 1)
    assert broken.stdout.startswith("$") and "2" in broken.stdout  # the line of the error
    for text in ("", "[]", "null", '"catalogue"'):
        _clean(run("catalogue", "check", _write(tmp_path, "odd.json", text)), 1)
    latin2 = tmp_path / "latin2.json"
    latin2.write_bytes(json.dumps(small_catalogue()).replace("(cs)", "Čeština").encode("utf-8")
                       .replace("Č".encode(), "Č".encode("cp1250")))
    undecodable = _clean(run("catalogue", "check", latin2), 1)
    assert "UTF-8" in undecodable.stdout
    deep = _clean(run("catalogue", "check", _write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)), 1)
    assert deep.stdout.startswith("$")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(small_catalogue()).encode())
    _clean(run("catalogue", "check", bom), 0)


def test_check_of_an_unreadable_file_exits_2(tmp_path):
    missing = _clean(run("catalogue", "check", tmp_path / "none.json"), 2)
    assert "none.json" in missing.stderr and not missing.stdout
    folder = _clean(run("catalogue", "check", tmp_path), 2)
    assert "folder" in folder.stderr
    czech = _clean(run("catalogue", "check", tmp_path / "none.json", lang="cs"), 2)
    assert "none.json" in czech.stderr and "not found" not in czech.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_check_of_a_file_without_permission_exits_2(tmp_path):
    path = _write(tmp_path, "secret.json", small_catalogue())
    path.chmod(0)
    assert "Permission denied" in _clean(run("catalogue", "check", path), 2).stderr


# --- try ---------------------------------------------------------------------------------------------------

@pytest.fixture
def small(tmp_path):
    return _write(tmp_path, "small.json", small_catalogue())


def _try(tmp_path, small, answers, *codes, lang="en"):
    path = _write(tmp_path, "answers.json", answers)
    return _clean(run("catalogue", "try", "--catalogue", small, path, lang=lang), *codes)


def test_try_one_answer_set(tmp_path, small):
    result = json.loads(_try(tmp_path, small, {"rec_s": "present", "exp_m1": "present", "exp_m2": "present",
                                               "mea_s": "absent"}, 0).stdout)
    assert result["outcome"] == "presumed_victim" and result["reasons"]
    dims = {d["id"]: d for d in result["dimensions"]}
    assert [d["id"] for d in result["dimensions"]] == ["rec", "mea", "exp"]
    assert dims["rec"]["met"] and dims["rec"]["present"] == ["rec_s"]
    assert dims["exp"]["met"] and sorted(dims["exp"]["present"]) == ["exp_m1", "exp_m2"]
    assert not dims["mea"]["met"] and dims["mea"]["present"] == []


def test_try_a_list_and_missing_ids_are_unknown(tmp_path, small):
    sets = [{}, {"rec_s": "present"}, {"rec_m1": "present", "rec_w1": "present", "rec_w2": "unknown"},
            {i: "absent" for i in ("rec_s", "rec_m1", "rec_m2", "rec_w1", "rec_w2")}]
    results = json.loads(_try(tmp_path, small, sets, 0).stdout)
    assert [r["outcome"] for r in results] == ["no_indication", "concern", "no_indication", "no_indication"]
    assert all({"outcome", "dimensions", "reasons"} <= set(r) for r in results)
    assert not any(d["met"] for d in results[0]["dimensions"])  # unknown never counts as present
    assert len(results[0]["unknown"]) == 15 and len(results[3]["unknown"]) == 10
    assert "rec_w2" in results[2]["unknown"] and results[2]["could_become"]
    empty = json.loads(_try(tmp_path, small, [], 0).stdout)
    assert empty == []


def test_try_reasons_in_the_chosen_language(tmp_path, small):
    answers = {"rec_s": "present"}
    english = json.loads(_try(tmp_path, small, answers, 0, lang="en").stdout)
    czech = json.loads(_try(tmp_path, small, answers, 0, lang="cs").stdout)
    assert english["outcome"] == czech["outcome"] == "concern"
    assert english["reasons"] != czech["reasons"]


def test_try_the_shipped_catalogue(tmp_path):
    from ospod_desktop.core.indicators import default_catalogue

    ids = [i.id for i in default_catalogue().indicators]
    path = _write(tmp_path, "answers.json", [{i: "present" for i in ids}, {i: "absent" for i in ids}])
    results = json.loads(_clean(run("catalogue", "try", path), 0).stdout)
    assert [r["outcome"] for r in results] == ["presumed_victim", "no_indication"]


def test_try_bad_answers_name_the_id_and_the_place(tmp_path, small):
    one = _try(tmp_path, small, {"rec_s": "present", "made_up": "present"}, 1)
    assert "made_up" in one.stderr and not one.stdout
    many = _try(tmp_path, small, [{"rec_s": "present"}, {"made_up": "absent"}, {"rec_m1": "yes", "exp_s": 1}], 1)
    lines = many.stderr.strip().splitlines()
    assert len(lines) == 3 and not many.stdout
    assert "[1]" in lines[0] and "made_up" in lines[0]
    assert "[2]" in lines[1] and "rec_m1" in lines[1] and "yes" in lines[1]
    assert "[2]" in lines[2] and "exp_s" in lines[2]
    for shape in ("present", [["rec_s"]], 3):
        _try(tmp_path, small, shape, 1)
    assert "[1]" in _try(tmp_path, small, [{}, "rec_s"], 1).stderr
    assert "nested" in _try(tmp_path, small, "[" * 100_000 + "]" * 100_000, 1).stderr
    broken = _try(tmp_path, small, '{"rec_s": present}', 1)
    assert "line 1" in broken.stderr


def test_try_unreadable_files_exit_2_and_a_bad_catalogue_1(tmp_path, small):
    missing = _clean(run("catalogue", "try", "--catalogue", small, tmp_path / "none.json"), 2)
    assert "none.json" in missing.stderr
    _clean(run("catalogue", "try", "--catalogue", small, tmp_path), 2)
    answers = _write(tmp_path, "answers.json", {})
    _clean(run("catalogue", "try", "--catalogue", tmp_path / "none.json", answers), 2)
    data = small_catalogue()
    data["indicators"][0]["strength"] = "huge"
    bad = _clean(run("catalogue", "try", "--catalogue", _write(tmp_path, "bad.json", data), answers), 1)
    assert ("indicators[0]" in bad.stderr or "rec_s" in bad.stderr) and not bad.stdout
    usage = _clean(run("catalogue", "try"), 2)
    assert "ANSWERS.json" in usage.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_huge_or_endless_file_is_too_large_not_read_whole(tmp_path, small):
    """A catalogue larger than any catalogue is, or an endless stream, is one problem (exit 1), read no further
    than that shows; so is an answers file past its limit."""
    from ospod_desktop.core.indicators import FILE_MAX

    big = small_catalogue()
    big["notice"]["en"] = "x" * FILE_MAX
    for path in (_write(tmp_path, "big.json", big), "/dev/zero"):
        checked = _clean(run("catalogue", "check", path), 1)
        assert checked.stdout.startswith("$:") and "too large" in checked.stdout
        shown = _clean(run("catalogue", "show", "--catalogue", path), 1)
        assert "too large" in shown.stderr and not shown.stdout
    endless = _clean(run("catalogue", "try", "--catalogue", small, "/dev/zero"), 1)
    assert "too large" in endless.stderr and not endless.stdout


def test_try_answers_with_a_number_too_long_are_content_not_a_failure(tmp_path, small):
    answers = _write(tmp_path, "long.json", '{"rec_s": ' + "1" * 5000 + "}")
    result = _clean(run("catalogue", "try", "--catalogue", small, answers), 1)
    assert "number too long" in result.stderr and "unexpected" not in result.stderr and not result.stdout
