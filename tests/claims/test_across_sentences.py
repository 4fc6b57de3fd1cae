"""Reading across sentences and clauses: who a letter, a lede or a quotation stands for,
what a gendered pronoun can refer to, when a state's statement denies the act, and when a
count or a law makes a sentence a statistic or a practice. Invented texts through the
whole pipeline."""

from __future__ import annotations

import pytest
from helpers import claim_of

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("second", "source"),
    [
        ("According to the verdict, the men tracked Omar Haddad for weeks.", "Narva City Court"),
        (
            "According to the indictment, the men tracked Omar Haddad for weeks.",
            "Office of the Prosecutor General",
        ),
        # the charging body named last, not the police named before it
        (
            "The complaint says the men tracked Omar Haddad for weeks.",
            "Office of the Prosecutor General",
        ),
        # a ruling the document has not placed is no one's
        ("According to a ruling, the men tracked Omar Haddad for weeks.", None),
    ],
)
def test_a_legal_document_speaks_for_the_body_that_issued_it(
    tnr_pipeline, second: str, source: str | None
) -> None:
    text = (
        "The Harbour Police arrested two men in May. The Office of the Prosecutor General "
        "charged them in June, and the Narva City Court convicted them in July. " + second
    )
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text == second]
    assert claim.source == source


def test_a_lede_describes_the_person_the_next_sentence_names(tnr_pipeline) -> None:
    text = (
        "A blogger living in Oslo says he was beaten by two men in May. "
        "Omar Haddad, 34, told reporters the attack came after his videos."
    )
    claim = claim_of(tnr_pipeline, text, "A blogger")
    assert (claim.source, claim.targets) == ("Omar Haddad", ["Omar Haddad"])


def test_a_lede_with_two_descriptions_names_no_one(tnr_pipeline) -> None:
    text = (
        "A lawyer for a blogger says he was beaten by two men in May. "
        "Omar Haddad, 34, told reporters the attack came after his videos."
    )
    claim = claim_of(tnr_pipeline, text, "A lawyer")
    assert (claim.source, claim.targets) == (None, [])


def test_two_organisations_joined_by_and_are_two_and_the_first_speaks(tnr_pipeline) -> None:
    text = (
        "The Baltic Exile Centre documented the arrest of Omar Haddad in Riga. "
        "The Baltic Exile Centre and Human Rights Watch jointly called on Latvia to halt "
        "the deportation of Omar Haddad."
    )
    record = tnr_pipeline.process_text(text)
    organisations = [s.text for s in record.spans if s.label == "ORG"]
    assert organisations == ["Baltic Exile Centre", "Baltic Exile Centre", "Human Rights Watch"]
    assert claim_of(tnr_pipeline, text, "The Baltic Exile Centre and").source == (
        "Baltic Exile Centre"
    )


def test_an_organisation_named_with_and_stays_one(tnr_pipeline) -> None:
    text = "The Ministry of Justice and Public Security ordered the arrest of Omar Haddad."
    record = tnr_pipeline.process_text(text)
    organisations = [s.text for s in record.spans if s.label == "ORG"]
    assert organisations == ["Ministry of Justice and Public Security"]


@pytest.mark.parametrize(
    ("pronoun", "targets"),
    [("her", ["Mara Lind"]), ("his", ["Omar Haddad"])],
)
def test_a_pronoun_takes_the_gender_a_relative_noun_gives(
    tnr_pipeline, pronoun: str, targets: list[str]
) -> None:
    text = (
        "Omar Haddad fled to Oslo in 2019. His wife, Mara Lind, said officials had refused "
        f"to renew {pronoun} passport."
    )
    assert claim_of(tnr_pipeline, text, "His wife").targets == targets


def test_she_said_is_not_a_man_named_in_the_sentence(tnr_pipeline) -> None:
    text = (
        "Omar Haddad fled to Oslo in 2019, his lawyer, Ana Ruiz, said. "
        "His brother, Sami Haddad, lost his post at a state bank in 2020, she said."
    )
    assert claim_of(tnr_pipeline, text, "His brother").source == "Ana Ruiz"


def test_a_possessive_is_not_the_later_speaker_it_owns(tnr_pipeline) -> None:
    text = (
        "Ana Ruiz fled to Oslo in 2019. In 2020 her brother, Sami Ruiz, was detained in "
        "Minsk, according to her lawyer, Mara Lind."
    )
    claim = claim_of(tnr_pipeline, text, "In 2020")
    assert (claim.targets, claim.source) == (["Ana Ruiz", "Sami Ruiz"], "Mara Lind")


