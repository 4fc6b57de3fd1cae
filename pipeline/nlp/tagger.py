"""The ``tnr_tagger`` component: rule matches and model entities -> codebook spans."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from tnr_claims.errors import ClaimsError
from tnr_claims.nlp import extents
from tnr_claims.nlp.acts_again import acts_told_again, removals_told_again
from tnr_claims.nlp.captions import capital_headings, party_captions
from tnr_claims.nlp.context import (
    drop_perpetrator_charges,
    is_aim_of_a_bounty,
    is_alleged_crime,
    is_former_role,
    is_part_of_a_body,
    is_statelessness_not_caused,
    propagate_names,
)
from tnr_claims.nlp.counts import vague_counts
from tnr_claims.nlp.crimes import ALLEGED_CRIMES_KEY, CHARGE_ONLY_RULES, perpetrators_crimes
from tnr_claims.nlp.datelines import dateline_places
from tnr_claims.nlp.days import days_told_before
from tnr_claims.nlp.described_organisations import (
    byline_outlets,
    described_organisations,
    outlets_by_their_word,
    platform_venues,
)
from tnr_claims.nlp.domestic import domestic_unrest_acts
from tnr_claims.nlp.instruments import instruments_with_parties, provisions_of_instruments
from tnr_claims.nlp.legal_words import drop_documents_as_sources, drop_hypothetical_penalties
from tnr_claims.nlp.matcher import RuleMatcher
from tnr_claims.nlp.misread_places import misread_place, misread_place_names, towns_among_places
from tnr_claims.nlp.named_again import names_again
from tnr_claims.nlp.names import (
    abbreviations,
    acted_on_people,
    byline_people,
    coordinated_people,
    given_names,
    hyphenated_syllables,
    organisations_named_after_people,
    particle_surnames,
    speaking_people,
)
from tnr_claims.nlp.organisations import organisation_extents, without_words_of_names
from tnr_claims.nlp.parse_matcher import ParseMatcher
from tnr_claims.nlp.people import (
    described_as_a_person,
    described_people,
    family_plurals,
    listed_people,
    named_by_place_noun,
    particle_led_names,
    patronymic_names,
    people_sharing_a_family_name,
    relatives_listed,
)
from tnr_claims.nlp.perpetrators import drop_acts_against_perpetrators
from tnr_claims.nlp.provenance import derive, make
from tnr_claims.nlp.recodes import (
    drop_agents_acted_on,
    drop_agents_of_home_reprisals,
    recode_assets_arrested,
    recode_captured_by_agents,
    recode_listed_with_relatives,
    recode_relative_reprisals,
    recode_returns_told,
    recode_rewards_for_information,
    recode_sentenced_terms,
    same_act_told_in_the_sentence,
)
from tnr_claims.nlp.role_names import role_named_people
from tnr_claims.nlp.signatures import signatures
from tnr_claims.nlp.spans import (
    CUE_KEY,
    MODEL_LABELS,
    SPAN_KEY,
    after_descriptions,
    before_a_lower_case_description,
    date_parts,
    has_a_title_case_preposition,
    home_after_an_age,
    inside_ranges,
    is_count,
    lone_modifier,
    merge_spans,
    names_an_instrument,
    person_extent,
    trim_entity,
    with_approximator_before,
    with_day_before,
    without_overlaps,
    zone_filter,
)
from tnr_claims.nlp.speaker_labels import record_label_notes, speaker_labels
from tnr_claims.nlp.threats import threatened_acts
from tnr_claims.normalise import Normaliser
from tnr_claims.normalise.places import DEMONYMS
from tnr_claims.rules.loader import PatternSet
from tnr_claims.rules.schemas import SpanRule

PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "from", "to"})
"""Prepositions after which a one-word organisation that names a known place is that place."""

PERSON_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside"})
"""The same for a one-word 'person': 'a letter from Hassan', 'he spoke to Jordan' stay
people ('from' and 'to' take people as often as places)."""


def prepositions_of(span: Span) -> frozenset[str]:
    """The prepositions of place after which a model span of its label may be a place."""
    return PLACE_PREPOSITIONS if span.label_ == "ORG" else PERSON_PLACE_PREPOSITIONS


PLACE_OVER_PERSON_POPULATION = 250_000
"""A one-word model PERSON naming a city at least this large is read as the city."""


def _named_relative(span: Span, words: Any) -> bool:
    """'his daughter [Dakota]': a name the model read as a place it does not know, set right
    after a family noun, is that relative's name (context rule ``PERSON.relative_named``)."""
    doc, root = span.doc, span.root
    before = doc[span.start - 1] if span.start > 0 else None
    return (
        before is not None
        and before.lower_ in words.FAMILY_NOUNS
        and span[0].is_title
        and (root.dep_ in ("appos", "compound") or root.head.i == before.i)
    )


