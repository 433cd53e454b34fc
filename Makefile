# memcglab: an executable model of the Linux 6.12 memory cgroup controller.
#
#   make            build ./memcglab and the static library the tests link
#   make run        install missing Debian packages, build, run examples/demo.scn
#   make check      the layering check (scripts/check-layers.sh), the build,
#                   then every test under prove (SAN=1: ASan+UBSan)
#   make fuzz       libFuzzer targets on one instrumented library (installs
#                   clang and its libFuzzer runtime)
#   make bench      benchmarks; numbers are reported, never asserted
#   make bench-kernel  the model's wall time against the real kernel's on
#                   the selftest ports (boots a guest per port)
#   make fidelity-doc  rewrite docs/fidelity.md: memcglab compare on every
#                   example, model against kernel (a guest each)
#   make check-browser   the HTML reports in headless chromium (installs it)
#   make check-parallel  a sweep run by GNU parallel (installs it)
#   make install    PREFIX=/usr/local: the command, man page, bash completion
#   make policy-doc rewrite docs/scenario.md's table of design switches
#   make kernel-deps  install qemu, Debian's 6.12 kernel and the tools the
#                   kernel backend needs (scripts/install-deps.sh kernel)
#   make check-guest  boot the real kernel under qemu and test the guest
#                   runner (skips, with a message, when qemu or the kernel
#                   is missing); make selftests builds the 6.12 cgroup
#                   selftests static for the guest
#   make check-kernel  the selftest ports (tests/scenarios/{memcontrol,
#                   zswap,kmem}) on the real kernel, one guest each;
#                   PORTS="a.scn b.scn" for a few

CC	?= gcc
SAN	?=
BUILD	:= build$(if $(SAN),-san)

WARN	:= -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	   -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Werror=implicit-function-declaration -Werror=return-type
# The libraries, by their pkg-config names: the three compressors zswap
# offers, jansson for the JSON results and xxHash for the page checksum.
# pkg-config may be missing before `make deps` has run; the sub-make that
# builds asks it again.
PKGS	:= lzo2 liblz4 libzstd jansson libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS	:= $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS	?= -O2 -g
CFLAGS	+= -std=gnu11 $(WARN) -Isrc $(PKG_CFLAGS) -MMD -MP

# Link-time optimisation for the programs users time, memcglab and the
# benchmarks: cross-file inlining of the small hot helpers (statistics,
# LRU, xarray) takes a fifth off bench/scenarios/scale-16g.scn with
# content=model.  The objects carry machine code too (-ffat-lto-objects),
# so the unit tests link as before, without LTO's cost at every link.
# Not under SAN=: the sanitizers want the code as written.
ifeq ($(SAN),)
LTO	:= -flto=auto
CFLAGS	+= $(LTO) -ffat-lto-objects
NO_LTO	:= -fno-lto
endif
# tests, tools and make check's benchmarks: plain objects, plain links
TEST_CFLAGS = $(filter-out $(LTO) -ffat-lto-objects,$(CFLAGS))

ifneq ($(SAN),)
CFLAGS	+= -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=address,undefined
endif

# src/guest runs inside the guest: linked static on its own, except its
# configuration codec, which the host library shares
LIB_SRC	:= $(sort $(shell find src -name '*.c' ! -path 'src/cli/*' \
		! -path 'src/guest/*') src/guest/config.c \
		src/guest/exec/refuse.c src/guest/exec/wire.c)