@pytest.mark.parametrize(
    ("act", "targets"),
    [
        # a named relative punished is a target with the one abroad (GUIDELINES)
        ("he was handed a dismissal letter at work", ["Ana Ruiz", "Sami Ruiz"]),
        # a relative's own passport: only the relative
        ("officials had cancelled his passport", ["Sami Ruiz"]),
    ],
)
def test_a_named_relative_punished_brings_in_the_one_abroad(
    tnr_pipeline, act: str, targets: list[str]
) -> None:
    text = f"Ana Ruiz fled to Oslo in 2019. Her brother, Sami Ruiz, said {act} in May."
    assert claim_of(tnr_pipeline, text, "Her brother").targets == targets


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("If convicted, the two men could face life sentences.", 0),
        ("If found guilty, the pair would face twelve years in prison.", 0),
        ("Omar Haddad was convicted in absentia and sentenced to ten years in prison.", 1),
    ],
)
def test_a_penalty_that_waits_on_a_conviction_is_no_claim(
    tnr_pipeline, text: str, claims: int
) -> None:
    record = tnr_pipeline.process_text(text)
    methods = [s for s in record.spans if s.label == "METHOD"]
    assert (len(record.claims), bool(methods)) == (claims, bool(claims))


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        # a law applied to people is the practice or the case, not what the law says
        ("Once home, returnees are typically prosecuted under Article 12 of the Code.", "pattern"),
        ("Under Article 12 of the Code, offences abroad can be prosecuted at home.", "legal"),
    ],
)
def test_a_law_applied_to_people_is_not_a_legal_claim(
    tnr_pipeline, text: str, claim_type: str
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.type == claim_type


def test_my_in_a_continued_quotation_is_its_speaker(tnr_pipeline) -> None:
    text = (
        '"I cannot go back to Minsk," Ana Ruiz told reporters in Oslo. '
        '"My sister was questioned by police there in May."'
    )
    assert "Ana Ruiz" in claim_of(tnr_pipeline, text, '"My sister').targets


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The ministry denied any involvement in the assault on Omar Haddad.", True),
        ("The embassy said that returning citizens are not detained for their opinions.", True),
        ("The ministry said that no citizen had been prevented from leaving the country.", True),
        ('It called the reports of surveillance in Vilnius "pure fabrication".', True),
        # the abduction happened: failing to prevent it presupposes it
        ("Police failed to prevent the abduction of Omar Haddad.", False),
        # a denied link to a cause leaves the act standing
        ("An official denied that the arrests had anything to do with Omar Haddad.", False),
        ("The ministry denied that the arrests were linked to her activism.", False),
        # codebook, second set: a plea of not guilty negates
        ("Two men who acted for Ruritanian intelligence pleaded not guilty to the plot.", True),
    ],
)
def test_a_state_denies_the_act(tnr_pipeline, text: str, negated: bool) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.negated is negated


def test_the_letter_is_its_writers(tnr_pipeline) -> None:
    text = (
        "Ana Ruiz, the UN Special Rapporteur on torture, and two other experts have written "
        "to the government of Ruritania about Omar Haddad. "
        "The letter says police detained his brother in Minsk in May."
    )
    assert claim_of(tnr_pipeline, text, "The letter").source == "Ana Ruiz"


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Omar Haddad has not been heard from since May.", [["Omar Haddad"]]),
        (
            "The two cousins, Ali Saleh and Omar Saleh, have not been seen since.",
            [["Ali Saleh", "Omar Saleh"]],
        ),
        ("The film has not been seen since 1990.", []),
    ],
)
def test_not_seen_since_is_about_the_one_missing(tnr_pipeline, text: str, targets) -> None:
    record = tnr_pipeline.process_text(text)
    assert [c.targets for c in record.claims] == targets


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        # the day is the statement's; the count over many acts is the point
        (
            "Courts have convicted at least 17 exiled journalists in absentia since 2023, "
            "the Exile Watch group said on Thursday.",
            "statistic",
        ),
        (
            "VILNIUS, 2 May 2024 — Courts have convicted at least 17 exiled journalists in "
            "absentia since 2023.",
            "statistic",
        ),
        # one dated event: the count is a detail of it
        ("Police detained 40 students in Minsk on 4 July.", "incident"),
    ],
)
def test_a_count_is_not_dated_by_its_telling(tnr_pipeline, text: str, claim_type: str) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.type == claim_type


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a title-case place before a dash is a dateline, never a speaker
        (
            "Lahore — Relatives of the exiled blogger Omar Haddad say two of his cousins "
            "were detained.",
            None,
        ),
        (
            "Grozny — The blogger Omar Haddad said on Monday that his mother had been detained.",
            "Omar Haddad",
        ),
        # the accused denying his supposed offence speaks for nothing
        ("Prosecutors accused Omar Haddad of treason in absentia, a charge he denies.", None),
    ],
)
def test_datelines_and_denied_charges_do_not_speak(
    tnr_pipeline, text: str, source: str | None
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == source


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "Omar Haddad, a reporter for the news site Kestrel Watchpost, was charged in May.",
            "Kestrel Watchpost",
            "ORG",
        ),
        # a name the organisation noun is followed by as a subject stays a person
        ("Police raided the group Omar Haddad founded in Minsk in May.", "Omar Haddad", "PERSON"),
    ],
)
def test_a_name_closed_right_after_an_outlet_noun_is_the_outlet(
    tnr_pipeline, text: str, name: str, label: str
) -> None:
    spans = tnr_pipeline.process_text(text).spans
    assert [s.label for s in spans if s.text == name] == [label]


@pytest.mark.parametrize(
    ("act", "hedged"),
    [
        # a belief that ties the doers to a state body, however the parser hangs it
        ("a man they believe works for the State Security Service photographed them", True),
        ("a man they believe works in a bakery photographed them", False),
        # the doers' own disguise is no hedge on who is behind it
        ("two men claiming to be police tried to force them into a car", False),
    ],
)
def test_a_hedge_on_who_is_behind_it(tnr_pipeline, act: str, hedged: bool) -> None:
    text = f"Omar Haddad and Ana Ruiz fled to Oslo. Both say {act} in May."
    assert claim_of(tnr_pipeline, text, "Both say").hedged is hedged


