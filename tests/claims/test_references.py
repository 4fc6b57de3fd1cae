"""Who a pronoun, a possessive or a bare name refers to, and who speaks: invented texts
through the whole pipeline (the rules read the parse and the document's names)."""

from __future__ import annotations

import pytest
from helpers import claim_of

pytestmark = pytest.mark.model


def people(tnr_pipeline, text: str) -> list[tuple[str, str | None]]:
    record = tnr_pipeline.process_text(text)
    return [(s.text, s.name) for s in record.spans if s.label == "PERSON"]


def test_a_surname_that_is_also_a_city_stays_a_person_once_the_full_name_is_given(
    tnr_pipeline,
) -> None:
    text = (
        "The prosecutor Marta Valencia opened an inquiry into the killing. "
        "Speaking to a radio station, Valencia said that witnesses blamed state agents."
    )
    assert ("Valencia", "Marta Valencia") in people(tnr_pipeline, text)
    assert claim_of(tnr_pipeline, text, "Speaking").source == "Marta Valencia"


def test_a_city_named_alone_stays_a_place(tnr_pipeline) -> None:
    text = "Agents detained two students in Valencia last year."
    assert all(name != "Valencia" for _, name in people(tnr_pipeline, text))


def test_a_name_with_an_office_noun_in_apposition_is_a_person(tnr_pipeline) -> None:
    text = (
        "Tarlok Vahl, a spokesman for the Riverside Temple Council, told reporters that "
        "agents had threatened several activists."
    )
    assert ("Tarlok Vahl", "Tarlok Vahl") in people(tnr_pipeline, text)


def test_an_organisation_before_an_office_noun_is_not_made_a_person(tnr_pipeline) -> None:
    text = (
        "Human Rights Watch, the group's Asia director said, has documented the abductions "
        "of twelve activists."
    )
    assert all("Watch" not in span for span, _ in people(tnr_pipeline, text))


def test_a_one_word_name_is_a_person_wherever_it_recurs(tnr_pipeline) -> None:
    text = (
        "Kerem, a trader living in Oslo, says police questioned his parents in 2019. "
        "Later Kerem tried to call his mother, but nobody answered."
    )
    assert [name for span, name in people(tnr_pipeline, text) if span == "Kerem"] == [
        "Kerem",
        "Kerem",
    ]


def test_a_speaker_set_off_by_a_relative_clause_still_speaks(tnr_pipeline) -> None:
    text = (
        "Born in Urumqi, Kerem, who asked to be identified by a pseudonym, says police "
        "detained his brother in 2018."
    )
    assert claim_of(tnr_pipeline, text, "Born").source == "Kerem"


def test_a_family_that_only_owns_something_is_no_lever(tnr_pipeline) -> None:
    text = "Lena Ortiz says her family's troubles began when police detained a neighbour in 2017."
    assert claim_of(tnr_pipeline, text, "Lena").targets == []


def test_a_family_that_is_pressured_makes_its_owner_the_target(tnr_pipeline) -> None:
    text = "Lena Ortiz fled in 2016. In 2017 police pressured her family to make her return."
    assert claim_of(tnr_pipeline, text, "In 2017").targets == ["Lena Ortiz"]


def test_a_relatives_home_in_the_act_makes_the_owners_owner_the_target(tnr_pipeline) -> None:
    text = (
        "Tomas Berg fled in 2019. "
        "In 2020 officers visited his mother's flat and told her to call him."
    )
    assert claim_of(tnr_pipeline, text, "In 2020").targets == ["Tomas Berg"]


def test_a_relatives_home_outside_the_act_is_no_lever(tnr_pipeline) -> None:
    text = (
        "Tomas Berg fled in 2019. "
        "His sister's flat was near the square where police detained two reporters in 2020."
    )
    assert claim_of(tnr_pipeline, text, "His sister").targets == []


def test_he_in_what_an_unnamed_official_says_is_the_official(tnr_pipeline) -> None:
    text = (
        "Agents threatened the blogger Kim Lo in Bangkok in May. "
        "The minister said he was not aware of any threats against exiles."
    )
    assert claim_of(tnr_pipeline, text, "The minister").targets == []


def test_he_in_what_an_unnamed_lawyer_says_of_an_act_is_still_the_target(tnr_pipeline) -> None:
    text = (
        "Agents threatened the blogger Kim Lo in Bangkok in May. "
        "The lawyer said he was beaten in custody in June."
    )
    assert claim_of(tnr_pipeline, text, "The lawyer").targets == ["Kim Lo"]


def test_a_pronoun_after_a_named_persons_relative_is_that_relative(tnr_pipeline) -> None:
    text = (
        "Lena Ortiz left the country in 2015. "
        "When Lena Ortiz's cousin arrived in the capital, the police jailed him."
    )
    assert claim_of(tnr_pipeline, text, "When").targets == []


def test_a_pronoun_object_is_not_the_subject_of_its_own_clause(tnr_pipeline) -> None:
    text = "Lena Ortiz's mother told her that police had detained her brother for a week."
    assert claim_of(tnr_pipeline, text, "Lena").targets == ["Lena Ortiz"]


def test_a_pronoun_after_an_unnamed_relative_refers_to_that_relative(tnr_pipeline) -> None:
    text = (
        "Lena Ortiz fled in 2016. "
        "In 2017 the government pressured a cousin and his wife to return home."
    )
    assert claim_of(tnr_pipeline, text, "In 2017").targets == []


def test_it_as_speaker_is_the_organisation_just_quoted(tnr_pipeline) -> None:
    text = (
        "The Interior Ministry of Ruritania said in a statement that the red notice was "
        "lawful. Interpol had issued a red notice for Omar Farah in May, it added."
    )
    claim = claim_of(tnr_pipeline, text, "Interpol had")
    assert claim.source == "Ministry of the Interior of Ruritania"  # GUIDELINES form


def test_it_after_a_described_organisation_is_that_organisation(tnr_pipeline) -> None:
    text = (
        "Exile Watch published a report on Ruritania in May. The Ruritanian Ministry of "
        "Justice rejected the findings. The group urges Interpol to review red notices. It "
        "also recommends that host states stop deporting exiles to Ruritania."
    )
    assert claim_of(tnr_pipeline, text, "It also").source == "Exile Watch"


def test_the_group_is_no_state_unit_that_spoke_before(tnr_pipeline) -> None:
    text = (
        "Exile Watch said agents abducted Omar Farah in Sanaa. The National Counter "
        "Terrorism Unit said he had been extradited. The unit said he was held in "
        "Ruritania. The group said Omar Farah was tortured in custody."
    )
    assert claim_of(tnr_pipeline, text, "The group").source == "Exile Watch"


def test_a_spokesman_named_after_his_organisation_is_no_target(tnr_pipeline) -> None:
    text = (
        "On state radio, a spokesman for the Prosecutor General's Office, Marek Dobo, said "
        "the trials in absentia were lawful."
    )
    assert claim_of(tnr_pipeline, text, "On state radio").targets == []


def test_a_reporting_verb_in_the_future_attributes_nothing(tnr_pipeline) -> None:
    text = (
        "Ursula Kemp called for the release of the detained journalist and noted that the "
        "European Commission would discuss sanctions."
    )
    assert claim_of(tnr_pipeline, text, "Ursula").source == "Ursula Kemp"


def test_a_described_organisation_speaks_under_its_full_name(tnr_pipeline) -> None:
    text = (
        "Ruritania's security unit said today that Omar Farah had been extradited. "
        "The Joint Security Unit of the Interior Ministry gave no further details."
    )
    assert claim_of(tnr_pipeline, text, "Ruritania").source == "Joint Security Unit"


def test_the_group_named_in_an_apposition_speaks_for_itself(tnr_pipeline) -> None:
    text = (
        "Omar Farah, a leader of an exile group, Nor-5, was detained at the airport. "
        "The detention was made public by the group on Monday. "
        "Two days later, the group claimed that Farah had been extradited."
    )
    assert claim_of(tnr_pipeline, text, "The detention").source == "Nor-5"
    assert claim_of(tnr_pipeline, text, "Two days").source == "Nor-5"


def test_according_to_the_statement_is_its_issuer(tnr_pipeline) -> None:
    text = (
        "A statement from the Ruritanian Border Service said the men were returned. "
        "According to the statement, police detained Omar Farah in Oslo."
    )
    assert claim_of(tnr_pipeline, text, "According").source == "Ruritanian Border Service"


def test_a_description_before_the_name_is_the_one_person_acted_on(tnr_pipeline) -> None:
    text = (
        "A former opposition lawmaker and Ruritanian national was shot dead in Oslo on Monday. "
        "Tomas Brandt, 61, died at the scene after he was attacked outside his hotel."
    )
    assert claim_of(tnr_pipeline, text, "A former").targets == ["Tomas Brandt"]


def test_a_sitting_office_holder_is_no_description(tnr_pipeline) -> None:
    text = (
        "A lawmaker said police had detained two students in Oslo on Monday. "
        "Tomas Brandt was attacked outside his hotel in Oslo on Monday."
    )
    assert claim_of(tnr_pipeline, text, "A lawmaker").targets == []


def test_the_one_told_is_an_audience_not_a_target(tnr_pipeline) -> None:
    text = "Police persuaded 40 fugitives to return home, Li Wen told Radio Nord in an interview."
    assert "Radio Nord" not in claim_of(tnr_pipeline, text, "Police").targets


def test_a_relative_of_a_named_person_makes_that_person_the_target(tnr_pipeline) -> None:
    text = (
        "Omar Haddad fled to Berlin in 2019. "
        "Security agents arrested a cousin of Haddad's in Cairo in 2021."
    )
    assert claim_of(tnr_pipeline, text, "Security").targets == ["Omar Haddad"]


def test_one_leader_of_many_is_no_official(tnr_pipeline) -> None:
    text = "Police in Riga detained Omar Haddad, a leader of the exile movement, in May."
    assert claim_of(tnr_pipeline, text, "Police").targets == ["Omar Haddad"]


def test_an_office_holder_an_act_falls_on_is_a_target(tnr_pipeline) -> None:
    text = "The Oslo mosque's president, Ivo Marek Sandberg, was shot and killed in June."
    assert claim_of(tnr_pipeline, text, "The Oslo").targets == ["Ivo Marek Sandberg"]


def test_a_justice_ruling_on_a_deportation_is_an_official(tnr_pipeline) -> None:
    text = (
        "Police deported Omar Haddad to Kampala in May. Justice Amina Wekesa rejected that "
        'account as "not credible", noting that the petitioner had been in custody '
        "throughout and that his lawyer had been refused access to him."
    )
    assert claim_of(tnr_pipeline, text, "Justice").targets == ["Omar Haddad"]


