# Trygg KI. The two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
UV_VERSION := 0.13.9

.PHONY: run test setup lint typecheck unit e2e-deps i18n schema bench clean

$(UV):
	$(PYTHON) -m venv .tools && .tools/bin/pip install --quiet uv==$(UV_VERSION)

setup: $(UV)  ## install the locked dependencies into .venv; compile the detectors (mypyc)
	$(UV) sync --frozen
	$(UV) run python scripts/build_deid_native.py

run: setup  ## the product on the embedded default: web app :8000, AI gateway :8080, demo vendor :8009
	trap 'kill 0' EXIT; \
	$(UV) run tryggki gateway demo-upstream --port 8009 & \
	$(UV) run tryggki gateway --port 8080 & \
	$(UV) run tryggki serve --host 127.0.0.1 --port 8000

lint: setup
	$(UV) run ruff check src tests bench
	$(UV) run ruff format --check src tests bench
	$(UV) run lint-imports

typecheck: setup
	$(UV) run mypy --strict src

e2e-deps:  ## system packages the tests need (Chromium, PostgreSQL when none runs)
	bash scripts/test-deps.sh

unit: setup e2e-deps
	$(UV) run pytest

test: lint typecheck unit  ## the whole suite: lint, types, tests on SQLite and PostgreSQL, browser

i18n: setup  ## extract strings and merge them into the nn/nb/en catalogues
	$(UV) run pybabel extract -F babel.cfg -k N_ -k _ -k gettext -k ngettext:1,2 --no-location \
	  --sort-output --project "Trygg KI" -o src/tryggki/i18n/messages.pot src
	for l in nn nb en; do $(UV) run pybabel update -i src/tryggki/i18n/messages.pot \
	  -d src/tryggki/i18n/locales -l $$l --no-fuzzy-matching --ignore-obsolete; done
	$(UV) run python scripts/i18n_missing.py

schema: setup  ## write the published JSON Schema of the exchange format
	$(UV) run python -c "import json; from tryggki.registry.exchange import json_schema, FORMAT_VERSION; \
	  open(f'docs/schema/registry-{FORMAT_VERSION}.json','w').write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + '\n')"

bench: setup  ## registry benchmark on SQLite and PostgreSQL
	$(UV) run python bench/registry_bench.py

clean:
	rm -rf .venv .tools .pytest_cache .mypy_cache .ruff_cache src/tryggki/deid/_native
