"""Linking claims into cases and incidents, and the files it writes (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from helpers import make_record

from tnr_claims.cases import link, write_links
from tnr_claims.cases.link import ClaimRef


def _abduction_reports():
    first = make_record(
        "wire",
        [
            {
                "text": "Anna Vell was abducted in Nairobi on 3 March 2021 by Eritrean agents.",
                "targets": ["Anna Vell"],
                "methods": ["ABDUCTION", "OVERSEAS_AGENTS"],
                "dates": ["2021-03-03"],
                "perpetrator_states": ["ER"],
                "host_states": ["KE"],
                "host_role": "direct",
            },
            {
                "text": "Her phone was found near the border.",
                "methods": ["ABDUCTION"],
            },
        ],
    )
    second = make_record(
        "follow-up",
        [
            {
                "text": "Ana Vel, seized in Kenya in March 2021, was flown to Asmara.",
                "targets": ["Ana Vel"],
                "methods": ["ABDUCTION", "FORCED_RETURN"],
                "dates": ["2021-03-04"],
                "host_states": ["KE"],
            },
            {
                "text": "A court sentenced Ana Vel to ten years on 9 June 2022.",
                "targets": ["Ana Vel"],
                "methods": ["PROSECUTION"],
                "dates": ["2022-06-09"],
                "perpetrator_states": ["ER"],
            },
        ],
    )
    other = make_record(
        "other",
        [
            {
                "text": "Tomas Vell was threatened in Oslo by Ruritanian diplomats.",
                "targets": ["Tomas Vell"],
                "methods": ["THREAT"],
                "perpetrator_states": ["ER"],
                "host_states": ["NO"],
            },
            {
                "text": "States should stop such threats.",
                "type": "recommendation",
            },
        ],
    )
    return first, second, other


def test_spellings_across_reports_make_one_case_and_a_surname_alone_does_not() -> None:
    linking = link(_abduction_reports())
    by_target = {tuple(case.targets): case for case in linking.cases}
    # one spelling per person: the most used one ("Ana Vel", in two claims)
    assert set(by_target) == {("Ana Vel",), ("Tomas Vell",)}
    case = by_target[("Ana Vel",)]
    assert case.documents == ["follow-up", "wire"]
    assert case.perpetrator_states == ["ER"]
    assert case.host_states == ["KE"]
    assert case.host_role == "direct"
    assert case.first_date == "2021-03-03" and case.last_date == "2022-06-09"
    assert len(case.claims) == 4


def test_the_act_and_the_later_sentence_are_two_incidents() -> None:
    first, second, _ = _abduction_reports()
    case = link([first, second]).cases[0]
    assert len(case.incidents) == 2
    act, sentence = case.incidents
    assert act.date == "2021-03-03" and sentence.date == "2022-06-09"
    assert {ref.doc_id for ref in act.claims} == {"wire", "follow-up"}
    assert "PROSECUTION" in sentence.methods and "PROSECUTION" not in act.methods
    assert act.host_state == "KE"
    # the untargeted sentence about the phone joins by document memory
    assert ClaimRef("wire", first.claims[1].start, first.claims[1].end) in act.claims


def test_claims_without_target_or_act_join_no_case() -> None:
    _, _, other = _abduction_reports()
    linking = link([other])
    linked = linking.case_of()
    recommendation = other.claims[1]
    assert ClaimRef("other", recommendation.start, recommendation.end) not in linked


def test_ids_depend_on_content_not_on_order_or_unrelated_reports() -> None:
    first, second, other = _abduction_reports()
    alone = {tuple(c.targets): c.case_id for c in link([first, second]).cases}
    together = {tuple(c.targets): c.case_id for c in link([other, second, first]).cases}
    assert alone[("Ana Vel",)] == together[("Ana Vel",)]
    incidents = [i.incident_id for c in link([first, second]).cases for i in c.incidents]
    again = [i.incident_id for c in link([second, first]).cases for i in c.incidents]
    assert incidents == again
    assert len(set(incidents)) == len(incidents)


def test_targets_named_together_in_one_act_are_one_case() -> None:
    record = make_record(
        "joint",
        [
            {
                "text": "Anna Vell and Tomas Ruiz were detained together in Minsk.",
                "targets": ["Anna Vell", "Tomas Ruiz"],
                "methods": ["DETENTION"],
            },
            {"text": "Tomas Ruiz was released later.", "targets": ["Tomas Ruiz"]},
        ],
    )
    assert [sorted(c.targets) for c in link([record]).cases] == [["Anna Vell", "Tomas Ruiz"]]


def test_a_lone_surname_takes_the_full_name_of_its_document_only() -> None:
    named = make_record(
        "a",
        [{"text": "Vell was beaten in Riga.", "targets": ["Vell"], "methods": ["PHYSICAL_ATTACK"]}],
        people=["Anna Vell"],
    )
    bare = make_record(
        "b",
        [{"text": "Vell was beaten in Riga.", "targets": ["Vell"], "methods": ["PHYSICAL_ATTACK"]}],
    )
    full = make_record(
        "c",
        [{"text": "Anna Vell fled.", "targets": ["Anna Vell"], "methods": ["PHYSICAL_ATTACK"]}],
    )
    cases = link([named, bare, full]).cases
    docs = sorted(tuple(c.documents) for c in cases)
    assert docs == [("a", "c"), ("b",)]


def test_write_links_writes_the_contract_shape(tmp_path: Path) -> None:
    linking = link(_abduction_reports())
    counts = write_links(linking, tmp_path)
    lines = (tmp_path / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == counts["cases"] == len(linking.cases)
    case = json.loads(lines[0])
    assert list(case) == [
        "case_id",
        "targets",
        "perpetrator_states",
        "host_states",
        "host_role",
        "methods",
        "first_date",
        "last_date",
        "documents",
        "claims",
        "incidents",
    ]
    assert set(case["incidents"][0]) == {"incident_id", "methods", "date", "host_state", "claims"}
    assert set(case["claims"][0]) == {"doc_id", "start", "end"}
    cases = pq.read_table(tmp_path / "cases.parquet").to_pylist()
    assert {row["case_id"] for row in cases} == {c.case_id for c in linking.cases}
    anna = next(row for row in cases if row["targets"] == ["Ana Vel"])
    assert anna["n_claims"] == 4 and anna["n_incidents"] == 2
    incidents = pq.read_table(tmp_path / "incidents.parquet").to_pylist()
    assert sum(row["n_claims"] for row in incidents) == sum(
        len(i.claims) for c in linking.cases for i in c.incidents
    )
    members = pq.read_table(tmp_path / "case_claims.parquet").to_pylist()
    assert len(members) == sum(len(c.claims) for c in linking.cases)
    assert {row["incident_id"] for row in members} >= {row["incident_id"] for row in incidents}


def test_incident_kind_rules_fire_on_their_examples_only() -> None:
    from tnr_claims.cases.link import _kind_rules
    from tnr_claims.rules.loader import default_patterns

    rules = default_patterns().incident_kind_rules
    compiled = {rule.id: regex for rule, (_, regex) in zip(rules, _kind_rules(None), strict=True)}
    assert {rule.kind for rule in rules} >= {"proceedings", "execution", "response"}
    for rule in rules:
        for example in rule.examples:
            assert compiled[rule.id].search(example), (rule.id, example)
        for counter in rule.counterexamples:
            assert not compiled[rule.id].search(counter), (rule.id, counter)


def test_a_response_and_a_trial_of_the_attackers_are_incidents_apart_from_the_attack() -> None:
    record = make_record(
        "report",
        [
            {
                "text": "Anna Vell was poisoned in Oslo on 4 May 2020.",
                "targets": ["Anna Vell"],
                "methods": ["PHYSICAL_ATTACK"],
                "dates": ["2020-05-04"],
            },
            {
                "text": "Norway expelled three diplomats over the attack on Anna Vell.",
                "targets": ["Anna Vell"],
            },
            {
                "text": "Two suspects were charged with the attack on Anna Vell.",
                "targets": ["Anna Vell"],
            },
        ],
    )
    case = link([record]).cases[0]
    groups = sorted(sorted(ref.start for ref in i.claims) for i in case.incidents)
    assert groups == [[claim.start] for claim in record.claims]
    attack = next(i for i in case.incidents if i.date == "2020-05-04")
    assert attack.methods == ["PHYSICAL_ATTACK"]


def test_the_dataset_docs_name_exactly_the_columns_of_the_link_files(tmp_path: Path) -> None:
    from test_dataset import documented_columns

    write_links(link(_abduction_reports()), tmp_path)
    docs = documented_columns()
    for name in ("cases", "incidents", "case_claims"):
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert docs[f"{name}.parquet"] == table.column_names, name
    line = (tmp_path / "incidents.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert docs["incidents.jsonl"] == list(json.loads(line))


def test_an_unresolved_one_word_name_follows_the_case_of_its_report() -> None:
    record = make_record(
        "r",
        [
            {
                "text": "Anna Vell was beaten in Riga.",
                "targets": ["Anna Vell"],
                "methods": ["PHYSICAL_ATTACK"],
            },
            {"text": "Oskarsson appeared in court.", "targets": ["Oskarsson"]},
        ],
    )
    cases = link([record]).cases
    assert len(cases) == 1 and len(cases[0].claims) == 2
    assert cases[0].targets == ["Anna Vell"]


def _incident_groups(record) -> list[list[int]]:
    """Each incident of the record's one case as the sorted indexes of its claims."""
    (case,) = link([record]).cases
    index = {claim.start: n for n, claim in enumerate(record.claims)}
    return sorted(sorted(index[ref.start] for ref in i.claims) for i in case.incidents)


