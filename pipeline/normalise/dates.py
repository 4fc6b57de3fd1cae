"""Dates: ISO 8601 values from DATE surfaces, relative dates against an anchor, datelines."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from tnr_claims.normalise.numbers import UNITS
from tnr_claims.normalise.strings import clean

# fmt: off
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
"""English month names and abbreviations."""


# fmt: off
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
"""English weekday names, Monday = 0 as in :meth:`datetime.date.weekday`."""


_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"


_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"


_YEAR = r"(?P<year>\d{4})"


_DATE_QUALIFIERS = re.compile(
    r"^(?:on|in|since|by|until|till|from|during|as of|before|after|around|circa|c\.|ca\.|"
    r"throughout|starting|beginning|early|late|later|earlier|mid-?|the|of|year|end|start|middle|"
    r"beginning|half|first|second|spring|summer|autumn|fall|winter|the end of|"
    r"the beginning of|the start of|the middle of|the first half of|the second half of)"
    r"(?:\s+|(?<=-))",
    re.IGNORECASE,
)


_ISO_DAY = re.compile(r"^(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})$")


_ISO_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")


_YEAR_ONLY = re.compile(r"^(?:the year\s+)?" + _YEAR + r"$", re.IGNORECASE)


_YEAR_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>\d{4})\s*(?:-|–|—|to|and|/|until|through)\s*(?P<b>\d{4}|\d{2})$",
    re.IGNORECASE,
)


_MONTH_YEAR = re.compile(r"^" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"$", re.IGNORECASE)


_MONTH_DAY = re.compile(r"^" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?$", re.IGNORECASE)


_DAY_MONTH = re.compile(
    r"^" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?(?:\s+" + _YEAR + r")?$", re.IGNORECASE
)


_MONTH_ONLY = re.compile(r"^" + _MONTH + r"$", re.IGNORECASE)


_MONTH_RELATIVE_YEAR = re.compile(
    r"^" + _MONTH + r",?\s+(?:of\s+)?(?P<which>last|this|next|past) year$", re.IGNORECASE
)


_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./]" + _YEAR + r"$")


_DECADE = re.compile(r"^(?:the\s+)?(?:\d{3}0s|'\d0s|\d0s)$", re.IGNORECASE)


_LEADING_WEEKDAY = re.compile(
    r"^(?:(?:last|this|on)\s+)?" + _WEEKDAY + r",?\s+(?=\S)", re.IGNORECASE
)


_WEEKDAY_ONLY = re.compile(
    r"^(?:(?P<mod>last|this|past|previous)\s+)?(?P<weekday>" + _WEEKDAY + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>days?|months?|years?)\s+ago$",
    re.IGNORECASE,
)


# fmt: off
_RELATIVE_DAY: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "yesterday": -1, "yesterday morning": -1, "yesterday afternoon": -1,
    "yesterday evening": -1, "last night": -1, "tomorrow": 1,
}
"""Relative day expressions and their offset in days from the anchor."""


# fmt: on
_RELATIVE_YEAR: dict[str, int] = {"this year": 0, "last year": -1, "next year": 1, "past year": -1}


_RELATIVE_MONTH: dict[str, int] = {"this month": 0, "last month": -1, "next month": 1}


_RELATIVE_WEEK: dict[str, int] = {"this week": 0, "last week": -1, "next week": 1, "past week": -1}


_RELATIVE_TABLES = (_RELATIVE_DAY, _RELATIVE_YEAR, _RELATIVE_MONTH, _RELATIVE_WEEK)

_SEASON_RELATIVE = re.compile(
    r"^(?P<which>this|last|next|past)\s+(?:summer|winter|spring|autumn|fall)$", re.IGNORECASE
)
"""'this summer', 'last winter': the season in the anchor's year, or the one before or
after (a season is written as its year: 'summer 2017' is 2017)."""


_MONTH_WORD = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
"""What a surface needs before it goes to dateparser: every other shape dateparser reads
(numbers, weekdays, "ago", "today") the regexes above read or rightly refuse, and loading
dateparser costs a run about 0.4 s."""


_RELATIVE_HINT = re.compile(
    r"\b(?:ago|last|this|next|past|previous|yesterday|today|tonight|tomorrow|" + _WEEKDAY + r")\b",
    re.IGNORECASE,
)


DATELINE_WINDOW = 1200


FULL_DATE_IN_LINE = re.compile(
    r"(?:" + _MONTH.replace("?P<month>", "?:") + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.replace("?P<month>", "?:") + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)


PUBLISHED_LINE = re.compile(
    r"^\s*(?:published|posted|updated|date|first published)(?:\s+on)?\s*[:\-–]?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)


DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'-]{1,40},\s*)?(?P<date>" + FULL_DATE_IN_LINE.pattern + r")"
    r"\s*(?:[—–|-]|\(|$)",
    re.IGNORECASE,
)


ISSUE_MONTH = re.compile(
    r"^(?:(?P<issue>.*\b(?:No\.?|Issue|Vol\.?|Volume|Bulletin|Newsletter|Digest|Monthly)\b.*)"
    r"[—–|·,:]\s*)?" + _MONTH + r"\s+(?P<year>\d{4})\s*$",
    re.IGNORECASE,
)
"""A header line that dates an issue by month: the month and year alone on the line
('October 2024'), or ending a line that names an issue ('Exile Desk Monthly, No. 27 –
October 2024'); a headline's 'abducted in Vienna – March 2019' is none."""

ISSUE_LINES = 4
"""How many of the first non-empty lines may carry an issue's month."""


class MonthAnchor(dt.date):
    """An anchor known to the month only (its last day): it gives a month-day its year, but
    no weekday, 'yesterday' or 'last week' a day."""


def issue_month_end(text: str) -> dt.date | None:
    """The last day of the month an issue line among the first ``ISSUE_LINES`` names, as a
    :class:`MonthAnchor`: a newsletter's '9 October' is that year's."""
    lines = [line.strip() for line in text[:DATELINE_WINDOW].splitlines() if line.strip()]
    for line in lines[:ISSUE_LINES]:
        m = ISSUE_MONTH.search(line) if len(line) <= 80 else None
        if m:
            year, month = int(m.group("year")), MONTHS[m.group("month").lower()]
            return MonthAnchor(year, month, calendar.monthrange(year, month)[1])
    return None


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 text for the parts given (``--MM-DD`` without year); ``None`` if invalid."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        last = calendar.monthrange(year if year is not None else 2000, month or 1)[1]
        if not 1 <= day <= last:
            return None
    if year is None:
        if month is None:
            return None
        return f"--{month:02d}" if day is None else f"--{month:02d}-{day:02d}"
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def full_date(text: str) -> dt.date | None:
    """A date when ``text`` gives year, month and day; else ``None``."""
    value = date_value(clean(text), None)
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


def _shift_month(anchor: dt.date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _strip_date_qualifiers(value: str) -> str:
    previous = None
    while previous != value:
        previous = value
        value = _DATE_QUALIFIERS.sub("", value, count=1).strip(" ,")
    return value


@functools.lru_cache(maxsize=65_536)
def date_value(text: str, anchor: dt.date | None) -> str | None:  # noqa: C901
    """Cached core of :meth:`Normaliser.date` (text already cleaned)."""
    value = text.strip(' ,;:!?"()[]')
    value = re.sub(r"(?<=\d)\.$", "", value)
    value = re.sub(r"'s$", "", value)
    lowered = value.lower()
    if any(lowered in table for table in _RELATIVE_TABLES):
        return _relative(lowered, anchor)
    if (m := _SEASON_RELATIVE.match(value)) and anchor is not None:
        return f"{anchor.year + _RELATIVE_YEAR[m.group('which').lower() + ' year']:04d}"
    value = (
        _LEADING_WEEKDAY.sub("", value)
        if _LEADING_WEEKDAY.match(value) and any(c.isdigit() for c in value)
        else value
    )
    value = _strip_date_qualifiers(value)
    lowered = value.lower()
    if not value or _DECADE.match(value):
        return None
    if any(lowered in table for table in _RELATIVE_TABLES):
        return _relative(lowered, anchor)
    if m := _YEAR_ONLY.match(value):
        year = int(m.group("year"))
        return f"{year:04d}" if 1000 <= year <= 2100 else None
    if m := _ISO_DAY.match(value):
        return _iso(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    if m := _ISO_MONTH.match(value):
        return _iso(int(m.group("year")), int(m.group("month")))
    if m := _YEAR_RANGE.match(value):
        a, b = m.group("a"), m.group("b")
        end = int(b) if len(b) == 4 else int(a[:2] + b)
        return f"{a}/{end:04d}" if int(a) < end else None
    if m := _MONTH_YEAR.match(value):
        return _iso(int(m.group("year")), MONTHS[m.group("month").lower()])
    if m := _MONTH_DAY.match(value) or _DAY_MONTH.match(value):
        year = int(m.group("year")) if m.group("year") else None
        return _iso(year, MONTHS[m.group("month").lower()], int(m.group("day")))
    if m := _MONTH_RELATIVE_YEAR.match(value):
        if anchor is None:
            return _iso(None, MONTHS[m.group("month").lower()])
        year = anchor.year + _RELATIVE_YEAR[m.group("which").lower() + " year"]
        return _iso(year, MONTHS[m.group("month").lower()])
    if m := _MONTH_ONLY.match(value):
        if not value[0].isupper():
            return None
        return _iso(None, MONTHS[m.group("month").lower()])
    if m := _NUMERIC_DATE.match(value):
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        if a > 12 >= b:
            return _iso(year, b, a)
        if b > 12 >= a:
            return _iso(year, a, b)
        return _iso(year, a, b) if a == b else None
    if m := _WEEKDAY_ONLY.match(value):
        if anchor is None:
            return None
        target = WEEKDAYS[m.group("weekday").lower()]
        back = (anchor.weekday() - target) % 7
        if m.group("mod") and m.group("mod").lower() != "this" and back == 0:
            back = 7
        return (anchor - dt.timedelta(days=back)).isoformat()
    if m := _AGO.match(value):
        if anchor is None:
            return None
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else (1 if raw in ("a", "an") else UNITS[raw])
        unit = m.group("unit").lower().rstrip("s")
        if unit == "day":
            return (anchor - dt.timedelta(days=n)).isoformat()
        if unit == "month":
            return _iso(*_shift_month(anchor, -n))
        return f"{anchor.year - n:04d}"
    if not _MONTH_WORD.search(value) or re.search(
        r"\b(?:week|weeks|decade|decades|century)\b", lowered
    ):
        return None
    return _dateparser_value(value, anchor)


def _relative(expression: str, anchor: dt.date | None) -> str | None:
    if anchor is None:
        return None
    if expression in _RELATIVE_DAY:
        return (anchor + dt.timedelta(days=_RELATIVE_DAY[expression])).isoformat()
    if expression in _RELATIVE_YEAR:
        return f"{anchor.year + _RELATIVE_YEAR[expression]:04d}"
    if expression in _RELATIVE_WEEK:
        year, week, _ = (anchor + dt.timedelta(weeks=_RELATIVE_WEEK[expression])).isocalendar()
        return f"{year:04d}-W{week:02d}"
    return _iso(*_shift_month(anchor, _RELATIVE_MONTH[expression]))


_BASE_A = dt.datetime(2001, 12, 31)


_BASE_B = dt.datetime(1991, 6, 30)


@functools.cache
def _date_parser(base: dt.datetime) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "STRICT_PARSING": False},
    )


def _parse(text: str, base: dt.datetime) -> tuple[dt.datetime | None, str | None]:
    data = _date_parser(base).get_date_data(text)
    return data.date_obj, data.period


def _dateparser_value(text: str, anchor: dt.date | None) -> str | None:
    """The dateparser fallback (see the module docstring); never guesses a missing year."""
    a, period = _parse(text, _BASE_A)
    b, _ = _parse(text, _BASE_B)
    if a is None or b is None or period not in ("day", "month", "year"):
        return None
    if a == b:
        return _precision(a, period, with_year=True)
    if (a.month, a.day) == (b.month, b.day) or (period == "month" and a.month == b.month):
        return _precision(a, period, with_year=False)
    if anchor is None or not _RELATIVE_HINT.search(text):
        return None
    c, period = _parse(text, dt.datetime(anchor.year, anchor.month, anchor.day))
    if c is None or period not in ("day", "month", "year"):
        return None
    return _precision(c, period, with_year=True)


def _precision(value: dt.datetime, period: str, *, with_year: bool) -> str | None:
    year = value.year if with_year else None
    if period == "year":
        return _iso(year) if with_year else None
    if period == "month":
        return _iso(year, value.month)
    return _iso(year, value.month, value.day)


_DAY_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_MONTH_WORDS = {**_DAY_WORDS, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MONTHS_LATER = re.compile(
    r"^(?P<n>\d{1,2}|" + "|".join(_MONTH_WORDS) + r")\s+months?\s+(?:later|after)$",
    re.IGNORECASE,
)
"""'four months later': the month that many months after the date before it."""


def _months_after(previous: str, n: str) -> str | None:
    """``YYYY-MM`` (``--MM`` without a year) ``n`` months after a day-precise ``previous``."""
    day = _FULL_DAY.match(previous)
    if day is None:
        return None
    shift = int(n) if n.isdigit() else _MONTH_WORDS[n]
    total = int(day.group("month")) - 1 + shift
    month = total % 12 + 1
    if day.group("year") == "-":
        return f"--{month:02d}"
    return f"{int(day.group('year')) + total // 12:04d}-{month:02d}"


_AFTER_PREVIOUS = re.compile(
    r"^(?:(?:early|late)\s+)?(?:the\s+)?(?P<rel>following|next|same)\s+"
    r"(?:day|morning|afternoon|evening|night)$"
    r"|^(?:that|the\s+same|that\s+same)\s+(?P<that>day|date|morning|afternoon|evening|night)$"
    r"|^this\s+date$"
    r"|^(?:the\s+)?day\s+(?P<after>after)$"
    r"|^(?P<n>\d{1,2}|one|two|three|four|five|six|seven)\s+days?\s+(?P<later>later|after)$",
    re.IGNORECASE,
)
_FULL_DAY = re.compile(r"^(?P<year>\d{4}|-)-(?P<month>\d{2})-(?P<day>\d{2})$")
DAY_PRECISE = _FULL_DAY
MONTH_PRECISE = re.compile(r"^\d{4}-\d{2}$")
"""A DATE value precise to the month (``2021-05``): 'the same night' after it is that month."""
"""A DATE value precise to the day (``2021-05-23`` or ``--05-23``)."""


def after_previous(text: str, previous: str | None) -> str | None:
    """A day expressed from the date before it ('the following day', 'that evening', 'three
    days later'): ``previous`` (a day-precise ISO value, ``--MM-DD`` included) shifted.

    Codebook (second set): "the following day", "the same day" are anchored to the date
    they follow; "that evening", "the next day" after a dated event are DATEs.
    """
    months = _MONTHS_LATER.match(text.strip())
    if months is not None and previous is not None:
        return _months_after(previous, months.group("n").lower())
    match = _AFTER_PREVIOUS.match(text.strip())
    if match is None or previous is None:
        return None
    if match.group("rel") in ("following", "next") or match.group("after"):
        shift = 1
    elif match.group("n"):
        n = match.group("n").lower()
        shift = int(n) if n.isdigit() else _DAY_WORDS[n]
    else:
        shift = 0
    day = _FULL_DAY.match(previous)
    if day is None:
        # 'in August 2023 ... the same night': no day to move from, but the same month
        return previous if shift == 0 and MONTH_PRECISE.match(previous) else None
    year = day.group("year")
    known = year != "-"
    base = dt.date(int(year) if known else 2000, int(day.group("month")), int(day.group("day")))
    moved = base + dt.timedelta(days=shift)
    return moved.isoformat() if known else moved.strftime("--%m-%d")


def weekday_near(text: str, previous: str | None) -> str | None:
    """A bare weekday in a document with no dateline, after a full date about the same
    story: the day of that name nearest the date before it, three days either way
    ('Sunday' after '23 May 2021', a Sunday, is that day; 'Monday' the day after; 'Sunday'
    after that Monday the day before). GUIDELINES: a date in the body fixes the year."""
    match = _WEEKDAY_ONLY.match(text.strip())
    day = _FULL_DAY.match(previous or "")
    if match is None or match.group("mod") or day is None or day.group("year") == "-":
        return None
    base = dt.date(int(day.group("year")), int(day.group("month")), int(day.group("day")))
    shift = (WEEKDAYS[match.group("weekday").lower()] - base.weekday() + 3) % 7 - 3
    return (base + dt.timedelta(days=shift)).isoformat()


RANGE_JOINS = frozenset({"and", "to", "until", "through", "-", "–", "—"})
"""Words joining the two ends of a date range ('between 2014 and 2021', '2014-2016'):
read by the tagger, which splits such a range, and by the claim types."""


def range_start_year(first: str, second: str, between: str) -> str | None:
    """The value of a range's first end that lacks its year, from the second end
    ('between May 3 and May 9, 2021': ``--05-03`` becomes ``2021-05-03``; codebook, second
    set: a full date nearby about the same events fixes the year); None when the two are
    no range or the first end needs nothing."""
    if not first.startswith("--") or second.startswith("--") or len(second) < 4:
        return None
    if between.strip().lower() not in RANGE_JOINS:
        return None
    return second[:4] + first[1:]


def document_anchor(text: str, meta: Mapping[str, Any]) -> dt.date | None:
    """The day relative dates count from: a publication date in ``meta``, else a dateline or
    'Published' line near the top, else the end of an issue's month ('Issue 14, May 2024')."""
    for key in ("published", "date", "published_date", "date_published"):
        value = meta.get(key) if meta else None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip():
            parsed = full_date(value.strip()[:10]) or full_date(clean(value))
            if parsed:
                return parsed
    for line in text[:DATELINE_WINDOW].splitlines():
        line = clean(line)
        if not line:
            continue
        # a dateline opens a paragraph that runs on ("VIENNA, Oct. 3, 2023 — Police ...")
        dateline = DATELINE.match(line[:200])
        published = PUBLISHED_LINE.match(line) if len(line) <= 200 else None
        hit = FULL_DATE_IN_LINE.search(published.group("rest")) if published else None
        for candidate in (
            hit.group(0) if hit else None,
            dateline.group("date") if dateline else None,
        ):
            parsed = full_date(candidate) if candidate else None
            if parsed:
                return parsed
    return issue_month_end(text)