@pytest.mark.parametrize(
    ("second", "targets"),
    [
        # the one whose attack it was speaks of it again
        ("Omar Haddad says he believes the abduction was ordered from Minsk.", ["Omar Haddad"]),
        # someone else speaking of it is no target
        ("Ana Ruiz says she believes the abduction was ordered from Minsk.", []),
    ],
)
def test_a_target_speaking_of_his_own_case_again(tnr_pipeline, second, targets) -> None:
    text = "Agents abducted the blogger Omar Haddad in Oslo in May. " + second
    assert claim_of(tnr_pipeline, text, second[:8]).targets == targets


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        (
            "Police said their inquiry into the killing of Omar Haddad would continue, "
            "including whether the embassy of Ruritania played a part.",
            True,
        ),
        ("An official has been implicated in the plot to kill Omar Haddad in Oslo.", True),
        # an inquiry into a detail leaves the act asserted
        (
            "Police are investigating whether the nerve agent used to kill Omar Haddad was "
            "made in Oslo.",
            False,
        ),
    ],
)
def test_an_open_question_on_who_is_behind_it_hedges(tnr_pipeline, text: str, hedged) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.hedged is hedged


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "The UN Working Group on Forced Returns said Omar Haddad was held unlawfully.",
            "UN Working Group on Forced Returns",
        ),
        (
            "The Committee on Human Rights of Exiles said police detained Omar Haddad.",
            "Committee on Human Rights of Exiles",
        ),
    ],
)
def test_a_body_named_after_its_subject_is_one_name(tnr_pipeline, text, organisation) -> None:
    spans = tnr_pipeline.process_text(text).spans
    assert organisation in [s.text for s in spans if s.label == "ORG"]
    # a METHOD word inside the name is part of the name
    assert not any(s.label == "METHOD" and s.text == "Forced Returns" for s in spans)


def test_the_byline_author_is_i_never_he(tnr_pipeline) -> None:
    # the narrator named in the byline is 'I' and 'my': a later 'he' is the husband
    text = (
        "My husband was sent back\n\nBy Mara Lind\n\nMy husband, Tomas Vik, was deported to "
        "Riga in May. A consular officer told me my own passport would not be renewed. In "
        "June he appeared before a court in Riga, charged under Article 5 of the Penal Code."
    )
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text.startswith("In June")]
    assert claim.targets == ["Tomas Vik"]


@pytest.mark.parametrize(
    ("held", "code"),
    [
        ("Sami Haddad is still held without trial in Cairo.", "RELATIVE_REPRISAL"),
        ("He is still held without trial in Cairo.", "RELATIVE_REPRISAL"),
        # counterexample: the person the report is about is no relative of his own
        ("Omar Haddad was later held for a week in Oslo.", "DETENTION"),
    ],
)
def test_custody_of_a_person_named_as_a_relative_is_a_reprisal(
    tnr_pipeline, held: str, code: str
) -> None:
    text = (
        "Omar Haddad fled to Oslo in 2015. Police in Cairo charged Omar Haddad in absentia "
        "in 2019, and agents followed Omar Haddad in Oslo in 2020. His brother, Sami "
        "Haddad, was arrested in Cairo in May. " + held
    )
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text == held]
    assert claim.methods == [code]
    spans = [s for s in record.spans if s.label == "METHOD" and s.start >= claim.start]
    assert [s.code for s in spans] == [code]


@pytest.mark.parametrize(
    ("removed", "code"),
    [
        ("Norway deported Sami Haddad to Cairo in June.", "DETENTION"),
        ("In June he was extradited from Oslo to Cairo.", "DETENTION"),
        # counterexample: sent a letter, not removed: the brother stays a relative acted on
        ("Sami Haddad wrote to Omar Haddad from Cairo in June.", "RELATIVE_REPRISAL"),
    ],
)
def test_a_relative_removed_from_abroad_is_held_as_a_target(
    tnr_pipeline, removed: str, code: str
) -> None:
    """A relative who was himself deported or extradited is a target in his own right: his
    custody later is DETENTION, not a reprisal (codebook, second set: acts against relatives
    used against a target abroad)."""
    text = (
        "Omar Haddad fled to Oslo in 2015, and agents followed Omar Haddad in Oslo in 2020. "
        "His brother, Sami Haddad, lived in Oslo too. " + removed + " Sami Haddad is still "
        "held without trial in Cairo."
    )
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text.startswith("Sami Haddad is")]
    assert claim.methods == [code]


@pytest.mark.model
@pytest.mark.parametrize(
    ("listed", "targets"),
    [
        (
            "Ana Ruiz, a journalist, Omar Haddad, a lawyer, and Lena Ortiz, a teacher, are "
            "members of the banned group.",
            ["Ana Ruiz", "Lena Ortiz", "Omar Haddad"],
        ),
        # counterexample: people listed doing something are not the counted group
        ("Ana Ruiz, Omar Haddad and Lena Ortiz took instructions from the police.", []),
    ],
)
def test_a_counted_group_is_the_people_the_next_sentence_lists_as_its_subject(
    tnr_pipeline, listed: str, targets: list[str]
) -> None:
    text = f"The ministry said three exiles had been added to its wanted list. {listed}"
    claim = tnr_pipeline.process_text(text).claims[0]
    assert sorted(claim.targets) == targets


