# lessons/lesson.mk -- what every lesson's Makefile shares.  A lesson sets
#
#   SRC ?= .                       its directory (before the include)
#   TITLE = ...                    the report page's title
#   FIGURES = a.png 'caption' ...  its figures in OUT, each with a caption
#
# writes $(OUT)/numbers.tsv (quantity, value) with its own rules, and has a
# claims.awk that reads numbers.tsv and calls claim(TEXT, MEASURED, HELD)
# (see lessons/claims.awk) -- then includes this file:
#
#   include $(SRC)/../lesson.mk
#
# and gets the targets
#
#   make          the pipeline and the report, $(OUT)/index.html
#   make check    the claims from this run's numbers, one line each (ok,
#                 FAIL or skip); fails when one does not hold (no gnuplot
#                 needed)
#   make clean    remove $(OUT)
#
# Variables: NN_BIN (where the nn-* tools are; default: this tree's
# tools/), OUT (where the results go, default report), GNUPLOT (the gnuplot
# nn-plot runs).
OUT ?= report
NN_BIN ?= $(abspath $(SRC)/../../tools)
GNUPLOT ?= gnuplot
LESSONS_DIR := $(abspath $(SRC)/..)
export PATH := $(NN_BIN):$(PATH)
export GNUPLOT

all: $(OUT)/index.html
	@echo "Report: $(abspath $(OUT))/index.html"

# The claims: measured and held (yes/no), for the page and for check.
$(OUT)/claims.tsv: $(OUT)/numbers.tsv $(SRC)/claims.awk $(LESSONS_DIR)/claims.awk
	awk -F'\t' -f '$(LESSONS_DIR)/claims.awk' -f '$(SRC)/claims.awk' $< > $@.tmp
	mv $@.tmp $@

$(OUT)/index.html: $(OUT)/claims.tsv $(OUT)/numbers.tsv $(filter %.png,$(FIGURES:%=$(OUT)/%))
	sh '$(LESSONS_DIR)/report.sh' '$(TITLE)' $(OUT)/numbers.tsv $(OUT)/claims.tsv $(FIGURES) > $@.tmp
	mv $@.tmp $@

# $(OUT)/var-NAME.stamp holds the value of the make variable NAME and is
# rewritten only when that value changes: made a prerequisite of every
# result NAME shapes, `make NAME=...` remakes those results, and only them.
$(OUT)/var-%.stamp: FORCE
	@mkdir -p $(OUT)
	@printf '%s\n' '$($*)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
FORCE:

check: $(OUT)/claims.tsv
	@awk -F'\t' 'NR > 1 { held = $$3 == "yes"; skipped = $$3 == "skipped"; \
	    bad += !held && !skipped; \
	    printf "%s: %s (%s)\n", held ? "ok" : skipped ? "skip" : "FAIL", $$1, $$2 } \
	  END { exit bad > 0 }' $<

clean:
	rm -rf $(OUT)

.PHONY: all check clean FORCE