_ABDUCTION = {
    "text": "Anna Vell was abducted in Nairobi on 3 March 2021.",
    "targets": ["Anna Vell"],
    "methods": ["ABDUCTION"],
    "dates": ["2021-03-03"],
}


def test_a_standing_situation_joins_no_incident_and_carries_no_memory() -> None:
    record = make_record(
        "report",
        [
            _ABDUCTION,
            {
                "text": "Anna Vell faces ten years in prison if she is convicted.",
                "targets": ["Anna Vell"],
                "methods": ["PROSECUTION"],
            },
            {"text": "Her phone was found near the border."},
        ],
    )
    # the status sentence is in the case but in no incident; the phone stays with the act
    assert _incident_groups(record) == [[0, 2]]
    assert len(link([record]).cases[0].claims) == 3


def test_a_sentence_naming_the_target_returns_to_its_incident_after_an_aside() -> None:
    record = make_record(
        "report",
        [
            _ABDUCTION,
            {"text": "Two Ruritanian officers are being held as suspects in the case."},
            {"text": "Other officers have lost their positions."},
            {"text": "Anna Vell never reached her office.", "targets": ["Anna Vell"]},
        ],
    )
    # the suspects and the dismissals are proceedings on the perpetrator's side; the
    # sentence about the target goes back to the act, not to the aside before it
    assert _incident_groups(record) == [[0, 3], [1, 2]]