def test_the_minister_named_beside_an_act_is_an_official(tnr_pipeline) -> None:
    text = "Police in Riga detained two students, Omar Haddad, the interior minister, said."
    assert claim_of(tnr_pipeline, text, "Police").targets == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Ana Ruiz told AFP that police detained Omar Haddad in Riga.", "Ana Ruiz"),
        ("“They detained Omar Haddad in Riga,” Ana Ruiz told reporters.", "Ana Ruiz"),
        (
            "“Police detained Omar Haddad in Riga,” said Ana Ruiz, director of Exile Watch.",
            "Ana Ruiz",
        ),
        ("His lawyer, Ana Ruiz, said police detained Omar Haddad in Riga.", "Ana Ruiz"),
        ("Ana Ruiz claimed that agents kidnapped Omar Haddad in Riga.", "Ana Ruiz"),
        ("Agents kidnapped Omar Haddad in Riga, Ms Ruiz said.", "Ruiz"),
        ("According to Exile Watch, police detained Omar Haddad in Riga.", "Exile Watch"),
        ("Police detained Omar Haddad in Riga, Exile Watch said in a statement.", "Exile Watch"),
        ("Police said they detained Omar Haddad in Riga.", None),
        # a telling denied is no statement; a count is a finding
        ("Exile Watch did not say whether police detained Omar Haddad in Riga.", None),
        ("Exile Watch counted 14 abductions of exiles in Riga last year.", "Exile Watch"),
        # the organisation a description stands for, after 'according to'
        (
            "Exile Watch published a report on Ruritania in May. According to the monitor, "
            "police detained Omar Haddad in Riga.",
            "Exile Watch",
        ),
        # a call inside the quotation is the quoted words; the one quoted speaks
        (
            'The Ruritanian Interior Ministry issued a statement on Monday. "Omar Haddad and '
            'his friends have called for sanctions against our country," it said.',
            "Ruritanian Interior Ministry",
        ),
        ("According to a source close to Omar Haddad, agents abducted him in Riga.", None),
        ("According to Exile Watch's report, agents abducted Omar Haddad in Riga.", "Exile Watch"),
        ("A spokesperson for Exile Watch said police detained Omar Haddad in Riga.", "Exile Watch"),
        (
            # the parser hangs the name on the organisation
            "On state radio, a spokesman for the Prosecutor General's Office, Marek Dobo, said "
            "the trials in absentia were lawful.",
            "Marek Dobo",
        ),
        (
            "Agents abducted Omar Haddad in Riga, according to Exile Watch researcher Ana Ruiz.",
            "Ana Ruiz",
        ),
        # names ending in an organisation's head word speak as organisations
        (
            "Nordvik Forensics found that agents hacked the phone of Omar Haddad.",
            "Nordvik Forensics",
        ),
        ("The Working Group said police detained Omar Haddad in Riga.", "Working Group"),
        # a reply or a confirmation that a clause is true, also read as a participle
        ("Exile Watch replied on Monday that police detained Omar Haddad in Riga.", "Exile Watch"),
        (
            "His sister, Ana Ruiz, confirmed by phone that police detained Omar Haddad in Riga.",
            "Ana Ruiz",
        ),
    ],
)
def test_speakers_in_the_usual_news_forms(tnr_pipeline, text: str, source: str | None) -> None:
    """'Ana Ruiz' is a name the small model misses as a speaker: the speaker rule finds it."""
    record = tnr_pipeline.process_text(text)
    [claim] = record.claims
    assert claim.source == source


def test_an_acronym_that_speaks_is_not_made_a_person(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text("KNB said agents detained Omar Haddad in Riga.")
    assert all(s.text != "KNB" for s in record.spans if s.label == "PERSON")


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Agents abducted Ana Ruiz in Nairobi in May.", ["Ana Ruiz"]),
        ("Ana Ruiz was abducted in Nairobi in May.", ["Ana Ruiz"]),
        (
            "The Ruritanian government has sought the extradition of Ana Ruiz from Kenya.",
            ["Ana Ruiz"],
        ),
        ("Interpol issued a red notice for Ana Ruiz at Ruritania's request.", ["Ana Ruiz"]),
        ("Ruritanian officials pressured Ana Ruiz to return home.", ["Ana Ruiz"]),
        ("Ana Ruiz's phone was hacked with Pegasus spyware.", ["Ana Ruiz"]),
        ("Ana Ruiz received death threats from Ruritanian agents.", ["Ana Ruiz"]),
        ("Two agents followed Ana Ruiz around Berlin for weeks.", ["Ana Ruiz"]),
        ("Ana Ruiz's assets in Ruritania were frozen in 2021.", ["Ana Ruiz"]),
    ],
)
def test_a_name_the_model_misses_is_found_where_an_act_is_done_to_it(
    tnr_pipeline, text: str, targets: list[str]
) -> None:
    """'Ana Ruiz' is a name the small model does not tag in these sentences."""
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.targets == targets


@pytest.mark.parametrize(
    "text",
    [
        "Agents detained Omar Haddad at Riverside Central Airport in May.",
        "Police charged Omar Haddad under Decree No. 12 in May.",
    ],
)
def test_a_name_ending_in_a_place_or_instrument_word_is_no_person(tnr_pipeline, text) -> None:
    assert [s.text for s in tnr_pipeline.process_text(text).spans if s.label == "PERSON"] == [
        "Omar Haddad"
    ]


@pytest.mark.parametrize(
    ("text", "sentence", "targets"),
    [
        (
            "Police detained Omar Haddad in Madrid on a red notice. His lawyer, Lena Marsh, "
            "called it political. Marsh said her client had received death threats.",
            "Marsh said",
            ["Omar Haddad"],
        ),
        (
            # the lawyer named beside a place: 'his lawyer in Oslo, Lena Marsh'
            "Omar Haddad fled to Norway in 2019. His lawyer in Oslo, Lena Marsh, says his "
            "client is being held by police in Cairo.",
            "His lawyer",
            ["Omar Haddad"],
        ),
        (
            'Omar Haddad was detained in Madrid. "My client was threatened by agents," said '
            "Lena Marsh, a lawyer for Omar Haddad.",
            '"My client',
            ["Omar Haddad"],
        ),
        (
            # no client named: nobody, and never the lawyer
            "Defence lawyer Lena Marsh said her client had received death threats.",
            "Defence lawyer",
            [],
        ),
    ],
)
def test_a_lawyers_client_is_the_one_she_represents(tnr_pipeline, text, sentence, targets):
    assert claim_of(tnr_pipeline, text, sentence).targets == targets


def test_where_a_described_person_comes_from_is_no_person(tnr_pipeline) -> None:
    text = "Her uncle, Sami Haddad, a retired baker from Mansoura, was arrested at home."
    assert [name for _, name in people(tnr_pipeline, text)] == ["Sami Haddad"]
    # counterexample: a call from someone is from a person
    text = "Police detained Omar Haddad after a call from Hassan."
    assert [name for _, name in people(tnr_pipeline, text)] == ["Omar Haddad", "Hassan"]


def test_the_last_name_of_a_list_with_descriptions_between_is_a_person(tnr_pipeline):
    text = (
        "The police said the wanted activists were Leung Wai-shan, a former district "
        "councillor now in Toronto, Tsang Hoi-ming, a podcaster based in Manchester, and Ivy "
        "Kwan Hoi-yan, who runs a small group in Taipei."
    )
    assert [name for _, name in people(tnr_pipeline, text)] == [
        "Leung Wai-shan",
        "Tsang Hoi-ming",
        "Ivy Kwan Hoi-yan",
    ]


def test_a_name_with_a_hyphenated_given_name_is_whole(tnr_pipeline) -> None:
    text = "Police cancelled the passport of Ivy Kwan Sze-wing in May. Kwan said she would stay."
    assert people(tnr_pipeline, text) == [
        ("Ivy Kwan Sze-wing", "Ivy Kwan Sze-wing"),
        ("Kwan", "Ivy Kwan Sze-wing"),
    ]


def test_a_full_name_read_as_an_organisation_is_the_titled_person(tnr_pipeline) -> None:
    text = (
        "Agents hacked the phone of Jean-Bosco Habineza in May. "
        "Mr Habineza said agents had hacked his phone."
    )
    assert people(tnr_pipeline, text) == [
        ("Jean-Bosco Habineza", "Jean-Bosco Habineza"),
        ("Habineza", "Jean-Bosco Habineza"),
    ]


