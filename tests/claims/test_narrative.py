"""The story of a case told on: a person an earlier sentence told acted on, as the subject
of a past event, makes an incident claim about that person (``TARGET.narrated_subject``).
Invented texts through the whole pipeline."""

from __future__ import annotations

import pytest
from helpers import claim_of

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("Lena Brandt was abducted in Vilnius in March. ", "She never came home."),
        (
            "Agents abducted Tomas Keller in 2020. ",
            "Officials say he left the embassy an hour later.",
        ),
        ("Police detained Omar Haddad in May. ", "His phone was found in a river on Friday."),
        (
            "Omar Haddad was detained in Riga in May. ",
            "Haddad reached the border on Friday.",
        ),
    ],
)
def test_an_earlier_target_as_the_subject_of_a_past_event_is_an_incident(
    tnr_pipeline, text: str, second: str
) -> None:
    claim = claim_of(tnr_pipeline, text + second, second[:12])
    name = "Lena Brandt" if "Lena" in text else "Tomas Keller" if "Tomas" in text else None
    name = name or "Omar Haddad"
    assert (claim.type, claim.targets, claim.negated) == ("incident", [name], False)
    assert "TARGET.narrated_subject" in {d.rule for d in claim.provenance.target_rules}


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # background, not an event of the case
        ("Lena Brandt was abducted in March. ", "She worked as a translator for ten years."),
        # no one was told acted on before
        ("Lena Brandt left Minsk in 2019. ", "She never came home."),
        # the speaker's own 'he'
        ("Omar Haddad was detained in May. ", '"We were all afraid," he continued.'),
        # what the person owned acted, rather than being acted on
        ("Omar Haddad was detained in May. ", "His blog had warned readers about the police."),
        # 'he' in what a named man said may be that man
        ("Omar Haddad was detained in May. ", "Karim Aziz said he left the office early."),
    ],
)
def test_background_speech_and_unknown_people_tell_no_story(
    tnr_pipeline, text: str, second: str
) -> None:
    record = tnr_pipeline.process_text(text + second)
    told = [
        c
        for c in record.claims
        if c.text == second
        and "TARGET.narrated_subject" in {d.rule for d in c.provenance.target_rules}
    ]
    assert told == []


@pytest.mark.parametrize(
    ("second", "source"),
    [
        ("The Norwegian government condemned the move.", None),
        ("Ministers will discuss this incident on Monday.", None),
        ("Ana Ruiz said the incident would not go without an answer.", "Ana Ruiz"),
    ],
)
def test_a_reaction_to_the_incident_told_is_part_of_it(
    tnr_pipeline, second: str, source: str | None
) -> None:
    text = "Agents abducted Tomas Keller in Oslo in 2020. " + second
    claim = claim_of(tnr_pipeline, text, second[:12])
    assert (claim.type, claim.source, claim.negated) == ("incident", source, False)
    assert claim.provenance.claim_rule == "CLAIM.incident_referred"


@pytest.mark.parametrize(
    ("second", "negated"),
    [
        # the allegations of the act called false, or said to have been rejected
        ("In response, the Foreign Ministry said the allegations of its role are absurd.", True),
        ("Ana Ruiz said the allegations were firmly rejected by the embassy.", True),
        # counterexamples: the allegations believed; a bare 'not' with no act to deny
        ("Ana Ruiz said the allegations were credible and detailed.", False),
        ("Ana Ruiz said the incident would not go without an answer.", False),
    ],
)
def test_a_reaction_that_calls_the_allegations_false_is_negated(
    tnr_pipeline, second: str, negated: bool
) -> None:
    text = "Agents abducted Tomas Keller in Oslo in 2020. " + second
    claim = claim_of(tnr_pipeline, text, second[:12])
    assert (claim.type, claim.negated) == ("incident", negated)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # no incident told before
        ("Tomas Keller lives in Oslo. ", "Ministers will discuss the move on Monday."),
        # another incident, not the one told
        ("Agents abducted Tomas Keller in 2020. ", "Ministers will discuss an incident today."),
        # no reaction and no one named says it
        ("Agents abducted Tomas Keller in 2020. ", "A neighbour saw the incident from a window."),
    ],
)
def test_no_reaction_to_a_told_incident_no_claim(tnr_pipeline, first: str, second: str) -> None:
    record = tnr_pipeline.process_text(first + second)
    assert [c.text for c in record.claims if c.text == second] == []


