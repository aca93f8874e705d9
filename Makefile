# backstride: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED := ../shared/data

.PHONY: demo test bench bench-accuracy install system-deps clean

# OpenCV inside the mediapipe wheel needs libGL and GLib; a bare Debian/Ubuntu lacks them.
system-deps:
	@if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libGL.so.1'; then \
	  echo "installing libgl1 and libglib2.0-0 with apt-get (needed by OpenCV in mediapipe)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libgl1 libglib2.0-0; \
	fi

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Render the built-in synthetic runner (side and rear), analyse it, print it beside its truth,
# write results/demo. Needs nothing outside the repository.
demo: $(STAMP)
	$(BIN)/backstride demo --out results/demo

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

bench-accuracy: $(STAMP)
	PYTHONPATH=. $(BIN)/python benchmarks/accuracy.py

clean:
	rm -rf $(VENV) results .pytest_cache
