# Two commands do all the set-up on a fresh machine:
#   make run    create the venv, install, index the demo corpus if there is no index yet, start the app
#   make test   create the venv, install, run the tests
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INDEX ?= data/index
PORT ?= 8501
ADDRESS ?= 127.0.0.1
export HF_HUB_OFFLINE := 1

.PHONY: run test index search bench clean

$(VENV)/installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/dev-installed: requirements-dev.txt package.json $(VENV)/installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	# axe-core, for the browser test's accessibility audit (from the npm registry; skipped where npm is absent)
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; fi
	touch $@

$(INDEX)/inspectqa.sqlite: | $(VENV)/installed
	$(PY) -m ingest corpus/ofsted --index $(INDEX)

index: $(INDEX)/inspectqa.sqlite

run: $(VENV)/installed index
	INSPECTQA_OPEN=1 INSPECTQA_INDEX=$(INDEX) $(PY) -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS) --server.headless true

test: $(VENV)/dev-installed
	$(PY) -m pytest

search: $(VENV)/installed index
	$(PY) -m index search --index $(INDEX) "$(Q)"

bench: $(VENV)/installed
	$(PY) -m bench.run --corpus ../shared/corpus --questions ../shared/eval/dev_questions.jsonl

clean:
	rm -rf $(VENV) data
