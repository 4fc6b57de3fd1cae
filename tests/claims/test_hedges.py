"""How a claim is qualified on the parse: hedging and negation belong to the claim's own
act, and one occasion is told from a practice (codebook, second set). Invented sentences."""

from __future__ import annotations

import pytest
from helpers import claim_of

pytestmark = pytest.mark.model


def hedged(tnr_pipeline, text: str, sentence_start: str) -> bool:
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text.startswith(sentence_start)]
    return claim.hedged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested the teacher over alleged links to a banned group.", False),
        ("Police detained the cartoonist over her alleged role in the strikes.", False),
        # a belief that the doers serve a state body: whether the parser hangs that body on
        # the act ('works for X photographed them') or on a role noun ('KGB informants film')
        (
            "Ana Ruiz says a man she believes works for the State Security Service of "
            "Ruritania photographed her outside her flat.",
            True,
        ),
        (
            "At every protest in Vilnius, two men I believe to be KGB informants film "
            "everyone who attends.",
            True,
        ),
        (
            "Ivo Sand says he was followed home by men he believes work for the Ministry "
            "of State Security.",
            True,
        ),
        (
            "The satirist Ivo Sand survived a stabbing in 2019 by members of a gang "
            "allegedly hired by the intelligence ministry.",
            True,
        ),
        (
            "Ivo Sand, who allegedly ran a group banned by the Interior Ministry, was "
            "arrested in Minsk.",
            False,
        ),
        (
            "The ministry will track the plans of visitors who could be working for the "
            "State Security Committee.",
            False,
        ),
        ("The suspected gunman fatally shot the exiled editor Rui Lam in Lisbon.", False),
        (
            "Marko Tal, a former officer, was accused of helping to kidnap the critic "
            "Ivo Sand in Vienna.",
            False,
        ),
        ("His wife suggested he was being held at the embassy in Ankara.", True),
        ("Tomas Vik says he assumes agents follow him in Riga.", True),
        ("The report suggests governments to sanction the agents.", False),
        ("Officials insist the activist Lena Ortiz returned to Hanoi voluntarily.", True),
        ("Critics condemned his apparent abduction in Nairobi.", True),
        ("It appears that agents hacked the phone of the exiled poet Ivo Sand.", True),
        ("Exile Watch said it could not confirm that Ivo Sand had been detained in Riga.", True),
        ("The state was accused of abducting the blogger Tomas Vik in Riga.", True),
        ("The sister of Tomas Vik was reportedly beaten by police in Riga.", True),
        ("Critics condemned the reported detention of Tomas Vik in Minsk.", True),
        ("The suspected gunman was detained in Riga after the murder of Tomas Vik.", False),
        (
            "Under what reportedly was a fake alarm, the plane carrying Tomas Vik was "
            "diverted to Minsk and he was arrested.",
            False,
        ),
        (
            "Police arrested Tomas Vik in Riga in May, but claims that the embassy was "
            "involved continue to circulate.",
            True,
        ),
        # a claim to a right is no allegation
        (
            "Police in Riga deported Tomas Vik in May although his asylum claim was pending.",
            False,
        ),
    ],
)
def test_hedges_on_the_act_only(tnr_pipeline, text: str, expected: bool) -> None:
    assert hedged(tnr_pipeline, text, text[:12]) is expected


def test_an_accusation_against_a_state_hedges_even_when_the_state_is_a_known_perpetrator(
    tnr_pipeline,
) -> None:
    """The document's perpetrator memory may hold the state's name (the tagger remembers
    who was accused of or charged with acts); the accused is still a state, so the claim
    is hedged."""
    from tnr_claims.nlp.perpetrators import PERPETRATORS_KEY

    text = "Rights Watch accused Laos of kidnapping a blogger in Bangkok in 2022."
    doc = tnr_pipeline.nlp(text)
    doc.user_data[PERPETRATORS_KEY] = ["laos"]
    record = tnr_pipeline.to_record(doc, doc_id="d", meta={}, text=text)
    [claim] = record.claims
    assert claim.hedged is True