@pytest.mark.model
def test_a_counted_group_is_the_people_set_off_after_the_two(tnr_pipeline) -> None:
    text = (
        "The court sentenced two nationals living in London to life in absentia. The two, "
        "Hassan Abdulla al-Amri, a 34-year-old blogger, and Ali Jaffar Nouri, a former "
        "engineer at the state oil company, left the country in 2017."
    )
    claim = tnr_pipeline.process_text(text).claims[0]
    assert sorted(claim.targets) == ["Ali Jaffar Nouri", "Hassan Abdulla al-Amri"]


@pytest.mark.model
def test_a_group_listed_as_a_subject_is_what_all_three_later_means(tnr_pipeline) -> None:
    text = (
        "The ministry published its list on Tuesday. Ana Ruiz, a journalist, Omar Haddad, a "
        "lawyer, and Lena Ortiz, a teacher, are members of the banned group. The minister "
        "said the passports of all three had been cancelled."
    )
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert sorted(claim.targets) == ["Ana Ruiz", "Lena Ortiz", "Omar Haddad"]


def test_not_seen_since_tells_where_someone_is_and_denies_no_act(tnr_pipeline) -> None:
    text = "Ana Tamm and Ivo Tamm were deported in May. The couple has not been seen since."
    claims = tnr_pipeline.process_text(text).claims
    assert not any(c.negated for c in claims)


def test_a_quotation_opening_after_a_named_speakers_reported_words_is_theirs(
    tnr_pipeline,
) -> None:
    text = (
        "Ana Ruiz, the centre's lead researcher, said police often miss the point. "
        '"Many exiles are beaten in Vienna. We found at least 14 beatings ordered from '
        'abroad."'
    )
    claims = tnr_pipeline.process_text(text).claims
    assert [c.source for c in claims] == ["Ana Ruiz", "Ana Ruiz"]


def test_an_interviews_answers_are_the_interviewees_and_my_is_theirs(tnr_pipeline) -> None:
    text = (
        "Omar Haddad, 31, came to Montreal in 2017 to study engineering. He spoke to us about "
        "his family.\n\n"
        "Q: When did the pressure begin? In March 2022 my younger brother, Sami Haddad, was "
        "arrested at his office in Riyadh.\n\n"
        "Q: Has the state contacted you? My parents were banned from travelling abroad. I "
        "moved flats the same week, and I no longer call my mother."
    )
    claims = tnr_pipeline.process_text(text).claims
    arrest = next(c for c in claims if "arrested" in c.text)
    ban = next(c for c in claims if "banned" in c.text)
    assert arrest.source == ban.source == "Omar Haddad"
    assert sorted(arrest.targets) == ["Omar Haddad", "Sami Haddad"]
    assert ban.targets == ["Omar Haddad"]


def test_an_interviews_byline_is_the_interviewer_and_every_answer_the_interviewees(
    tnr_pipeline,
) -> None:
    # 'By X' over an interview names who asked; 'I believe ...' and 'nobody told my mother'
    # in an answer are the interviewee's word, though their cues name no one
    text = (
        "An exile on the threats\n\nBy Lea Moreau | Montreal, 2 May 2023\n\n"
        "Omar Haddad, 31, came to Montreal in 2017. He spoke to us about his family.\n\n"
        "Q: When did it begin? In March 2022 police arrested my brother, Sami Haddad, in "
        "Riyadh. I believe the arrest was ordered because of my videos.\n\n"
        "Q: And then? For months they held him in a cell, and nobody told my mother where "
        "he was."
    )
    claims = tnr_pipeline.process_text(text).claims
    sources = {c.text.split()[0]: c.source for c in claims if c.text.startswith(("I ", "For"))}
    assert sources == {"I": "Omar Haddad", "For": "Omar Haddad"}
    arrest = next(c for c in claims if "arrested" in c.text)
    assert arrest.source == "Omar Haddad"


@pytest.mark.parametrize(
    "intro",
    [
        "Host Lea Moreau speaks with Omar Haddad, an engineer who left Riyadh in 2017.",
        "This week Lea Moreau sat down with Omar Haddad, who left Riyadh in 2017.",
    ],
)
def test_an_interviews_guest_is_who_the_host_speaks_with(tnr_pipeline, intro: str) -> None:
    # the introduction's subject is the host; the one spoken with answers, and 'I' is his
    text = (
        f"THE EXILE HOUR | Radio North\n\n{intro}\n\n"
        "Q: When did it begin?\n\nA: In March 2022 police arrested my brother, Sami Haddad, "
        "in Riyadh.\n\nQ: And since?\n\nA: Since June I have received threatening messages "
        "on WhatsApp. I was followed in October by two men."
    )
    claims = tnr_pipeline.process_text(text).claims
    followed = next(c for c in claims if "followed" in c.text)
    assert (followed.source, followed.targets) == ("Omar Haddad", ["Omar Haddad"])


def test_in_a_first_person_piece_the_relative_held_is_the_authors(tnr_pipeline) -> None:
    # the father is the one most acted on, yet a relative: his custody is a reprisal on
    # the author, who is a target with him (GUIDELINES)
    text = (
        "My father became a hostage\n\nBy Rami Sabet\n\nI left Moldova after police raided "
        "my studio. In January, security officers arrested my father, Karim Sabet, at his "
        "home in the capital. He has been held without charge ever since. Last month they "
        "questioned him again."
    )
    claim = claim_of(tnr_pipeline, text, "He has been held")
    assert (claim.methods, claim.targets) == (["RELATIVE_REPRISAL"], ["Karim Sabet", "Rami Sabet"])


