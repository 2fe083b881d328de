# tests/tools/local.mk -- shell tests of the tools (TAP, tests/lib.sh).
TOOL_TESTS = \
  tests/tools/nn-softmax.sh \
  tests/tools/bad-inputs.sh
TESTS += $(TOOL_TESTS)
EXTRA_DIST += $(TOOL_TESTS)
EXTRA_DIST += tests/data/bad
