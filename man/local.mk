# man/local.mk -- the man pages: one per tool (section 1), per file format
# (section 5), and the overview (section 7).  tests/man checks that they
# format without warnings and that their EXAMPLES print what they show.
dist_man_MANS += \
  man/nn-data.1 \
  man/nn-hessian.1 \
  man/nn-model.5 \
  man/nn-predict.1 \
  man/nn-plot.1 \
  man/nn-softmax.1 \
  man/nn-split.1 \
  man/nn-train.1 \
  man/nn-table.5 \
  man/nnkit.7

MAN_TESTS = \
  tests/man/lint.sh \
  tests/man/examples.sh
TESTS += $(MAN_TESTS)
EXTRA_DIST += $(MAN_TESTS)