def test_a_claim_dated_by_an_earlier_year_is_background_not_the_news() -> None:
    record = make_record(
        "report",
        [
            _ABDUCTION,
            {
                "text": "Anna Vell had been granted asylum in Kenya in 2014.",
                "targets": ["Anna Vell"],
                "dates": ["2014"],
            },
            {
                "text": "Anna Vell was seen in Nairobi in 2021 before she vanished.",
                "targets": ["Anna Vell"],
                "dates": ["2021"],
            },
        ],
    )
    assert _incident_groups(record) == [[0, 2]]


def test_opening_sentences_without_date_or_kind_join_the_first_incident_of_their_report() -> None:
    record = make_record(
        "report",
        [
            {"text": "The family of Anna Vell is waiting for news.", "targets": ["Anna Vell"]},
            {"text": "Two Ruritanian officers are being held as suspects."},
            _ABDUCTION,
        ],
    )
    # the opening sentence waits past the aside on the suspects for the act on the target
    assert _incident_groups(record) == [[0, 2], [1]]


def test_a_dated_claim_without_a_kind_joins_the_act_of_its_time_not_a_trial_recalling_it() -> None:
    record = make_record(
        "report",
        [
            {
                "text": "Anna Vell was abducted in Nairobi on 23 May 2021.",
                "targets": ["Anna Vell"],
                "methods": ["ABDUCTION"],
                "dates": ["2021-05-23"],
            },
            {
                "text": "A court sentenced Anna Vell, seized in May 2021, to ten years.",
                "targets": ["Anna Vell"],
                "methods": ["PROSECUTION"],
                "dates": ["2021-05"],
            },
            {
                "text": "The arrest of Anna Vell in May 2021 drew protests.",
                "targets": ["Anna Vell"],
                "methods": ["DETENTION"],
                "dates": ["2021-05"],
            },
        ],
    )
    assert _incident_groups(record) == [[0, 2], [1]]


def _dated(text: str, surface: str, value: str, **fields) -> dict:
    """A claim whose date comes from a DATE span ``surface`` of its sentence."""
    return {"text": text, "dates": [value], "date_spans": [(surface, value)], **fields}


_KILLING = _dated(
    "Tomas Vik was shot dead in Oslo on 4 March 2022.",
    "4 March 2022",
    "2022-03-04",
    targets=["Tomas Vik"],
    methods=["PHYSICAL_ATTACK"],
)