@pytest.mark.parametrize(
    ("sentence", "targets"),
    [
        # 'his job' is the brother's own, and the brother is not named
        ("My brother lost his job at a state bank a week later.", ["Rami Sabet"]),
        # counterexample: the pronoun's gender does not fit the relative
        ("My sister lost her job at a state bank after his arrest.", ["Karim Sabet", "Rami Sabet"]),
    ],
)
def test_a_possessive_in_an_unnamed_relatives_clause_is_the_relatives(
    tnr_pipeline, sentence: str, targets: list[str]
) -> None:
    text = (
        "My father became a hostage\n\nBy Rami Sabet\n\nI left Moldova after police raided "
        "my studio. In January, security officers arrested my father, Karim Sabet, at his "
        "home in the capital. " + sentence
    )
    assert claim_of(tnr_pipeline, text, sentence[:12]).targets == targets


@pytest.mark.parametrize(
    ("second", "claim_type"),
    [
        # a denial that reports no clause, right after the incident, is about it
        ("Moldova has denied any involvement.", "incident"),
        # counterexample: a standing denial of a practice
        ("Moldova routinely denies any involvement in such attacks.", "pattern"),
    ],
)
def test_a_denial_after_an_incident_goes_on_with_it(
    tnr_pipeline, second: str, claim_type: str
) -> None:
    text = "Police say Ivo Sand was poisoned in Oslo on Sunday. " + second
    assert claim_of(tnr_pipeline, text, "Moldova").type == claim_type


@pytest.mark.parametrize(
    ("second", "claims"),
    [
        # after an incident, 'this' said to be a state's act is a claim on that incident
        ("This amounts to an illegal attack by the Moldovan State on Norway.", 1),
        ("Whichever way, it was a deliberate operation by the government on our soil.", 1),
        # counterexample: an act by no state
        ("This represents a brave act by a neighbour who called the police.", 0),
    ],
)
def test_an_incident_called_a_states_act_is_a_claim(tnr_pipeline, second: str, claims: int) -> None:
    text = "Agents poisoned the exile Ivo Sand in Oslo on Sunday. " + second
    record = tnr_pipeline.process_text(text)
    assert len([c for c in record.claims if c.text.startswith(second[:12])]) == claims


def test_a_speaker_set_off_before_a_closing_verb_speaks(tnr_pipeline) -> None:
    """The parser hangs 'his lawyer, <name>,' on the deported man's name as a conjunct."""
    text = (
        "Russian authorities have deported Tajik opposition activist Komron Rahmatulloev to "
        "Dushanbe, where he faces extremism charges, his lawyer, Yelena Sorokina, said on "
        "Thursday."
    )
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.source, claim.targets) == ("Yelena Sorokina", ["Komron Rahmatulloev"])


@pytest.mark.parametrize(
    ("second", "source"),
    [
        (
            "According to the network's figures, Belarus has sought 14 red notices.",
            "Baltic Press Network",
        ),
        # the organisation named as the owner of the records
        ("According to Exile Watch's figures, Belarus has sought 14 red notices.", "Exile Watch"),
        # counterexamples: a person's figures are not the organisation's; a named person's
        # lawyer is not that person
        ("According to the lawyer's figures, Belarus has sought 14 red notices.", None),
        ("According to Ana Ruiz's lawyer, Belarus has sought 14 red notices.", None),
    ],
)
def test_according_to_an_organisation_s_records_is_the_organisation(
    tnr_pipeline, second: str, source: str | None
) -> None:
    text = "The Baltic Press Network said police held the reporter Ivan Zhuk in May. " + second
    claim = claim_of(tnr_pipeline, text, "According to")
    assert claim.source == source


ISSUED_STATEMENT = (
    "Statement: Release the reporter Ivan Zhuk\n\n"
    "Oslo, 3 May 2024 - Exile Watch and four other groups today condemned the arrest of the "
    "reporter Ivan Zhuk in Minsk. Zhuk was seized at his flat on 1 May.\n\n"
)


def test_the_experts_in_an_organisations_statement_are_that_organisation(tnr_pipeline) -> None:
    sentence = "The signatories said police had also detained his brother, Oleg Zhuk."
    claim = claim_of(tnr_pipeline, ISSUED_STATEMENT + sentence, "The signatories")
    assert claim.source == "Exile Watch"


@pytest.mark.parametrize(
    "sentence",
    [
        # the author's own assertion has no source (codebook: null when the author asserts)
        "We have documented 30 arrests of exiles' relatives since 2021.",
        "Our organisations call on Belarus to release his brother, Oleg Zhuk.",
        # inside quotation marks 'we' is the one quoted
        '"We have documented 30 arrests of relatives since 2021," a lawyer said.',
        # a described group of other people: 'the' alone makes the issuer's members
        "The Belarusian groups said police had also detained his brother, Oleg Zhuk.",
    ],
)
def test_we_in_an_organisations_statement_names_no_one(tnr_pipeline, sentence: str) -> None:
    claim = claim_of(tnr_pipeline, ISSUED_STATEMENT + sentence, sentence[:8])
    assert claim.source is None


def test_we_in_a_report_no_organisation_issued_names_no_one(tnr_pipeline) -> None:
    text = (
        "Police in Minsk arrested the reporter Ivan Zhuk on 1 May, his wife said. "
        "We have documented 30 arrests of exiles' relatives since 2021."
    )
    assert claim_of(tnr_pipeline, text, "We have").source is None


