#!/bin/sh
# The demo lesson: its pipeline runs and its claims hold.
. "$srcdir/tests/lib.sh"
lesson="$srcdir/lessons/00-demo"
mk() {
  ${MAKE:-make} -s -f "$lesson/Makefile" SRC="$lesson" OUT="$t_dir/report" \
    NN_BIN="$top_builddir/tools" "$@"
}
t_run 'claims hold' 0 mk check
grep -q '^ok: MSE step' t.out; t_check 'claims hold: reported'
if [ -n "${GNUPLOT:-}" ] && [ "$GNUPLOT" != no ]; then
  t_run 'report renders' 0 mk GNUPLOT="$GNUPLOT"
  [ -s report/xent.png ] && [ -s report/mse.png ] &&
    grep -q '<td>mse_step</td>' report/index.html
  t_check 'report renders: picture and numbers'
else
  echo "ok $((t_n + 1)) # SKIP gnuplot not found"; t_n=$((t_n + 1))
fi
t_done