def negated(tnr_pipeline, text: str) -> bool:
    record = tnr_pipeline.process_text(text)
    [claim] = record.claims
    return claim.negated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the act a sending was for is denied with the sending
        ("The embassy denied that Vell had sent anyone to monitor Tomas Vik.", True),
        ("The ministry denied that it had paid a man to follow Tomas Vik.", True),
        # counterexample: a negated copula keeps its clauses out ('it is no leap to claim')
        ("It would not be a leap to say that agents watch Tomas Vik in Riga.", False),
    ],
)
def test_a_denied_sending_denies_what_it_was_for(tnr_pipeline, text: str, expected) -> None:
    assert negated(tnr_pipeline, text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the agents' part in the act denied: the act denied
        ("Officials said the security services played no role in the stabbing of Tomas Vik.", True),
        ("The ministry said its agents had no part in the abduction of Tomas Vik.", True),
        # counterexample: an act with no tie to something else stands
        ("His arrest had no connection to the work of Tomas Vik, police said.", False),
        # 'without' denies only the phrase it opens, even with no act in the sentence
        ("The group urged Norway to issue visas to the relatives without delay.", False),
    ],
)
def test_no_role_in_the_act_denies_it_and_without_only_its_phrase(
    tnr_pipeline, text: str, expected: bool
) -> None:
    assert negated(tnr_pipeline, text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister denied on Tuesday that police had detained Tomas Vik.", True),
        ("The ministry denied in a statement that Tomas Vik was sent back to Vell.", True),
        # the act stands where the denial is of who asked for it
        ("Officials denied that Tomas Vik was sent back at Vell's request.", False),
        ("Police denied that Tomas Vik was detained on the orders of the embassy.", False),
    ],
)
def test_a_dated_denial_negates_and_a_denied_request_leaves_the_act(
    tnr_pipeline, text: str, expected: bool
) -> None:
    assert negated(tnr_pipeline, text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Interpol should not have issued the red notice against Tomas Vik.", False),
        (
            "More often than not, agents harass exiles like Tomas Vik with the help of police.",
            False,
        ),
        ("Police did not detain Tomas Vik in Riga.", True),
        # an act in a phrase of time is a given: the negation is about something else
        ("Her lawyer was not allowed to see Tomas Vik during his detention in Riga.", False),
        # 'nobody arrested them' denies the arrest of people named; no one held to account
        # is 'nobody was arrested over ...' (test below)
        ("Nobody in Latvia arrested Tomas Vik and Ana Ruiz in May.", True),
    ],
)
def test_a_judgement_or_an_idiom_is_no_denial(tnr_pipeline, text: str, expected: bool) -> None:
    assert negated(tnr_pipeline, text) is expected


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("Officials in Latvia later confirmed the abduction in a brief statement.", "incident"),
        ("Kidnapping here refers to the abduction of critics by state agents.", "pattern"),
        ("Between 2014 and 2020, China returned 8,000 fugitives from 120 countries.", "statistic"),
        ("Egypt has arrested the relatives of critics abroad since 2019.", "pattern"),
        ("Three activists went missing in Bangkok in 2019; one was later found dead.", "incident"),
        ("The two men were abducted in Nairobi and later surfaced in a Kampala jail.", "incident"),
        ("Two men are abducted in Nairobi every year.", "statistic"),
        ("Last year, two men were jailed in Riga for plotting to attack an editor.", "incident"),
        ("Police have disrupted a plot to kill two exiled journalists in Oslo.", "incident"),
        ("At least nine exiled critics have disappeared abroad since 2016.", "statistic"),
        # 'today' dates the report, not the acts it counts
        (
            "A report released today documents 735 cases of transnational repression since 2014.",
            "statistic",
        ),
        ("Police urged his parents to persuade him to return.", "incident"),
        ("Exile Watch urged Thailand not to return the refugees to Laos.", "recommendation"),
        ("Ruritanian transnational repression now reaches exiles on four continents.", "pattern"),
        ("China accounted for 22 percent of these incidents, followed by Turkey.", "statistic"),
        ("Ruritania is responsible for roughly a quarter of all incidents.", "statistic"),
        ("Ravi Kumar faces murder-for-hire charges over a plot against an exile.", "incident"),
        # a law applied to a person in a conviction, however the parser hangs 'under'
        (
            "Ivo Sand was convicted in March of assisting a foreign intelligence service "
            "under Section 3 of the Ruritanian Security Act.",
            "incident",
        ),
        (
            "The defendant was found guilty of secret service agent activity under Section "
            "99 of the Ruritanian Criminal Code.",
            "incident",
        ),
        # counterexample: what the law allows stays legal
        (
            "Under Section 3 of the Ruritanian Security Act, agents may detain exiles abroad.",
            "legal",
        ),
        # what happened in a number of the cases counted is a tally
        ("In 40 of the cases, relatives were summoned for questioning by police.", "statistic"),
        ("In at least three cases, officials offered rewards for an exile's address.", "statistic"),
        ("In one case, officials offered a reward for an exile's address in 2021.", "incident"),
        ("In most cases, relatives are summoned for questioning by police.", "pattern"),
    ],
)
def test_one_occasion_is_told_from_a_tally_and_a_practice(
    tnr_pipeline, text: str, claim_type: str
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.type == claim_type


@pytest.mark.parametrize(
    ("text", "negated", "source"),
    [
        (
            "The Ruritanian Interior Ministry rejected the allegations that its agents "
            "abducted Omar Haddad in Riga.",
            True,
            "Ruritanian Interior Ministry",
        ),
        (
            "Exile Watch denied that Omar Haddad returned to Ruritania voluntarily.",
            True,
            "Exile Watch",
        ),
        (
            "Omar Haddad denies any wrongdoing and says the charges against him are political.",
            False,
            "Omar Haddad",
        ),
    ],
)
def test_a_denial_of_the_act_negates_and_is_the_deniers_statement(
    tnr_pipeline, text: str, negated: bool, source: str
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.negated, claim.source) == (negated, source)


def test_an_accusation_against_state_agents_hedges(tnr_pipeline) -> None:
    [claim] = tnr_pipeline.process_text(
        "Chinese agents were accused of spying on critics in Berlin."
    ).claims
    assert claim.hedged
    assert "SURVEILLANCE" in claim.methods


def test_a_person_convicted_of_acting_as_an_agent_is_no_target(tnr_pipeline) -> None:
    text = "Lin Bao, 52, was convicted of acting as an illegal agent of the Ruritanian government."
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.methods, claim.targets, claim.type) == (["OVERSEAS_AGENTS"], [], "incident")


