#!/bin/sh
# Lesson 02, critical points: its claims hold (and the check can fail), its
# README's commands run and print what it shows, its man page lints clean,
# and with gnuplot the report renders.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/lessons/lesson-lib.sh"
lesson="$srcdir/lessons/02-critical-points"

t_run 'claims hold' 0 lesson_mk "$lesson" check
[ "$(grep -c '^ok: ' t.out)" -eq 17 ] && ! grep -q FAIL t.out
t_check 'claims hold: 17 claims, each ok'
sed 's/^/# /' t.out
grep -q '^ok: 4: there its Hessian has exactly hidden units - 1 = 3 negative eigenvalues: a saddle point (3 negative of 17' t.out
t_check 'claims hold: 3 negative eigenvalues of 17'

# The check fails when a number does not say what the claim says.
lesson_fails "$lesson" 'a wrong number' p4-saddle.negative 2 \
  '4: there its Hessian has exactly' 16
lesson_drop p3-monkey.verdict
t_run 'a missing number fails the check' 2 lesson_mk "$lesson" check
grep -q "no quantity 'p3-monkey.verdict'" t.err &&
  grep -q '^FAIL: 3: ' t.out
t_check 'a missing number fails the check: named'
rm -rf report

lesson_readme "$lesson" w1w2.model one.tsv

lesson_man "$top_builddir/man/nnkit-lesson-02.7"

if [ -n "${GNUPLOT:-}" ] && [ "$GNUPLOT" != no ]; then
  t_run 'report renders' 0 lesson_mk "$lesson" GNUPLOT="$GNUPLOT"
  lesson_figures report surface gd-loss gd-paths bowl saddle monkey escape-loss ratios spectrum
  t_check 'report renders: 9 figures on the page'
  [ "$(lesson_cells report yes)" -eq 17 ]
  t_check 'report renders: 17 claims held'
else
  lesson_no_gnuplot
fi
t_done