def test_an_organisation_that_called_for_action_is_the_one_that_calls_again(
    tnr_pipeline,
) -> None:
    """Not Interpol, named last before the sentence: the one whose call it was."""
    text = (
        "Exile Watch urged Interpol to delete the red notice against the reporter Ivan Zhuk. "
        "The organisation also calls on Spain to reject the extradition request."
    )
    claim = claim_of(tnr_pipeline, text, "The organisation")
    assert claim.source == "Exile Watch"


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # a couple detained, the two named next as the subject of an intransitive verb
        (
            "Police detained an Uzbek couple at the border on Friday. Timur Sadykov, 48, and "
            "his wife, Dilnoza Sadykova, 45, had driven in from Almaty.",
            ["Dilnoza Sadykova", "Timur Sadykov"],
        ),
        # a call to release five people, who are listed after it
        (
            "Rights groups urged Minsk to release five people. The prisoners are Ivan Zhuk, "
            "Olga Bel, Pavel Sin, Anna Lis and Yury Mak.",
            ["Anna Lis", "Ivan Zhuk", "Olga Bel", "Pavel Sin", "Yury Mak"],
        ),
        # five critics sentenced, the five listed as the object of the next verb
        (
            "A court in Minsk sentenced five critics living abroad to prison terms. The court "
            "convicted Ivan Zhuk, Olga Bel, Pavel Sin, Anna Lis and Yury Mak of extremism.",
            ["Anna Lis", "Ivan Zhuk", "Olga Bel", "Pavel Sin", "Yury Mak"],
        ),
        # counterexamples: suspects held for a killing; a count that is not the list's
        (
            "Three people have been arrested in the killing of Omar Haddad in Riga. Ivan "
            "Zhuk, Olga Bel and Pavel Sin appeared in court on Monday.",
            ["Omar Haddad"],
        ),
        (
            "A court in Minsk sentenced four critics living abroad to prison terms. The court "
            "convicted Ivan Zhuk, Olga Bel and Pavel Sin of extremism.",
            [],
        ),
    ],
)
def test_a_counted_group_is_the_people_the_next_sentence_names_in_more_shapes(
    tnr_pipeline, text: str, targets: list[str]
) -> None:
    claim = tnr_pipeline.process_text(text).claims[0]
    assert sorted(claim.targets) == targets


@pytest.mark.parametrize(
    ("speaker", "source"),
    [
        ("The Vienna-based group Exile Rights Europe said", "Exile Rights Europe"),
        # counterexample: a group the document does not name
        ("A Vienna-based group said", None),
    ],
)
def test_an_organisation_noun_right_before_its_name_is_that_organisation(
    tnr_pipeline, speaker: str, source: str | None
) -> None:
    """The parser makes both the noun and the name subjects of the verb."""
    text = (
        "Police held the reporter Ivan Zhuk in May. "
        f"{speaker} red notices requested by Minsk had led to the arrest of six critics."
    )
    claim = claim_of(tnr_pipeline, text, speaker.split()[0] + " Vienna")
    assert claim.source == source


@pytest.mark.parametrize(
    ("first", "targets"),
    [
        # 'the person' tells a practice: no one the document names
        ("In most cases the person is placed on a wanted list before any arrest.", []),
        # 'the man' is someone new, not the person the report is about
        ("The man, identified only as Y.K., was charged in June with spying.", []),
        # counterexample: 'the blogger' is the one the document is about
        ("In May the blogger was placed on a wanted list before any arrest.", ["Omar Haddad"]),
    ],
)
def test_the_person_in_a_practice_is_no_one_named(tnr_pipeline, first: str, targets) -> None:
    text = first + " Omar Haddad, a blogger, was detained in Moscow in October."
    assert tnr_pipeline.process_text(text).claims[0].targets == targets


def test_his_before_she_said_is_not_the_speaker(tnr_pipeline) -> None:
    text = (
        "Police deported the blogger Omar Haddad to Baku on Monday, his lawyer, Lena Vogt, "
        'said. "He was not allowed to call his family before they put him on the plane," '
        "she said."
    )
    claim = claim_of(tnr_pipeline, text, '"He was')
    assert (claim.source, claim.targets) == ("Lena Vogt", ["Omar Haddad"])


@pytest.mark.parametrize(
    ("speaker", "source"),
    [
        ("according to his lawyer, Ana Ruiz.", "Ana Ruiz"),
        # counterexample: an organisation's name in apposition to a noun for a body
        ("according to his employer, Baltic Freight.", None),
    ],
)
def test_a_name_the_model_missed_beside_a_person_noun_is_a_person(
    tnr_pipeline, speaker: str, source: str | None
) -> None:
    text = "Police detained the blogger Omar Haddad in May, " + speaker
    record = tnr_pipeline.process_text(text)
    assert record.claims[0].source == source


def test_a_name_inside_a_clause_on_an_unnamed_speaker_does_not_speak(tnr_pipeline) -> None:
    """'a man who claimed to have news of his brother, X': the man claims, not X; the one
    who said it all is the sentence's speaker."""
    text = (
        "Lina Vogt lives in London. Ms Vogt said her husband had travelled to Istanbul to "
        "meet a man who claimed to have news of his brother, Karim Saleh, who was arrested "
        "in Manama in 2023."
    )
    assert claim_of(tnr_pipeline, text, "Ms Vogt").source == "Lina Vogt"


