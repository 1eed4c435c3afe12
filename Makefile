# Two commands do all set-up: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install clean translations package package-check secret-service-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/workbench demo; \
	else \
		echo "No display found: running the headless demo."; \
		$(BIN)/workbench demo --headless; \
	fi

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The key-custody tests against a real Secret Service (needs gnome-keyring, dbus-x11 and
# libsecret-tools; .ci/run installs them and runs this after `make test`).
secret-service-test: $(STAMP)
	bash .ci/secret_service_tests

# Style (ruff) and strict types over the whole package (mypy; settings in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check workbench tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache

# Refresh the Chinese translation source from the code, then compile it (.ts -> .qm).
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $(shell find workbench/gui -name "*.py") \
		-ts resources/i18n/workbench_zh_CN.ts -source-language en -target-language zh_CN
	$(BIN)/pyside6-lrelease resources/i18n/workbench_zh_CN.ts -qm resources/i18n/workbench_zh_CN.qm
	# English needs a translation only for counted words ("1 item" / "%n items"): Qt's way.
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly \
		$(shell find workbench/gui -name "*.py") \
		-ts resources/i18n/workbench_en.ts -source-language en -target-language en
	$(BIN)/pyside6-lrelease resources/i18n/workbench_en.ts -qm resources/i18n/workbench_en.qm

# A double-clickable one-folder app (PyInstaller) and a Linux tarball/AppDir around it.
# Slow (minutes) and large: not part of `make test`.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/pyinstaller --noconfirm --distpath build/dist --workpath build/work \
		packaging/pyinstaller/workbench.spec
	bash packaging/linux/make_tarball.sh

# The frozen binary must start, run the whole headless demo, and open no Internet socket.
package-check:
	bash packaging/check_frozen.sh