GUEST_SRC := $(sort $(wildcard src/guest/*.c))
GUEST_INIT := $(BUILD)/guest/init
GUEST_CFLAGS := -O2 -g -std=gnu11 $(WARN) -Isrc -static
# The guest executor (src/guest/exec): static too, from the scenario
# language, runtime and dispatcher, lib/ and the content generator; never
# the model.  Its objects are compiled apart, unsanitized, and the library
# part is an archive so that only what it uses is linked.
EXEC_SRC := $(sort $(wildcard src/guest/exec/*.c))
EXEC_DEP_SRC := $(sort $(wildcard src/scenario/*.c) src/sim/content.c \
		$(filter-out src/lib/compress.c,$(wildcard src/lib/*.c)))
EXEC_OBJ := $(EXEC_SRC:src/%.c=$(BUILD)/gobj/%.o)
EXEC_DEP_OBJ := $(EXEC_DEP_SRC:src/%.c=$(BUILD)/gobj/%.o)
GUEST_EXEC := $(BUILD)/guest/memcglab-exec
TOOL_SRC := $(sort $(wildcard tools/*.c))
TOOL_BIN := $(TOOL_SRC:tools/%.c=$(BUILD)/%)
CLI_SRC	:= $(sort $(wildcard src/cli/*.c))
LIB_OBJ	:= $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ	:= $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
LIB	:= $(BUILD)/libmemcglab.a
BIN	:= $(BUILD)/memcglab

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
BENCH_CHECK := $(BENCH_SRC:bench/%.c=$(BUILD)/bench-check/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
# each fuzzer's seed corpus, replayed by `make check` without libFuzzer
CORPUS_BIN := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(BUILD)/tests/test_corpus_%)

.PHONY: all run check deps fuzz fuzz-targets bench clean tests check-browser \
	check-parallel \
	install policy-doc kernel-deps check-guest check-kernel bench-kernel \
	fidelity-doc \
	selftests

all: $(BIN) memcglab $(GUEST_INIT) $(GUEST_EXEC) $(TOOL_BIN)

memcglab: $(BIN)
ifeq ($(SAN),)
	ln -sf $(BIN) $@
endif

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) $(LTO) -O2 $(CLI_OBJ) $(LIB) $(LDLIBS) -lm -o $@

# the guest's PID 1: static, never sanitized (it runs alone in the guest)
$(GUEST_INIT): $(GUEST_SRC) $(wildcard src/guest/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) $(GUEST_SRC) -o $@

$(BUILD)/gobj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -static,$(GUEST_CFLAGS)) -MMD -MP -c $< -o $@

$(BUILD)/gobj/libexec.a: $(EXEC_DEP_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(GUEST_EXEC): $(EXEC_OBJ) $(BUILD)/gobj/libexec.a
	$(CC) -static $(EXEC_OBJ) $(BUILD)/gobj/libexec.a -lm -o $@

$(BUILD)/guest/probe: tests/guest/probe.c
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) $< -o $@

$(TOOL_BIN): $(BUILD)/%: tools/%.c $(LIB)
	$(CC) $(TEST_CFLAGS) $(LDFLAGS) $(NO_LTO) $< $(LIB) $(LDLIBS) -lm -o $@

# Tests compile to objects of their own so that -MMD records each source's
# headers: editing tests/unit/tap.h rebuilds every test that includes it.
$(BUILD)/tobj/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -Itests/unit -c $< -o $@

$(BUILD)/tobj/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -c $< -o $@

$(BUILD)/tests/%: $(BUILD)/tobj/%.o $(BUILD)/tobj/fixture.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(NO_LTO) $< $(BUILD)/tobj/fixture.o $(LIB) $(LDLIBS) -lm -o $@

# replay.c is compiled once per corpus: CORPUS names the fuzzer's directory
$(BUILD)/tobj/fuzz/replay_%.o: tests/fuzz/replay.c
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -DCORPUS='"tests/fuzz/corpus/$*"' -c $< -o $@

$(BUILD)/tests/test_corpus_%: $(BUILD)/tobj/fuzz/fuzz_%.o \
		$(BUILD)/tobj/fuzz/replay_%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(NO_LTO) $(filter %.o,$^) $(LIB) $(LDLIBS) -lm -o $@

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(LIB) $(LDLIBS) -lm -o $@

# make check builds the benchmarks without LTO, to catch a change that
# breaks one without paying a whole-program link for each
$(BUILD)/bench-check/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(LDFLAGS) $(NO_LTO) $< $(LIB) $(LDLIBS) \
		-lm -o $@

tests: $(UNIT_BIN) $(CORPUS_BIN)

deps:
	@scripts/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	./memcglab run examples/demo.scn

check: deps
	@scripts/check-layers.sh
	@$(MAKE) --no-print-directory all tests $(BENCH_CHECK)
	@scripts/run-tests.sh $(BUILD)

# The HTML reports in headless chromium (installed here if it can be; the
# tests skip without it): a synthetic run, examples/sizing.scn's run and
# its sweep (about a minute); no console message, the plots, screenshots
# in $(BUILD)/browser/.
SIZING_GRID := --set svc/memory.max=48M,64M,96M,128M \
	       --set svc/memory.zswap.max=0,16M,max

check-browser:
	@$(MAKE) --no-print-directory all tests $(BENCH_CHECK)
	@scripts/install-deps.sh --try browser
	@mkdir -p $(BUILD)/browser
	@$(BUILD)/tests/test_html $(BUILD)/browser/synthetic.html >/dev/null
	@$(BIN) run --record-dir $(BUILD)/browser --report $(BUILD)/browser/run \
		examples/sizing.scn >/dev/null || true
	@$(BIN) sweep examples/sizing.scn $(SIZING_GRID) \
		--report $(BUILD)/browser/sizing >/dev/null || true
	@tests/browser/report.sh $(BUILD)/browser $(BUILD)/browser/synthetic.html 4 \
		$(BUILD)/browser/run/report.html 3 $(BUILD)/browser/sizing/index.html 4

# The sweep's GNU parallel path, for real (installs parallel if it can;
# skips without it).
check-parallel:
	@$(MAKE) --no-print-directory all
	@scripts/install-deps.sh --try parallel
	@MEMCGLAB=$(BIN) tests/parallel/test_sweep.sh

# make install [PREFIX=/usr/local] [DESTDIR=]: the command, its manual
# page and its bash completion.
PREFIX	?= /usr/local
install: all
	install -D -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/memcglab
	install -D -m 644 docs/memcglab.1 $(DESTDIR)$(PREFIX)/share/man/man1/memcglab.1
	install -D -m 644 scripts/memcglab.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/memcglab

# The kernel backend (docs/kernel-backend.md): its packages only when asked;
# check-guest boots the real kernel and skips, saying what to install,
# without qemu or the kernel.
kernel-deps:
	@scripts/install-deps.sh kernel

check-guest: all $(BUILD)/guest/probe
	@tests/guest/run.sh $(BUILD)

# The selftest ports on the real kernel, a guest each (PORTS= a few).
check-kernel: all
	@scripts/check-kernel.sh $(BUILD) $(PORTS)

selftests:
	@scripts/build-selftests.sh $(BUILD)/selftests

# make fuzz: the library is compiled once with clang's sanitizers and
# coverage (-fsanitize=fuzzer-no-link) into build-fuzz/libmemcglab.a, and
# every target links against it with libFuzzer's main.  The install runs
# first, in its own step, so that a fresh machine gets clang and the
# runtime (libclang-rt) before the sub-make looks for them.
FUZZ_BUILD := build-fuzz
FUZZ_CC := clang
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Isrc $(PKG_CFLAGS) -MMD -MP \
	       -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ := $(LIB_SRC:src/%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_LIB := $(FUZZ_BUILD)/libmemcglab.a
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)

fuzz:
	@scripts/install-deps.sh build fuzz
	@$(MAKE) --no-print-directory fuzz-targets

fuzz-targets: $(FUZZ_BIN)

$(FUZZ_BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB)
	@echo "  FUZZ $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_LIB) $(LDLIBS) \
		-lm -o $@

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@for b in $(BENCH_BIN); do echo "== $$b"; $$b || exit 1; done

# docs/fidelity.md: memcglab compare on every example (a guest each)
fidelity-doc: all
	scripts/fidelity.sh $(BUILD) > docs/fidelity.md.new && \
		mv docs/fidelity.md.new docs/fidelity.md

# The model's wall time against the real kernel's, port by port (a guest
# each: minutes under TCG; PORTS= a few).
bench-kernel: all
	@bench/kernel.sh $(BUILD) $(PORTS)

policy-doc: $(BIN)
	MEMCGLAB=$(BIN) scripts/policy-doc.sh --update

clean:
	rm -rf build build-san build-fuzz memcglab

# every object's and test's header dependencies (-MMD writes them)
-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(BENCH_BIN:=.d) \
	$(BENCH_CHECK:=.d) $(TOOL_BIN:=.d) \
	$(EXEC_OBJ:.o=.d) $(EXEC_DEP_OBJ:.o=.d) \
	$(wildcard $(BUILD)/tobj/*.d $(BUILD)/tobj/fuzz/*.d) \
	$(wildcard $(FUZZ_OBJ:.o=.d) $(FUZZ_BIN:=.d))
