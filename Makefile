# veille — build, test, run, bench, fuzz, format, lint.
#
# The public targets (all, test, run, bench, fuzz, lint, format) first make
# sure the Debian packages they need are installed (scripts/deps.sh: as
# root it runs apt-get, otherwise it says what to install), then run a
# sub-make, which reads the library flags from pkg-config once the
# packages are there. The build runs in parallel on every core.

CC ?= cc
PKGS := sqlite3 libutf8proc libexttextcat libcjson libxxhash zlib
BUILD ?= build
NPROC := $(shell nproc 2>/dev/null || echo 2)
SUBMAKE = $(MAKE) --no-print-directory -j$(NPROC)
WARN := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
        -Wshadow -Werror
ifdef VL_DEPS_OK
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS)) -lstemmer -lpthread -lm
endif
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) \
             -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer

LIB_SRC := $(sort $(wildcard src/*/*.c))
LIB_SRC := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
FUZZ_TARGETS := $(basename $(notdir $(wildcard fuzz/fuzz_*.c)))
BENCH_SRC := $(sort $(wildcard bench/*.c))

LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(B)/%.o)

B := $(BUILD)
SAN := $(BUILD)/san

.PHONY: all test run bench fuzz format lint clean unit idf-prior ner-model gazetteer chrono \
        build-all test-run bench-run fuzz-run lint-run header-test

# ---- public targets: packages first, then the work in a sub-make ----
all:
	@scripts/deps.sh build
	@VL_DEPS_OK=1 $(SUBMAKE) build-all

test:
	@scripts/deps.sh test
	@VL_DEPS_OK=1 $(SUBMAKE) test-build
	@VL_DEPS_OK=1 $(MAKE) --no-print-directory test-run

run: all
	@scripts/run-sample.sh $(B)/veille

bench:
	@scripts/deps.sh build
	@VL_DEPS_OK=1 $(SUBMAKE) build-all $(B)/bench_stages $(B)/bench_reuse \
	  $(B)/bench_stories $(B)/bench_extract
	@bench/run.sh $(B)

fuzz:
	@scripts/deps.sh test
	@VL_DEPS_OK=1 $(MAKE) --no-print-directory fuzz-run

lint:
	@scripts/deps.sh lint
	@scripts/deps.sh build
	@VL_DEPS_OK=1 $(MAKE) --no-print-directory lint-run

format:
	@scripts/deps.sh lint
	clang-format -i include/*.h src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h \
	  fuzz/*.c fuzz/*.h bench/*.c

unit:
	@VL_DEPS_OK=1 $(SUBMAKE) $(B)/unit_tests
	$(B)/unit_tests $(T)

build-all: $(B)/veille

# ---- data tables compiled in (data/{entities,dates,quotes,claims}/*: tools/embed.c;
# file names are unique across these folders) ----
EMBED_DIRS := data/entities data/dates data/quotes data/claims
EMBED_DATA := $(foreach d,$(EMBED_DIRS),$(wildcard $(d)/*))
EMBED_INC := $(addprefix $(B)/gen/,$(addsuffix .inc,$(notdir $(EMBED_DATA))))
vpath %.txt $(EMBED_DIRS)
vpath %.tsv $(EMBED_DIRS)
vpath %.model $(EMBED_DIRS)
$(B)/embed: tools/embed.c
	@mkdir -p $(dir $@)
	@$(CC) -std=c11 -O1 -o $@ $<
$(B)/gen/%.inc: % $(B)/embed
	@mkdir -p $(dir $@)
	@echo "  EMBED $<"
	@$(B)/embed vl__data_$(subst .,_,$(subst -,_,$*)) < $< > $@.tmp && mv $@.tmp $@
ENT_SRC := $(wildcard src/entities/*.c src/dates/*.c src/quotes/*.c src/claims/*.c)
$(ENT_SRC:%.c=$(B)/%.o) $(ENT_SRC:%.c=$(SAN)/%.o): $(EMBED_INC)
$(B)/src/entities/%.o $(SAN)/src/entities/%.o: ALL_CFLAGS += -I$(B)/gen
$(B)/src/dates/%.o $(SAN)/src/dates/%.o: ALL_CFLAGS += -I$(B)/gen
$(B)/src/quotes/%.o $(SAN)/src/quotes/%.o: ALL_CFLAGS += -I$(B)/gen
$(B)/src/claims/%.o $(SAN)/src/claims/%.o: ALL_CFLAGS += -I$(B)/gen

# ---- objects (normal and sanitizer builds share the rules) ----
$(B)/%.o: %.c $(wildcard include/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(SAN)/%.o: %.c $(wildcard include/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC (san) $<"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -O1 -c $< -o $@

$(B)/libveille.a: $(LIB_SRC:%.c=$(B)/%.o)
	@rm -f $@
	ar rcs $@ $^

$(SAN)/libveille.a: $(LIB_SRC:%.c=$(SAN)/%.o)
	@rm -f $@
	ar rcs $@ $^

$(B)/veille: $(CLI_SRC:%.c=$(B)/%.o) $(B)/libveille.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(SAN)/veille: $(CLI_SRC:%.c=$(SAN)/%.o) $(SAN)/libveille.a
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/tests_list.inc: $(TEST_SRC)
	@mkdir -p $(dir $@)
	@grep -ho '^void test_[a-z0-9_]*(void)' $(TEST_SRC) | \
	  sed 's/^void \(.*\)(void)/T(\1)/' > $@.tmp && mv $@.tmp $@

$(TEST_SRC:%.c=$(B)/%.o) $(TEST_SRC:%.c=$(SAN)/%.o): $(B)/tests_list.inc
$(B)/tests/%.o $(SAN)/tests/%.o: ALL_CFLAGS += -I$(B) -Itests/unit

$(B)/unit_tests: $(TEST_SRC:%.c=$(B)/%.o) $(B)/libveille.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(SAN)/unit_tests: $(TEST_SRC:%.c=$(SAN)/%.o) $(SAN)/libveille.a
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

# Fuzz targets replayed over their corpora by a plain driver (gcc).
$(B)/fuzz_%: fuzz/fuzz_%.c fuzz/standalone.c $(B)/libveille.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)
$(SAN)/fuzz_%: fuzz/fuzz_%.c fuzz/standalone.c $(SAN)/libveille.a
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

# ---- tests ----
header-test:
	@mkdir -p $(B)
	$(CC) -std=c11 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only \
	      -x c tests/header_test.c

test-build: header-test $(B)/veille $(B)/unit_tests $(FUZZ_TARGETS:%=$(B)/%) \
      $(SAN)/veille $(SAN)/unit_tests $(FUZZ_TARGETS:%=$(SAN)/%)

test-run:
	@echo "== unit tests"
	@$(B)/unit_tests
	@echo "== CLI tests"
	@VEILLE=$(B)/veille FUZZ_BIN=$(B) tests/cli/run.sh
	@echo "== sanitizer build (ASan+UBSan): unit tests"
	@ASAN_OPTIONS=detect_leaks=1 $(SAN)/unit_tests
	@echo "== sanitizer build (ASan+UBSan): CLI tests"
	@ASAN_OPTIONS=detect_leaks=1 VEILLE=$(SAN)/veille FUZZ_BIN=$(SAN) SANITIZED=1 \
	  tests/cli/run.sh

$(B)/bench_%: bench/bench_%.c $(B)/libveille.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

# libFuzzer builds (clang): make fuzz FUZZ_SECONDS=60
FUZZ_SECONDS ?= 30
fuzz-run: $(EMBED_INC)
	@mkdir -p $(BUILD)/fuzz
	@for t in $(FUZZ_TARGETS); do \
	  clang $(filter-out -Werror,$(ALL_CFLAGS)) -I$(B)/gen \
	    -fsanitize=fuzzer,address,undefined \
	    -o $(BUILD)/fuzz/$$t fuzz/$$t.c $(LIB_SRC) $(PKG_LIBS) || exit 1; \
	  mkdir -p $(BUILD)/fuzz/corpus-$$t; \
	  $(BUILD)/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) \
	    $(BUILD)/fuzz/corpus-$$t fuzz/corpus/$${t#fuzz_} || exit 1; \
	done

lint-run: build-all
	clang-format --dry-run -Werror include/*.h src/*/*.c src/*/*.h tools/*.c
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --std=c11 --inline-suppr -Iinclude -Isrc --suppress=missingIncludeSystem src
	clang-tidy --quiet $(LIB_SRC) $(CLI_SRC) -- $(ALL_CFLAGS) -I$(B)/gen

# The story stage's French IDF prior, made from OrangeSum (maintainers:
# needs ../shared; the result is committed).
ORANGESUM ?= ../shared/data/orangesum/articles.jsonl.gz
idf-prior:
	@scripts/deps.sh build
	@VL_DEPS_OK=1 $(SUBMAKE) $(B)/idf_prior
	@if [ -r "$(ORANGESUM)" ]; then \
	  zcat "$(ORANGESUM)" | $(B)/idf_prior > src/stories/idf_prior_fr.inc.tmp && \
	  mv src/stories/idf_prior_fr.inc.tmp src/stories/idf_prior_fr.inc; \
	else echo "idf-prior: $(ORANGESUM) not found: nothing to do"; fi

$(B)/idf_prior: tools/idf_prior.c $(B)/libveille.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

clean:
	rm -rf $(BUILD)

# The entity stage's tagger model and gazetteer (maintainers: need
# ../shared; the results are committed). See docs/entities.md.
SHARED ?= ../shared/data
ner-model:
	@scripts/deps.sh build
	@VL_DEPS_OK=1 $(SUBMAKE) $(B)/ner_train
	@if [ -d "$(SHARED)/ner" ]; then \
	  $(B)/ner_train --out data/entities/ner-fr.model.tmp "$(SHARED)/ner" && \
	  mv data/entities/ner-fr.model.tmp data/entities/ner-fr.model; \
	else echo "ner-model: $(SHARED)/ner not found: nothing to do"; fi

gazetteer:
	@scripts/deps.sh build
	@VL_DEPS_OK=1 $(SUBMAKE) $(B)/gazetteer
	@if [ -d "$(SHARED)/lexicons" ]; then \
	  $(B)/gazetteer "$(SHARED)/lexicons" > data/entities/gazetteer.tsv.tmp && \
	  mv data/entities/gazetteer.tsv.tmp data/entities/gazetteer.tsv; \
	else echo "gazetteer: $(SHARED)/lexicons not found: nothing to do"; fi

# chrono-node, the peer `veille eval dates` compares with (needs node and
# npm, and the npm registry; pinned in tools/chrono/package.json).
chrono:
	cd tools/chrono && npm install --no-audit --no-fund

$(B)/ner_train: tools/ner_train.c $(B)/libveille.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/gazetteer: tools/gazetteer.c $(B)/libveille.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)