def test_a_journalist_convicted_as_a_foreign_agent_is_prosecuted(tnr_pipeline) -> None:
    [claim] = tnr_pipeline.process_text(
        "A court convicted the journalist of acting as a foreign agent."
    ).claims
    assert claim.methods == ["PROSECUTION"]


def test_spying_on_behalf_of_a_state_is_the_arrested_persons_supposed_offence(
    tnr_pipeline,
) -> None:
    [claim] = tnr_pipeline.process_text(
        "The student was arrested for spying on behalf of a foreign power."
    ).claims
    assert claim.methods == ["DETENTION"]


@pytest.mark.parametrize(
    ("text", "hedged", "negated"),
    [
        ("It is unclear whether he was deported to Laos or left on his own.", True, False),
        ("The kidnapping, if confirmed, would be the third such case this year.", True, False),
        ("Officials did not say why he was deported to Egypt.", False, False),
        ("Neither Kenya nor Uganda has explained how he was deported.", False, False),
        ("Thailand has not deported anyone to Cambodia this year, officials said.", False, True),
    ],
)
def test_an_untold_reason_negates_nothing_and_an_open_question_hedges(
    tnr_pipeline, text: str, hedged: bool, negated: bool
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.hedged, claim.negated) == (hedged, negated)


def test_a_practice_without_its_state_is_no_claim(tnr_pipeline) -> None:
    assert (
        tnr_pipeline.process_text("Transnational repression is a growing global threat.").claims
        == []
    )


def test_a_hedged_aside_leaves_the_asserted_act_unhedged(tnr_pipeline) -> None:
    [claim] = tnr_pipeline.process_text(
        "Thai police have arrested a Ruritanian blogger in Bangkok, raising fears he could "
        "be sent back to Ruritania."
    ).claims
    assert not claim.hedged


def test_officers_telling_a_relative_what_will_happen_is_family_pressure(tnr_pipeline) -> None:
    [claim] = tnr_pipeline.process_text(
        "Officers told her mother that the family would pay the price if Sara Lind kept "
        "writing from Berlin."
    ).claims
    assert claim.methods == ["FAMILY_PRESSURE"]


