#!/bin/sh
# Lesson 03, batch size and momentum: its claims hold at small sizes, on the
# synthetic data always and on Fashion-MNIST when it is installed (and the
# check can fail), DATA picks the data, its README's commands run and print
# what it shows, its man page lints clean, and with gnuplot the report
# renders.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/lessons/lesson-lib.sh"
lesson="$srcdir/lessons/03-batch-momentum"
fm_dir=/usr/share/datasets/fashion-mnist
# Part 1 at 2000 rows, 4 epochs per batch size: the fastest of the last 3.
small='ROWS=2000 TIME_EPOCHS=4'

t_run 'claims hold (synthetic data)' 0 lesson_mk "$lesson" DATA=synthetic $small check
[ "$(grep -c '^ok: ' t.out)" -eq 12 ] && ! grep -q FAIL t.out
t_check 'claims hold (synthetic data): 12 claims, each ok'
sed 's/^/# /' t.out
grep -q '^ok: 1: updates per epoch = .* (2000, 200, 20, 2, 1 (synthetic, 2000 rows))$' t.out
t_check 'claims hold (synthetic data): 2000 synthetic rows, 2000 to 1 updates per epoch'
grep -q '^ok: 4: from (1, 1e-6) on x^2 - y^2, momentum .* (momentum 140 steps, gradient descent 698)$' t.out
t_check 'claims hold (synthetic data): 140 and 698 steps to leave the plateau'
grep -q '^ok: 2: after the same 30 epochs, .* after 15000 updates, full batch .* after 30)$' t.out
t_check 'claims hold (synthetic data): 15000 and 30 updates in 30 epochs'
[ "$(grep -c '^[0-9]' report/p1-synthetic-2000-b1.log)" -eq 5 ]
t_check 'claims hold (synthetic data): TIME_EPOCHS=4 gives epochs 0 to 4'

if [ -n "${GNUPLOT:-}" ] && [ "$GNUPLOT" != no ]; then
  t_run 'report renders' 0 lesson_mk "$lesson" DATA=synthetic $small GNUPLOT="$GNUPLOT"
  lesson_figures report times noisy epochs quartic saddle
  t_check 'report renders: 5 figures on the page'
  [ "$(lesson_cells report yes)" -eq 12 ]
  t_check 'report renders: 12 claims held'
else
  lesson_no_gnuplot
fi

# The check fails when a number does not say what the claim says: each
# edit fails its claim and only it.
q() { awk -F'\t' -v q="$1" -v f="$2" '$1 == q { print $2 * f }' report/numbers.tsv; }
lesson_fails "$lesson" 'a slow batch 100' p1.b100.epoch_seconds \
  "$(q p1.b1.epoch_seconds 0.6667)" '1: an epoch at batch 1 takes at least 2x' 11 \
  DATA=synthetic $small
lesson_fails "$lesson" 'a slow momentum' p4-saddle-mom.steps_to_y_1 300 \
  '4: from (1, 1e-6) on x^2 - y^2, momentum' 11 DATA=synthetic $small
lesson_fails "$lesson" 'a small equal-epoch gap' p3-full.loss_at_50 \
  "$(q p3-b10.loss_at_50 1.2)" '3: at equal epochs (50)' 11 DATA=synthetic $small
lesson_fails "$lesson" 'an end point off the minimum' p4-quartic-gd.end_x 1.1305 \
  '4: on x^4 - 3x^2 + x from x = 2, gradient descent' 11 DATA=synthetic $small
cp report/numbers.tsv t.good
lesson_drop p2-full.rises
t_run 'a missing number fails the check' 2 lesson_mk "$lesson" DATA=synthetic $small check
grep -q "no quantity 'p2-full.rises'" t.err &&
  grep -q '^FAIL: 2: full batch: ' t.out
t_check 'a missing number fails the check: named'
cp t.good report/numbers.tsv && rm -f report/claims.tsv

# A step of part 1 that fails leaves no table: with one epoch there is none
# to time (the first is not timed).  20 rows suffice.
t_run 'TIME_EPOCHS=1' 2 lesson_mk "$lesson" DATA=synthetic ROWS=20 TIME_EPOCHS=1 OUT="$t_dir/bad" \
  "$t_dir/bad/p1-synthetic-20-times.tsv"
[ -s "$t_dir/bad/p1-synthetic-20-bfull.log" ] && ! [ -e "$t_dir/bad/p1-synthetic-20-times.tsv" ] &&
  ! [ -e "$t_dir/bad/p1-synthetic-20-times.tsv.tmp" ]
t_check 'TIME_EPOCHS=1: no table left'
rm -rf "$t_dir/bad"

# DATA: auto takes the synthetic set when Fashion-MNIST is not there; a
# wrong value is refused.
t_run 'DATA=auto without Fashion-MNIST' 0 lesson_mk "$lesson" FM_DIR="$t_dir/none" $small check
grep -q '^ok: 1: updates per epoch = .*(synthetic, 2000 rows))$' t.out
t_check 'DATA=auto without Fashion-MNIST: the synthetic set'
t_run 'DATA=mnist' 2 lesson_mk "$lesson" DATA=mnist check
# (only make's error line, without the makefile's name and line)
grep -v '^make\(\[[0-9]*\]\)\{0,1\}: \(Entering\|Leaving\) directory' t.err |
  sed 's/^[^ ]*Makefile:[0-9]*: //' > t.msg
t_same 'DATA=mnist: stderr' "*** DATA must be auto, fashion or synthetic, not 'mnist'.  Stop." t.msg

# The real data, when it is installed (CI does not install it).
if [ -f "$fm_dir/train-images-idx3-ubyte.gz" ]; then
  t_run 'claims hold (Fashion-MNIST)' 0 lesson_mk "$lesson" DATA=fashion FM_DIR="$fm_dir" $small check
  [ "$(grep -c '^ok: ' t.out)" -eq 12 ] &&
    grep -q '^ok: 1: updates per epoch = .*(fashion, 2000 rows))$' t.out
  t_check 'claims hold (Fashion-MNIST): 12 claims, each ok'
  sed -n 's/^\(ok: 1: an epoch.*\)/# \1/p' t.out
else
  echo "ok $((t_n + 1)) # SKIP Fashion-MNIST is not installed"; t_n=$((t_n + 1))
  echo "ok $((t_n + 1)) # SKIP Fashion-MNIST is not installed"; t_n=$((t_n + 1))
fi
rm -rf report

lesson_readme "$lesson"

lesson_man "$top_builddir/man/nnkit-lesson-03.7"
t_done
