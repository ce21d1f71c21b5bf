# The two commands: `make up` runs the whole system, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: up demo test lint bench clean web

# The web workspace (web/): npm packages from package-lock.json, a client generated from the API's
# OpenAPI document, and the Vite build; each step runs again only when its inputs are newer.
WEB_DEPS := web/node_modules/.installed
WEB_SCHEMA := web/generated/schema.d.ts
WEB_BUILT := web/dist/index.html
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
	web/vite.config.ts web/tsconfig.json web/eslint.config.js web/package.json
API_SOURCES := $(shell find api domain -name '*.py' 2>/dev/null)
NEED_NODE := 构建网页需要 Node.js 20 或更高版本及 npm：请安装 nodejs 与 npm 软件包（Debian/Ubuntu：apt install nodejs npm），或从内网软件源安装

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "qingling 需要 Python 3.11 或更高版本 / needs Python 3.11+")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(WEB_DEPS): web/package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "$(NEED_NODE)" >&2; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' \
		|| { echo "$(NEED_NODE)（当前版本 $$(node --version)）" >&2; exit 1; }
	cd web && SCARF_ANALYTICS=false npm ci --no-audit --no-fund
	touch $@

$(WEB_SCHEMA): $(STAMP) $(WEB_DEPS) $(API_SOURCES)
	$(BIN)/python -m api.openapi_document web/generated/openapi.json
	cd web && npm run --silent gen:api

$(WEB_BUILT): $(WEB_SCHEMA) $(WEB_SOURCES)
	cd web && npm run --silent build

web: $(WEB_BUILT)

up: $(STAMP) $(WEB_BUILT)
	$(BIN)/qingling up $(ARGS)

demo: $(STAMP) $(WEB_BUILT)
	$(BIN)/qingling up --demo $(ARGS)

lint: $(STAMP) $(WEB_SCHEMA)
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/lint-imports
	cd web && npm run --silent lint

# The pages are tested in real headless Chromium (Debian's package; no browser download), with
# Debian's Noto CJK fonts so that screenshots show the Chinese text people read.
CHROMIUM ?= /usr/bin/chromium
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
debian_install = if [ "$$(id -u)" = 0 ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1) >/dev/null 2>&1 \
			|| { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1); }; \
	elif command -v sudo >/dev/null; then \
		sudo apt-get install -y -q $(1); \
	else \
		echo "测试需要 Debian/Ubuntu 的软件包 $(1)，请先安装 / the tests need the package $(1)" >&2; exit 1; \
	fi

$(CHROMIUM):
	@$(call debian_install,chromium)

$(CJK_FONT):
	@$(call debian_install,fonts-noto-cjk)

# Bulletins (.docx) are rendered to PDF by LibreOffice in tests/documents, to measure pages and
# table cells as a reader sees them (Debian's package without a GUI).
SOFFICE ?= /usr/bin/soffice
$(SOFFICE):
	@$(call debian_install,libreoffice-writer-nogui)

test: lint $(CHROMIUM) $(CJK_FONT) $(SOFFICE) $(WEB_BUILT)
	QINGLING_CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info web/node_modules web/dist web/generated
