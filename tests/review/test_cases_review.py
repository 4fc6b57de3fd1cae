"""The Cases section of the HTML page and the cases tables of the notebook (no model)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import HOSTILE, make_record

from tnr_claims.cases import link, write_links
from tnr_claims.export import write_outputs
from tnr_claims.review import cases_frame, cases_per_year, dyad_matrix, load_cases
from tnr_claims.review.page import write_report


def _records():
    wire = make_record(
        "wire",
        [
            {
                "text": "Anna Vell was abducted in Kenya on 3 March 2021 by Eritrean agents.",
                "targets": ["Anna Vell"],
                "methods": ["ABDUCTION"],
                "dates": ["2021-03-03"],
                "perpetrator_states": ["ER"],
                "host_states": ["KE"],
                "host_role": "direct",
            }
        ],
    )
    later = make_record(
        "later",
        [
            {
                "text": "A court sentenced Anna Vell on 9 June 2022.",
                "targets": ["Anna Vell"],
                "methods": ["PROSECUTION"],
                "dates": ["2022-06-09"],
                "perpetrator_states": ["ER"],
            },
            {
                "text": f"{HOSTILE[0]} was threatened in Norway.",
                "targets": [HOSTILE[1]],
                "methods": ["THREAT"],
                "host_states": ["NO"],
            },
            {
                "text": f"{HOSTILE[2]} was threatened again.",
                "targets": [HOSTILE[1]],
                "methods": ["THREAT"],
            },
        ],
    )
    return [wire, later]


def _run(tmp_path: Path) -> Path:
    records = _records()
    write_outputs(records, tmp_path)
    write_links(link(records), tmp_path)
    return tmp_path


def test_the_page_has_a_timeline_per_case_linked_to_the_sentences(tmp_path: Path) -> None:
    page = write_report(_run(tmp_path), tmp_path / "report.html").read_text(encoding="utf-8")
    section = page[
        page.index('<section id="cases">') : page.index(
            "</section>", page.index('<section id="cases">')
        )
    ]
    assert "Anna Vell" in section
    assert "perpetrator ER → host KE (direct)" in section
    assert section.index("2021-03-03") < section.index("2022-06-09")
    targets = set(re.findall(r'href="#(doc-\d+-claim-\d+)"', section))
    assert len(targets) == 4
    for anchor in targets:
        assert f'id="{anchor}"' in page
    for hostile in HOSTILE:
        assert hostile not in page


def test_cases_are_read_from_the_run_or_linked_from_its_records(tmp_path: Path) -> None:
    run = _run(tmp_path)
    from_file = load_cases(run)
    (run / "incidents.jsonl").unlink()
    assert load_cases(run) == from_file


def test_matrix_and_years_count_cases(tmp_path: Path) -> None:
    cases = load_cases(_run(tmp_path))
    matrix = dyad_matrix(cases)
    assert matrix.loc["ER", "KE"] == 1
    assert matrix.loc["unknown", "NO"] == 1
    assert dyad_matrix(cases, min_claims=3).empty
    years = cases_per_year(cases)
    assert years.loc[2021, "ER"] == 1
    frame = cases_frame(cases)
    assert sorted(frame["claims"]) == [2, 2]
