# Tether: `make play` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test test-long lint explore playtest bench screenshots clean web web-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,lrs-test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/tether play

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -q

# Longer fuzzing and playtest runs, kept out of `make test`.
test-long: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q -m 'slow or not slow'

lint: $(STAMP)
	$(BIN)/tether lint story

explore: $(STAMP)
	$(BIN)/tether explore story

playtest: $(STAMP)
	$(BIN)/tether playtest story --runs 1000 --seed 1

bench: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m benchmarks

# The browser build (docs/web.md): the Pyodide runtime and the test browser's accessibility checker,
# pinned, from the npm registry into build/web-deps.
WEB_DEPS := build/web-deps
PYODIDE_VERSION := 314.0.8
AXE_VERSION := 4.14.1
$(WEB_DEPS)/.installed: Makefile
	npm install --prefix $(WEB_DEPS) --no-save --no-audit --no-fund --loglevel=error pyodide@$(PYODIDE_VERSION) axe-core@$(AXE_VERSION)
	touch $@

web-deps: $(WEB_DEPS)/.installed

web: $(STAMP) web-deps
	$(BIN)/tether build-web -o site

# A PNG of every screen for both roles, to look at: screenshots/<role>/, screenshots/screens*/
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py screenshots

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