def test_a_capitalised_title_is_not_taken_for_a_person(tnr_pipeline) -> None:
    text = (
        "A report titled Ruritania's Covert Operation To Force Exiles Back Home, by Exile "
        "Watch, documents the abduction of 40 exiles."
    )
    record = tnr_pipeline.process_text(text)
    assert [s.text for s in record.spans if s.label == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "start", "targets"),
    [
        (
            "Agents detained Omar Haddad, Li Wen and Ana Ruiz in Bangkok in May. "
            "The three were deported to Hanoi a week later.",
            "The three",
            ["Ana Ruiz", "Li Wen", "Omar Haddad"],
        ),
        (
            "Police detained the activists Omar Haddad and Li Wen in Bangkok. "
            "The detained activists were flown to Hanoi.",
            "The detained",
            ["Li Wen", "Omar Haddad"],
        ),
        (
            "Omar Haddad survived an assassination attempt in London in 2020.",
            "Omar",
            ["Omar Haddad"],
        ),
        (
            "Omar Haddad fled to Oslo in 2015. "
            "His daughters Sara and Mona Haddad were later detained in Cairo.",
            "His daughters",
            ["Mona Haddad", "Omar Haddad", "Sara Haddad"],
        ),
        (
            # a journalist's job before the name is no office: the editor is acted on
            "The editor Mara Lind and the writer Ivo Tamm were put on the wanted list.",
            "The editor",
            ["Ivo Tamm", "Mara Lind"],
        ),
        (
            # a group phrase whose people the next sentence names (TARGET.named_next)
            "Police detained the father and two brothers of Omar Haddad in May. "
            "The men, Sami Haddad, Ali Haddad and Karim Haddad, were questioned for days.",
            "Police detained",
            ["Ali Haddad", "Karim Haddad", "Omar Haddad", "Sami Haddad"],
        ),
        (
            # a pair named next by the same noun, whatever else the group holds
            "Police detained a Ruritanian couple and a fellow activist in Riga in May. "
            "The couple, Ivo Tamm and Mara Lind, ran a satirical blog.",
            "Police detained",
            ["Ivo Tamm", "Mara Lind"],
        ),
        (
            # members of a group named next by 'Those deported were ...'
            "Police deported three members of a banned party to Minsk in May. "
            "Those deported were Ivo Tamm, Karl Sepp and Mara Lind.",
            "Police deported",
            ["Ivo Tamm", "Karl Sepp", "Mara Lind"],
        ),
        (
            # 'the pair' is the two named together before; taken to a prison is custody
            "Police detained Ivo Tamm and Mara Lind in Riga in May. "
            "The pair were taken to Vell prison a week later.",
            "The pair",
            ["Ivo Tamm", "Mara Lind"],
        ),
        (
            # a list the parser reads as apposition, with ages and descriptions between
            # the names and two brothers sharing a family name: 'the four' is all of them
            "The group named them as Ivo Tamm, 38, a teacher who ran a channel, Karl "
            "Sepp, 44, and the brothers Jaan and Peeter Lind, who worked in Riga. "
            "The four were deported to Minsk in May.",
            "The four",
            ["Ivo Tamm", "Jaan Lind", "Karl Sepp", "Peeter Lind"],
        ),
        (
            # a counted group told first, named together two sentences later
            "Three Ruritanian men were taken away by officers at Vell airport in May. "
            "The men had been held in Riga since March, the group said. "
            "It named them as Ivo Tamm, Karl Sepp and Mara Lind.",
            "Three Ruritanian",
            ["Ivo Tamm", "Karl Sepp", "Mara Lind"],
        ),
        (
            # counterexample: the count differs from the people named
            "Four Ruritanian men were taken away by officers at Vell airport in May. "
            "The men had been held in Riga since March, the group said. "
            "It named them as Ivo Tamm, Karl Sepp and Mara Lind.",
            "Four Ruritanian",
            [],
        ),
        (
            # 'the trio' is the three named together before
            "Police detained Ivo Tamm, Karl Sepp and Mara Lind in Riga in May. "
            "The trio were found guilty of organising riots in June.",
            "The trio",
            ["Ivo Tamm", "Karl Sepp", "Mara Lind"],
        ),
        (
            # the person a sentence is about is who the next pronoun means, before an
            # older target; 'My colleague X' names a person the model may not tag
            "Police questioned Omar Haddad in Cairo in May. My colleague Vo Minh Khoi was "
            "less lucky. A blogger with refugee status, he was seized in Bangkok in June.",
            "A blogger",
            ["Vo Minh Khoi"],
        ),
        (
            # a name beside the subject ('My husband, X, had lived ...') is who the
            # sentence is about; a one-word name in a place of a place ('a police station in
            # Kilimani') is a place, never an antecedent
            "My husband, Tomas Vik, had lived in Nairobi for years. Police held him at a "
            "station in Kilimani for two days and then deported him to Riga.",
            "Police held",
            ["Tomas Vik"],
        ),
        (
            # the number must count the names that follow
            "Police detained four activists in Minsk in May. "
            "The men, Ivo Tamm and Karl Sepp, were questioned for days.",
            "Police detained",
            [],
        ),
        (
            # names set off beside 'the suspects' are perpetrators, never targets
            "Two men attacked the blogger Omar Haddad in Oslo in May. "
            "The suspects, Ivo Tamm and Karl Sepp, were arrested a week later.",
            "The suspects",
            [],
        ),
        (
            # 'both' alone is the pair named together before, not 'both of whom'
            "Police detained Omar Haddad and Li Wen in Bangkok in May. "
            "Both were deported to Hanoi a week later.",
            "Both were",
            ["Li Wen", "Omar Haddad"],
        ),
        (
            # some of the counted named next by 'Among ... are'
            "Prosecutors put 12 bloggers living in Europe on a wanted list in May. Among those "
            "wanted are Ivo Tamm, a poet, and Mara Lind, a singer.",
            "Prosecutors put",
            ["Ivo Tamm", "Mara Lind"],
        ),
        (
            # a plural family noun stands for the relatives the document named by it
            "Omar Haddad lives in Oslo. Police detained his brothers, Sami Haddad and Ali "
            "Haddad, in May. In June his brothers were questioned again in Cairo.",
            "In June",
            ["Ali Haddad", "Omar Haddad", "Sami Haddad"],
        ),
        (
            # a relative and other relatives, each named beside its noun, under 'the group
            # said', are the counted relatives of the sentence before
            "Police have detained three relatives of Ivo Tamm, a poet living in Oslo. His "
            "sister, Mari Tamm, and two cousins, Jaan Tamm and Peeter Tamm, were taken from "
            "their homes in Tartu on May 2, the group said.",
            "Police have detained",
            ["Ivo Tamm", "Jaan Tamm", "Mari Tamm", "Peeter Tamm"],
        ),
        (
            # 'his' in a conjunct of a name is that name's, not the man before
            "Tran Van Minh was abducted in Bangkok in May. Keo Dara and his wife, Lim "
            "Sopheap, were deported from Thailand in June.",
            "Keo Dara",
            ["Keo Dara", "Lim Sopheap"],
        ),
        (
            # 'them' after 'his parents' in its sentence is the parents, not the pair before
            "Keo Dara and Lim Sopheap were deported from Thailand in June. The couple has not "
            "been seen since. In Vilnius, Belarusian trade unionist Ivan Marchuk says KGB "
            "officers have repeatedly visited his parents in Gomel, pressing them to persuade "
            "him to come home.",
            "In Vilnius",
            ["Ivan Marchuk"],
        ),
        (
            # a description inside an act's phrase is who it stands for
            "Riad Saleh, an activist, lives in Alicante. The consulate has refused since 2022 "
            "to renew the activist's passport.",
            "The consulate",
            ["Riad Saleh"],
        ),
        (
            # the role noun heading an act's phrase is no description of the victim
            "Lim Dara was shot in Bangkok in May. The suspected hit man was detained in Laos "
            "two days later.",
            "The suspected",
            [],
        ),
        (
            # brothers named right after the noun are those, not the other brothers
            "Davron Nazarov is the brother of an exiled blogger. Agents abducted the brothers "
            "Jamshed and Rustam Qodirov in Istanbul in 2022.",
            "Agents abducted",
            ["Jamshed Qodirov", "Rustam Qodirov"],
        ),
        (
            # relatives of another kind named next are other people
            "Police detained two brothers of Omar Haddad in May. His parents, Sami Haddad "
            "and Lina Haddad, still live in the village.",
            "Police detained",
            ["Omar Haddad"],
        ),
        (
            # the doers of the act are no group it was done to
            "Two men attacked Omar Haddad in Oslo in May. "
            "The men, Ivo Tamm and Karl Sepp, were charged a week later.",
            "Two men",
            ["Omar Haddad"],
        ),
    ],
)
def test_groups_survivors_and_shared_family_names(
    tnr_pipeline, text: str, start: str, targets: list[str]
) -> None:
    assert claim_of(tnr_pipeline, text, start).targets == targets


@pytest.mark.parametrize(
    ("second", "start"),
    [
        ("The two men are held in a prison outside the capital.", "The two men"),
        ("Neither man has seen a lawyer since the arrest.", "Neither man"),
    ],
)
def test_a_group_is_the_people_named_not_the_one_reached_through_a_pronoun(
    tnr_pipeline, second: str, start: str
) -> None:
    text = (
        "Police detained the uncle and cousin of the exiled singer Lara Mendez last week. "
        "Her uncle, Tomas Mendez, and her cousin, Hugo Ramos, were taken from their homes "
        "in the night. " + second
    )
    assert claim_of(tnr_pipeline, text, start).targets == ["Hugo Ramos", "Tomas Mendez"]


def test_a_number_that_does_not_fit_the_group_refers_to_no_one(tnr_pipeline) -> None:
    text = (
        "Agents detained Omar Haddad and Li Wen in Bangkok in May. "
        "The three were deported to Hanoi a week later."
    )
    assert claim_of(tnr_pipeline, text, "The three").targets == []


def test_a_family_name_is_not_given_to_a_family_name(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Vladimir Putin met Li Wen in May. Police later detained Putin and Li Wen in Riga."
    )
    assert "Putin Wen" not in {s.name for s in record.spans if s.label == "PERSON"}


OP_ED = (
    "Lena Ortiz is a journalist who writes about Ruritania from exile.\n\n"
    "I left Ruritania in 2015. I kept writing, and my articles were read at home.\n\n"
)


def test_my_in_a_first_person_piece_is_its_author(tnr_pipeline) -> None:
    text = OP_ED + "In 2021 police detained my father in the capital."
    assert claim_of(tnr_pipeline, text, "In 2021").targets == ["Lena Ortiz"]


def test_me_outside_a_quoted_charge_is_the_author(tnr_pipeline) -> None:
    text = OP_ED + 'Last year a court sentenced me in absentia for "spreading lies".'
    assert claim_of(tnr_pipeline, text, "Last year").targets == ["Lena Ortiz"]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        (
            "After the interview, Dara Sun began receiving death threats from strangers.",
            ["Dara Sun"],
        ),
        ("Omar Haddad left Riga in 2019 after receiving death threats.", ["Omar Haddad"]),
        ("Omar Haddad left Riga in 2019 after sending death threats to a judge.", []),
    ],
)
def test_the_one_who_receives_the_act_in_a_joined_clause_is_its_target(
    tnr_pipeline, text: str, targets: list[str]
) -> None:
    assert claim_of(tnr_pipeline, text, text[:5]).targets == targets


def test_an_order_to_a_relative_is_no_report_by_the_one_who_gave_it(tnr_pipeline) -> None:
    text = (
        "The exiled singer Lara Mendez lives in Madrid. Last week Colonel Ivo Sand told "
        "her mother to persuade Lara to come home."
    )
    assert claim_of(tnr_pipeline, text, "Last week").source is None


def test_police_questioning_a_family_is_no_report_of_the_police(tnr_pipeline) -> None:
    text = (
        "In May, two NSS officers questioned the parents of the blogger Ivo Sand about his posts."
    )
    assert claim_of(tnr_pipeline, text, "In May").source is None


def test_my_inside_a_quotation_is_not_the_author(tnr_pipeline) -> None:
    text = OP_ED + "“In 2021 police detained my father,” a neighbour told me."
    assert claim_of(tnr_pipeline, text, "“In 2021").targets == []


@pytest.mark.parametrize(
    ("text", "sentence_start", "targets", "source"),
    [
        # a critic in an 'after' clause reports nothing
        (
            "Kiflom Berhe's brother was detained in Asmara after Kiflom criticised the government.",
            "Kiflom",
            ["Kiflom Berhe"],
            None,
        ),
        # 'his' before any name: the parents are the speaker's
        (
            "Police questioned his parents in Kashgar, Alim Turdi told The Guardian.",
            "Police",
            ["Alim Turdi"],
            "Alim Turdi",
        ),
        # the one whose family speaks is 'he'; the family, unnamed, is no source
        # (codebook: 'his wife said' resolves like a target does)
        (
            "Kiflom Berhe's family said in a statement that he had been poisoned in Kampala.",
            "Kiflom",
            ["Kiflom Berhe"],
            None,
        ),
        (
            "Yerlan Omarov's lawyer, Ines Vidal, said he had been abducted in Riga.",
            "Yerlan",
            ["Yerlan Omarov"],
            "Ines Vidal",
        ),
        # 'according to' names a speaker: never a target
        (
            "Kamal Nour fled in 2019. His brother was arrested, according to their lawyer, "
            "Ines Vidal.",
            "His brother",
            ["Kamal Nour"],
            "Ines Vidal",
        ),
        # 'He said' after a sentence naming one person and no speaker
        (
            "Sok Vannak fled to Bangkok in 2018. He said agents had followed him there.",
            "He said",
            ["Sok Vannak"],
            "Sok Vannak",
        ),
        # an apposition names the one 'according to' introduces
        (
            "Chen Xiaolin was repatriated in 2017, according to her husband, Li Mingde.",
            "Chen",
            ["Chen Xiaolin"],
            "Li Mingde",
        ),
        # first person inside a quotation is the one quoted
        (
            "“They told my mother I would be arrested if I came back,” said Ayse Korkmaz, "
            "a student in Berlin.",
            "“They",
            ["Ayse Korkmaz"],
            "Ayse Korkmaz",
        ),
        # a describing noun at the sentence start is no part of the name
        (
            "Dissidents Bakhtiyor Rahmonov and Aziz Qurbanov were deported from Russia.",
            "Dissidents",
            ["Aziz Qurbanov", "Bakhtiyor Rahmonov"],
            None,
        ),
        # a name the model reads as an organisation, acted on, is a person
        (
            "Iranian agents plotted to kidnap Omid Rezavi in London.",
            "Iranian",
            ["Omid Rezavi"],
            None,
        ),
    ],
)
def test_speakers_and_targets_found_through_the_parse(
    tnr_pipeline, text: str, sentence_start: str, targets: list[str], source: str | None
) -> None:
    claim = claim_of(tnr_pipeline, text, sentence_start)
    assert sorted(claim.targets) == targets
    assert claim.source == source