def test_a_share_of_something_else_is_no_claim(tnr_pipeline) -> None:
    assert tnr_pipeline.process_text("Turnout was 60 percent of the electorate.").claims == []


def test_a_state_denying_the_act_is_a_negated_claim_of_its_own(tnr_pipeline) -> None:
    [claim] = tnr_pipeline.process_text(
        "Beijing rejected the allegations as groundless and false, a spokesman said."
    ).claims
    assert claim.negated


@pytest.mark.parametrize(
    ("follow_up", "type_rule"),
    [
        ("They were handed over to border guards at a crossing.", "TYPE.same_occasion"),
        # a practice told in the present after the incident stays a practice
        ("They are often handed over to border guards.", "TYPE.general_practice"),
    ],
)
def test_a_group_pronoun_acted_on_right_after_an_incident_is_that_occasion(
    tnr_pipeline, follow_up: str, type_rule: str
) -> None:
    text = (
        "Note on the deportations.\n\nPolice deported four exiled students on Monday. " + follow_up
    )
    record = tnr_pipeline.process_text(text)
    [handed] = [c for c in record.claims if c.text == follow_up]
    assert handed.provenance.type_rule == type_rule


def test_a_former_agent_is_no_agent_at_work(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nThe killing of a former intelligence officer in Pretoria "
        "shocked exiles. Intelligence officers later followed his widow."
    )
    roles = [s.text for s in record.spans if s.code == "OVERSEAS_AGENTS"]
    assert roles == ["Intelligence officers"]


def test_a_negation_inside_a_condition_denies_nothing(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nOfficers told Nadia Rahimi that her brother would be "
        "arrested if she did not return."
    )
    [claim] = record.claims
    assert not claim.negated


def test_one_case_singled_out_is_an_incident(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the practice.\n\nIn one case, the phone of an exiled poet was hacked "
        "hours after he spoke on the radio."
    )
    [claim] = record.claims
    assert (claim.type, claim.provenance.type_rule) == ("incident", "TYPE.one_case")


def test_named_people_who_follow_and_photograph_someone_are_no_targets(tnr_pipeline) -> None:
    text = (
        "Note on the case.\n\nAccording to the complaint, Tomas Vik and Ivo Sand followed "
        "the critic, photographed his home and sent him threatening messages."
    )
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.targets == []
    assert {"SURVEILLANCE", "THREAT"} <= set(claim.methods)


def test_no_one_charged_over_an_act_leaves_the_act_asserted(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nNo one has been charged over the abduction of Ivo Sand in Riga."
    )
    [claim] = record.claims
    assert not claim.negated and "ABDUCTION" in claim.methods


def test_a_question_is_no_claim(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Interview.\n\nQ: When did the threats against your family begin?\n\n"
        "A: In 2022, police detained my brother in Herat."
    )
    assert [c.text for c in record.claims] == ["In 2022, police detained my brother in Herat."]


def test_a_penalty_the_target_faces_is_prosecution(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Ruritania wants Omar Zahid back. He faces up to 15 years in prison if returned."
    )
    claim = next(c for c in record.claims if c.text.startswith("He faces"))
    assert claim.methods == ["PROSECUTION"]


def test_the_imprisonment_a_court_sentences_someone_to_is_prosecution(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nA court sentenced Ivo Sand in absentia to life imprisonment. "
        "He was held in prison in Riga."
    )
    codes = [(s.text, s.code) for s in record.spans if s.label == "METHOD"]
    assert ("imprisonment", "PROSECUTION") in codes
    assert ("held in prison", "DETENTION") in codes


def test_a_person_who_must_be_released_is_a_call_for_action(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nIvo Sand was detained in Riga in May. Ivo Sand must be "
        "released immediately and unconditionally."
    )
    [call] = [c for c in record.claims if c.text.startswith("Ivo Sand must")]
    assert (call.type, call.targets) == ("recommendation", ["Ivo Sand"])


