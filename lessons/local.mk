# lessons/local.mk -- the lessons: each a directory with its own plain
# Makefile (so a learner can run `make` inside it).  Here: `make lesson-NN`
# (or `make lesson L=NN`) runs lesson NN from this build, the lessons' man
# pages, and the tests that run each lesson's pipeline and check its claims.
#
# A lesson NN in lessons/NN-NAME adds a block like lesson 02's: its files to
# EXTRA_DIST, its man page to LESSON_MANS with a two-line rule, a
# `lesson-NN` alias, and its test to LESSON_TESTS.

# What every lesson shares: lesson.mk (included by each lesson's Makefile),
# claims.awk (the frame of the claims), report.sh (the report page) and
# md2man.awk (README.md as the lesson's section-7 man page).
EXTRA_DIST += lessons/lesson.mk lessons/claims.awk lessons/report.sh lessons/md2man.awk

# Run lesson $(L) (its number, e.g. 02) from this build; the report goes to
# lessons/NN-NAME/report in the build tree.
lesson: all
	@d=`cd '$(abs_top_srcdir)' && ls -d lessons/$(L)-* 2>/dev/null | head -1`; \
	if test -z '$(L)' || test ! -f "$(abs_top_srcdir)/$$d/Makefile"; then \
	  echo "make lesson: no lesson '$(L)'; say which, e.g. make lesson L=02" >&2; exit 2; fi; \
	$(MAKE) -f "$(abs_top_srcdir)/$$d/Makefile" \
	  SRC="$(abs_top_srcdir)/$$d" OUT="$(abs_top_builddir)/$$d/report" \
	  NN_BIN='$(abs_top_builddir)/tools' GNUPLOT='$(GNUPLOT)'

# The lessons' man pages, made from their README.md at build time (one
# source; not distributed, so never out of date).  A lesson's rule:
#   man/nnkit-lesson-NN.7: $(LNN_DIR)/README.md lessons/md2man.awk
#   	$(LESSON_MAN) '$(srcdir)/$(LNN_DIR)/README.md' > $@.tmp && mv $@.tmp $@
LESSON_MAN_DATE = 2026-11-27
LESSON_MAN = $(AM_V_GEN)$(MKDIR_P) man && $(AWK) -v name=`basename $@ .7` \
  -v version='$(PACKAGE_VERSION)' -v date='$(LESSON_MAN_DATE)' \
  -f '$(srcdir)/lessons/md2man.awk'
LESSON_MANS =
LESSON_TESTS =

# Lesson 01: general guidance.
L01_DIR = lessons/01-guidance
EXTRA_DIST += $(L01_DIR)/Makefile $(L01_DIR)/README.md $(L01_DIR)/claims.awk
LESSON_MANS += man/nnkit-lesson-01.7
man/nnkit-lesson-01.7: $(L01_DIR)/README.md lessons/md2man.awk
	$(LESSON_MAN) '$(srcdir)/$(L01_DIR)/README.md' > $@.tmp && mv $@.tmp $@
lesson-01:
	@$(MAKE) --no-print-directory lesson L=01
LESSON_TESTS += tests/lessons/01-guidance.sh

# Lesson 02: critical points.
L02_DIR = lessons/02-critical-points
EXTRA_DIST += $(L02_DIR)/Makefile $(L02_DIR)/README.md $(L02_DIR)/claims.awk \
  $(L02_DIR)/w1w2.model $(L02_DIR)/one.tsv
LESSON_MANS += man/nnkit-lesson-02.7
man/nnkit-lesson-02.7: $(L02_DIR)/README.md lessons/md2man.awk
	$(LESSON_MAN) '$(srcdir)/$(L02_DIR)/README.md' > $@.tmp && mv $@.tmp $@
lesson-02:
	@$(MAKE) --no-print-directory lesson L=02
LESSON_TESTS += tests/lessons/02-critical-points.sh

# Lesson 03: batch size and momentum.
L03_DIR = lessons/03-batch-momentum
EXTRA_DIST += $(L03_DIR)/Makefile $(L03_DIR)/README.md $(L03_DIR)/claims.awk
LESSON_MANS += man/nnkit-lesson-03.7
man/nnkit-lesson-03.7: $(L03_DIR)/README.md lessons/md2man.awk
	$(LESSON_MAN) '$(srcdir)/$(L03_DIR)/README.md' > $@.tmp && mv $@.tmp $@
lesson-03:
	@$(MAKE) --no-print-directory lesson L=03
LESSON_TESTS += tests/lessons/03-batch-momentum.sh

# Lesson 04: adaptive learning rates and schedules.
L04_DIR = lessons/04-adaptive-lr
EXTRA_DIST += $(L04_DIR)/Makefile $(L04_DIR)/README.md $(L04_DIR)/claims.awk \
  $(L04_DIR)/dist.awk $(L04_DIR)/course.tsv $(L04_DIR)/start.model
LESSON_MANS += man/nnkit-lesson-04.7
man/nnkit-lesson-04.7: $(L04_DIR)/README.md lessons/md2man.awk
	$(LESSON_MAN) '$(srcdir)/$(L04_DIR)/README.md' > $@.tmp && mv $@.tmp $@
lesson-04:
	@$(MAKE) --no-print-directory lesson L=04
LESSON_TESTS += tests/lessons/04-adaptive-lr.sh

# Lesson 05: classification.
L05_DIR = lessons/05-classification
EXTRA_DIST += $(L05_DIR)/Makefile $(L05_DIR)/README.md $(L05_DIR)/claims.awk \
  $(L05_DIR)/logits.model $(L05_DIR)/one.tsv
LESSON_MANS += man/nnkit-lesson-05.7
man/nnkit-lesson-05.7: $(L05_DIR)/README.md lessons/md2man.awk
	$(LESSON_MAN) '$(srcdir)/$(L05_DIR)/README.md' > $@.tmp && mv $@.tmp $@
lesson-05:
	@$(MAKE) --no-print-directory lesson L=05
LESSON_TESTS += tests/lessons/05-classification.sh

# (New lessons' blocks go above this line, in order.)
nodist_man_MANS = $(LESSON_MANS)
CLEANFILES += $(LESSON_MANS)

clean-local: clean-lessons
clean-lessons:
	-rm -rf '$(abs_top_builddir)'/lessons/*/report

TESTS += $(LESSON_TESTS)
EXTRA_DIST += $(LESSON_TESTS) tests/lessons/lesson-lib.sh
.PHONY: lesson lesson-01 lesson-02 lesson-03 lesson-04 lesson-05 clean-lessons