def test_a_pronoun_object_before_a_speaker_is_not_the_speaker(tnr_pipeline) -> None:
    """Only a possessive on a relative looks ahead to the speaker; 'him' does not."""
    claim = claim_of(tnr_pipeline, "Police detained him in Riga, Ana Ruiz said.", "Police")
    assert "Ana Ruiz" not in claim.targets


def test_a_quotation_about_someone_else_keeps_its_target(tnr_pipeline) -> None:
    text = "“Police detained Omar Haddad in Riga,” Ana Ruiz told reporters."
    assert claim_of(tnr_pipeline, text, "“Police").targets == ["Omar Haddad"]


def test_an_organisation_acted_on_stays_an_organisation(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text("Hackers attacked Exile Watch in May.")
    assert [(s.text, s.label) for s in record.spans if s.text == "Exile Watch"] == [
        ("Exile Watch", "ORG")
    ]


def test_a_relative_named_inside_a_detention_phrase_leaves_the_verb_as_the_act(
    tnr_pipeline,
) -> None:
    record = tnr_pipeline.process_text(
        "Mehmet Durmaz and his wife Ayse were detained at the airport on their return."
    )
    assert [s.text for s in record.spans if s.label == "METHOD"] == ["detained"]


def test_documents_seen_by_an_outlet_are_attributed_to_it(tnr_pipeline) -> None:
    text = "Agents abducted Omar Haddad in Riga, according to documents seen by the Riga Times."
    assert claim_of(tnr_pipeline, text, "Agents").source == "Riga Times"


def test_a_perpetrator_who_urges_a_relative_is_no_source(tnr_pipeline) -> None:
    text = (
        "Karel Dvorak surveilled the dissident Anton Vasko for months. Dvorak also contacted "
        "Vasko's sister and urged her to persuade him to return, prosecutors said."
    )
    claim = claim_of(tnr_pipeline, text, "Dvorak also")
    assert (claim.type, claim.source) == ("incident", None)


def test_a_named_person_who_does_the_act_is_a_perpetrator_not_a_target(tnr_pipeline) -> None:
    text = (
        "Karel Dvorak and Milan Hasek surveilled the dissident Anton Vasko in Queens for "
        "months. Dvorak was arrested on Monday in New Jersey."
    )
    claim = claim_of(tnr_pipeline, text, "Dvorak was")
    assert (claim.targets, claim.methods) == ([], [])


def test_a_possessive_after_a_sentence_naming_one_person_is_that_person(tnr_pipeline) -> None:
    text = (
        "When Samir Haddad left for Toronto in 2017, he thought his family would be safe. "
        "Within a year, two of his brothers had been arrested."
    )
    claim = claim_of(tnr_pipeline, text, "Within")
    assert (claim.targets, claim.type) == (["Samir Haddad"], "incident")


def test_a_reporting_verb_inside_a_quotation_is_part_of_the_quoted_words(tnr_pipeline) -> None:
    text = (
        '"They took my brothers from their homes at dawn," Samir Haddad said. '
        '"No one told us where they were held."'
    )
    assert claim_of(tnr_pipeline, text, '"No one').source == "Samir Haddad"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Rights groups followed the case. Dilnur Tursunova fled to Istanbul in 2016.",
            "Dilnur Tursunova",
        ),
        (
            "Police froze the assets of Bolat Serikbayev's relatives in the capital.",
            "Bolat Serikbayev",
        ),
        ("Gunmen shot Tariq Mahmoodi outside his home in the suburbs.", "Tariq Mahmoodi"),
    ],
)
def test_names_the_model_misses_or_misreads_in_other_positions(
    tnr_pipeline, text: str, name: str
) -> None:
    assert (name, name) in people(tnr_pipeline, text)


def test_another_unnamed_person_takes_the_pronouns_and_the_speech(tnr_pipeline) -> None:
    text = (
        "Note on the exiles.\n\n"
        "Farid Nazari, a student in Lyon, said his phone had been hacked in 2020. "
        "Another activist, who asked not to be named, said a diplomat offered him money. "
        "When he refused, his father was banned from travel."
    )
    offered = claim_of(tnr_pipeline, text, "Another activist")
    assert offered.source is None and offered.targets == []
    assert claim_of(tnr_pipeline, text, "When he refused").targets == []


def test_a_demonym_before_a_noun_is_no_person(tnr_pipeline) -> None:
    text = (
        "Note on the case.\n\n"
        "Yerlan Omarov lives in Vienna. The Kazakh government had sought his extradition "
        "and obtained a red notice against him."
    )
    assert all(name != "Kazakh" for _, name in people(tnr_pipeline, text))
    assert claim_of(tnr_pipeline, text, "The Kazakh").targets == ["Yerlan Omarov"]


def test_a_capital_the_model_reads_as_an_organisation_is_the_place(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nRustam Qodirov was abducted in Moscow in 2019 and flown to Dushanbe."
    )
    places = {(s.text, s.label, s.code) for s in record.spans if s.text == "Dushanbe"}
    assert places == {("Dushanbe", "LOCATION", "TJ")}


def test_a_list_of_who_the_act_just_told_hit_names_its_targets(tnr_pipeline) -> None:
    text = (
        "Note on the decree.\n\n"
        "The government stripped 30 exiled critics of their citizenship on Monday. "
        "Among those affected are the novelist Ivo Sand and the singer Lena Ortiz."
    )
    listed = claim_of(tnr_pipeline, text, "Among those")
    assert sorted(listed.targets) == ["Ivo Sand", "Lena Ortiz"]
    assert listed.type == "incident"
    # a name in a clause about one of them is not among them
    text = (
        "Note on the decree.\n\n"
        "Police deported four students to Cairo on Monday. Among them was Ivo Sand, a "
        "student whose father, the preacher Karl Sand, lives in exile in Istanbul."
    )
    assert claim_of(tnr_pipeline, text, "Among them").targets == ["Ivo Sand"]
    # a list with no act just before it is no claim about targets
    text = (
        "Note on the conference.\n\n"
        "The conference opened in Oslo on Monday. Among the speakers were the novelist "
        "Ivo Sand and the singer Lena Ortiz."
    )
    assert not tnr_pipeline.process_text(text).claims


def test_a_one_word_organisation_after_in_that_names_a_city_is_the_city(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nA court in Grozny sentenced Ivo Sand in absentia to 12 years."
    )
    assert [(s.text, s.label) for s in record.spans if s.text == "Grozny"] == [
        ("Grozny", "LOCATION")
    ]
    [claim] = record.claims
    assert claim.methods == ["PROSECUTION"] and claim.targets == ["Ivo Sand"]


def test_a_name_in_apposition_to_an_office_is_the_speaker(tnr_pipeline) -> None:
    text = (
        "Note on the case.\n\nThe UN Special Rapporteur on torture, Marta Kell, said Ivo "
        "Sand had been abducted in Riga."
    )
    assert claim_of(tnr_pipeline, text, "The UN").source == "Marta Kell"


def test_a_capitalised_method_word_inside_an_organisations_name_is_the_name(
    tnr_pipeline,
) -> None:
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nThe Crown Prosecution Service charged two men with "
        "harassing the exiled writer Ivo Sand."
    )
    assert [s.text for s in record.spans if s.label == "ORG"] == ["Crown Prosecution Service"]
    assert all(s.text != "Prosecution" for s in record.spans)
    # the same word in running text stays an act
    record = tnr_pipeline.process_text(
        "Note on the case.\n\nThe prosecution of Ivo Sand in absentia began in May."
    )
    assert "PROSECUTION" in {s.code for s in record.spans if s.label == "METHOD"}


def test_a_name_the_model_read_as_an_organisation_is_a_person_by_its_partner_and_after(
    tnr_pipeline,
) -> None:
    text = (
        "Note on the case.\n\n"
        "Ivo Sand and Lena Ortiz are exiles. Ivo Sand survived an assassination attempt "
        "in Vilnius in 2020."
    )
    assert ("Ivo Sand", "Ivo Sand") in people(tnr_pipeline, text)
    assert claim_of(tnr_pipeline, text, "Ivo Sand survived").targets == ["Ivo Sand"]


def test_a_pronoun_owners_lawyer_named_in_apposition_speaks_about_the_owner(
    tnr_pipeline,
) -> None:
    text = (
        "Note on the case.\n\nIvo Sand was detained in March. His lawyer, Selin Kaya, "
        "said he would be tortured if returned."
    )
    claim = claim_of(tnr_pipeline, text, "His lawyer")
    assert claim.targets == ["Ivo Sand"] and claim.source == "Selin Kaya"


def test_an_adjective_the_recogniser_tagged_is_no_name(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Why exiles are never safe\n\nTransnational repression is not new. Authoritarian "
        "states have long sought to silence critics who flee abroad."
    )
    assert [s.text for s in record.spans if s.label in ("ORG", "PERSON")] == []


@pytest.mark.parametrize(
    ("text", "sentence_start", "targets", "source"),
    [
        # a named relative held is a target, and so is the one whose relative she is
        (
            "Ivo Sand and Lena Ortiz are exiles. Ivo Sand's wife, Mara, was interrogated "
            "for nine hours.",
            "Ivo Sand's",
            ["Ivo Sand", "Mara"],
            None,
        ),
        # a relative clause on the target that speaks of something else attributes nothing
        (
            "Ivo Sand, who had criticised the president, was poisoned in Vienna.",
            "Ivo Sand",
            ["Ivo Sand"],
            None,
        ),
        # the one at whose request the act was done is no target
        (
            "Police arrested Ivo Sand at the request of Ambassador Karl Berg.",
            "Police",
            ["Ivo Sand"],
            None,
        ),
    ],
)
def test_relatives_asides_and_requesters(
    tnr_pipeline, text: str, sentence_start: str, targets: list[str], source: str | None
) -> None:
    claim = claim_of(tnr_pipeline, "Note on the case.\n\n" + text, sentence_start)
    assert sorted(claim.targets) == targets
    assert claim.source == source


def test_a_name_read_as_an_organisation_that_vanishes_is_a_person(tnr_pipeline) -> None:
    text = (
        "Note on the case.\n\nIvo Sand, 37, was last seen on Friday leaving a restaurant "
        "in Vientiane, his sister Lena said. He had been living in Laos since 2019."
    )
    assert ("Ivo Sand", "Ivo Sand") in people(tnr_pipeline, text)
    seen = claim_of(tnr_pipeline, text, "Ivo Sand")
    assert (seen.targets, seen.source) == (["Ivo Sand"], "Lena")


def test_a_byline_names_the_narrator_whatever_the_model_read(tnr_pipeline) -> None:
    text = (
        "The tax that follows us\n\nBy Selam Tesfay\n\nI have lived in Toronto since 2012. "
        "I stopped paying the tax in 2016. Since then, my father has been questioned twice "
        "by security officers in Asmara."
    )
    assert ("Selam Tesfay", "Selam Tesfay") in people(tnr_pipeline, text)
    assert claim_of(tnr_pipeline, text, "Since then").targets == ["Selam Tesfay"]


