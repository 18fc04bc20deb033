"""`ospod-desktop duplicates`: likely duplicate registrations across the register, best first (kept out of
cli.py, which wires the commands)."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, format_day

if TYPE_CHECKING:
    from ospod_desktop.services.children import PairSide


def min_score(text: str | None, default: float) -> float:
    """`--min-score` as a share: "0.75", "75", "75%" or "75 %" (a decimal comma too); a number above 1
    without % is a percentage, as the GUI shows scores."""
    if text is None:
        return default
    raw = text.strip().replace(",", ".")
    percent = raw.endswith("%")
    try:
        value = float(raw.removesuffix("%").strip())
    except ValueError:
        value = math.nan
    share = value / 100 if (percent or value > 1) else value
    if not (math.isfinite(share) and 0 <= share <= 1):
        raise OspodError(_("--min-score takes a share from 0 to 1 (0.75) or a percentage from 0 to 100 "
                           "(75 or 75%), not “{value}”.").format(value=text), "min_score")
    return share


def pair_side_line(child_id: int, side: PairSide | None) -> str:
    """One child of a pair as an officer recognises it: reference, case-file mark, name, born or age."""
    if side is None:
        return _("record no. {id}").format(id=child_id)
    name = side.name
    if side.original_script_name and side.original_script_name != name:
        name = f"{name} ({side.original_script_name})"
    if side.birth_date is not None:
        born = _("born {date}").format(date=format_day(side.birth_date))
    elif side.age != "?":
        born = _("age {age}").format(age=side.age)
    else:
        born = _("age unknown")
    parts = [side.reference, side.case_mark, name or _("(no name)"), born, _("record no. {id}").format(id=child_id)]
    return " · ".join(p for p in parts if p)


def run(args: argparse.Namespace) -> int:
    import json

    from ospod_desktop.core import child_rules as R
    from ospod_desktop.core.matching import DEFAULT_THRESHOLD
    from ospod_desktop.services import children

    threshold = min_score(args.min_score, DEFAULT_THRESHOLD)
    from ospod_desktop import cli

    with cli._logged_in(args) as us:
        pairs = children.duplicate_report(us, threshold)
    if args.format == "json":
        data = [{"a": {"id": p.a_id, "reference": p.a_reference}, "b": {"id": p.b_id, "reference": p.b_reference},
                 "score": p.score, "reasons": [str(r) for r in p.reasons]} for p in pairs]
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    if not pairs:
        print(_("No likely duplicates were found."))
    for n, p in enumerate(pairs):
        if n:
            print()
        reasons = ", ".join(R.label(R.REASONS, str(r)) for r in p.reasons)
        print(_("Score {score} %: {reasons}").format(score=round(p.score * 100), reasons=reasons))
        print("  " + pair_side_line(p.a_id, p.a_side))
        print("  " + pair_side_line(p.b_id, p.b_side))
    return 0