def test_a_government_notice_of_warrants_bounties_and_designations(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Police act against absconders\n\n"
        "The Security Department today (March 3) issued arrest warrants for four persons "
        "who have absconded overseas. The four wanted persons are Ivo Sand, Lena Ortiz, "
        "Tomas Vik and Mara Hol. A reward of $200,000 is offered for information leading "
        "to the arrest of each of them. The Police will apply for orders prohibiting any "
        "person from making funds available to the absconders. The Secretary has specified "
        "the four as absconders, and their passports will be cancelled."
    )
    claims = {c.text.split()[1]: c for c in record.claims}
    assert claims["Security"].type == "incident"
    assert sorted(claims["four"].targets) == ["Ivo Sand", "Lena Ortiz", "Mara Hol", "Tomas Vik"]
    assert claims["reward"].methods == ["INFORMANT_COERCION"]
    assert claims["Police"].methods == ["ASSET_FREEZE"]
    assert set(claims["Secretary"].methods) == {"PROSECUTION", "TRAVEL_RESTRICTION"}


def test_not_allowed_to_leave_is_a_travel_ban_and_negates_nothing(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nIvo Sand is an exile in Riga. His parents were not allowed to "
        "leave the country."
    )
    [claim] = [c for c in record.claims if c.text.startswith("His parents")]
    assert (claim.methods, claim.negated) == (["TRAVEL_RESTRICTION"], False)


def test_a_denial_and_a_negated_copula_together_deny_every_act(tnr_pipeline) -> None:
    # 'is not in custody': the negation reaches the copula before it, which holds the act
    claim = claim_of(
        tnr_pipeline,
        "Omar Bekele was last seen in Nairobi. A spokesman for the Ruritanian Ministry of "
        "the Interior denied that Ruritanian agents had entered Kenya, saying Bekele "
        '"is not in the custody of any state body".',
        "A spokesman",
    )
    assert claim.negated is True
    assert "DETENTION" in claim.methods


def test_a_state_accusing_him_of_an_offence_is_the_charge_not_a_hedge(tnr_pipeline) -> None:
    # a pronoun that names a person is a person accused, even inside the METHOD's span;
    # 'public calls for' is a noun, no call for action
    claim = claim_of(
        tnr_pipeline,
        "Omar Bekele fled to Prague in 2019. Uganda accuses him of public calls for "
        "unrest, an offence under Article 12 of its Criminal Code.",
        "Uganda accuses",
    )
    assert (claim.type, claim.hedged, claim.targets) == ("incident", False, ["Omar Bekele"])
    assert "PROSECUTION" in claim.methods


def test_the_exile_in_a_number_of_cases_counted_is_no_one_named(tnr_pipeline) -> None:
    # 'the journalist' is anyone of the cases counted, not the journalist named before
    record = tnr_pipeline.process_text(
        "Police detained the journalist Ana Ruiz in Minsk in May. The report counts 90 "
        "cases of pressure on relatives since 2020. In 40 of those cases, relatives were "
        "summoned by police and told to persuade the journalist to stop writing."
    )
    [claim] = [c for c in record.claims if c.text.startswith("In 40")]
    assert (claim.type, claim.targets) == ("statistic", [])


def test_words_said_to_a_relative_neither_deny_nor_call_for_action(tnr_pipeline) -> None:
    # a capitalised 'Police' opening the sentence is still the state's people
    [threat] = tnr_pipeline.process_text(
        "Police told the brother that the family would have no peace until Omar came home."
    ).claims
    assert ("FAMILY_PRESSURE" in threat.methods, threat.negated) == (True, False)
    [order] = tnr_pipeline.process_text(
        '"She told me I was a disgrace and that I must come home," said Ana Ruiz.'
    ).claims
    assert (order.type, order.methods) == ("incident", ["PERSUASION_TO_RETURN"])