@pytest.mark.parametrize(
    ("second", "kind"),
    [
        ("Ruritania has denied any involvement in the abduction.", "incident"),
        ("The ministry said it had summoned the Ruritanian ambassador.", "incident"),
        # a practice: over a span of time, as a habit, or done to a generic group
        (
            "Over the past year, the Ruritanian government has harassed the exile community.",
            "pattern",
        ),
        ("The Ruritanian regime has long pressured critics abroad.", "pattern"),
        ("The regime harassed critics abroad through their relatives.", "pattern"),
    ],
)
def test_a_past_event_by_a_definite_actor_after_an_incident_goes_on_with_it(
    tnr_pipeline, second: str, kind: str
) -> None:
    text = "Agents abducted Tomas Keller in Oslo on 3 May. " + second
    claim = claim_of(tnr_pipeline, text, second[:12])
    assert claim.type == kind


@pytest.mark.parametrize(
    "first",
    [
        "Agents poisoned Ivo Sand and his daughter, Lena Sand, in Riga on 4 March. ",
        "Police charged two men with the attempted murder of Ivo Sand, his daughter Lena Sand "
        "and a detective, Tom Berg. ",
    ],
)
def test_a_relative_joined_to_the_narrated_subject_is_the_relative_named_before(
    tnr_pipeline, first: str
) -> None:
    second = "Ivo Sand and his daughter were found ill in a park that same day."
    claim = claim_of(tnr_pipeline, first + second, "Ivo Sand and his")
    assert claim.targets == ["Ivo Sand", "Lena Sand"]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Ivo Sand was found dead in his flat in Vienna.", ["Ivo Sand"]),
        (
            "Police are trying to learn why Ivo Sand, 66, was found lying slumped in a park "
            "alongside his daughter Lena Sand, 33, on Sunday.",
            ["Ivo Sand", "Lena Sand"],
        ),
        # found, but not harmed: no one the report is about
        ("Police found the car of Ivo Sand abandoned near Riga.", []),
    ],
)
def test_who_is_found_dead_or_ill_is_the_target(tnr_pipeline, text: str, targets) -> None:
    claims = tnr_pipeline.process_text(text).claims
    assert [c.targets for c in claims] == ([targets] if targets else [])


def test_a_relative_joined_to_a_target_found_harmed_is_the_relative_named_before(
    tnr_pipeline,
) -> None:
    text = (
        "Agents poisoned Ivo Sand and his daughter, Lena Sand, on 4 March. "
        "Ivo Sand and his daughter were found unconscious in a park that same day."
    )
    claim = claim_of(tnr_pipeline, text, "Ivo Sand and his")
    assert claim.targets == ["Ivo Sand", "Lena Sand"]


@pytest.mark.parametrize(
    "second",
    [
        "Official television claimed that he ran a channel spreading false news.",
        "The ministry's statement disclosed that Sand had used three false names.",
        "The state-run broadcaster reported that he was a member of a banned party.",
    ],
)
def test_what_the_states_voice_says_the_target_did_is_an_incident(
    tnr_pipeline, second: str
) -> None:
    """Codebook, second set: the perpetrator state's accusation against a named target is an
    incident claim, though the act told is background ('ran', 'was a member')."""
    text = "The blogger Ivo Sand was arrested in Baku in May. " + second
    claim = claim_of(tnr_pipeline, text, second[:12])
    assert (claim.type, claim.targets) == ("incident", ["Ivo Sand"])


@pytest.mark.parametrize(
    "second",
    [
        # a relative, not the state, tells his background
        "His sister said he worked as a teacher.",
        # an outlet with no mark of the state
        "The newspaper reported that he was a member of a chess club.",
    ],
)
def test_background_told_by_others_than_the_state_is_no_incident(tnr_pipeline, second: str) -> None:
    text = "The blogger Ivo Sand was arrested in Baku in May. " + second
    assert [c for c in tnr_pipeline.process_text(text).claims if c.text == second] == []


