# backstride: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED := ../shared/data

.PHONY: demo test bench bench-accuracy install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Analyse the sample clip and write results/demo (the shared treadmill clip until the built-in
# synthetic runner exists).
demo: $(STAMP)
	$(BIN)/backstride analyze $(SHARED)/videos/treadmill_side_30fps.mp4 --rear $(SHARED)/videos/overground_rear_overlay.mp4 --out results/demo

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

bench-accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py

clean:
	rm -rf $(VENV) results .pytest_cache