def test_what_reporters_were_told_is_a_statement_that_can_deny(tnr_pipeline) -> None:
    # counterexample: told to reporters, 'no one' denies the act
    [claim] = tnr_pipeline.process_text(
        "Police told reporters that no one had been detained at the border."
    ).claims
    assert claim.negated is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a return in the words said to a relative is pressure to return
        (
            "Officers told her that a good mother would bring her son Tomas Vik home.",
            "PERSUASION_TO_RETURN",
        ),
        # counterexample: a return that happened stays a forced return
        ("Officers brought her son Tomas Vik home from Riga in May.", "FORCED_RETURN"),
    ],
)
def test_a_return_told_to_a_relative_is_pressure_to_return(
    tnr_pipeline, text: str, code: str
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.methods == [code]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("The ministry said state bodies had no connection to the killing of Nodir Kamal.", True),
        # counterexample: the arrest stands; only its tie to the brother is denied
        ("The ministry said the arrest of Nodir Kamal had no connection to his brother.", False),
        # 'received no request': the act named by the object is denied
        ("Berlin said it had received no extradition request for Nodir Kamal.", True),
    ],
)
def test_having_no_connection_to_an_act_denies_it(
    tnr_pipeline, sentence: str, negated: bool
) -> None:
    [claim] = tnr_pipeline.process_text(sentence).claims
    assert claim.negated is negated


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        # a state that accuses someone makes an allegation
        ("Latvia accused Tomas Lund of ordering the killing of Ana Ruiz in Riga.", True),
        ("The government accused Tomas Lund of ordering the killing of Ana Ruiz.", True),
        # the parser may hang 'of' on the accused
        (
            "Latvia accused the regime’s second-in-command, Tomas Lund, of ordering an attack "
            "on a dissident in Riga.",
            True,
        ),
        # a charge brought by prosecutors is an asserted legal step
        ("Prosecutors accused Tomas Lund of helping to kidnap Ana Ruiz.", False),
        ("Tomas Lund is accused of helping to kidnap Ana Ruiz.", False),
    ],
)
def test_a_states_accusation_hedges_a_prosecutors_does_not(
    tnr_pipeline, text: str, hedged: bool
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.hedged is hedged


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("The first assessment of detectives is that the exile Ana Ruiz was poisoned.", True),
        ("The assessment was published in May after agents abducted Ana Ruiz.", False),
    ],
)
def test_an_assessment_that_an_act_happened_hedges_it(tnr_pipeline, text: str, hedged) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.hedged is hedged


@pytest.mark.parametrize(
    "text",
    [
        "It is not clear if Ana Ruiz was released or whether she will be allowed to leave Latvia.",
        "It is not known if the agents who abducted Ana Ruiz have left Latvia.",
    ],
)
def test_not_clear_or_not_known_is_doubt_not_denial(tnr_pipeline, text: str) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.negated, claim.hedged) == (False, True)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # a clause joined with its own subject is asserted on its own
        ("No weapon was found on the plane, and the airline called the hijacking piracy.", False),
        # counterexample: the denial reaches the act in its own clause
        ("Police found no sign that agents had abducted Ivo Sand in Oslo.", True),
    ],
)
def test_a_negation_stops_at_a_joined_clause_with_its_own_subject(
    tnr_pipeline, text: str, negated: bool
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.negated is negated


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("A court acquitted the two men accused of kidnapping the exile Ana Reyes.", True),
        (
            "Marko Tal was charged with the abduction of Ana Reyes but acquitted in May.",
            True,
        ),
        # counterexample: a conviction asserts the charge
        ("The court convicted the two men of kidnapping the exile Ana Reyes.", False),
    ],
)
def test_an_acquittal_negates_like_a_plea_of_not_guilty(
    tnr_pipeline, text: str, negated: bool
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.negated is negated


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        (
            "A flight carrying the exile Ivo Sand was diverted to Riga owing to an alleged "
            "hijack threat.",
            False,
        ),
        ("Police detained the exile Ivo Sand in Minsk because of an alleged plot.", False),
        # counterexample: 'alleged' on the act itself hedges it
        ("The alleged abduction of the exile Ivo Sand in Minsk was condemned.", True),
    ],
)
def test_alleged_on_the_reason_given_does_not_hedge_the_act(
    tnr_pipeline, text: str, hedged: bool
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.hedged is hedged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the state's possible ties to the act leave its role open
        (
            "Detectives are examining possible links to the Ruritanian government in the "
            "killing of Ana Vell.",
            True,
        ),
        # a target's supposed affiliation hedges nothing (codebook, second set)
        ("Ana Vell, who has alleged links to a banned group, was deported in May.", False),
        # a response promised if the state is found to be behind it: the state's role is open
        (
            "The minister said Oslo would expel diplomats if Ruritania were proved to be behind "
            "the poisoning of Ana Vell.",
            True,
        ),
        ("The inquiry found Ruritania to be behind the poisoning of Ana Vell.", False),
        # two accounts set side by side: neither is asserted
        ("Either the service ordered the abduction of Ana Vell, or its men acted alone.", True),
        ("Either way, the men who abducted Ana Vell were never caught.", False),
    ],
)
def test_hedges_on_who_is_behind_the_act(tnr_pipeline, text: str, expected: bool) -> None:
    assert hedged(tnr_pipeline, text, text[:12]) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a return told as voluntary denies the coercion the claim is about
        ("Ruritanian officials insist Ana Vell, 33, returned voluntarily in March.", True),
        # two denials assert it: 'did not return voluntarily'
        ("Ana Vell did not return voluntarily, her lawyer said.", False),
        # counterfactual: 'would never have returned voluntarily' asserts it too
        ("Her friend said Ana Vell would never have returned voluntarily.", False),
        # counterexample: a plain denial of the return still negates
        ("Ana Vell was not forced to return, officials said.", True),
        # the adjective, as what a return is: 'the returns are voluntary'
        ("Officials say the forced returns of exiles like Ana Vell were in fact voluntary.", True),
        # counterexample: the adjective on anything else tells nothing of the return
        ("The fund is voluntary, and officials deported Ana Vell in May.", False),
    ],
)
def test_a_voluntary_return_denies_a_forced_one(tnr_pipeline, text: str, expected: bool) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.negated is expected


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # 'without' negates the phrase it opens, not a verb the parser joins to it
        (
            "Ana Vell and Ivo Rask were tried without being notified and sentenced to eight "
            "years in prison.",
            "Ana Vell",
        ),
    ],
)
def test_negations_that_deny_no_act(tnr_pipeline, text: str, start: str) -> None:
    assert claim_of(tnr_pipeline, text, start).negated is False