@pytest.mark.parametrize(
    "second",
    [
        "The court held four sessions in the case before it adjourned.",
        "In June the prosecutor asked the court to move the proceedings to Riga.",
        # the legal actor's title before a name
        "Judge Ana Ruiz fixed the date of the next hearing in the case.",
    ],
)
def test_the_case_process_after_an_incident_goes_on_with_it(tnr_pipeline, second: str) -> None:
    text = "The blogger Ivo Sand was arrested in Baku in May. " + second
    claim = claim_of(tnr_pipeline, text, second[:12])
    assert claim.type == "incident"


@pytest.mark.parametrize(
    "second",
    [
        # others on the case
        "A neighbour attended the hearing with her lawyer.",
        "The minister spoke about the investigation on television.",
        # another example brought in
        "The court compared it with the case of another writer.",
    ],
)
def test_others_on_the_case_or_another_case_tell_no_process(tnr_pipeline, second: str) -> None:
    text = "The blogger Ivo Sand was arrested in Baku in May. " + second
    assert [c for c in tnr_pipeline.process_text(text).claims if c.text == second] == []


@pytest.mark.parametrize(
    ("second", "told"),
    [
        ("They were last seen near the harbour, police said.", True),
        ("They became ill around noon.", True),
        # background, not an event of the case
        ("They worked as teachers.", False),
    ],
)
def test_they_right_after_a_group_of_targets_tells_on_the_group(
    tnr_pipeline, second: str, told: bool
) -> None:
    text = "Agents abducted Ivo Sand and Lena Sand in Oslo on 4 March. " + second
    claims = [c for c in tnr_pipeline.process_text(text).claims if c.text == second]
    assert [(c.type, c.targets) for c in claims] == (
        [("incident", ["Ivo Sand", "Lena Sand"])] if told else []
    )


def test_they_two_sentences_after_the_group_tells_no_story(tnr_pipeline) -> None:
    text = (
        "Agents abducted Ivo Sand and Lena Sand in Oslo on 4 March. The city is calm. "
        "They were last seen near the harbour."
    )
    assert [c.text[:4] for c in tnr_pipeline.process_text(text).claims] == ["Agen"]


THREAD = (
    "What the consulate did\n\n"
    "Lena Kaya (@lena_kaya) · Oslo · 3 May 2024\n\n"
    "1/ I have kept quiet for a year. I asked the consulate to renew my passport in 2023.\n\n"
    "2/ In March police in Vell summoned my father twice. {friend}\n"
)


@pytest.mark.parametrize(
    ("start", "targets"),
    [
        # a thread's author line, a name and a handle, names who 'my' is
        ("In March", ["Lena Kaya"]),
        # a named friend acted on is the target herself, no lever over the author
        ("On Friday", ["Ana Ruiz"]),
    ],
)
def test_a_threads_author_line_names_its_narrator(
    tnr_pipeline, start: str, targets: list[str]
) -> None:
    text = THREAD.format(friend="On Friday my friend Ana Ruiz was detained by police in Oslo.")
    assert claim_of(tnr_pipeline, text, start).targets == targets


def test_an_unnamed_friend_acted_on_is_still_a_lever_over_the_one_abroad(tnr_pipeline) -> None:
    text = THREAD.format(friend="On Friday police in Vell arrested her friend.")
    text = text.replace("my father", "Ana Ruiz, a blogger in Oslo,")
    assert claim_of(tnr_pipeline, text, "On Friday").targets == ["Ana Ruiz"]


def test_a_named_friend_acted_on_is_no_lever_over_the_narrator(tnr_pipeline) -> None:
    text = THREAD.format(friend="On Friday my friend Ana Ruiz was detained by police in Oslo.")
    text = text.replace("Lena Kaya (@lena_kaya) · Oslo · 3 May 2024", "By Lena Kaya")
    assert claim_of(tnr_pipeline, text, "In March").targets == ["Lena Kaya"]
    assert claim_of(tnr_pipeline, text, "On Friday").targets == ["Ana Ruiz"]


