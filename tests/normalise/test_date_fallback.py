"""The dateparser fallback is loaded only for surfaces with a month name the regexes miss.

Loading dateparser costs a run about 0.4 s; surfaces without a month name (bare numbers,
ages, durations, "ago" phrases) never resolve through it, so they must not load it.
Checked in a fresh interpreter: the test session may already have imported it.
"""

from __future__ import annotations

import json
import subprocess
import sys


def _loads_dateparser(surfaces: list[str]) -> tuple[list[str | None], bool]:
    code = (
        "import json, sys\n"
        "from tnr_claims.normalise.dates import date_value\n"
        f"values = [date_value(s, None) for s in {surfaces!r}]\n"
        "print(json.dumps([values, 'dateparser' in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    values, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    return values, loaded


def test_surfaces_without_a_month_name_do_not_load_dateparser() -> None:
    surfaces = ["47", "12 years", "about a month ago", "the 18th", "day 45", "2019/3/4"]
    values, loaded = _loads_dateparser(surfaces)
    assert values == [None, None, None, None, None, "2019-03-04"]
    assert loaded is False


def test_a_weekday_before_a_date_is_read_by_the_regexes() -> None:
    values, loaded = _loads_dateparser(["last Friday, May 3", "on Sunday, 5 June 2016"])
    assert values == ["--05-03", "2016-06-05"]
    assert loaded is False


def test_an_odd_month_surface_still_goes_to_dateparser() -> None:
    values, loaded = _loads_dateparser(["June the 5th"])
    assert values == ["--06-05"]
    assert loaded is True