def test_not_being_able_to_reach_someone_denies_nothing(tnr_pipeline) -> None:
    # 'has not been able to reach him' states a limit, as 'could not' does
    text = (
        "Ivo Rask, a blogger, was deported to Ruritania on Monday. His wife, Mira Tal, said "
        "she had not been able to reach him since he boarded the flight."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert not any(c.negated for c in claims)


def test_a_scare_quoted_voluntarily_denies_nothing(tnr_pipeline) -> None:
    # 'to return "voluntarily"' mocks the claim that the return was free
    text = (
        'Officers pressured the relatives of Ana Vell into persuading her to return "voluntarily."'
    )
    assert not any(c.negated for c in tnr_pipeline.process_text(text).claims)


@pytest.mark.parametrize(
    "text",
    [
        '"We have not ruled out that agents of a foreign state ordered the killing of Ana Ruiz," '
        "an officer said.",
        "The lab says the hacking of Ana Ruiz's phone is consistent with a state client.",
    ],
)
def test_an_act_not_ruled_out_or_consistent_with_a_finding_is_hedged_not_denied(
    tnr_pipeline, text: str
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.hedged, claim.negated) == (True, False)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Lawyers said police had declined to say where the poet Ana Ruiz was detained.", False),
        ("Officials refused to tell the family where the poet Ana Ruiz was detained.", False),
        ("Police in Oslo denied that Ana Ruiz was arrested.", True),
    ],
)
def test_a_refusal_to_tell_denies_the_telling_not_the_act(tnr_pipeline, text, negated) -> None:
    [claim] = [c for c in tnr_pipeline.process_text(text).claims if c.methods]
    assert claim.negated is negated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her brother is reported to have been moved to a labour camp in the north.", True),
        ("The abduction of her brother was reported to police the next morning.", False),
        ("Police raids on her family appear intended to punish her for her articles.", True),
        ("I'm fairly sure I was followed by two men from the embassy for a week.", True),
        ("I am sure I was followed by two men from the embassy for a week.", False),
    ],
)
def test_reported_to_appear_intended_and_qualified_certainty_hedge(
    tnr_pipeline, text: str, expected: bool
) -> None:
    doc = "Exile's account\n\nAna Ruiz, a reporter, lives in Lyon. " + text
    assert hedged(tnr_pipeline, doc, text[:12]) is expected


@pytest.mark.parametrize(
    ("told", "expected"),
    [
        ('A spokesman told us the service "does not follow any exile abroad."', True),
        ("Officers told her that the service would not stop following her.", False),
    ],
)
def test_a_spokesmans_denial_told_to_us_is_a_denial(tnr_pipeline, told: str, expected) -> None:
    text = "Exile followed\n\nAna Ruiz, a reporter, lives in Madrid. " + told
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text == told]
    assert claim.negated is expected