def test_the_narrator_in_a_describing_clause_is_no_target(tnr_pipeline) -> None:
    # 'I' in a clause that only describes the group is not acted on ('the flat where I live'
    # still is a lever: the cases gold holds such a sentence)
    sentence = "Six other women in a group I belong to have had their passports seized."
    text = f"By Lena Kaya\n\nI have lived in Oslo since 2019. I write about Vell.\n\n{sentence}\n"
    assert tnr_pipeline.process_text(text).claims[0].targets == []


@pytest.mark.parametrize(
    "head",
    [
        # a reply names whom it answers, not its author
        "Replying to Omar Haddad (@omar_h) · 2 May 2024",
        # a handle inside a sentence is no author line
        "Yesterday Omar Haddad (@omar_h), a minister in Vell, called me a traitor.",
    ],
)
def test_a_handle_that_is_no_author_line_names_no_narrator(tnr_pipeline, head: str) -> None:
    body = "I have lived in Oslo since 2019. I write.\n\nIn May police in Vell arrested my brother."
    assert claim_of(tnr_pipeline, f"{head}\n\n{body}\n", "In May").targets == []


def test_a_pronoun_subject_carries_the_person_named_before_on(tnr_pipeline) -> None:
    # 'She crossed ...' names no one, yet 'her' in the sentence after is still A
    text = (
        "Every evening, Mira Tallis Okafor waters the garden of a rented house on the edge of "
        "Bergen, then sits on the porch with two phones. She left Vell in May 2020, a month "
        "after resigning from the ministry. In June that year a court in Vell convicted her "
        "in absentia of fraud."
    )
    assert claim_of(tnr_pipeline, text, "In June").targets == ["Mira Tallis Okafor"]


@pytest.mark.parametrize(
    ("second", "targets"),
    [
        # a known target's name on the case noun: the process is about that target
        ("The court held nine sessions in the Keller case and ended in May.", ["Tomas Keller"]),
        ("Keller's trial resumed in a closed court on Monday.", ["Tomas Keller"]),
        ("A judge adjourned the hearing in the case of Tomas Keller.", ["Tomas Keller"]),
        # counterexample: the name of someone no act was told of
        ("The court held nine sessions in the Sand case and ended in May.", []),
    ],
)
def test_a_known_target_whose_name_names_the_case_is_its_target(
    tnr_pipeline, second: str, targets: list[str]
) -> None:
    text = "Agents killed Tomas Keller in Oslo in 2020. Ivo Sand wrote about it. " + second
    claim = claim_of(tnr_pipeline, text, second[:12])
    assert claim.targets == targets


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # a relative described with 'the', after 'his brother, B': the one abroad too
        (
            "Tomas Keller runs a channel from Oslo. His younger brother, Ivo Keller, fared "
            "worse. The 29-year-old IT technician was arrested at his flat in Bergen in May.",
            ["Ivo Keller", "Tomas Keller"],
        ),
        # a relative of a relative: the father first, then 'His younger brother' read
        # as the father's son; the one abroad is still the target
        (
            "Tomas Keller lives in Oslo. His father, Marek Keller, was dismissed. "
            "His younger brother, Ivo Keller, fared worse. Ivo was arrested in May.",
            ["Ivo Keller", "Tomas Keller"],
        ),
    ],
)
def test_an_act_on_a_relative_also_targets_the_one_whose_kin_he_is(
    tnr_pipeline, text: str, targets: list[str]
) -> None:
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert sorted(claim.targets) == targets


def test_a_plea_of_not_guilty_negates_though_it_names_no_act(tnr_pipeline) -> None:
    # codebook, second set: a plea of not guilty negates
    text = (
        "Agents abducted Tomas Keller in Oslo in 2020. Police charged Karim Nasser with the "
        "abduction of Tomas Keller in May. Nasser pleaded not guilty in a Bergen court today."
    )
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert claim.text.startswith("Nasser pleaded") and claim.negated