def test_chechen_style_report_places_groups_and_agents(tnr_pipeline) -> None:
    text = (
        "Note on the case.\n\nIvo Sand was stabbed in Lille on Sunday. He was taken to "
        "hospital with wounds to his neck. Two days earlier, his father was detained in "
        "Grozny, according to the human rights group Memorial. His attackers said they "
        "were acting for Ruritanian intelligence."
    )
    record = tnr_pipeline.process_text(text)
    labels = {s.text: s.label for s in record.spans}
    assert labels.get("Grozny") == "LOCATION" and labels.get("Memorial") == "ORG"
    assert claim_of(tnr_pipeline, text, "He was taken").methods == []
    detained = claim_of(tnr_pipeline, text, "Two days")
    assert (detained.targets, detained.source) == (["Ivo Sand"], "Memorial")
    assert "OVERSEAS_AGENTS" in claim_of(tnr_pipeline, text, "His attackers").methods


def test_first_person_in_a_quotation_after_he_said_is_the_last_speaker(tnr_pipeline) -> None:
    text = (
        "Note on the case.\n\nOmar Haddad said he believed the sentence was revenge for his "
        'own criticism. "They punish my family because they cannot reach me," he said.'
    )
    assert claim_of(tnr_pipeline, text, '"They punish').targets == ["Omar Haddad"]


def test_a_relative_of_her_before_she_said_is_the_speakers(tnr_pipeline) -> None:
    text = (
        "Note on the exiles.\n\nAmong the exiles named in the report are Ivo Sand, Mara "
        'Hol and Tomas Vik. "They want us to be afraid," said Hol, who lives in Riga. Her '
        "mother was interrogated twice in 2023, she said."
    )
    assert claim_of(tnr_pipeline, text, "Her mother").targets == ["Mara Hol"]


def test_a_joined_act_the_subject_bears_keeps_the_subject_a_target(tnr_pipeline) -> None:
    text = "Note on the case.\n\nLena Ortiz fled to Oslo in 2019 and received death threats."
    assert claim_of(tnr_pipeline, text, "Lena Ortiz").targets == ["Lena Ortiz"]


def test_a_dateline_with_a_double_hyphen_is_a_place(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Blogger found dead\n\nISTANBUL -- An exiled blogger has been found dead in his "
        "flat, police said."
    )
    assert [(s.text, s.label) for s in record.spans if s.text == "ISTANBUL"] == [
        ("ISTANBUL", "LOCATION")
    ]


def test_a_joint_dateline_names_two_places_and_the_group_after_it_speaks(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Exiles refused papers\n\nGENEVA and NAIROBI, 4 May 2024 — Vell Exile Watch today "
        "urged Kenya to stop deporting refugees whose passports were refused."
    )
    places = [(s.text, s.label) for s in record.spans if s.label in ("LOCATION", "ORG")][:3]
    assert places == [("GENEVA", "LOCATION"), ("NAIROBI", "LOCATION"), ("Vell Exile Watch", "ORG")]
    assert [c.source for c in record.claims] == ["Vell Exile Watch"]


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("Lahore — Police detained the blogger Omar Haddad on Monday.", "Lahore"),
        # counterexample: a place joined by a hyphen to the word after it opens no dateline
        ("The London-based blogger Omar Haddad was detained on Monday.", "London"),
    ],
)
def test_a_title_case_dateline_needs_a_spaced_dash(tnr_pipeline, paragraph, place) -> None:
    record = tnr_pipeline.process_text("Blogger held\n\n" + paragraph)
    assert [s.text for s in record.spans if s.label == "LOCATION"] == [place]


def test_relatives_who_share_the_leading_parts_of_a_name_stay_two_people(tnr_pipeline) -> None:
    # 'Vinh' is also a city: after the full name it is the man, as subject of 'said'
    text = (
        "Exile in Bangkok\n\n"
        "Le Quang Vinh keeps his curtains drawn. Police in Laos detained his brother, "
        "Le Quang Hieu, in 2022. Vinh said he was followed home by two men last week."
    )
    names = [name for _, name in people(tnr_pipeline, text)]
    assert names == ["Le Quang Vinh", "Le Quang Hieu", "Le Quang Vinh"]
    claim = claim_of(tnr_pipeline, text, "Vinh said")
    assert (claim.source, claim.targets) == ("Le Quang Vinh", ["Le Quang Vinh"])


def test_a_hyphenated_family_name_after_an_honorific_is_the_person(tnr_pipeline) -> None:
    text = (
        "Karim Abu-Salem, a student in Vienna, was followed by two men in May. "
        "Mr Abu-Salem told a newspaper that an embassy official had threatened him."
    )
    claim = claim_of(tnr_pipeline, text, "Mr Abu-Salem")
    assert (claim.source, claim.targets) == ("Karim Abu-Salem", ["Karim Abu-Salem"])


@pytest.mark.parametrize(
    ("text", "start", "targets"),
    [
        (
            "In May, Ivo Sand and Lena Ortiz noticed a man following them from a cafe.",
            "In May",
            ["Ivo Sand", "Lena Ortiz"],
        ),
        (
            "The brothers Ivo Sand and Tomas Sand were deported from Riga in May. "
            "Their mother is questioned by police every week.",
            "Their mother",
            ["Ivo Sand", "Tomas Sand"],
        ),
        (
            "Ivo Sand and Lena Ortiz were deported from Riga in May. "
            '"She tells me not to listen to them," he said.',
            '"She tells',
            None,
        ),
    ],
)
def test_them_and_their_after_people_named_together(
    tnr_pipeline, text: str, start: str, targets: list[str] | None
) -> None:
    record = tnr_pipeline.process_text(text)
    found = [c.targets for c in record.claims if c.text.startswith(start)]
    assert found == ([targets] if targets is not None else [])


@pytest.mark.parametrize(
    ("text", "start", "targets"),
    [
        (
            "Ivo Sand fled Belarus in 2020. His brother, Tomas Sand, lost his post at a "
            "state school in March.",
            "His brother",
            ["Ivo Sand", "Tomas Sand"],
        ),
        (
            "Ivo Sand fled Belarus in 2020. Police urged his wife, Mara Sand, to persuade "
            "him to come home.",
            "Police urged",
            ["Ivo Sand", "Mara Sand"],
        ),
    ],
)
def test_a_relative_named_beside_the_act_is_a_target_with_the_one_aimed_at(
    tnr_pipeline, text: str, start: str, targets: list[str]
) -> None:
    assert sorted(claim_of(tnr_pipeline, text, start).targets) == targets


def test_a_quotation_that_opens_after_an_attributed_one_keeps_its_speaker(tnr_pipeline) -> None:
    text = (
        '"Riga is no longer safe," said Ana Ruiz of Exile Watch. "Since 2019 we have '
        "documented 12 exiles who were deported. At least four of them were beaten on "
        'arrival. Lena Ortiz must not be sent back."'
    )
    record = tnr_pipeline.process_text(text)
    assert [c.source for c in record.claims] == ["Ana Ruiz"] * 3


def test_a_relative_who_only_tells_is_no_target_and_later_his_is_the_exile(tnr_pipeline) -> None:
    text = (
        "Ivo Sand, 41, was detained on Friday, his wife Mara Sand told reporters. "
        "Officers later detained his brother, Tomas Sand. "
        "They pressured his mother to persuade him to come home."
    )
    assert claim_of(tnr_pipeline, text, "Ivo Sand").targets == ["Ivo Sand"]
    assert claim_of(tnr_pipeline, text, "Officers").targets == ["Ivo Sand", "Tomas Sand"]
    assert claim_of(tnr_pipeline, text, "They pressured").targets == ["Ivo Sand"]


def test_one_serving_a_sentence_bears_it(tnr_pipeline) -> None:
    text = "Tomas Sand was tried in absentia in 2019. Tomas Sand is now serving a 12-year sentence."
    assert claim_of(tnr_pipeline, text, "Tomas Sand is").targets == ["Tomas Sand"]


def test_people_named_together_are_the_later_group_before_anything_is_done_to_them(
    tnr_pipeline,
) -> None:
    text = (
        "The singers, Rustam Aliyev and his younger brother Timur Aliyev, lived in Riga "
        "since 2020. "
        "Their lawyer, Mara Ortiz, said the brothers were detained by police on Sunday and "
        "questioned without a lawyer present."
    )
    claim = claim_of(tnr_pipeline, text, "Their lawyer")
    assert (claim.targets, claim.source) == (["Rustam Aliyev", "Timur Aliyev"], "Mara Ortiz")


@pytest.mark.parametrize(
    ("text", "start", "source"),
    [
        (
            "Exile Watch said police in Riga detained Ivo Sand. The Interior Ministry said "
            "he had broken the law. The group said Ivo Sand was deported on Monday.",
            "The group said",
            "Exile Watch",
        ),
        (
            "Officials in Riga denied that they had deported Ivo Sand, a day after his lawyer, "
            "Mara Ortiz, said he had been forced onto a plane.",
            "Officials",
            None,
        ),
        (
            "The denial came a day after the Riga Police Service said officers had detained "
            "two men for stalking Ivo Sand.",
            "The denial",
            "Riga Police Service",
        ),
        (
            '"Thailand is unsafe," said Ana Ruiz of Exile Watch. "In two cases, relatives were '
            'told by police that the missing men faced charges."',
            '"In two cases',
            "Ana Ruiz",
        ),
        (
            "States that hunt critics abroad kill more of them, according to a study "
            "published on Monday by the Geneva-based group Exile Watch. "
            "The study documents 20 killings in nine countries.",
            "The study",
            "Exile Watch",
        ),
        (
            "A report by the Exile Watch Centre described the case of Ivo Sand in 2021. "
            "Human Rights Watch says it has documented 14 abductions of exiles since 2019.",
            "Human Rights",
            "Human Rights Watch",
        ),
        (
            "Police in Cairo detained the students Ivo Sand and Lena Ortiz in May. "
            "The two students say officers beat them during questioning.",
            "The two students",
            "Ivo Sand",
        ),
        (
            "Two other Kazakh bloggers in Vilnius, Aigerim Sadykova and Nurlan Bekov, told "
            "reporters they had received death threats on Telegram.",
            "Two other",
            "Aigerim Sadykova",
        ),
        (
            "Ivo Sand fled to Oslo in 2019. Sand's daughter, Mara Sand, was dismissed from "
            "her post in Minsk in June, he said.",
            "Sand's daughter",
            "Ivo Sand",
        ),
        (
            "The Central Commission for Party Discipline announced that 12 fugitives had been "
            "brought back from abroad. The commission said 900 fugitives had been brought "
            "back since 2020.",
            "The commission",
            "Central Commission for Party Discipline",
        ),
        (
            "A brief published by the Exile Data Project on Monday counts 40 deportations. "
            "The brief describes how exiles are watched, then detained and deported.",
            "The brief",
            "Exile Data Project",
        ),
    ],
)
def test_sources_resolved_through_the_document(
    tnr_pipeline, text: str, start: str, source: str | None
) -> None:
    assert claim_of(tnr_pipeline, text, start).source == source


def test_the_same_man_and_a_new_person_joining_are_no_one_named_before(tnr_pipeline) -> None:
    text = (
        "Police in Cairo questioned the sister of the student Karim Aziz in May. "
        "In June, Karim Aziz and a fellow student, Nadia Samir, noticed the same man "
        "following them to the station. The two students say he was an intelligence agent."
    )
    assert claim_of(tnr_pipeline, text, "In June").targets == ["Karim Aziz", "Nadia Samir"]
    assert claim_of(tnr_pipeline, text, "The two students").source == "Karim Aziz"


