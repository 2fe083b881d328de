#!/bin/sh
# tests/unit/no-check.sh -- stands in for the Check suites when configure
# did not find Check, so that they are reported as skipped (TAP), not as
# passed.
echo "1..0 # SKIP Check not found: install the check package"
exit 0
