# Two commands on a fresh machine with Python 3.11 and pip: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install install-dev run test lint bench evaluate floors report jupyter screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

run: $(STAMP)
	$(BIN)/claims run corpus/docs -o outputs --fresh

test: $(DEV_STAMP)
	$(BIN)/ruff check pipeline patterns tests
	$(BIN)/python -m pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check pipeline patterns tests

evaluate: $(STAMP)
	$(BIN)/claims evaluate corpus/gold/involuntary-returns-vietnam.jsonl --report outputs/eval-seed.json
	$(BIN)/claims evaluate corpus/gold/dev.jsonl --report outputs/eval-dev.json
	$(BIN)/claims evaluate corpus/gold/dev2.jsonl --split tune --report outputs/eval-dev2-tune.json

floors: $(STAMP)
	$(BIN)/python -c "from pathlib import Path; from tnr_claims.extract import Pipeline; from tnr_claims.evaluation.floors import write_floors; print(write_floors(Pipeline.load(), Path('corpus/gold'), Path('corpus/gold/accuracy-floors.json')))"

bench: $(STAMP)
	$(BIN)/claims bench --docs 1000

report: $(STAMP)
	$(BIN)/claims report outputs -o outputs/report.html

jupyter: $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[review]"
	$(BIN)/jupyter lab notebooks/

# Fresh README images in notebooks/img/ (needs Debian's chromium; see scripts/screenshots.sh).
screenshots: $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[review]"
	scripts/screenshots.sh

clean:
	rm -rf $(VENV) outputs/*.jsonl outputs/*.parquet outputs/*.csv outputs/*.json outputs/*.duckdb outputs/.state