def test_an_unknown_man_is_not_the_person_the_report_is_about(tnr_pipeline) -> None:
    text = (
        "Police in Riga detained Karim Aziz in May. Karim Aziz was released a week later. "
        "In June an unknown man was arrested outside the station."
    )
    assert claim_of(tnr_pipeline, text, "In June").targets == []


def test_men_who_act_do_not_stand_between_him_and_the_person_named_before(
    tnr_pipeline,
) -> None:
    # a plural noun ('four men') cannot be 'him', so it leaves the antecedent in place
    claim = claim_of(
        tnr_pipeline,
        "Omar Bekele, 34, had lived in Kampala since 2020.\n\nHis wife, Sara Tadesse, said "
        "four men in plain clothes forced him into a grey saloon as he left a cafe.",
        "His wife",
    )
    assert (claim.methods, claim.targets, claim.source) == (
        ["ABDUCTION"],
        ["Omar Bekele"],
        "Sara Tadesse",
    )


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        (
            "Omar Haddad is the fifth Ruritanian blogger to be abducted in Riga since 2019.",
            "statistic",
        ),
        # counterexample: the first one is one case singled out
        ("Omar Haddad became the first blogger to be convicted under the new law.", "incident"),
    ],
)
def test_the_nth_person_an_act_hit_is_a_count(tnr_pipeline, text, claim_type) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.type == claim_type


def test_a_footnote_mark_glued_to_a_word_is_neither_a_name_part_nor_a_count(tnr_pipeline):
    text = "Agents followed exiles across Commonwealth of Independent States[7] countries."
    spans = [(s.text, s.label) for s in tnr_pipeline.process_text(text).spans]
    assert ("Commonwealth of Independent States", "ORG") in spans
    assert all(label != "QUANTITY" for _, label in spans)


@pytest.mark.parametrize(
    ("sentence", "targets"),
    [
        (
            "Lina Vale was flying home to Vilnius from a holiday with her partner Omar Haddad "
            "last year when officers diverted the plane to Minsk and detained the pair.",
            ["Lina Vale", "Omar Haddad"],
        ),
        # the one who tells it is not one of the pair
        (
            "Ivo Sand said Lina Vale was flying home to Vilnius with her partner Omar Haddad "
            "last year when officers diverted the plane to Minsk and detained the pair.",
            ["Lina Vale", "Omar Haddad"],
        ),
    ],
)
def test_a_pair_is_the_two_people_its_own_sentence_named_before(
    tnr_pipeline, sentence: str, targets: list[str]
) -> None:
    assert claim_of(tnr_pipeline, sentence, sentence[:8]).targets == targets


@pytest.mark.parametrize(
    ("sentence", "targets"),
    [
        (
            "Mr Sand, 60, was later found alongside his daughter in a park on 4 May.",
            ["Ivo Sand", "Lena Sand"],
        ),
        ("Mr Sand was arrested with his daughter at the border in May.", ["Ivo Sand", "Lena Sand"]),
        # counterexample: someone with him who is no target named before
        ("Mr Sand was found with his lawyer at the border in May.", ["Ivo Sand"]),
    ],
)
def test_the_one_found_or_held_together_with_the_subject_is_a_target(
    tnr_pipeline, sentence: str, targets: list[str]
) -> None:
    text = (
        "Police say agents poisoned Ivo Sand and his daughter Lena Sand in Oslo on Sunday. "
        + sentence
    )
    assert claim_of(tnr_pipeline, text, "Mr Sand").targets == targets


@pytest.mark.parametrize(
    ("second", "targets"),
    [
        ("Agents sprayed the toxin into Sand's eyes in a hotel in Oslo.", ["Ivo Sand"]),
        ("The liquid was smeared on his face at the airport in Oslo.", ["Ivo Sand"]),
    ],
)
def test_the_owner_of_the_body_an_act_is_done_on_is_its_target(
    tnr_pipeline, second: str, targets: list[str]
) -> None:
    text = "Ivo Sand, a former officer, fled to Norway in May. " + second
    assert claim_of(tnr_pipeline, text, second[:10]).targets == targets


def test_a_description_set_beside_a_name_is_that_name_not_the_report_s_main_person(
    tnr_pipeline,
) -> None:
    """'X, a blogger who ...': the description is X's, even when the document is mostly
    about someone else (no fallback to the one most acted on)."""
    text = (
        "Exiles in the region\n\n"
        "Police arrested Ana Ruiz in Vell in 2020. Ana Ruiz was jailed in 2021. "
        "Ana Ruiz was charged again in 2022.\n\n"
        "Case study: Kim Lo\n\n"
        "Kim Lo, a Vietnamese blogger who wrote about land disputes in Vell province, fled "
        "to Thailand in 2019 and was recognised as a refugee in 2021.\n"
    )
    record = tnr_pipeline.process_text(text)
    about_lo = [c for c in record.claims if c.text.startswith("Kim Lo")]
    assert all("Ana Ruiz" not in c.targets for c in about_lo)


@pytest.mark.parametrize(
    ("second", "targets"),
    [
        ("A court rejected their appeals against deportation on Friday.", ["Ana Ruiz", "Li Wen"]),
        # an appeal against nothing done to anyone names no one
        ("A court rejected their appeals against the fine on Friday.", []),
    ],
)
def test_the_owner_of_an_appeal_against_an_act_is_its_target(
    tnr_pipeline, second: str, targets: list[str]
) -> None:
    text = "Ana Ruiz and Li Wen were deported to Vell on Sunday. " + second
    record = tnr_pipeline.process_text(text)
    found = [c.targets for c in record.claims if c.text.startswith("A court")]
    assert all(f == sorted(targets) for f in found) and (found or not targets)


@pytest.mark.parametrize(
    ("introduction", "targets"),
    [
        # a mother and a brother named as his: held later, he is a target with them
        (
            "Tomas Berg, a reporter in Oslo, said police detained his mother, Ana Berg, "
            "and his brother, Ivo Berg, on Saturday. ",
            ["Ana Berg", "Ivo Berg", "Tomas Berg"],
        ),
        # a wife is no lever: a couple is often abroad together
        (
            "Tomas Berg, a reporter in Oslo, said police detained his wife, Ana Berg, "
            "and his colleague, Ivo Lund, on Saturday. ",
            ["Ana Berg", "Ivo Lund"],
        ),
    ],
)
def test_a_named_relative_held_later_brings_the_one_abroad(
    tnr_pipeline, introduction: str, targets: list[str]
) -> None:
    second = "Ana Berg and Ivo " + targets[1].split()[-1] + " were taken to a prison in Vell."
    claim = claim_of(tnr_pipeline, introduction + second, "Ana Berg and")
    assert claim.targets == targets


def test_a_relatives_full_name_is_no_short_form_of_a_longer_name_that_ends_in_it(
    tnr_pipeline,
) -> None:
    """Many naming traditions give a child the father's names after her own: 'Hisham
    Nasser', set after 'her father', is him, not a short form of his daughter's name."""
    text = (
        "Nour Hisham Nasser writes a blog from Berlin. In May her father, Hisham Nasser, "
        "was detained by police in Cairo."
    )
    assert ("Hisham Nasser", "Hisham Nasser") in people(tnr_pipeline, text)
    claim = claim_of(tnr_pipeline, text, "In May")
    assert sorted(claim.targets) == ["Hisham Nasser", "Nour Hisham Nasser"]


@pytest.mark.parametrize(
    ("said", "targets"),
    [
        # the speaker's father is the one the document named as hers
        ("Lina Sabri said", ["Lina Sabri", "Omar Sabri"]),
        # another person's father is not hers
        ("Dana Keller said", ["Dana Keller"]),
    ],
)
def test_my_father_in_a_quotation_is_the_speakers_father_named_before(
    tnr_pipeline, said: str, targets: list[str]
) -> None:
    text = (
        "Lina Sabri, a presenter in London, left Iran in 2015. Last month agents took her "
        "father, Omar Sabri, from his home in Tabriz. Her colleague Dana Keller lives in "
        f"Oslo. “They are holding my father because they cannot hold me,” {said}."
    )
    assert sorted(claim_of(tnr_pipeline, text, "“They are").targets) == targets


BROTHERS = (
    "Ms Sara Amini, a presenter in London, has been threatened online since 2021. In "
    "Toronto, the broadcaster Reza Karimi learned that his brother, Navid Karimi, had been "
    "sentenced in Tabriz. Navid, a civil engineer, has never worked as a journalist. He was "
    "arrested in August, days after his brother aired an interview."
)


@pytest.mark.parametrize(
    ("start", "targets"),
    [
        # 'the broadcaster' before a two-word name the model reads as a person: a person
        ("In Toronto", ["Navid Karimi", "Reza Karimi"]),
        # 'He' is not the woman named before, but the man just named; he is the
        # broadcaster's brother, held, so the broadcaster is a target too
        ("He was arrested", ["Navid Karimi", "Reza Karimi"]),
    ],
)
def test_he_standing_for_a_relative_held_brings_the_one_whose_relative_he_is(
    tnr_pipeline, start: str, targets: list[str]
) -> None:
    assert sorted(claim_of(tnr_pipeline, BROTHERS, start).targets) == targets


def test_people_who_found_a_thing_report_no_finding(tnr_pipeline) -> None:
    """'the couple had found a tracker': coming upon a thing is no research finding, so
    the one who says it is the source, not the last pair named ('they found that ...' is a
    finding and keeps its own speakers)."""
    text = (
        "Agents followed Ivo Sand and Marek Hal for weeks in Oslo. Ana Ruiz said the couple "
        "had found a GPS tracker under their car in May."
    )
    assert claim_of(tnr_pipeline, text, "Ana Ruiz said").source == "Ana Ruiz"


@pytest.mark.parametrize(
    ("before", "source"),
    [
        # one body named 'Ministry of ...': 'the Ministry' is that body
        (
            "The Ministry of Justice of Ruritania issued a statement on Monday.",
            "Ministry of Justice of Ruritania",
        ),
        # two such bodies: 'the Ministry' could be either, so it names no one
        ("The Ministry of Justice and the Ministry of Defence issued statements.", None),
    ],
)
def test_the_ministry_is_the_one_ministry_named_in_full(tnr_pipeline, before, source) -> None:
    text = f"{before} The Ministry rejects the claim that agents abducted Ana Ruiz in Riga."
    assert claim_of(tnr_pipeline, text, "The Ministry rejects").source == source


SISTER_AND_BROTHER = (
    "Lena Varga has run a news blog from Oslo since 2019. In May officers came to her "
    "parents' flat in Vell and took her younger brother, Tomas Varga, to a police station. "
    "He was held for two days and released only after recording a video."
)


@pytest.mark.parametrize(
    ("start", "targets"),
    [
        # 'her' after 'her parents' flat' is still hers (no one of the parents), so the
        # brother named is hers too
        ("In May officers", ["Lena Varga", "Tomas Varga"]),
        # 'He' is the brother, whose gender 'brother' tells, not the sister the story is
        # about; held, he brings her into the targets
        ("He was held", ["Lena Varga", "Tomas Varga"]),
    ],
)
def test_he_after_a_brother_named_is_the_brother_not_the_one_the_story_is_about(
    tnr_pipeline, start: str, targets: list[str]
) -> None:
    assert sorted(claim_of(tnr_pipeline, SISTER_AND_BROTHER, start).targets) == targets


