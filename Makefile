# dossier — build, run, test. `make run` and `make test` do the whole set-up.

PKGS      := cairo pango pangocairo pangoft2 harfbuzz fontconfig libfyaml \
             libcmark-gfm glib-2.0 libcurl zlib
DEB_PKGS  := build-essential pkg-config libcairo2-dev libpango1.0-dev \
             libfontconfig-dev libfyaml-dev libcmark-gfm-dev \
             libcmark-gfm-extensions-dev libhyphen-dev hyphen-nl hyphen-en-us \
             hunspell-nl libhunspell-dev libhpdf-dev \
             libcmocka-dev fonts-noto-core fontconfig python3-fonttools \
             poppler-utils qpdf python3 python3-pikepdf \
             libcurl4-openssl-dev python3-aiosmtpd openssl \
             valgrind clang libclang-rt-14-dev icc-profiles-free zlib1g-dev
# Files whose presence says a package without a .pc file is installed.
DEB_FILES := /usr/include/hyphen.h /usr/share/hyphen/hyph_nl_NL.dic \
             /usr/share/hyphen/hyph_en_US.dic /usr/share/hunspell/nl_NL.dic \
             /usr/include/hunspell/hunspell.h \
             /usr/include/hpdf.h /usr/include/cmocka.h \
             /usr/include/cmark-gfm-core-extensions.h \
             /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf /usr/bin/fc-cache \
             /usr/lib/python3/dist-packages/fontTools/__init__.py \
             /usr/bin/pdftotext /usr/bin/pdffonts /usr/bin/qpdf /usr/bin/python3 \
             /usr/lib/python3/dist-packages/aiosmtpd/__init__.py /usr/bin/openssl \
             /usr/lib/python3/dist-packages/pikepdf/__init__.py \
             /usr/bin/valgrind /usr/bin/clang \
             /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
             /usr/share/color/icc/sRGB.icc

VERSION   := 0.1.0
CC        ?= cc
OPT       ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcurl is not linked: render/mail_curl.c opens it when mail needs it
# (linked, it cost every process 8-9 ms at start); nor is libharu:
# render/write_haru_lib.c opens it for the first archive copy. libfyaml and cmark-gfm
# are linked from their static archives (Debian's -dev packages ship
# them): three shared libraries fewer to map and relocate at every start,
# some 0.25 ms of a cold render.
STATIC    := libfyaml libcmark-gfm
PKG_LIBS   = $(shell pkg-config --libs $(filter-out libcurl $(STATIC),$(PKGS)) 2>/dev/null)
STATIC_LIBS := -Wl,-Bstatic -lfyaml -lcmark-gfm-extensions -lcmark-gfm \
               -Wl,-Bdynamic
CFLAGS    ?=
CFLAGS    += -std=c11 -Wall -Wextra -Wpedantic -Werror $(OPT) \
             -D_XOPEN_SOURCE=700 -DDOSSIER_VERSION='"$(VERSION)"' \
             $(PKG_CFLAGS)
# The dynamic linker looks every symbol a library imports up in the
# libraries in the order the program names them (its NEEDED entries,
# then theirs): of the 5.300 it binds at start, 1.950 are libc's and
# 1.100 glib's, which came 14th and 9th. Named first, and the rest of
# ours by how many symbols they give, a start costs 8.27 -> 7.07 M
# instructions (`dossier --version`, callgrind). A library named twice
# is needed where it is named first.
LINK_ORDER := -lc -lglib-2.0 -lgobject-2.0 -lpango-1.0 -lharfbuzz -lcairo \
              -lfontconfig -lfreetype
LDLIBS    += $(LINK_ORDER) $(STATIC_LIBS) $(PKG_LIBS) -lhyphen -lm