def test_a_date_on_the_verb_of_telling_does_not_date_the_event() -> None:
    record = make_record(
        "report",
        [
            _KILLING,
            _dated(
                "Ruritania on Tuesday flatly rejected claims that it had Tomas Vik shot.",
                "Tuesday",
                "2022-09-20",
                targets=["Tomas Vik"],
                methods=["PHYSICAL_ATTACK"],
            ),
            _dated(
                "A spokesman said on Friday that Tomas Vik was shot by two men.",
                "Friday",
                "2022-09-23",
                targets=["Tomas Vik"],
                methods=["PHYSICAL_ATTACK"],
            ),
        ],
    )
    # the denial and the statement join the killing they tell about
    assert _incident_groups(record) == [[0, 1, 2]]


def test_a_date_that_is_not_next_to_a_verb_of_telling_still_dates_the_event() -> None:
    record = make_record(
        "report",
        [
            _KILLING,
            _dated(
                "Police said Tomas Vik's brother was beaten in Bergen on 20 September 2022.",
                "20 September 2022",
                "2022-09-20",
                targets=["Tomas Vik"],
                methods=["PHYSICAL_ATTACK"],
            ),
        ],
    )
    assert _incident_groups(record) == [[0], [1]]


_SENTENCED = _dated(
    "On 3 May a court sentenced Anna Vell to eight years.",
    "3 May",
    "2023-05-03",
    targets=["Anna Vell"],
    methods=["PROSECUTION"],
)


def test_the_same_day_and_an_until_clause_do_not_start_an_incident() -> None:
    record = make_record(
        "report",
        [
            _SENTENCED,
            _dated(
                "She had been held at home until the ruling took effect on 18 May.",
                "18 May",
                "2023-05-18",
                methods=["DETENTION"],
            ),
            _dated(
                "On the same day the court sentenced two of her colleagues in absentia.",
                "same day",
                "2023-05-18",
                methods=["PROSECUTION"],
            ),
        ],
    )
    # both later dates point elsewhere: the three sentences are the one verdict
    assert _incident_groups(record) == [[0, 1, 2]]


def test_a_second_dated_sentence_still_starts_its_own_incident() -> None:
    record = make_record(
        "report",
        [
            _SENTENCED,
            _dated(
                "On 18 June an appeal court upheld the sentence of Anna Vell.",
                "18 June",
                "2023-06-18",
                targets=["Anna Vell"],
                methods=["PROSECUTION"],
            ),
        ],
    )
    assert _incident_groups(record) == [[0], [1]]


def test_a_date_inside_an_aside_does_not_date_the_main_act() -> None:
    seized = _dated(
        "Anna Vell was seized in Nairobi in May 2021.",
        "May 2021",
        "2021-05",
        targets=["Anna Vell"],
        methods=["ABDUCTION"],
    )
    sentence = {
        "text": "Anna Vell, seized in Nairobi in May 2021, was freed on 9 June 2022.",
        "targets": ["Anna Vell"],
        "dates": ["2021-05", "2022-06-09"],
        "date_spans": [("May 2021", "2021-05"), ("9 June 2022", "2022-06-09")],
    }
    # the release is dated by its own act (June 2022), not by the seizure in the aside
    assert _incident_groups(make_record("report", [seized, sentence])) == [[0], [1]]
    # counterexample: without the commas the date is the act's own
    plain = _dated(
        "Anna Vell was seen in Nairobi in May 2021 and then vanished.",
        "May 2021",
        "2021-05",
        targets=["Anna Vell"],
        methods=["ABDUCTION"],
    )
    assert _incident_groups(make_record("report", [seized, plain])) == [[0, 1]]


def test_opening_sentences_wait_past_background_proceedings_for_the_act() -> None:
    jailed = {
        "text": "Anna Vell was jailed for ten years in Ruritania in 2006.",
        "targets": ["Anna Vell"],
        "methods": ["PROSECUTION"],
        "dates": ["2006"],
    }
    opening = {"text": "Friends of Anna Vell say they fear for her life.", "targets": ["Anna Vell"]}
    # the opening sentence joins the act told after the old sentence, not the sentence
    assert _incident_groups(make_record("report", [opening, jailed, _ABDUCTION])) == [[0, 2], [1]]
    # a report that tells no act after them: the case's act from another report
    other = make_record("other", [_ABDUCTION])
    record = make_record("report", [opening, jailed])
    (case,) = link([other, record]).cases
    with_opening = [
        i for i in case.incidents if ClaimRef("report", 0, len(opening["text"])) in i.claims
    ]
    assert (
        len(with_opening) == 1
        and ClaimRef("other", 0, len(_ABDUCTION["text"])) in with_opening[0].claims
    )
