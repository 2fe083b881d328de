# tests/tools/local.mk -- shell tests of the tools (TAP, tests/lib.sh).
TOOL_TESTS = \
  tests/tools/nn-data.sh \
  tests/tools/nn-plot.sh \
  tests/tools/nn-softmax.sh \
  tests/tools/nn-split.sh \
  tests/tools/nn-train.sh \
  tests/tools/optim-torch.sh \
  tests/tools/nn-predict.sh \
  tests/tools/nn-hessian.sh \
  tests/tools/poly.sh \
  tests/tools/bad-inputs.sh
TESTS += $(TOOL_TESTS)
EXTRA_DIST += $(TOOL_TESTS)
EXTRA_DIST += tests/data/bad
# the PyTorch side of optim-torch.sh (run only where torch is installed)
EXTRA_DIST += tests/tools/optim_torch.py