def test_reporting_people_to_the_police_is_no_statement(tnr_pipeline) -> None:
    """'reported the men who had followed her to the police' files a complaint; the
    sentence is the author's, not hers ('Saidova reported that ...' would be hers)."""
    text = (
        "Gulnara Vell, an activist in Essen, was followed for months. Vell reported the men "
        "who had followed her to the city police in July."
    )
    assert claim_of(tnr_pipeline, text, "Vell reported").source is None


@pytest.mark.parametrize(
    ("second", "source"),
    [
        ("Vell reported the hacking of her phone to the Essen police in July.", None),
        # counterexample: a report of what happened, with no complaint lodged
        ("Vell reported that her phone had been hacked in July.", "Gulnara Vell"),
    ],
)
def test_reporting_an_act_to_the_police_is_no_statement(
    tnr_pipeline, second: str, source: str | None
) -> None:
    text = f"Gulnara Vell, an activist in Essen, was followed for months. {second}"
    assert claim_of(tnr_pipeline, text, "Vell reported").source == source


@pytest.mark.parametrize(
    ("text", "start", "targets", "source"),
    [
        (
            "Omar Said, 41, and Lena Varga, 34, run a news blog in Oslo. In May agents "
            "abducted the 34-year-old in Riga.",
            "In May",
            ["Lena Varga"],
            None,
        ),
        (
            "Lena Varga, 34, a nurse from Vell, moved to Istanbul in 2019. Two men followed "
            "her for weeks. The 34-year-old said she also received threatening messages.",
            "The 34-year-old",
            ["Lena Varga"],
            "Lena Varga",
        ),
    ],
)
def test_the_34_year_old_is_the_one_given_that_age(
    tnr_pipeline, text: str, start: str, targets: list[str], source: str | None
) -> None:
    claim = claim_of(tnr_pipeline, text, start)
    assert (claim.targets, claim.source) == (targets, source)


def test_a_family_name_in_the_plural_is_everyone_named_by_it(tnr_pipeline) -> None:
    """'the Vellamovs' after two people named Vellamov is both of them (the model reads a
    place or an organisation in the plural name)."""
    text = (
        "Police detained Serdar Vellamov and his brother Dovlet Vellamov in Kazan in May. "
        "Rights groups fear the Vellamovs were deported to Ashgabat in June."
    )
    claim = claim_of(tnr_pipeline, text, "Rights groups")
    assert claim.targets == ["Dovlet Vellamov", "Serdar Vellamov"]


def test_a_lawyer_who_represented_him_speaks_of_him_as_her_client(tnr_pipeline) -> None:
    """'said Ivana Horvat, who represented him': 'my client' in her quotation is the man
    she represented, not she."""
    text = (
        'Tomas Vell, 46, has lived in Leipzig since 2015. "For five months my client was '
        'held in a cell in Zadar," said Ivana Horvat, who represented him in Zagreb.'
    )
    assert claim_of(tnr_pipeline, text, '"For five').targets == ["Tomas Vell"]


PARENTS = (
    "Mina Sol, a law student in Leeds, was followed by two men in March. Her father, Omar "
    "Sol, runs a shop in Vell, and her "
    "mother, Rana Tahir, teaches at a school there. In May police summoned her parents "
    "twice. In June the couple were questioned again at a police station."
)


@pytest.mark.parametrize(
    ("start", "targets"),
    [
        # 'her parents': the one father and the one mother the document named
        ("In May", ["Mina Sol", "Omar Sol", "Rana Tahir"]),
        # 'the couple' with no spouses named as such: the same two (a group phrase brings
        # no one whose relatives they are, GUIDELINES)
        ("In June", ["Omar Sol", "Rana Tahir"]),
    ],
)
def test_her_parents_and_the_couple_are_the_father_and_mother_named(
    tnr_pipeline, start: str, targets: list[str]
) -> None:
    assert sorted(claim_of(tnr_pipeline, PARENTS, start).targets) == targets


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # 'her parents-in-law' are not the father and mother named as hers
        (
            PARENTS.replace("her parents twice", "her parents-in-law twice"),
            ["Mina Sol"],
        ),
        # a father and mother named as one man's are not another woman's 'parents'
        (
            "Mr Aras Demir, a blogger in Bonn, left Izmir in 2019. In April police visited "
            "his father, Kemal Demir, and his mother, Selin Demir. Ms Lena Kaya, a singer, "
            "fled with Demir. In May officers summoned her parents twice.",
            ["Lena Kaya"],
        ),
    ],
)
def test_parents_named_as_someone_elses_are_not_taken(
    tnr_pipeline, text: str, targets: list[str]
) -> None:
    assert sorted(claim_of(tnr_pipeline, text, "In May").targets) == targets


def test_relatives_listed_by_given_name_are_relatives_wherever_named_again(
    tnr_pipeline,
) -> None:
    # 'his brothers, Badr and Nawaf Saleh' (Badr also a town): both his brothers, so their
    # arrest told later by given names alone is a reprisal on him too (GUIDELINES)
    text = (
        "Mansour Saleh, 34, fled to Canada in 2017 and hosts a podcast. He told us about his "
        "brothers, Badr and Nawaf Saleh, who stayed in Buraidah. Badr and Nawaf were "
        "arrested at their homes in June 2022."
    )
    claim = claim_of(tnr_pipeline, text, "Badr and Nawaf")
    assert claim.methods == ["RELATIVE_REPRISAL"]
    assert sorted(claim.targets) == ["Badr Saleh", "Mansour Saleh", "Nawaf Saleh"]


@pytest.mark.parametrize(
    ("text", "start", "targets"),
    [
        # 'his daughter, A, said her father ...': her father is he, and she no lever
        (
            "Viktor Rask, a former officer, defected to Britain in 2019. His daughter, Daria "
            "Rask, said her father had received threatening messages for months.",
            "His daughter",
            ["Viktor Rask"],
        ),
        # 'his wife, B' told before: 'her husband' in B's words is he
        (
            "Tomas Vell has lived in Oslo since 2016, his wife, Mira Tal, told reporters. Mira "
            "said the embassy had refused to renew her husband's passport.",
            "Mira said",
            ["Tomas Vell"],
        ),
    ],
)
def test_a_relatives_own_family_noun_points_back_to_the_one_she_is_related_to(
    tnr_pipeline, text: str, start: str, targets: list[str]
) -> None:
    assert sorted(claim_of(tnr_pipeline, text, start).targets) == targets


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # the named speaker's audience is no antecedent of what she told
        (
            "Mara Lind, 41, told Dalen Courier that two officers took her passport at the border.",
            ["Mara Lind"],
        ),
        # counterexample: a speaker told of by a pronoun leaves the audience as the last name
        (
            "Ivo Sand was arrested in May. His lawyer told Ana Ruiz that police had beaten him.",
            ["Ivo Sand"],
        ),
    ],
)
def test_what_a_named_speaker_tells_her_audience_is_about_her(
    tnr_pipeline, text: str, targets: list[str]
) -> None:
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].targets == targets


@pytest.mark.parametrize(
    ("first", "targets"),
    [
        # the one held just before, not the name inside his description
        (
            "Ivo Marek, the 70-year-old father of the reporter Pavel Marek, was summoned in May.",
            ["Ivo Marek"],
        ),
        # counterexample: 'he' does not fit a woman held just before
        ("Lena Vik, the sister of the blogger Tomas Vik, was questioned in May.", ["Tomas Vik"]),
    ],
)
def test_a_pronoun_after_a_person_held_is_that_person(
    tnr_pipeline, first: str, targets: list[str]
) -> None:
    text = first + " He has not been charged with anything."
    assert claim_of(tnr_pipeline, text, "He has").targets[:1] == targets


@pytest.mark.parametrize(
    ("first", "targets"),
    [
        # 'A, the father of B' makes A B's relative: 'he' for A brings B in
        (
            "Ivo Marek, the elderly father of the reporter Pavel Marek, was summoned in May.",
            ["Ivo Marek", "Pavel Marek"],
        ),
        # counterexample: an apposition that is no family noun
        ("Ivo Marek, a colleague of the reporter Pavel Marek, was summoned in May.", ["Ivo Marek"]),
    ],
)
def test_a_relative_told_in_apposition_brings_whose_relative_he_is(
    tnr_pipeline, first: str, targets: list[str]
) -> None:
    text = first + " He has not been charged with anything."
    assert sorted(claim_of(tnr_pipeline, text, "He has").targets) == targets


@pytest.mark.parametrize(
    ("second", "targets"),
    [
        (
            "The group counts at least six abductions of exiles since 2019; in two of them "
            "the victims later reappeared in prison.",
            [],
        ),
        # counterexample: with no share of a count before it, the group phrase is the pair
        ("Two days later the victims were released.", ["Ivo Ruiz", "Lena Ruiz"]),
    ],
)
def test_a_group_phrase_in_a_share_of_a_count_is_no_group_named_before(
    tnr_pipeline, second: str, targets: list[str]
) -> None:
    text = f"Police questioned Lena Ruiz and her brother, Ivo Ruiz, in Vell in May. {second}"
    assert sorted(claim_of(tnr_pipeline, text, second[:12]).targets) == targets


@pytest.mark.parametrize(
    ("second", "targets", "source"),
    [
        (
            "For months she had to report to a police station every week while the court "
            "weighed the extradition request.",
            ["Ana Ruiz"],
            None,
        ),
        # counterexample: agents bound to leave are no target, a judge bound to adjourn is
        # none, and 'reported to ... that' is a statement
        ("The agents had to leave Oslo after the abduction failed.", [], None),
        ("Judge Lind had to adjourn the extradition hearing twice.", [], None),
        (
            "Vell Watch reported to the ministry that she had been deported.",
            ["Ana Ruiz"],
            "Vell Watch",
        ),
    ],
)
def test_one_bound_to_a_duty_bears_the_measure_and_reporting_to_the_police_is_no_statement(
    tnr_pipeline, second: str, targets: list[str], source: str | None
) -> None:
    claim = claim_of(tnr_pipeline, f"Ana Ruiz fled Vell in 2019. {second}", second[:12])
    assert (claim.targets, claim.source) == (targets, source)


BROTHER_HELD = (
    "Ana Ruiz, a blogger in Oslo, has criticised Vell for years. In May her brother, Ivo "
    "Ruiz, was detained in Vell. "
)


@pytest.mark.parametrize(
    ("second", "targets"),
    [
        ("Her lawyer said the brother was being held at a police post.", ["Ana Ruiz", "Ivo Ruiz"]),
        ("He was freed in June, but officers kept his passport.", ["Ana Ruiz", "Ivo Ruiz"]),
        ("Oslo urged the authorities in Vell to free Ivo Ruiz.", ["Ana Ruiz", "Ivo Ruiz"]),
        # counterexample: an act the relative only tells, on the one abroad, is hers alone
        ("Ivo Ruiz said agents had threatened his sister in Oslo.", ["Ana Ruiz"]),
        # nor is a release told a call to free him
        ("Ivo Ruiz was released in June and now sells vegetables.", ["Ivo Ruiz"]),
    ],
)
def test_an_act_on_a_relative_named_before_reaches_the_one_abroad(
    tnr_pipeline, second: str, targets: list[str]
) -> None:
    claims = tnr_pipeline.process_text(BROTHER_HELD + second).claims
    found = [c for c in claims if c.text == second]
    assert [sorted(c.targets) for c in found] == ([targets] if targets else [])