@pytest.mark.parametrize(
    ("last", "targets"),
    [
        (
            "Relatives said the couple were taken from the airport to a police station.",
            ["Chaltu Abdisa", "Obsa Kebede"],
        ),
        # counterexample: 'a couple' is someone new
        ("Relatives said a couple were taken from the airport to a police station.", []),
    ],
)
def test_the_couple_is_the_pair_named_as_spouses(tnr_pipeline, last: str, targets) -> None:
    """Three people named together before: 'the couple' is the two joined as spouses."""
    text = (
        "Among those returned are Gemechu Tolera, a teacher, and the nurse Chaltu Abdisa and "
        "her husband, Obsa Kebede. Obsa had been detained once before, in 2019. " + last
    )
    assert sorted(claim_of(tnr_pipeline, text, "Relatives said").targets) == targets


@pytest.mark.parametrize(
    ("second", "source"),
    [
        # 'he recorded' makes the videos; no one reports anything
        ('He is charged with "calls to unrest" over videos he recorded in Riga.', None),
        # counterexample: the returns a named group documented are its finding
        ("The 40 returns that Exile Watch documented were all forced.", "Exile Watch"),
    ],
)
def test_a_cue_verb_that_made_the_thing_it_qualifies_reports_nothing(
    tnr_pipeline, second: str, source: str | None
) -> None:
    text = "Police detained the blogger Azamat Toktogulov in April. " + second
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert (claim.text, claim.source) == (second, source)


@pytest.mark.parametrize(
    ("second", "source"),
    [
        # what the officers told the mother is the pressure, not their statement
        (
            "Within weeks, he says, officers of the Ministry of National Security visited his "
            "mother's flat and told her that her son was a traitor.",
            "Merdan Orazov",
        ),
        # counterexample: a ministry telling a news agency makes a statement
        (
            "The Ministry of National Security told Reuters that officers had visited his "
            "mother's flat.",
            "Ministry of National Security",
        ),
    ],
)
def test_the_state_telling_a_relative_something_is_no_source(
    tnr_pipeline, second: str, source: str
) -> None:
    text = "Merdan Orazov left for Istanbul in 2011. " + second
    assert tnr_pipeline.process_text(text).claims[-1].source == source


@pytest.mark.parametrize(
    ("last", "targets"),
    [
        # 'the activists' are all five, though the sentence before named two of them
        (
            "The court also ordered the Interior Ministry to cancel the activists' passports.",
            ["Anna Lis", "Ivan Zhuk", "Olga Bel", "Pavel Sin", "Yury Mak"],
        ),
        # counterexample: 'the two' are the two just named
        ("The two were also barred from travelling abroad.", ["Ivan Zhuk", "Olga Bel"]),
    ],
)
def test_a_plural_noun_after_part_of_a_group_is_the_whole_group(
    tnr_pipeline, last: str, targets: list[str]
) -> None:
    text = (
        "A court sentenced five activists living abroad to prison terms. The court "
        "convicted Ivan Zhuk, Olga Bel, Pavel Sin, Anna Lis and Yury Mak of extremism. Zhuk "
        "and Bel were each given ten years. " + last
    )
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert (claim.text, sorted(claim.targets)) == (last, targets)


@pytest.mark.parametrize(
    ("count", "targets"),
    [
        ("two", ["Ana Ruiz", "Omar Haddad"]),
        # counterexample: three counted, two named
        ("three", []),
    ],
)
def test_a_counted_group_is_the_people_the_next_acts_name_one_by_one(
    tnr_pipeline, count: str, targets: list[str]
) -> None:
    text = (
        f"The first {count} people charged under the new law live abroad. In May prosecutors "
        "charged Omar Haddad, a blogger in Oslo, with treason. The same day, prosecutors "
        "filed charges against Ana Ruiz, a former judge now living in Madrid."
    )
    claim = tnr_pipeline.process_text(text).claims[0]
    assert sorted(claim.targets) == targets


TRANSCRIPT = (
    "Transcript: Exiles in Oslo\n\n"
    "HOST: Tonight my guest is Lena Marsh, a lawyer for exiles from Ruritania.\n\n"
    "MARSH: Thank you.\n\n"
    "HOST: What do your clients tell you?\n\n"
    "MARSH: Many have had their passports cancelled by the consulate. "
    "Police in Vell detained the father of one client in May.\n\n"
    "HOST: Has anyone been sent back?\n\n"
    "MARSH: Two men were deported to Vell last year, the ministry said.\n"
)


@pytest.mark.parametrize(
    ("start", "source"),
    [
        # every sentence of a labelled answer with no speaker of its own
        ("Many have had", "Lena Marsh"),
        ("Police in Vell", "Lena Marsh"),
        # a speaker inside the answer keeps the sentence (an unnamed one names no one)
        ("Two men were", None),
    ],
)
def test_a_transcripts_labelled_paragraph_is_the_labelled_persons(
    tnr_pipeline, start: str, source: str | None
) -> None:
    assert claim_of(tnr_pipeline, TRANSCRIPT, start).source == source


def test_a_label_that_names_no_one_gives_no_source(tnr_pipeline) -> None:
    text = TRANSCRIPT.replace("Lena Marsh", "a lawyer")
    assert claim_of(tnr_pipeline, text, "Police in Vell").source is None