# B is the build folder: build/ normally, build/asan for the sanitizer
# build, build/fuzz for the fuzzer (see `make sanitize` and `make fuzz`).
B         ?= build
SRC       := $(wildcard render/*.c)
OBJ       := $(SRC:render/%.c=$(B)/obj/%.o)
LIB_OBJ   := $(filter-out $(B)/obj/main.o,$(OBJ))
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

MEETINGS  := $(wildcard inputs/meetings/*.yaml)

# The fonts fonts/fonts.conf loads: unhinted copies of these (fonts/README.md),
# with their fontconfig cache, in fonts/derived/ whatever $(B) is. Debian's
# python3 runs fonts/unhint.py, since fontTools is its package.
NOTO      := /usr/share/fonts/truetype/noto
FONT_SRC   = $(wildcard $(NOTO)/NotoSans-*.ttf $(NOTO)/NotoSansSymbols-*.ttf \
                        $(NOTO)/NotoSansMath-Regular.ttf)
FONT_DIR  := fonts/derived
FONT_PY   ?= /usr/bin/python3
FONTS     := $(FONT_DIR)/cache.stamp

# The tests run the binary of $(B); layouts/ and fonts/ are this checkout's.
TEST_ENV  := DOSSIER=$(B)/dossier DOSSIER_HOME=$(CURDIR)

SAN_OPT   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
             -fno-sanitize-recover=all
SAN_ENV   := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
             LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
             UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
FUZZ_CC   := clang
FUZZ_OPT  := -O1 -g -fno-omit-frame-pointer \
             -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=all
FUZZ_SECONDS ?= 60
# A fixed seed: a CI run can be repeated exactly up to the same run count.
FUZZ_SEED ?= 1

.PHONY: all deps npm-deps run test unit e2e bench typo-report install clean sanitize \
        valgrind fuzz fuzz-build fonts

all: $(B)/dossier $(FONTS)

# `make V=1` shows the full compiler command lines.
V ?= 0
ifeq ($(V),0)
Q := @
endif

$(B)/dossier: $(OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(B)/obj/%.o: render/%.c | $(B)/obj
	@echo "  CC    $<"
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj $(B)/tests:
	mkdir -p $@

fonts: $(FONTS)

# unhint.py writes noto.sha256 last, from the fonts it wrote.
$(FONT_DIR)/noto.sha256: fonts/unhint.py $(FONT_SRC)
	@echo "  FONTS $(FONT_DIR)/noto"
	$(Q)$(FONT_PY) fonts/unhint.py $(FONT_DIR)/noto $@ $(FONT_SRC)

# The cache, so that no run scans the fonts. fc-cache gets a configuration
# of its own: fonts.conf's cache folder is named by render/typeset.c, and
# fc-cache should clean no other cache folder.
$(FONTS): $(FONT_DIR)/noto.sha256 fonts/fonts.conf
	@echo "  CACHE $(FONT_DIR)/cache"
	$(Q)printf '<fontconfig>\n  <dir>%s</dir>\n  <cachedir>%s</cachedir>\n</fontconfig>\n' \
		"$(CURDIR)/$(FONT_DIR)/noto" "$(CURDIR)/$(FONT_DIR)/cache" \
		>$(FONT_DIR)/fc-cache.conf
	$(Q)FONTCONFIG_FILE="$(CURDIR)/$(FONT_DIR)/fc-cache.conf" fc-cache
	$(Q)touch $@

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB_OBJ) | $(B)/tests
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
	@$(MAKE) --no-print-directory npm-deps

# ajv and yaml for tests/format_doc.py's schema checks, in build/npm (not
# $(B): the sanitizer build shares them). Only when npm is there; without
# it, or when the registry cannot be reached, that test skips them.
NPM_DIR   := build/npm
NPM_PKGS  := ajv@8 ajv-formats@3 yaml@2
npm-deps:
	@if [ -d $(NPM_DIR)/node_modules/ajv-formats ] && [ -d $(NPM_DIR)/node_modules/yaml ]; then exit 0; fi; \
	if ! command -v npm >/dev/null 2>&1; then \
		echo "dossier: no npm: tests/format_doc.py will not check the schemas with ajv"; exit 0; fi; \
	echo "dossier: installing $(NPM_PKGS) into $(NPM_DIR) (npm)"; \
	mkdir -p $(NPM_DIR) && \
	npm install --prefix $(NPM_DIR) --no-audit --no-fund --silent $(NPM_PKGS) >/dev/null 2>&1 || \
	echo "dossier: npm could not install $(NPM_PKGS): tests/format_doc.py will not check the schemas with ajv"

run: deps
	$(MAKE) $(B)/dossier $(FONTS)
	mkdir -p out
	./$(B)/dossier render --incremental $(MEETINGS) -o out --archive --preview

test: deps
	$(MAKE) $(B)/dossier $(B)/typo-report $(UNIT_BIN) $(FONTS)
	$(MAKE) unit e2e

unit: $(UNIT_BIN) $(FONTS)
	@fail=0; for t in $(UNIT_BIN); do echo "== $$t"; $(SAN_ENV) ./$$t || fail=1; done; exit $$fail

# The end-to-end suites, each a tests/NAME.py run by Debian's python3
# (it sees the python3-* packages: pikepdf, aiosmtpd, fontTools). Every
# suite runs even when one before it fails; the target fails when any
# did, and names them.
PY        ?= /usr/bin/python3
E2E       := incgraph e2e charts bad links agree archive pack mail batch watch typo \
             format_doc fonts pdfua install
e2e: $(B)/dossier $(FONTS)
	@failed=""; for s in $(E2E); do \
		echo "== tests/$$s.py"; \
		$(SAN_ENV) $(TEST_ENV) B=$(B) FONT_PY=$(FONT_PY) $(PY) tests/$$s.py || \
			failed="$$failed $$s"; \
	done; \
	if [ -n "$$failed" ]; then echo "failed suites:$$failed"; exit 1; fi

# Paragraph breaking measured: total-fit against pango's greedy breaking.
$(B)/typo-report: tests/typo_report.c $(LIB_OBJ)
	$(CC) $(CFLAGS) -Irender -o $@ $< $(LIB_OBJ) $(LDLIBS)

typo-report: $(B)/typo-report $(FONTS)
	./$(B)/typo-report $(MEETINGS)

# Figures, not a test: cold start per seed, batch throughput, 300 pages,
# and the paragraph breaker against pango's greedy breaking.
bench: deps
	$(MAKE) $(B)/dossier $(B)/typo-report $(FONTS)
	$(TEST_ENV) $(PY) tests/bench.py
	./$(B)/typo-report $(MEETINGS)

# The whole suite again, built with AddressSanitizer and UBSan (gcc).
sanitize: deps
	$(MAKE) B=build/asan OPT="$(SAN_OPT)" build/asan/dossier $(FONTS) \
		build/asan/typo-report $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
	$(MAKE) B=build/asan OPT="$(SAN_OPT)" unit e2e

# memcheck over every meeting file and every bad case: no error, no leak.
valgrind: deps
	$(MAKE) $(B)/dossier $(FONTS)
	$(TEST_ENV) $(PY) tests/valgrind.py

# libFuzzer (clang), three targets on the production path in memory
# (tests/fuzz_render.c), one after the other:
#  - fuzz_render: parse → display list, the fast one: UBSan without ASan,
#    -O2, inputs of at most FUZZ_MAX_LEN bytes;
#  - fuzz_write: the same plus both writers, under ASan and UBSan; it
#    starts from fuzz_render's corpus, so everything that found new code
#    there is checked for memory errors too;
#  - fuzz_values: ASan and UBSan with a structure-aware mutator that
#    changes values inside valid meeting files (tests/fuzz_values.c).
# Each runs FUZZ_SECONDS from fresh seeds with a fixed -seed, so a run
# repeats; a crash, sanitizer report, hang (-timeout) or out-of-memory
# fails the target and leaves the input in build/fuzz/crashes/, as does
# text set off its page or a writer failing on a display list. Inputs
# that once failed are kept in tests/fuzz_regress/<corpus>/ and run first
# by every target of that corpus.
FUZZ_UB_OPT := -O2 -g -fno-omit-frame-pointer \
               -fsanitize=fuzzer-no-link,undefined -fno-sanitize-recover=all
FUZZ_BIN  := $(addprefix build/fuzz/,fuzz_render fuzz_values fuzz_write)
FUZZ_LIB  := $(filter-out build/fuzz/obj/main.o,$(SRC:render/%.c=build/fuzz/obj/%.o))
FUZZ_UB_LIB := $(FUZZ_LIB:build/fuzz/%=build/fuzz-ub/%)
FUZZ_SEEDS = $(wildcard inputs/meetings/*.yaml inputs/data/*.yaml \
                        tests/bad/*.yaml tests/bad/data/*.yaml)
# A meeting in 4 KB is a page or two: long enough for every construct,
# short enough to set fast. The writer sees longer ones; the values fuzzer
# makes long and wide values, so it may grow its inputs further.
FUZZ_MAX_LEN  ?= 4096
FUZZ_WRITE_MAX_LEN ?= 16384
FUZZ_VALUES_MAX_LEN ?= 65536
# -timeout=30: a 4 KB pack that binds the world's annexes is 406 pages,
# 1 s in `dossier render` and 5 s under ASan, more on a busy machine; a
# hang is still found, in 30 s instead of 10.
# libFuzzer's own leak check runs an input twice whenever malloc and free
# do not pair up within it, which pango's and fontconfig's caches make the
# rule; leaks are valgrind's and `make sanitize`'s job.
FUZZ_FLAGS = -seed=$(FUZZ_SEED) -timeout=30 -rss_limit_mb=2048 \
             -detect_leaks=0 -print_final_stats=1 -dict=tests/fuzz_render.dict
FUZZ_ENV   = DOSSIER_HOME=$(CURDIR) \
             ASAN_OPTIONS=detect_leaks=0:malloc_context_size=8 \
             UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The paragraph breaker's inner loops compare positions computed from
# widths, never bytes of the input: libFuzzer's comparison tracing there
# guides nothing and cost half of every run. Edge coverage stays.
FUZZ_NOCMP := $(foreach d,fuzz fuzz-ub,build/$(d)/obj/typeset_linebreak.o build/$(d)/obj/typeset_paragraph.o)
$(FUZZ_NOCMP): CFLAGS += -fno-sanitize-coverage=trace-cmp

fuzz-build: deps
	$(MAKE) B=build/fuzz CC=$(FUZZ_CC) OPT="$(FUZZ_OPT)" $(FUZZ_LIB) \
		build/fuzz/fuzz_values build/fuzz/fuzz_write
	$(MAKE) B=build/fuzz-ub CC=$(FUZZ_CC) OPT="$(FUZZ_UB_OPT)" \
		$(FUZZ_UB_LIB) build/fuzz/fuzz_render
	$(MAKE) build/fuzz/world.stamp build/fuzz/seeds.stamp $(FONTS)

build/fuzz/fuzz_render: tests/fuzz_render.c $(FUZZ_UB_LIB)
	$(FUZZ_CC) $(CFLAGS) -fsanitize=fuzzer -Irender -o $@ $< \
		$(FUZZ_UB_LIB) $(LDLIBS)

build/fuzz/fuzz_write: tests/fuzz_render.c $(FUZZ_LIB)
	$(FUZZ_CC) $(CFLAGS) -DFUZZ_WRITE -fsanitize=fuzzer -Irender -o $@ $< \
		$(FUZZ_LIB) $(LDLIBS)

build/fuzz/fuzz_values: tests/fuzz_render.c tests/fuzz_values.c $(FUZZ_LIB)
	$(FUZZ_CC) $(CFLAGS) -fsanitize=fuzzer -Irender -o $@ \
		tests/fuzz_render.c tests/fuzz_values.c $(FUZZ_LIB) $(LDLIBS)

# The folder tree a fuzz input sits in (as world/meetings/fuzz.yaml): the
# meeting files and data of inputs/ and tests/bad/, so that what the seeds
# name can be read.
build/fuzz/world.stamp: $(FUZZ_SEEDS)
	rm -rf build/fuzz/world
	mkdir -p build/fuzz/world/meetings/data build/fuzz/world/data
	cp inputs/meetings/*.yaml tests/bad/*.yaml build/fuzz/world/meetings/
	cp tests/bad/data/*.yaml build/fuzz/world/meetings/data/
	cp inputs/data/*.yaml build/fuzz/world/data/
	touch $@

# Seeds (tests/fuzz_seeds.py): every file of inputs/ and tests/bad/, and
# each meeting cut into small meeting files, a part each; the values
# fuzzer those that parse, with each meeting's data charts also inline
# (it changes values in the meeting file alone).
build/fuzz/seeds.stamp: $(FUZZ_SEEDS) tests/fuzz_seeds.py
	rm -rf build/fuzz/seeds build/fuzz/seeds-values
	python3 tests/fuzz_seeds.py build/fuzz/seeds $(FUZZ_SEEDS)
	python3 tests/fuzz_seeds.py build/fuzz/seeds-values \
		inputs/meetings/*.yaml tests/bad/bom.yaml
	touch $@

# fuzz_write starts from what fuzz_render found (corpus-render).
fuzz: fuzz-build
	rm -rf build/fuzz/corpus-*
	mkdir -p build/fuzz/crashes
	cp -r build/fuzz/seeds build/fuzz/corpus-render
	cp -r build/fuzz/seeds-values build/fuzz/corpus-values
	@fail=0; \
	for t in render write values; do \
		case $$t in \
		render) corpus=render max=$(FUZZ_MAX_LEN);; \
		write)  corpus=render max=$(FUZZ_WRITE_MAX_LEN);; \
		values) corpus=values max=$(FUZZ_VALUES_MAX_LEN);; \
		esac; \
		echo "== fuzz_$$t, $(FUZZ_SECONDS) s"; \
		$(FUZZ_ENV) ./build/fuzz/fuzz_$$t $(FUZZ_FLAGS) \
			-max_total_time=$(FUZZ_SECONDS) -max_len=$$max \
			-artifact_prefix=build/fuzz/crashes/$$t- \
			$(CURDIR)/build/fuzz/corpus-$$corpus \
			$$(ls -d $(CURDIR)/tests/fuzz_regress/$$corpus 2>/dev/null) \
			|| fail=1; \
	done; exit $$fail

# Everything an installed dossier needs, under PREFIX (staged in DESTDIR):
# the program, the layouts and word list, fonts.conf with the unhinted
# fonts and their cache, the schemas and the format reference, the manual
# page. The program finds its data beside itself (PREFIX/share/dossier,
# render/pipeline.c), so the tree works wherever it is unpacked.
PREFIX    ?= /usr/local
SHARE      = $(DESTDIR)$(PREFIX)/share/dossier
install: $(B)/dossier $(FONTS)
	install -D -m 755 $(B)/dossier $(DESTDIR)$(PREFIX)/bin/dossier
	install -d $(SHARE)/layouts $(SHARE)/fonts/derived/noto $(SHARE)/inputs \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 layouts/*.yaml layouts/*.txt $(SHARE)/layouts/
	install -m 644 fonts/fonts.conf fonts/README.md $(SHARE)/fonts/
	install -m 644 $(FONT_DIR)/noto/*.ttf $(SHARE)/fonts/derived/noto/
	install -m 644 $(FONT_DIR)/noto.sha256 $(SHARE)/fonts/derived/
	install -m 644 inputs/README.md inputs/*.schema.json $(SHARE)/inputs/
	install -m 644 render/dossier.1 $(DESTDIR)$(PREFIX)/share/man/man1/dossier.1
	@echo "  CACHE $(SHARE)/fonts/derived/cache"
	$(Q)printf '<fontconfig>\n  <dir>%s</dir>\n  <cachedir>%s</cachedir>\n</fontconfig>\n' \
		"$(SHARE)/fonts/derived/noto" "$(SHARE)/fonts/derived/cache" \
		>$(SHARE)/fonts/derived/fc-cache.conf
	$(Q)FONTCONFIG_FILE="$(SHARE)/fonts/derived/fc-cache.conf" fc-cache
	$(Q)rm -f $(SHARE)/fonts/derived/fc-cache.conf

clean:
	rm -rf build out $(FONT_DIR)

-include $(OBJ:.o=.d)