def test_he_after_the_relative_and_the_one_abroad_is_still_the_relative(tnr_pipeline) -> None:
    text = (
        BROTHER_HELD + "Police said the brother was being held at a post. He has not been charged."
    )
    claim = claim_of(tnr_pipeline, text, "He has not")
    assert {(d.name, d.rule) for d in claim.provenance.target_rules} == {
        ("Ivo Ruiz", "TARGET.passive_subject"),
        ("Ana Ruiz", "TARGET.relative_owner"),
    }


@pytest.mark.parametrize(
    ("text", "start", "targets"),
    [
        (
            "Lina Sato, a poet, fled Vell in 2019. A man from the embassy followed her to "
            "her car in June.",
            "A man from",
            ["Lina Sato"],
        ),
        (
            "Omar Haddad, a blogger, fled Vell in 2019. A second activist, Lina Sato, said "
            "a man from the embassy followed her to her car in June.",
            "A second",
            ["Lina Sato"],
        ),
        # counterexample: an unnamed man still stands for a later 'his'
        (
            "Omar Haddad, a blogger, fled Vell in 2019. Agents detained a man and his son "
            "in Vell in June.",
            "Agents detained",
            [],
        ),
    ],
)
def test_an_unnamed_person_of_the_other_gender_does_not_take_a_pronoun(
    tnr_pipeline, text: str, start: str, targets: list[str]
) -> None:
    assert claim_of(tnr_pipeline, text, start).targets == targets


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Since May, students in Lyon, Chiang Rai and Osaka were refused passports.", "Chiang Rai"),
        ("Officers keep visiting her uncle in Siem Reap, Ana Ruiz said.", "Siem Reap"),
    ],
)
def test_a_town_of_two_words_after_a_preposition_of_place_is_a_place(
    tnr_pipeline, text: str, place: str
) -> None:
    record = tnr_pipeline.process_text(text)
    assert [s.label for s in record.spans if s.text == place] == ["LOCATION"]


LETTER = (
    "Letter: The consulate will not silence me\n\nSir, — I moved to Leeds in 2015 and have "
    "written about my country's courts ever since.\n\nLast spring my sister, Amina Rahel, "
    "was questioned by police in Asmara about my articles. I have also received threatening "
    "calls from numbers at home.\n\nI ask the Foreign Office to raise these cases.\n\n"
    "Tesfay Rahel\nLeeds, 3 May 2024\n"
)


def test_a_letters_signature_names_the_one_who_writes_i(tnr_pipeline) -> None:
    assert ("Tesfay Rahel", "Tesfay Rahel") in people(tnr_pipeline, LETTER)
    sister = claim_of(tnr_pipeline, LETTER, "Last spring")
    assert sorted(sister.targets) == ["Amina Rahel", "Tesfay Rahel"]
    assert claim_of(tnr_pipeline, LETTER, "I have also").targets == ["Tesfay Rahel"]


@pytest.mark.parametrize(
    "ending",
    [
        "Human Rights Watch\nGeneva, 3 May 2024\n",  # an organisation signs
        "Tesfay Rahel told the paper more about the calls.\n",  # a sentence, no signature
        "Tesfay Rahel\n\nI was held at the airport for six hours in May.\n",  # a heading
        "Please remember them:\nSenait Haile,\nTesfay Rahel\n",  # a list of names
    ],
)
def test_no_signature_where_the_last_lines_are_no_sign_off(tnr_pipeline, ending: str) -> None:
    text = LETTER.rsplit("Tesfay Rahel", 1)[0] + ending
    assert claim_of(tnr_pipeline, text, "I have also").targets == []


FAMILY = (
    "Editor's relatives questioned\n\nOmar Belkadi, an editor who has lived in Lyon since "
    "2019, writes about corruption. In March officers summoned his brother, Karim Belkadi, "
    "and his mother, Yamina Belkadi, and questioned them about his articles. {last}"
)
NAMED_FAMILY = (
    "Editor's relatives questioned\n\nOmar Belkadi, an editor who has lived in Lyon since "
    "2019, writes about corruption. In March officers summoned Belkadi's father, Said "
    "Belkadi, 70, and his sister, Leila Belkadi, and questioned them about his articles. "
    "It is alleged that Leila Belkadi was later dismissed from her post."
)


def test_his_after_a_named_owners_relative_is_that_owners(tnr_pipeline) -> None:
    claim = claim_of(tnr_pipeline, NAMED_FAMILY, "It is alleged")
    assert sorted(claim.targets) == ["Leila Belkadi", "Omar Belkadi"]


@pytest.mark.parametrize(
    "last",
    [
        "The police later detained Belkadi's relatives for two days.",
        "Amnesty urged the authorities to stop harassing Belkadi and his family.",
        "Amnesty condemned the acts of intimidation against Belkadi and his family.",
    ],
)
def test_his_family_is_every_relative_the_document_named_as_his(tnr_pipeline, last) -> None:
    text = FAMILY.format(last=last)
    both = ["Karim Belkadi", "Omar Belkadi", "Yamina Belkadi"]
    assert sorted(claim_of(tnr_pipeline, text, "In March").targets) == both
    assert sorted(claim_of(tnr_pipeline, text, last[:12]).targets) == both


def test_relatives_of_no_one_named_are_no_one(tnr_pipeline) -> None:
    text = FAMILY.format(last="Police in the region often detain relatives of exiles.")
    assert "Karim Belkadi" not in claim_of(tnr_pipeline, text, "Police in").targets


def test_an_indefinite_speaker_is_no_one_named_before(tnr_pipeline) -> None:
    text = (
        "Two deported\n\nThe pair, former police officer Somsak Vongsa, 41, and his nephew "
        "Bounmy Keo, 27, were detained at a market on 20 May. An immigration officer, who "
        "asked not to be named, said the men were deported for overstaying."
    )
    deported = claim_of(tnr_pipeline, text, "An immigration")
    assert deported.source is None
    assert sorted(deported.targets) == ["Bounmy Keo", "Somsak Vongsa"]


TRANSCRIPT = (
    "Exile Radio, Episode 9\n\nHOST: My guest is Dina Sarraf, a reporter who has lived in "
    "Lisbon since 2021.\n\nSARRAF: Thanks for having me.\n\nHOST: What happened at home?\n\n"
    "SARRAF: The worst was a call to my sister, Huda Sarraf, in Basra last spring. Police "
    "came to the school where she teaches. {then}\n"
)


def test_she_in_the_passage_of_one_who_says_i_is_not_that_one(tnr_pipeline) -> None:
    text = TRANSCRIPT.format(then="They did not arrest her, and she was never charged.")
    claim = claim_of(tnr_pipeline, text, "They did not")
    assert sorted(claim.targets) == ["Dina Sarraf", "Huda Sarraf"]


def test_i_who_has_dozens_of_threats_bears_them(tnr_pipeline) -> None:
    text = TRANSCRIPT.format(then="I have had dozens of death threats since I left.")
    assert claim_of(tnr_pipeline, text, "I have had").targets == ["Dina Sarraf"]


def test_the_group_after_according_to_an_organisation_is_that_organisation(tnr_pipeline) -> None:
    text = (
        "Exiles held\n\nPolice in Peshawar detained 20 Afghan reporters overnight, according "
        "to the Kabul Media Rights Forum. The group said it feared they could be deported."
    )
    assert claim_of(tnr_pipeline, text, "The group").source == "Kabul Media Rights Forum"


POET = (
    "Poet's mother barred\n\nThe poet Idris Kamal, who lives in Leeds, lost his citizenship "
    "in May. Weeks later his mother, Wafa, was stopped at the airport in Kuwait City. {last}"
)


def test_my_in_a_quotation_of_a_described_speaker_is_that_speaker(tnr_pipeline) -> None:
    text = POET.format(last='"My mother is being punished for my verses," the poet told us.')
    claim = claim_of(tnr_pipeline, text, '"My mother')
    assert sorted(claim.targets) == ["Idris Kamal", "Wafa"]


def test_a_one_word_name_read_beside_a_family_noun_is_a_name_again(tnr_pipeline) -> None:
    text = POET.format(last="His lawyer said the travel ban on Wafa could not be appealed.")
    assert sorted(claim_of(tnr_pipeline, text, "His lawyer").targets) == ["Idris Kamal", "Wafa"]


@pytest.mark.parametrize(
    ("last", "start"),
    [
        ("He had spent two months in detention before the ruling.", "He had"),
        ("He cannot answer these charges from abroad, his lawyer said.", "He cannot"),
    ],
)
def test_one_who_spends_time_in_custody_or_answers_charges_bears_them(
    tnr_pipeline, last: str, start: str
) -> None:
    text = (
        "Exile freed\n\nA court in Dakar refused on Monday to extradite the unionist Omar "
        f"Said, calling the case against him political. {last}"
    )
    assert claim_of(tnr_pipeline, text, start).targets == ["Omar Said"]


def test_force_her_home_is_a_forced_return(tnr_pipeline) -> None:
    text = (
        "Exile pressed\n\nAna Ruiz, a blogger, lives in Lyon. She says officials hope to "
        "force her home by spring."
    )
    claim = claim_of(tnr_pipeline, text, "She says")
    assert (claim.methods, claim.targets) == (["FORCED_RETURN"], ["Ana Ruiz"])


def test_an_op_eds_bio_line_keeps_her_as_its_author(tnr_pipeline) -> None:
    text = (
        "Why I left\n\nBy Ana Ruiz\n\nAna Ruiz is a Venezuelan journalist living in Madrid. "
        "In 2018 police detained her for two weeks in Caracas. I left the country in 2019. "
        "My mother still lives there."
    )
    assert claim_of(tnr_pipeline, text, "In 2018").targets == ["Ana Ruiz"]


def test_his_family_is_not_the_wife_he_lives_with_abroad(tnr_pipeline) -> None:
    text = (
        "Exile's family\n\nJorge Alba, a journalist, lives in Madrid with his wife, Elena "
        "Ruiz. Officers in Caracas summoned Alba's family for questioning."
    )
    assert claim_of(tnr_pipeline, text, "Officers").targets == ["Jorge Alba"]


def test_one_who_has_informants_does_not_bear_them(tnr_pipeline) -> None:
    text = (
        "Spy files\n\nAccording to leaked files, the spy chief Ramil Mamedov had dozens of "
        "informants among exiles in Europe."
    )
    assert claim_of(tnr_pipeline, text, "According").targets == []


@pytest.mark.parametrize(
    ("last", "kind"),
    [
        (
            "I ask the Home Office and the Foreign Office to take these threats seriously.",
            "recommendation",
        ),
        ("I asked my brother to stop answering calls from the police.", None),
    ],
)
def test_the_writers_own_present_call_is_a_recommendation(tnr_pipeline, last, kind) -> None:
    text = LETTER.replace("I ask the Foreign Office to raise these cases.", last)
    found = [c.type for c in tnr_pipeline.process_text(text).claims if c.text == last]
    assert ("recommendation" in found) is (kind == "recommendation")