def _organisation_read_as_a_person(span: Span) -> Span:
    """'[Freedom Beyond Borders]' read as a person: a capitalised preposition inside makes
    it an organisation (context rule ``ORG.title_case_preposition``)."""
    if span.label_ == "PERSON" and has_a_title_case_preposition(span):
        return derive(span, "ORG.title_case_preposition", "label", label="ORG")
    return span


def _demonym_modifier(span: Span) -> bool:
    """'the [Kazakh] government', 'the [Tajik] prosecutor's office': one demonym that
    modifies a noun after it is no person or organisation (the model reads some as names)."""
    if len(span) != 1 or span.text not in DEMONYMS:
        return False
    head = span.root.head
    return (
        span.root.dep_ in ("amod", "compound", "nmod")
        and head.i > span.start
        and head.pos_ in ("NOUN", "PROPN")
    )


MAX_PLACE_NAMES_SPREAD = 100
"""Most names introduced by a place noun whose other mentions one document looks for."""


def _other_mentions(doc: Doc, names: set[str], spans: list[Span]) -> list[Span]:
    """Untagged mentions of ``names`` elsewhere in ``doc``, as LOCATION spans."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    made: list[Span] = []
    if len(names) > MAX_PLACE_NAMES_SPREAD:
        return made  # a list of places, not a story: each scan of the text would cost
    for name in sorted(names):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text):
            span = doc.char_span(match.start(), match.end())
            if span is None or any(i in covered for i in range(span.start, span.end)):
                continue
            made.append(make(doc, span.start, span.end, "LOCATION", "LOCATION.place_noun_of"))
            covered.update(range(span.start, span.end))
    return made


class RuleTagger:
    """The ``tnr_tagger`` component (see module docstring)."""

    def __init__(
        self,
        nlp: Language,
        patterns: PatternSet | None = None,
        *,
        check_places: bool = True,
    ) -> None:
        self.nlp = nlp
        self.check_places = check_places
        self._parsed = nlp.has_pipe("parser")
        """Whether Docs arrive parsed (``doc.has_annotation`` walks every token to tell)."""
        self._tagged = nlp.has_pipe("tagger") or nlp.has_pipe("morphologizer")
        self.patterns: PatternSet | None = None
        self._normaliser: Any = None
        if patterns is not None:
            self.initialize(patterns=patterns)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: PatternSet,
    ) -> None:
        """Build the matchers from the span and cue rules of ``patterns`` (spaCy's signature)."""
        nlp = nlp or self.nlp
        self.patterns = patterns
        self.span_matcher = RuleMatcher(nlp, patterns.span_rules)
        self._dependency_rules = {rule.id: rule for rule in patterns.dependency_rules}
        self.dependency_matcher = ParseMatcher(
            nlp.vocab, [(rule.id, rule.pattern) for rule in patterns.dependency_rules]
        )
        self.cue_matcher = RuleMatcher(nlp, patterns.cue_rules)
        if self.check_places:
            location_rules = [r for r in patterns.span_rules if r.label == "LOCATION"]
            self._normaliser = Normaliser(location_rules, words=patterns.lexicons)

    def rule_spans(self, doc: Doc) -> tuple[list[Span], list[tuple[int, int]]]:
        """Rule matches as labelled spans (id = rule id), and the NOT_ENTITY token ranges."""
        assert self.patterns is not None
        words = self.patterns.lexicons
        spans: list[Span] = []
        blocked: list[tuple[int, int]] = []
        crimes: list[tuple[int, int, str]] = []
        for start, end, rule in self.span_matcher(doc):
            assert isinstance(rule, SpanRule)
            if rule.label == "NOT_ENTITY":
                blocked.append((start, end))
                continue
            start, end = trim_entity(doc[start:end])
            if start >= end:
                continue
            span = Span(doc, start, end, label=rule.label, span_id=rule.id)
            if rule.label == "METHOD" and (
                rule.id in CHARGE_ONLY_RULES or is_alleged_crime(span, words)
            ):
                crimes.append((start, end, rule.id))  # the perpetrators' crime, maybe
                continue
            if rule.label == "METHOD" and (
                is_former_role(span, words)
                or is_aim_of_a_bounty(span)
                or is_statelessness_not_caused(span)
                or is_part_of_a_body(span)
            ):
                continue
            spans.append(span)
        doc.user_data[ALLEGED_CRIMES_KEY] = crimes
        return drop_perpetrator_charges(spans), blocked

    def dependency_spans(self, doc: Doc) -> list[Span]:
        """METHOD spans of the dependency rules (parsed Docs only): the tokens of each
        rule's ``span`` nodes, from the first to the last (:mod:`~tnr_claims.nlp.parse_matcher`
        finds the matches from each rule's anchor word)."""
        if not self._dependency_rules or not self._parsed:
            return []
        spans = []
        for rule_id, token_ids in self.dependency_matcher(doc):
            rule = self._dependency_rules[rule_id]
            names = [node["RIGHT_ID"] for node in rule.pattern]
            chosen = [token_ids[names.index(name)] for name in rule.span]
            spans.append(Span(doc, min(chosen), max(chosen) + 1, label="METHOD", span_id=rule.id))
        return spans

    def model_spans(self, doc: Doc) -> list[Span]:
        """The model's entities mapped onto codebook labels, trimmed and filtered."""
        assert self.patterns is not None
        words = self.patterns.lexicons
        spans: list[Span] = []
        places: set[str] = set()
        # words of names the model gives in full: 'Valencia' after 'Ana Valencia' is her
        full_name_words = {
            t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
        }
        # a one-word name the model reads as a place elsewhere: 'from Grozny' tagged a
        # person, 'in Grozny' a place, is the place both times
        read_as_place = {
            ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC") and len(ent) == 1
        }
        known = misread_place_names(self._normaliser)
        for ent in doc.ents:
            label = MODEL_LABELS.get(ent.label_)
            if label is None:
                spans.extend(s for s in [misread_place(ent, known)] if s is not None)
                continue
            start, end = trim_entity(ent, keep_the=label == "LOCATION")
            if start >= end:
                continue
            if label == "DATE":
                start = with_day_before(doc, start)
                (start, end), *other_ends = date_parts(doc, start, end)
                spans.extend(
                    Span(doc, s, e, label="DATE", span_id=f"model:{ent.label_}")
                    for s, e in other_ends
                )
            if label == "QUANTITY":
                start = with_approximator_before(doc, start, words)
            if label == "PERSON":
                start = after_descriptions(doc, start, end, words)
                model_end = end
                start, end = person_extent(doc, start, end, words)
                spans.extend(self._place_run_into(doc, end, model_end))
            if label == "ORG":
                end = before_a_lower_case_description(doc, start, end)
            span = Span(doc, start, end, label=label, span_id=f"model:{ent.label_}")
            if label == "QUANTITY" and not is_count(span, words):
                continue
            if label == "LEGAL_REF" and not names_an_instrument(span, words):
                continue  # 'the Royal Family' read as a law
            if label in ("PERSON", "ORG") and (
                _demonym_modifier(span)
                or lone_modifier(span)
                or (len(span) == 1 and span.text in words.PEOPLE_GROUP_NAMES)
            ):
                continue  # 'the [Kazakh] government', 'a [Uyghur] living in Oslo'
            if label == "PERSON" and len(span) > 1 and span[-1].lower_ in words.NOT_PERSON_HEADS:
                continue  # 'Scott Road', 'Central Hospital': a place or a body, no one's name
            span = _organisation_read_as_a_person(span)

            read_otherwise = self._read_otherwise(span, words)
            if read_otherwise is not None:
                spans.extend(read_otherwise)  # none: an unknown place is dropped
                continue
            may_be_place = label == "ORG" or (
                label == "PERSON" and span.text not in full_name_words
            )
            if may_be_place and (
                (self._is_big_place(span) and not described_as_a_person(span, words))
                or self._place_after_in(span)
                or self._origin_of_a_person(span)
                or home_after_an_age(span)
                or (label == "PERSON" and self._read_as_place_elsewhere(span, read_as_place))
            ):
                rule = "LOCATION.person_is_place" if label == "PERSON" else "LOCATION.org_is_place"
                span = derive(span, rule, "label", label="LOCATION")
            elif label in ("PERSON", "ORG") and named_by_place_noun(span, words):
                after = span.end < len(doc) and doc[span.end].lower_ in words.PLACE_NOUNS
                end = span.end + 1 if after else span.end  # '[X province]' with its noun
                span = derive(span, "LOCATION.place_noun_of", "label", label="LOCATION", end=end)
                places.add(span.text)
            spans.append(span)
        # the document's other mentions of a name a place noun introduced are that place
        spans = [
            derive(s, "LOCATION.place_noun_of", "label", label="LOCATION")
            if s.label_ in ("PERSON", "ORG") and s.text in places
            else s
            for s in spans
        ]
        return spans + _other_mentions(doc, places, spans)

    def _read_otherwise(self, span: Span, words: Any) -> list[Span] | None:
        """The spans a model entity stands for when it is not what the model says, or
        ``None`` when it is: a place the gazetteer does not know is dropped, unless it names
        a relative ('his daughter [X]'); a police force named after a place is an ORG."""
        if self._normaliser is None:
            return None
        if span.label_ == "LOCATION":
            if self._normaliser.is_known_place(span.text, other_names=True):
                return None
            if _named_relative(span, words):
                return [make(span.doc, span.start, span.end, "PERSON", "PERSON.relative_named")]
            return []
        if span.label_ in ("PERSON", "ORG"):
            return self._force_of_a_place(span)
        return None

    def _force_of_a_place(self, span: Span) -> list[Span] | None:
        """'[Essex] police', '[Alberta RCMP]' read as a person: a known place before
        'police' is the name of that police force (ORG); a known place before an acronym is
        the place, and the acronym the organisation (context rule ``ORG.force_of_a_place``)."""
        assert self._normaliser is not None
        doc = span.doc
        if (
            span.end < len(doc)
            and doc[span.end].lower_ == "police"
            and self._normaliser.is_known_place(span.text)
        ):
            return [make(doc, span.start, span.end + 1, "ORG", "ORG.force_of_a_place")]
        last = span[-1]
        if (
            len(span) >= 2
            and last.is_upper
            and last.is_alpha
            and len(last) >= 2
            and self._normaliser.is_known_place(span[:-1].text)
        ):
            return [
                make(doc, span.start, span.end - 1, "LOCATION", "ORG.force_of_a_place"),
                make(doc, last.i, last.i + 1, "ORG", "ORG.force_of_a_place"),
            ]
        return None

    def _place_after_in(self, span: Span) -> bool:
        """'a court in [Grozny]': a one-word 'organisation' or 'person' that is the object
        of a preposition of place (or listed after one) and names a known city or country;
        a 'person' of up to three words placed in, near or outside a thing ('the office in
        Kampong Cham') or naming a known place ('his sister in Mae Sot')."""
        if self._normaliser is None or len(span) > 3:
            return False
        root = span.root
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if (before in ("and", "or") and len(span) == 1) or (
            before in ("and", "or", ",") and len(span) > 1 and span.label_ == "PERSON"
        ):
            while root.dep_ == "conj" and root.head.i < root.i:
                root = root.head  # 'organisers in Ansan and [Gimhae]': the list's place
        if root.i != span.root.i and len(span) > 1:
            # 'in Bangkok, [Mae Sot] and Osaka', not 'bloggers in Oslo, [Ana Ruiz] and ...':
            # a name listed after a place is a place only if the gazetteer knows it
            return (
                root.dep_ == "pobj"
                and root.head.lower_ in prepositions_of(span)
                and self._normaliser.is_known_place(span.text, subdivisions=False)
            )
        if root.dep_ != "pobj" or root.head.lower_ not in prepositions_of(span):
            return False
        words = self.patterns.lexicons
        if span.label_ == "PERSON" and (
            (
                root.head.head.pos_ == "NOUN"
                and (len(span) == 1 or root.head.head.lemma_ in words.PLACE_IN_NOUNS)
            )
            or (
                len(span) > 1
                and root.head.head.pos_ == "VERB"
                and root.head.head.lemma_ in words.PLACE_IN_VERBS
                and not (span.start > 0 and span.doc[span.start - 1].is_title)
            )
        ):
            # 'a police station in Kilimani', 'a plant outside Ansan', 'the police office in
            # Kampong Cham', 'was held in Adi Kolo': a place of a place or of an act, known
            # to the gazetteer or not (a district, a camp, a town); the caller keeps words of
            # people named in full
            return True
        # 'his sister in [Kampong Cham]', 'a court in [Grozny]': a known town the model read
        # as a person's name or a body
        return self._normaliser.is_known_place(span.text, subdivisions=False)

    def _origin_of_a_person(self, span: Span) -> bool:
        """'a retired schoolteacher from [Mansoura]': a one-word 'person' that is where a
        person noun comes from is a place, known to the gazetteer or not ('a letter from
        Hassan' stays a person: a letter is no person)."""
        root = span.root
        words = self.patterns.lexicons
        if len(span) != 1 or span.label_ != "PERSON" or root.dep_ != "pobj":
            return False
        if root.head.lower_ != "from":
            return False
        noun = root.head.head
        described = noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON"  # 'X, a teacher'
        return noun.pos_ == "NOUN" and (
            described
            or noun.lemma_.lower() in words.PERSON_NOUNS
            or noun.lemma_.lower() in words.DESCRIPTION_NOUNS
        )

    def _read_as_place_elsewhere(self, span: Span, read_as_place: set[str]) -> bool:
        """A one-word 'person' the model tags as a place elsewhere in the document, that
        names a known city or country ('instructions from [Grozny]' beside 'in Grozny')."""
        if self._normaliser is None or len(span) != 1 or span.text not in read_as_place:
            return False
        return self._normaliser.is_known_place(span.text, subdivisions=False)

    def _place_run_into(self, doc: Doc, end: int, model_end: int) -> list[Span]:
        """The known place a model PERSON ran on into after a preposition ('Ana Ruiz to
        [Lisbon]'), which ``person_extent`` cut off (context rule ``LOCATION.after_a_name``)."""
        if model_end - end != 2 or doc[end].pos_ != "ADP":
            return []
        if not self._is_big_place(Span(doc, end + 1, model_end, label="LOCATION")):
            return []
        return [make(doc, end + 1, model_end, "LOCATION", "LOCATION.after_a_name")]

    def _is_big_place(self, span: Span) -> bool:
        """A one-word 'person' or 'organisation' that is a country or a city of over
        :data:`PLACE_OVER_PERSON_POPULATION` people ("Berlin", "Rotterdam"; a capital
        standing for its government, "Dushanbe says", is that place too).

        The small model tags some capitals as PERSON; a word of a person the model names in
        full elsewhere in the document keeps PERSON (the caller checks).
        """
        if self._normaliser is None or len(span) != 1:
            return False
        return self._normaliser.is_known_place(
            span.text, min_city_population=PLACE_OVER_PERSON_POPULATION, subdivisions=False
        )

    def dateline_spans(self, doc: Doc) -> list[Span]:
        """The places opening datelines (:func:`tnr_claims.nlp.datelines.dateline_places`)."""
        if self._normaliser is None:
            return []
        return dateline_places(doc, self._normaliser.is_known_place)

    def __call__(self, doc: Doc) -> Doc:
        """Write the merged codebook spans and the cue matches to ``doc.spans``."""
        if self.patterns is None:
            raise ClaimsError(
                "tnr_tagger has no rules: build the pipeline with tnr_claims.nlp.build_nlp, "
                "or call its initialize(patterns=...)"
            )
        words = self.patterns.lexicons
        rule_spans, blocked = self.rule_spans(doc)
        rule_spans += self.dependency_spans(doc)
        if self._parsed:
            rule_spans = [
                s
                for s in rule_spans
                if not extents.asks_for_something_else(s) and not extents.brought_to_no_place(s)
            ]
        # a dateline place wins a tie with the model's reading ("ISTANBUL --" read as an ORG)
        model = self.dateline_spans(doc) + self.model_spans(doc)
        rule_spans = without_words_of_names(rule_spans, model, words)
        merged = merge_spans(doc, rule_spans, model, blocked)
        places = self._normaliser.is_known_place if self._normaliser else lambda _: False
        if self._tagged:
            merged = organisation_extents(doc, merged, words, places)
        if self._parsed:
            merged = platform_venues(doc, described_organisations(doc, merged, words), words)
        if self._tagged:
            merged = role_named_people(doc, merged, words)
        if self._tagged:
            merged = given_names(doc, merged, words)
        merged = particle_led_names(doc, particle_surnames(doc, merged, words), words)
        merged = byline_outlets(
            doc, byline_people(doc, merged, words, places), places, words.NAME_PARTICLES
        )
        if self._parsed:
            merged = speaking_people(doc, merged, words)
            merged = acted_on_people(doc, merged, words, places)
        if self._parsed:
            merged = described_people(doc, merged, words)
            merged = people_sharing_a_family_name(doc, merged, words)
            merged = relatives_listed(doc, merged, words)
            merged = coordinated_people(doc, merged, words)
            merged = listed_people(doc, merged, words)
            merged = patronymic_names(doc, merged, words)
            merged = towns_among_places(merged, self._normaliser)
        merged = hyphenated_syllables(doc, merged)
        merged = outlets_by_their_word(doc, merged, words)
        merged = speaker_labels(doc, merged)
        merged = signatures(doc, merged, words)
        merged = party_captions(doc, merged, words.PARTY_NOUNS)
        merged = capital_headings(doc, merged, words.ORG_NAME_HEADS)
        merged = propagate_names(doc, merged, words, tagged=self._tagged)
        merged = record_label_notes(doc, merged)
        merged = family_plurals(doc, merged)
        merged = organisations_named_after_people(doc, merged, words, places)
        merged = abbreviations(doc, merged, words)
        merged = names_again(doc, merged)
        if self._tagged:
            merged = instruments_with_parties(doc, merged, words)
        merged = provisions_of_instruments(doc, merged)
        merged = days_told_before(doc, merged)
        if self._parsed:
            merged = vague_counts(doc, merged, words)
        crimes = [
            Span(doc, start, end, label="METHOD", span_id=rule_id)
            for start, end, rule_id in doc.user_data.pop(ALLEGED_CRIMES_KEY, ())
        ]
        if self._parsed:
            merged = drop_acts_against_perpetrators(doc, merged, words)
            merged = perpetrators_crimes(doc, merged, crimes)
            merged = drop_hypothetical_penalties(merged)
            merged = drop_documents_as_sources(merged, words)
            merged = threatened_acts(doc, merged, words)
            merged = domestic_unrest_acts(merged, words)
            merged = recode_relative_reprisals(merged, words)
            merged = recode_listed_with_relatives(merged, words)
            merged = drop_agents_of_home_reprisals(merged)
            merged = drop_agents_acted_on(doc, merged, words)
            merged = acts_told_again(doc, same_act_told_in_the_sentence(merged), words)
            merged = removals_told_again(doc, merged, words)
            merged = recode_sentenced_terms(merged)
            merged = recode_assets_arrested(merged, words)
            merged = recode_returns_told(merged, words)
            merged = recode_rewards_for_information(merged)
            merged = recode_captured_by_agents(merged, words)
            merged = extents.method_extents(doc, merged, words)
        ranges = zone_filter(doc)
        starts = [start for start, _ in ranges]
        kept = [s for s in merged if inside_ranges(ranges, starts, s)]
        doc.spans[SPAN_KEY] = without_overlaps(extents.within_lines(kept))
        cues = []
        # a cue word inside a name is part of the name ('Omar Said', not 'said')
        in_names = {
            i
            for s in merged
            if s.label_ in ("PERSON", "ORG", "LOCATION")
            for i in range(s.start, s.end)
        }
        for start, end, rule in self.cue_matcher(doc):
            if all(i in in_names for i in range(start, end)):
                continue
            cue = Span(doc, start, end, label=rule.kind, span_id=rule.id)  # type: ignore[union-attr]
            if inside_ranges(ranges, starts, cue):
                cues.append(cue)
        doc.spans[CUE_KEY] = cues
        return doc
