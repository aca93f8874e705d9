# backstride: two commands on a fresh machine: `make demo` and `make test`.
# Python 3.11, 3.12 or 3.13: the first of python3, python3.13, python3.12, python3.11 that is one (the
# locked numpy, scipy and pandas need 3.11). `make PYTHON=/path/to/python` overrides.
SUPPORTED := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
ifeq ($(origin PYTHON), undefined)
PYTHON := $(firstword $(foreach p,python3 python3.13 python3.12 python3.11,$(shell command -v $(p) >/dev/null 2>&1 && $(p) -c '$(SUPPORTED)' 2>/dev/null && echo $(p))))
endif
# The reference the pose port is held to, mediapipe 0.10.21, in its own environment: it pins numpy<2
# and protobuf<5 and has wheels for 3.11 and 3.12 only (docs/pose.md). Without such a Python its tests skip.
REF_SUPPORTED := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 12))
ifeq ($(origin REF_PYTHON), undefined)
REF_PYTHON := $(firstword $(foreach p,python3 python3.12 python3.11,$(shell command -v $(p) >/dev/null 2>&1 && $(p) -c '$(REF_SUPPORTED)' 2>/dev/null && echo $(p))))
endif
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
REF_VENV := .venv-mediapipe
REF_STAMP := $(REF_VENV)/.installed-stamp
SHARED := ../shared/data

.PHONY: demo test test-fast test-deps reference bench bench-pose-models bench-accuracy bench-rear-camera bench-lumbar bench-web bench-batch bench-nof1 bench-setup install system-deps python-check lock schema clean

# Debian/Ubuntu packages the set-up needs, installed with apt-get when missing: libGL and GLib
# (OpenCV), Pango and a font (WeasyPrint lays out report.pdf with them).
LIBS = { ldconfig -p 2>/dev/null || /sbin/ldconfig -p; }
APT_GET = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq
system-deps:
	@need=""; \
	$(LIBS) | grep -q 'libGL.so.1' || need="$$need libgl1 libglib2.0-0"; \
	$(LIBS) | grep -q 'libpango-1.0.so.0' || need="$$need libpango-1.0-0 libpangoft2-1.0-0"; \
	{ find /usr/share/fonts -name '*.[ot]tf' 2>/dev/null | grep -q . ; } || need="$$need fonts-dejavu-core"; \
	if [ -n "$$need" ]; then echo "installing$$need with apt-get"; $(APT_GET) $$need; fi

# The report test looks at report.html in a real browser and at report.pdf as pictures, as a
# person would: Debian's chromium (no browser download) and poppler-utils (pdftoppm). The store
# and web tests run on a throwaway PostgreSQL server too: Debian's postgresql (initdb, pg_ctl).
test-deps:
	@need=""; \
	command -v chromium >/dev/null || need="$$need chromium"; \
	command -v pdftoppm >/dev/null || need="$$need poppler-utils"; \
	{ command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; } || need="$$need postgresql"; \
	if [ -n "$$need" ]; then echo "installing$$need with apt-get (for the rendering and PostgreSQL tests)"; $(APT_GET) $$need; fi

# A supported interpreter, with venv and ensurepip (Debian and Ubuntu ship them apart as python3.X-venv).
python-check:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "backstride needs Python 3.11, 3.12 or 3.13, and none was found (python3 is $$(python3 --version 2>&1))."; \
	  echo "Install one, e.g. 'sudo apt-get install python3.12 python3.12-venv' (Ubuntu 22.04: from the deadsnakes PPA),"; \
	  echo "'brew install python@3.12' or 'pyenv install 3.12', then run make again (or make PYTHON=/path/to/python3.12)."; \
	  exit 2; \
	fi
	@if ! $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null; then \
	  PKG=python$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv; \
	  echo "$(PYTHON) lacks ensurepip: installing $$PKG with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && { $$SUDO apt-get install -y -qq $$PKG || $$SUDO apt-get install -y -qq python3-venv; }; \
	fi

