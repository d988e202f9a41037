# dossier — build, run, test. `make run` and `make test` do the whole set-up.

PKGS      := cairo pango pangocairo pangoft2 fontconfig libfyaml libcmark-gfm \
             glib-2.0 libcurl
DEB_PKGS  := build-essential pkg-config libcairo2-dev libpango1.0-dev \
             libfontconfig-dev libfyaml-dev libcmark-gfm-dev \
             libcmark-gfm-extensions-dev libhyphen-dev hyphen-nl libhpdf-dev \
             libcmocka-dev fonts-noto-core poppler-utils qpdf python3 \
             libcurl4-openssl-dev python3-aiosmtpd openssl icc-profiles-free
# Files whose presence says a package without a .pc file is installed.
DEB_FILES := /usr/include/hyphen.h /usr/share/hyphen/hyph_nl_NL.dic \
             /usr/include/hpdf.h /usr/include/cmocka.h \
             /usr/include/cmark-gfm-core-extensions.h \
             /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf \
             /usr/bin/pdftotext /usr/bin/pdffonts /usr/bin/qpdf /usr/bin/python3 \
             /usr/lib/python3/dist-packages/aiosmtpd/__init__.py /usr/bin/openssl \
             /usr/share/color/icc/sRGB.icc

VERSION   := 0.1.0
CC        ?= cc
OPT       ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS    ?=
CFLAGS    += -std=c11 -Wall -Wextra -Wpedantic -Werror $(OPT) \
             -D_XOPEN_SOURCE=700 -DDOSSIER_VERSION='"$(VERSION)"' \
             $(PKG_CFLAGS)
LDLIBS    += $(PKG_LIBS) -lcmark-gfm-extensions -lhyphen -lhpdf -lm

SRC       := $(wildcard render/*.c)
OBJ       := $(SRC:render/%.c=build/obj/%.o)
LIB_OBJ   := $(filter-out build/obj/main.o,$(OBJ))
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=build/tests/%)

MEETINGS  := $(wildcard inputs/meetings/*.yaml)

.PHONY: all deps run test unit e2e bench install clean

all: build/dossier

# `make V=1` shows the full compiler command lines.
V ?= 0
ifeq ($(V),0)
Q := @
endif

build/dossier: $(OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $(OBJ) $(LDLIBS)

build/obj/%.o: render/%.c | build/obj
	@echo "  CC    $<"
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

build/obj build/tests:
	mkdir -p $@

build/tests/%: tests/unit/%.c $(LIB_OBJ) | build/tests
	@echo "  TEST  $@"
	$(Q)$(CC) $(CFLAGS) -Irender -o $@ $< $(LIB_OBJ) $(LDLIBS) -lcmocka

# Install what is missing, with apt-get as root or through sudo.
deps:
	@missing=""; \
	for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || missing=yes; done; \
	for f in $(DEB_FILES); do [ -e $$f ] || missing=yes; done; \
	command -v cc >/dev/null 2>&1 || missing=yes; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "dossier: installing Debian packages: $(DEB_PKGS)"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "dossier: packages are missing and I cannot install them: run as root, or install sudo, or ask an administrator to run: apt-get install $(DEB_PKGS)" >&2; exit 1; fi; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(DEB_PKGS) >/dev/null 2>&1 || \
	{ $$SUDO apt-get update -q >/dev/null && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(DEB_PKGS); }

run: deps
	$(MAKE) build/dossier
	mkdir -p out
	./build/dossier render --incremental $(MEETINGS) -o out --archive --preview

test: deps
	$(MAKE) build/dossier $(UNIT_BIN)
	$(MAKE) unit e2e

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do echo "== $$t"; ./$$t || fail=1; done; exit $$fail

e2e: build/dossier
	python3 tests/e2e.py
	python3 tests/bad.py
	python3 tests/archive.py
	python3 tests/pack.py
	python3 tests/mail.py
	python3 tests/batch.py

# Figures, not a test: cold start per seed, batch throughput, 300 pages.
bench: deps
	$(MAKE) build/dossier
	python3 tests/bench.py

install: build/dossier
	install -D -m 755 build/dossier $(DESTDIR)/usr/local/bin/dossier

clean:
	rm -rf build out

-include $(OBJ:.o=.d)
