# The two commands: `make up` runs the whole system, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM ?= /usr/bin/chromium

.PHONY: up demo test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "qingling 需要 Python 3.11 或更高版本 / needs Python 3.11+")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

up: $(STAMP)
	$(BIN)/qingling up $(ARGS)

demo: $(STAMP)
	$(BIN)/qingling up --demo $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

# The web page is tested in real headless Chromium (Debian's package; no browser download).
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
			|| { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }; \
	elif command -v sudo >/dev/null; then \
		sudo apt-get install -y -q chromium; \
	else \
		echo "浏览器测试需要 Chromium：请安装 Debian/Ubuntu 的 chromium 软件包 / install the chromium package" >&2; exit 1; \
	fi

test: lint $(CHROMIUM)
	QINGLING_CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
