#!/bin/sh
# Lesson 04, adaptive learning rates and schedules: its claims hold (and the
# check can fail), its README's commands run and print what they show, its
# man page lints clean, and with gnuplot the report renders.  Part 4 runs
# with one constant rate (CONST_LRS=0.1, the best of the lesson's three) and
# three seeds to keep the test short; the claims hold at both sizes.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/lessons/lesson-lib.sh"
lesson="$srcdir/lessons/04-adaptive-lr"


t_run 'claims hold' 0 lesson_mk "$lesson" CONST_LRS=0.1 'SEEDS=1 2 3' check
[ "$(grep -c '^ok: ' t.out)" -eq 19 ] && ! grep -q FAIL t.out
t_check 'claims hold: 19 claims, each ok'
sed 's/^/# /' t.out
grep -q '^ok: 2: that decayed form is PyTorch.s adagrad at lr 10: the same path, bit for bit (traces identical, largest difference 0)$' t.out
t_check 'claims hold: adagrad-rms at 10/sqrt(t) is adagrad at 10, bit for bit'
grep -q '^ok: 4: the Transformer.s rate (d 512, warm-up 4000) peaks at step 4000 at 512^-1/2 4000^-1/2 = 6.99e-4 (peak 0.00069877124296868' t.out
t_check 'claims hold: the noam peak 6.99e-4 at step 4000'

# The check fails when a number does not say what the claim says.
lesson_fails "$lesson" 'a wrong number' p2-agrms.bursts 2 \
  "2: the notes' Adagrad (adagrad-rms, lr 1) reaches the optimum, then bursts" 18 \
  CONST_LRS=0.1 'SEEDS=1 2 3'
lesson_fails "$lesson" 'a stalled loss that moved' p1-walls.late_loss_change 0.02 \
  '1: gradient descent on walls:10' 18 CONST_LRS=0.1 'SEEDS=1 2 3'
lesson_drop p4-warmup.mean_loss
t_run 'a missing number fails the check' 2 lesson_mk "$lesson" CONST_LRS=0.1 'SEEDS=1 2 3' check
grep -q "no quantity 'p4-warmup.mean_loss'" t.err &&
  grep -q '^FAIL: 4: with 100 warm-up steps then cosine decay' t.out &&
  grep -q '^FAIL: 4: warm-up then cosine decay ends lower' t.out &&
  [ "$(grep -c '^ok: ' t.out)" -eq 17 ]
t_check 'a missing number fails the check: named'
# The numbers again from this run's results, for the report below.
rm -f report/numbers.tsv report/claims.tsv

lesson_readme "$lesson" course.tsv start.model dist.awk

lesson_man "$top_builddir/man/nnkit-lesson-04.7"

if [ -n "${GNUPLOT:-}" ] && [ "$GNUPLOT" != no ]; then
  t_run 'report renders' 0 lesson_mk "$lesson" CONST_LRS=0.1 'SEEDS=1 2 3' GNUPLOT="$GNUPLOT"
  lesson_figures report walls-log walls-path net-log course-gd course-adagrad course-decay \
    distance course-rmsprop net-adam schedules warmup
  t_check 'report renders: 11 figures on the page'
  [ "$(lesson_cells report yes)" -eq 19 ]
  t_check 'report renders: 19 claims held'
else
  lesson_no_gnuplot
fi
t_done