PODCAST = (
    "Episode 12: Far from home\n\n"
    "HOST: Dana Keller, a radio reporter from Ruritania, has lived in Oslo since 2019.\n\n"
    "DANA KELLER: Thank you for having me.\n\n"
    "HOST: What happened after you left?\n\n"
    "KELLER: Police in Vell summoned my mother twice that winter. A man followed me home "
    "from the studio in March.\n\n"
    "HOST: Did it happen to others?\n\n"
    "KELLER: Think of Ilan Varga, a cartoonist who worked with me for years. In May he flew to "
    "Vell for a wedding and was arrested at the airport.\n\n"
    "HOST: And his brother, Tomas Varga?\n\n"
    "KELLER: Nobody knows where the two of them are held.\n"
)


@pytest.mark.parametrize(
    ("start", "targets"),
    [
        # 'my' and 'me' in a labelled paragraph are the label's speaker
        ("KELLER: Police in Vell", ["Dana Keller"]),
        ("A man followed me", ["Dana Keller"]),
        # 'he' is the one the answer introduces, not the one the opening was about
        ("In May he flew", ["Ilan Varga"]),
    ],
)
def test_a_transcripts_first_person_is_the_labelled_speaker(
    tnr_pipeline, start: str, targets: list[str]
) -> None:
    claim = claim_of(tnr_pipeline, PODCAST, start)
    assert claim.targets == targets
    assert claim.source == "Dana Keller"  # 'KELLER:' is the guest an earlier label named


@pytest.mark.parametrize(
    ("question", "targets"),
    [
        # 'you' in the host's paragraph is the guest the other labels name
        ("HOST: In 2021 a court in Vell sentenced you in absentia.", ["Dana Keller"]),
        ("HOST: Police in Vell froze your bank account in 2021.", ["Dana Keller"]),
        # counterexample: a 'you' inside a quotation is whoever was spoken to there
        ('HOST: Police told her, "We will arrest you."', []),
    ],
)
def test_you_in_a_transcript_is_the_one_the_speaker_talks_to(
    tnr_pipeline, question: str, targets: list[str]
) -> None:
    text = PODCAST.replace("HOST: Did it happen to others?", question)
    assert claim_of(tnr_pipeline, text, question[6:20]).targets == targets


@pytest.mark.parametrize(
    ("first", "source"),
    [
        # 'A says he left': A is a man, so a later 'She says' passes A by for B
        ("Aras Demir, a blogger in Bonn, says he left Izmir in 2019.", "Lena Kaya"),
        # counterexample: 'A says she left' tells nothing against A, who spoke last
        ("Aras Demir, a blogger in Bonn, says she left Izmir in 2019.", "Aras Demir"),
    ],
)
def test_the_pronoun_of_a_persons_own_clause_tells_the_persons_gender(
    tnr_pipeline, first: str, source: str
) -> None:
    text = (
        f"{first} Police later questioned Lena Kaya, a singer, in Bonn. She says police "
        "visited her father, Kemal Kaya, in April."
    )
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text.startswith("She says")]
    assert claim.source == source


@pytest.mark.parametrize(
    ("names", "targets"),
    [
        # 'They were A, B, C and D' opening the next sentence names the four just told
        (
            "Omar Haddad, Lina Okafor, Tomas Varga and Mira Tal",
            ["Lina Okafor", "Mira Tal", "Omar Haddad", "Tomas Varga"],
        ),
        # counterexample: two names are not the four teachers counted
        ("Omar Haddad and Lina Okafor", []),
    ],
)
def test_they_were_names_the_group_just_told(tnr_pipeline, names: str, targets: list[str]) -> None:
    text = (
        "On 3 May police in Pristina detained four teachers and handed them to Ruritanian "
        f"agents. They were {names}."
    )
    assert sorted(claim_of(tnr_pipeline, text, "On 3 May").targets) == targets


@pytest.mark.parametrize(
    ("middle", "source"),
    [
        # the previous sentence's subject is who 'She told ...' is, not the last speaker
        ("Ana Vell, 46, fled Ruritania in 2014.", "Ana Vell"),
        # counterexample: one acted on in the sentence before is no subject; the speaker stays
        ("Police detained Ana Vell in May.", "Mira Tal"),
    ],
)
def test_she_told_after_a_sentence_about_someone_is_that_person(
    tnr_pipeline, middle: str, source: str
) -> None:
    text = (
        "Prosecutor Mira Tal told reporters the two men had been hired by Ruritania. "
        f"{middle} She told a local paper she had received death threats since 2022."
    )
    assert claim_of(tnr_pipeline, text, "She told").source == source


@pytest.mark.parametrize(
    "last",
    ["He was released without charge.", "He was freed the next day and was not charged."],
)
def test_a_charge_denied_a_named_relative_is_a_negated_reprisal_on_both(
    tnr_pipeline, last: str
) -> None:
    # the relative is acted on more often than the one abroad; he is still hers
    text = (
        "The singer Lena Ruth lives in Oslo. She has had threats since May. Police in Vell "
        f"held her cousin, Aram Lis, on Monday, and questioned him for a day. {last}"
    )
    claim = claim_of(tnr_pipeline, text, last[:10])
    assert (claim.methods, claim.negated) == (["RELATIVE_REPRISAL"], True)
    assert sorted(claim.targets) == ["Aram Lis", "Lena Ruth"]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Police detained the poet Aram Lis in Vell but did not charge him.", False),
        ("The poet Aram Lis was released on Friday and was not charged.", True),
    ],
)
def test_a_charge_denied_after_a_release_negates_one_after_an_arrest_does_not(
    tnr_pipeline, text: str, negated: bool
) -> None:
    assert claim_of(tnr_pipeline, text, "").negated is negated