# Exact versions from requirements.lock (made by `make lock`), then the package itself, then the
# pose model's weights (mediapipe's published files, hash-checked; nothing downloads during an
# analysis). uv (from PyPI) installs in seconds where pip takes over a minute; pip is the fallback.
UV_PIP = $(1)/uv pip install --quiet --python $(1)/python
$(STAMP): pyproject.toml requirements.lock | system-deps python-check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv>=0.5,<1" || true
	$(call UV_PIP,$(BIN)) -r requirements.lock || $(BIN)/pip install --quiet -r requirements.lock
	$(call UV_PIP,$(BIN)) --no-deps -e . || $(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/backstride models fetch
	touch $(STAMP)

# mediapipe 0.10.21 and the decoder, exact, beside the package (no other dependency: the reference
# script needs only the video reader and the mediapipe backend). `make test` builds it.
$(REF_STAMP): pyproject.toml requirements-mediapipe.lock | python-check
	@if [ -z "$(REF_PYTHON)" ]; then \
	  echo "no Python 3.11 or 3.12 here: mediapipe 0.10.21, the pose port's reference, is left out (its tests skip)"; \
	else \
	  $(REF_PYTHON) -m venv $(REF_VENV) && \
	  { $(REF_VENV)/bin/pip install --quiet "uv>=0.5,<1" || true; } && \
	  { $(call UV_PIP,$(REF_VENV)/bin) -r requirements-mediapipe.lock || $(REF_VENV)/bin/pip install --quiet -r requirements-mediapipe.lock; } && \
	  { $(call UV_PIP,$(REF_VENV)/bin) --no-deps -e . || $(REF_VENV)/bin/pip install --quiet --no-deps -e .; } && \
	  touch $(REF_STAMP); \
	fi

reference: $(REF_STAMP)

# Re-resolve the locks after changing a range in pyproject.toml (needs uv, from PyPI); the locked
# versions are kept where the ranges allow (uv pip compile -P NAME moves one on purpose).
lock:
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
	  --no-header --output-file requirements.lock
	$(BIN)/uv pip compile requirements-mediapipe.in --python-version 3.11 \
	  --no-header --output-file requirements-mediapipe.lock

install: $(STAMP)

# Render the built-in synthetic runner (side and rear), analyse it, print it beside its truth,
# write results/demo. Needs nothing outside the repository.
demo: $(STAMP)
	$(BIN)/backstride demo --out results/demo

# Lint, format and types first (seconds), then the suite on two processes, each test file in
# one of them (module fixtures analyse a clip once).
test: $(STAMP) test-deps reference
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadfile

# While working: the unit tier (no real clips, no simulated runners, no browser), on two processes.
test-fast: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -n 2 tests/unit -m "not realdata and not slow and not simulation" -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.speed

# BlazePose lite, full and heavy through the same tracking: speed, events and angles (fetches lite and heavy).
bench-pose-models: $(STAMP)
	$(BIN)/backstride models fetch --all
	$(BIN)/python -m benchmarks.pose_models

bench-accuracy: $(STAMP)
	$(BIN)/python -m benchmarks.accuracy

# Self-experiment verdicts on simulated runners: power, false positives, the naive t-test beside.
bench-nof1: $(STAMP)
	$(BIN)/python -m benchmarks.nof1

# The web app under load: 20 uploads at once over loopback, a real server and worker.
bench-web: $(STAMP)
	$(BIN)/python -m benchmarks.web_load

# Many assessments on Dask distributed: the sequential CLI, then the batch on 1 and 2 workers.
bench-batch: $(STAMP)
	$(BIN)/python -m benchmarks.batch

# Pelvic drop and contact timing from behind against the camera's height and distance (renders).
bench-rear-camera: $(STAMP)
	$(BIN)/python -m benchmarks.rear_camera

# The lower back's curve from the spine tape against the body's outline (the pose model's person mask), on renders.
bench-lumbar: $(STAMP)
	$(BIN)/python -m benchmarks.lumbar_curve

# The JSON Schema of summary.json, generated from the typed results (commit it; a test compares).
schema: $(STAMP)
	$(BIN)/python -m backstride.core.results > schema/summary.schema.json
	$(BIN)/python -m backstride.core.check_file > schema/check.schema.json

# Build a fresh venv from requirements.lock with each supported Python and import the package.
bench-setup:
	bash benchmarks/setup_versions.sh

clean:
	rm -rf $(VENV) $(REF_VENV) results .pytest_cache
