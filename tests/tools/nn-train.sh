#!/bin/sh
# nn-train: known answers, the training loop and its log (checked against
# an awk simulation), initialisation, standardisation, --init-model,
# whole-or-nothing outputs, divergence, gradient checks, learning XOR and
# two spirals; every optimizer and schedule replayed in awk, the notes'
# momentum example, built-in functions, traces, weight decay, the exact
# least-squares fit against its closed form, bfgs to a critical point,
# early stopping, dropout; and every usage error.  Bad data:
# tests/data/bad/nn-train-*.  PyTorch comparison: optim-torch.sh.
. "$srcdir/tests/lib.sh"

tab=$(printf '\t')
version=$(nn-train --version | sed -n '1s/.* //p')

# close_to A B TOL: |A - B| <= TOL (awk reads numbers as strtod does).
close_to() {
  awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= tol) }'
}
# below A B: A < B.
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
# param NAME MODEL: the value of one key (a parameter) of a model file.
param() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$2"; }
# quantity NAME FILE: the value of a row of a quantity/value table.
quantity() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$2"; }
# nosec FILE: a log without its comment lines and its last column (seconds).
nosec() { sed -e '/^#/d' -e "s/$tab[^$tab]*\$//" "$1"; }
# body FILE: a file without its comment lines.
body() { sed '/^#/d' "$1"; }
# same_numbers A B: two tables of numbers (no header) with the same shape,
# every pair within 1e-12 relative.
same_numbers() {
  [ "$(wc -l < "$1")" -eq "$(wc -l < "$2")" ] && [ -s "$1" ] &&
  paste "$1" "$2" | awk '{
    h = NF / 2
    for (j = 1; j <= h; j++) {
      a = $j; b = $(j + h); d = a - b; if (d < 0) d = -d
      m = a < 0 ? -a : a
      if (d > 1e-12 * m && d > 1e-300) { print "# differs: " a " " b; bad = 1 }
    }
  } END { exit bad }'
}

# Gradient descent on a linear model of one input, simulated in awk: the
# log nn-train(1) documents (row 0 on all the data, then per epoch the
# means of the mini-batch losses and gradient norms, each taken before its
# update), from the initial parameters W and B, rows in file order.
# sim DATA W B BATCH EPOCHS LR: prints epoch, step, loss, grad_norm.
sim() {
  awk -F'\t' -v w="$2" -v b="$3" -v B="$4" -v E="$5" -v lr="$6" '
    BEGIN { n = 0 }
    NR > 1 { x[n] = $1; y[n] = $2; n++ }
    END {
      L = 0; gw = 0; gb = 0
      for (i = 0; i < n; i++) {
        r = w * x[i] + b - y[i]; L += r * r; gw += 2 * r * x[i] / n; gb += 2 * r / n
      }
      printf "0\t0\t%.17g\t%.17g\n", L / n, sqrt(gw * gw + gb * gb)
      step = 0
      for (e = 1; e <= E; e++) {
        ls = 0; gs = 0; k = 0
        for (s = 0; s < n; s += B) {
          nb = n - s < B ? n - s : B
          L = 0; gw = 0; gb = 0
          for (i = s; i < s + nb; i++) {
            r = w * x[i] + b - y[i]; L += r * r; gw += 2 * r * x[i] / nb; gb += 2 * r / nb
          }
          ls += L / nb; gs += sqrt(gw * gw + gb * gb); k++; step++
          w -= lr * gw; b -= lr * gb
        }
        printf "%d\t%d\t%.17g\t%.17g\n", e, step, ls / k, gs / k
      }
    }' "$1"
}
# The same columns from a log of nn-train (no lr, no seconds).
log_numbers() { nosec "$1" | sed 1d | cut -f 1,2,4,5; }

# ---------------------------------------------------------------- data
# y = 2x + 1 without noise; d.tsv has only small dyadic numbers, so that
# with --lr 0.0625 and --init zeros every loss is computed exactly.
printf 'x\ty\n0\t1\n1\t3\n2\t5\n3\t7\n' > d.tsv
awk 'BEGIN { print "x\ty"; for (i = -10; i <= 10; i++) print i / 4 "\t" i / 2 + 1 }' > line.tsv
printf 'x\ty\n0\t1\n1\t3\n2\t5\n3\t7\n4\t9\n' > five.tsv
printf 'x1\tx2\ty\n0\t0\ta\n0\t1\tb\n1\t0\tb\n1\t1\ta\n' > xor.tsv
# The notes' two-weight network y = w1 w2 x at the origin (NOTES.md 2).
printf 'nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nlayers\t1\t1\t1\nactivation\tlinear\nbias\tno\nW1[1,1]\t0\nW2[1,1]\t0\n' > two.model
printf 'x\ty\n1\t1\n' > one.tsv

# ------------------------------------------------------- known answers
t_run 'y = 2x + 1, linear, full batch' 0 nn-train --batch full --lr 0.1 --epochs 300 -o line.model line.tsv
w=$(param 'W1[1,1]' line.model) b=$(param 'b1[1]' line.model)
close_to "$w" 2 1e-6; t_check "y = 2x + 1: w = 2 within 1e-6 (w = $w)"
close_to "$b" 1 1e-6; t_check "y = 2x + 1: b = 1 within 1e-6 (b = $b)"
tail -n 1 t.out | cut -f 1,2 > t.last
t_same 'y = 2x + 1: 300 full-batch epochs are 300 steps' "300${tab}300" t.last

t_run "the notes' two-weight network, --epochs 0" 0 nn-train --init-model two.model --epochs 0 -o two-out.model one.tsv
nosec t.out > t.log
t_same "two-weight network: row 0 has loss 1 and gradient 0 (a saddle)" "epoch	step	lr	loss	grad_norm
0	0	0.01	1	0" t.log
body two-out.model > t.body
t_same 'two-weight network: --epochs 0 writes the model as it was' "$(cat two.model)" t.body
t_run 'two-weight network: gradient descent stays on the saddle' 0 nn-train --init-model two.model --batch full --lr 0.5 --epochs 3 one.tsv
nosec t.out > t.log
t_same 'two-weight network: the loss stays 1' "epoch	step	lr	loss	grad_norm
0	0	0.5	1	0
1	1	0.5	1	0
2	2	0.5	1	0
3	3	0.5	1	0" t.log

# ------------------------------------------------------------- the log
t_run 'a log' 0 nn-train --init zeros --lr 0.0625 --batch 2 --no-shuffle --epochs 3 d.tsv
head -n 1 t.out > t.first
t_same 'a log: the first line records the command' "# nn-train (nnkit) $version: --init zeros --lr 0.0625 --batch 2 --no-shuffle --epochs 3 d.tsv" t.first
sed -n 2p t.out > t.header
t_same 'a log: the header' "epoch	step	lr	loss	grad_norm	seconds" t.header
nosec t.out | cut -f 1-4 > t.log
t_same 'a log: exact losses (dyadic data: no rounding)' "epoch	step	lr	loss
0	0	0.0625	21
1	2	0.0625	16.8564453125
2	4	0.0625	0.059208065271377563
3	6	0.0625	0.0005839762873165455" t.log
cp t.out d.log
log_numbers d.log > t.got
sim d.tsv 0 0 2 3 0.0625 > t.want
same_numbers t.want t.got; t_check 'a log: losses and gradient norms as simulated in awk'
sed '/^#/d' d.log | sed 1d | awk -F'\t' '$NF < 0 || $NF < prev { bad = 1 } { prev = $NF } END { exit bad }'
t_check 'a log: seconds never decrease'
nn-train d.tsv --epochs 0 | head -n 1 > t.first
t_same 'a log: the command as it was typed, operands where they were' "# nn-train (nnkit) $version: d.tsv --epochs 0" t.first
nl='
'
t_run 'a line break in an argument' 0 nn-train --epochs 0 -o "a${nl}b.model" d.tsv
head -n 1 "a${nl}b.model" > t.first
t_same 'a line break in an argument: the comment stays one line' "# nn-train (nnkit) $version: --epochs 0 -o a b.model d.tsv" t.first
t_run 'a line break in an argument: the model reads back' 0 nn-predict -m "a${nl}b.model" d.tsv

# Five rows in batches of 2: the last batch of every epoch has one row,
# and its loss counts as much as the others in the epoch's mean.
t_run 'seeded initialisation' 0 nn-train --seed 7 --epochs 0 -o init7.model five.tsv
t_run 'mini-batches in file order' 0 nn-train --seed 7 --no-shuffle --batch 2 --lr 0.01 --epochs 4 five.tsv
cp t.out five.log
log_numbers five.log > t.got
sim five.tsv "$(param 'W1[1,1]' init7.model)" "$(param 'b1[1]' init7.model)" 2 4 0.01 > t.want
same_numbers t.want t.got; t_check 'mini-batches: the log as simulated from the initial model'
cut -f 2 t.got | paste -s -d ' ' - > t.steps
t_same 'mini-batches: ceil(5/2) = 3 steps per epoch' '0 3 6 9 12' t.steps

for batch in 1 2 3 4 5 7 full; do
  nn-train --batch $batch --epochs 3 five.tsv | tail -n 1 | cut -f 1,2 > t.last
  case $batch in 1) want=15 ;; 2) want=9 ;; 3) want=6 ;; 4) want=6 ;; *) want=3 ;; esac
  t_same "--batch $batch: $want steps in 3 epochs of 5 rows" "3${tab}$want" t.last
done

# Shuffling: every loss is exact, so these logs are the same everywhere.
t_run 'shuffled, seed 1' 0 nn-train --init zeros --lr 0.0625 --batch 1 --epochs 2 --seed 1 d.tsv
nosec t.out | cut -f 1-4 > seed1.log
t_same 'shuffled, seed 1: the log' "epoch	step	lr	loss
0	0	0.0625	21
1	4	0.0625	12.39620304107666
2	8	0.0625	0.1334836112373523" seed1.log
t_run 'shuffled, seed 2' 0 nn-train --init zeros --lr 0.0625 --batch 1 --epochs 2 --seed 2 d.tsv
nosec t.out | cut -f 1-4 > seed2.log
t_same 'shuffled, seed 2: the log' "epoch	step	lr	loss
0	0	0.0625	21
1	4	0.0625	12.587143898010254
2	8	0.0625	0.18376296333826758" seed2.log
nn-train --lr 0.05 --batch 2 --epochs 5 --seed 3 -m mlp:3 -o s3a.model line.tsv > s3a.log
nn-train --lr 0.05 --batch 2 --epochs 5 --seed 3 -m mlp:3 -o s3b.model line.tsv > s3b.log
nosec s3a.log > t.a; nosec s3b.log > t.b
body s3a.model > t.c; body s3b.model > t.d
cmp -s t.a t.b && cmp -s t.c t.d; t_check 'same seed, same log and same model'
nn-train --lr 0.05 --batch 2 --epochs 5 --seed 4 -m mlp:3 line.tsv > s4.log
nosec s4.log > t.b
! cmp -s t.a t.b; t_check 'another seed, another log'
nn-train --init zeros --no-shuffle --batch 1 --epochs 2 --seed 1 d.tsv > t.a
nn-train --init zeros --no-shuffle --batch 1 --epochs 2 --seed 2 d.tsv > t.b
nosec t.a > t.a2; nosec t.b > t.b2
cmp -s t.a2 t.b2; t_check '--no-shuffle --init zeros: the seed does not matter'
! cmp -s t.a2 seed1.log; t_check '--no-shuffle: not the shuffled order'
sim d.tsv 0 0 1 2 0.01 > t.want
log_numbers t.a > t.got
same_numbers t.want t.got; t_check '--no-shuffle: rows in file order'

# --log-every: a row every N steps, and one for the last step.
t_run '--log-every 3' 0 nn-train --seed 7 --no-shuffle --batch 1 --lr 0.01 --epochs 2 --log-every 3 five.tsv
nosec t.out | cut -f 1,2 | sed 1d | paste -s -d ' ' - > t.steps
t_same '--log-every 3: epochs and steps' "0${tab}0 1${tab}3 2${tab}6 2${tab}9 2${tab}10" t.steps
cp t.out every.log
nn-train --seed 7 --no-shuffle --batch 1 --lr 0.01 --epochs 2 --log-every 1 five.tsv > every1.log
# rows 3 and 6 of --log-every 3 are means of three rows of --log-every 1.
log_numbers every1.log | awk -F'\t' '
  NR == 1 { print; next }
  { l += $3; g += $4; k++ }
  $2 % 3 == 0 || $2 == 10 { printf "%d\t%d\t%.17g\t%.17g\n", $1, $2, l / k, g / k; l = g = k = 0 }' > t.want
log_numbers every.log > t.got
same_numbers t.want t.got; t_check '--log-every 3: the means of three steps (one at the end)'

# --log FILE and standard output hold the same log.
t_run '--log FILE' 0 nn-train --seed 7 --no-shuffle --batch 2 --lr 0.01 --epochs 4 --log five-file.log five.tsv
[ ! -s t.out ]; t_check '--log FILE: nothing on standard output'
nosec five-file.log > t.a; nosec five.log > t.b
cmp -s t.a t.b; t_check '--log FILE: the log of standard output'
t_run '--log -' 0 nn-train --seed 7 --no-shuffle --batch 2 --lr 0.01 --epochs 4 --log - five.tsv
nosec t.out > t.a
cmp -s t.a t.b; t_check '--log -: standard output'

# Progress on standard error, only when it is a terminal and not with -q.
t_run 'no progress when stderr is not a terminal' 0 nn-train --epochs 3 five.tsv
[ ! -s t.err ]; t_check 'no progress: stderr is empty'
# (script(1) now and then adds its own header or repeats its output: look
# for the reports, not at the exact bytes.)
if script -qec true /dev/null >/dev/null 2>&1; then
  script -qec 'nn-train --epochs 2 --log p.log five.tsv' /dev/null > t.tty
  tr '\r' '\n' < t.tty | grep '^nn-train: epoch [12]/2  loss ' | cut -c 1-19 | sort -u > t.n
  t_same 'progress on a terminal: a report per log row' 'nn-train: epoch 1/2
nn-train: epoch 2/2' t.n
  script -qec 'nn-train -q --epochs 2 --log p.log five.tsv' /dev/null > t.tty
  ! grep -q 'nn-train: epoch' t.tty; t_check '-q: no progress on a terminal'
else
  t_ok 'progress on a terminal # SKIP script(1) is not available'
  t_ok '-q: no progress on a terminal # SKIP script(1) is not available'
fi

# --valid: the loss (and accuracy) of the current model on another table.
t_run '--valid, regression' 0 nn-train --seed 2 --lr 0.01 --batch 2 --epochs 3 --valid five.tsv -o v.model d.tsv
sed -n 2p t.out > t.header
t_same '--valid, regression: the columns' "epoch	step	lr	loss	grad_norm	valid_loss	seconds" t.header
tail -n 1 t.out | cut -f 6 > t.vl
nn-predict -m v.model --eval five.tsv > t.eval
close_to "$(cat t.vl)" "$(quantity loss t.eval)" 1e-12; t_check '--valid: valid_loss is the final model'"'"'s loss on it'
t_run '--valid, classifier' 0 nn-train --loss xent -m mlp:4 --activation tanh --lr 0.5 --batch full --epochs 20 --valid xor.tsv -o vx.model xor.tsv
sed -n 2p t.out > t.header
t_same '--valid, classifier: the columns' "epoch	step	lr	loss	grad_norm	valid_loss	accuracy	valid_accuracy	seconds" t.header
sed -n 3p t.out | awk -F'\t' '{ exit !($4 == $6 && $7 == $8) }'
t_check '--valid on the training data: row 0 has loss = valid_loss, accuracy = valid_accuracy'
tail -n 1 t.out | cut -f 6,8 > t.v
nn-predict -m vx.model --eval xor.tsv > t.eval
close_to "$(cut -f 1 t.v)" "$(quantity loss t.eval)" 1e-12 &&
  [ "$(cut -f 2 t.v)" = "$(quantity accuracy t.eval)" ]
t_check '--valid, classifier: valid_loss and valid_accuracy are the final model'"'"'s'
# Row 0 is the initial model on all the training data.
nn-train --loss xent -m mlp:4 --activation tanh --epochs 0 -o x0.model xor.tsv > t.log
nn-predict -m x0.model --eval xor.tsv > t.eval
sed -n 3p t.log | cut -f 4,6 > t.row0
close_to "$(cut -f 1 t.row0)" "$(quantity loss t.eval)" 1e-15 &&
  [ "$(cut -f 2 t.row0)" = "$(quantity accuracy t.eval)" ]
t_check 'row 0: the initial model'"'"'s loss and accuracy on the training data'

# Full batch, a log row per step: row 1's loss is taken before its update,
# so it is row 0's.
nn-train --loss xent -m mlp:4 --activation sigmoid --batch full --log-every 1 --epochs 2 xor.tsv > t.log
sed -e '/^#/d' t.log | awk -F'\t' 'NR == 2 { l = $4; g = $5; a = $6 }
  NR == 3 { d = l - $4; e = g - $5; if (d < 0) d = -d; if (e < 0) e = -e
            exit !(d <= 1e-15 * l && e <= 1e-15 * g && a == $6) }'
t_check 'full batch: row 1 has the loss, gradient norm and accuracy of row 0'

# ---------------------------------------------------- initialisation
awk 'BEGIN { for (j = 1; j <= 50; j++) printf "x%d\t", j; print "y"
             for (j = 1; j <= 50; j++) printf "0\t"; print "0" }' > wide.tsv
# var W1: the variance of the 200 x 50 weights of the first layer.
var_w1() {
  awk -F'\t' '/^W1\[/ { s += $2; ss += $2 * $2; n++ } END { printf "%.6f\n", ss / n - (s / n)^2 }' "$1"
}
biases_zero() { awk -F'\t' '/^b[0-9]/ && $2 != 0 { bad = 1 } END { exit bad }' "$1"; }
for init in he xavier normal:0.5 zeros; do
  case $init in
    he) want=0.04 ;;          # 2 / fan_in = 2 / 50
    xavier) want=0.008 ;;     # 2 / (fan_in + fan_out) = 2 / 250
    normal:0.5) want=0.25 ;;  # sigma^2
    zeros) want=0 ;;
  esac
  t_run "--init $init" 0 nn-train -m mlp:200 --init $init --epochs 0 -o w.model wide.tsv
  v=$(var_w1 w.model)
  awk -v v="$v" -v w="$want" 'BEGIN { d = v - w; if (d < 0) d = -d; exit !(d <= 0.05 * w) }'
  t_check "--init $init: variance of W1 is $want within 5% ($v)"
  biases_zero w.model; t_check "--init $init: biases are zero"
done
nn-train -m mlp:200 --epochs 0 -o def.model wide.tsv > /dev/null
nn-train -m mlp:200 --init he --epochs 0 -o he.model wide.tsv > /dev/null
body def.model > t.a; body he.model > t.b
cmp -s t.a t.b; t_check 'the default --init for relu is he'
nn-train -m mlp:200 --activation tanh --epochs 0 -o def.model wide.tsv > /dev/null
nn-train -m mlp:200 --activation tanh --init xavier --epochs 0 -o xa.model wide.tsv > /dev/null
body def.model > t.a; body xa.model > t.b
cmp -s t.a t.b; t_check 'the default --init for tanh is xavier'
nn-train -m mlp:200 --seed 2 --epochs 0 -o he2.model wide.tsv > /dev/null
body he2.model > t.a; body he.model > t.b
! cmp -s t.a t.b; t_check '--init he: another seed, other weights'

# ------------------------------------------------------ --init-model
# Three epochs, then two more from the model file, are five epochs (in
# file order: the shuffling would start again from the seed).
nn-train --seed 5 -m mlp:3 --activation tanh --no-shuffle --batch 2 --lr 0.05 --epochs 5 -o five-epochs.model line.tsv > /dev/null
nn-train --seed 5 -m mlp:3 --activation tanh --no-shuffle --batch 2 --lr 0.05 --epochs 3 -o three.model line.tsv > /dev/null
t_run '--init-model continues training' 0 nn-train --init-model three.model --no-shuffle --batch 2 --lr 0.05 --epochs 2 -o two-more.model line.tsv
body five-epochs.model > t.a; body two-more.model > t.b
cmp -s t.a t.b; t_check '--init-model: 3 + 2 epochs give the model of 5'
nn-train --seed 5 -m mlp:3 --activation tanh --epochs 0 -o e0.model line.tsv > /dev/null
nn-train --init-model e0.model --no-shuffle --batch 2 --lr 0.05 --epochs 5 -o from0.model line.tsv > /dev/null
body from0.model > t.b
cmp -s t.a t.b; t_check '--epochs 0 writes the initial model: training from it gives the same'
t_run '--init-model: options that agree with the file' 0 nn-train --init-model three.model --activation tanh --loss mse --epochs 0 line.tsv

# ---------------------------------------------------- --standardize
printf 'a\tc\ty\n1\t5\t3\n2\t5\t5\n4\t5\t9\n7\t5\t15\n' > std.tsv
t_run '--standardize' 0 nn-train --standardize --batch full --lr 0.1 --epochs 400 -o std.model std.tsv
# mean and population standard deviation of a: 3.5 and sqrt(5.25).
awk -F'\t' '$1 == "shift" || $1 == "scale"' std.model > t.ss
awk 'BEGIN { printf "shift\t3.5\t5\nscale\t%.17g\t1\n", sqrt(5.25) }' > t.want
paste t.want t.ss | awk -F'\t' '{ for (j = 2; j <= 3; j++) { d = $j - $(j + 3); if (d < 0) d = -d; if (d > 1e-15 * $j) bad = 1 } }
  END { exit bad || NR != 2 }'
t_check '--standardize: shift and scale are the mean and population sd; a constant column has scale 1'
wa=$(param 'W1[1,1]' std.model) b=$(param 'b1[1]' std.model)
awk -v w="$wa" -v b="$b" 'BEGIN { s = sqrt(5.25); w1 = w / s; b1 = b - w * 3.5 / s
  exit !(w1 - 2 < 1e-6 && 2 - w1 < 1e-6 && b1 - 1 < 1e-6 && 1 - b1 < 1e-6) }'
t_check '--standardize: in raw units the model is y = 2a + 1'
nn-predict -m std.model std.tsv | sed 1d | awk -F'\t' -v w="$wa" -v w2="$(param 'W1[1,2]' std.model)" -v b="$b" '
  { p = w * ($1 - 3.5) / sqrt(5.25) + w2 * ($2 - 5) / 1 + b; d = p - $4; if (d < 0) d = -d
    if (d > 1e-12) bad = 1 } END { exit bad || NR != 4 }'
t_check '--standardize: nn-predict applies the scaling to raw inputs'
nn-train --epochs 0 -o nostd.model std.tsv > /dev/null
! grep -q '^shift' nostd.model && ! grep -q '^scale' nostd.model
t_check 'without --standardize: no shift and scale'

# -------------------------------------------------- the model file
t_run '--no-bias' 0 nn-train -m mlp:2 --no-bias --epochs 0 -o nb.model std.tsv
awk -F'\t' '!/^#/ { print $1 }' nb.model | paste -s -d ' ' - > t.keys
t_same '--no-bias: the keys, and no biases' 'nnkit-model inputs target loss layers activation bias W1[1,1] W1[1,2] W1[2,1] W1[2,2] W2[1,1] W2[1,2]' t.keys
grep "^bias$tab" nb.model > t.b
t_same '--no-bias: bias no' "bias${tab}no" t.b

printf 'x1,x2,label\n0,0,10\n0,1,2\n1,0,2\n1,1,10\n2,2,"a, ""b"""\n' > labels.csv
t_run 'classes: any strings' 0 nn-train --loss xent -m mlp:3,2 --standardize --epochs 0 -o lab.model labels.csv
body lab.model | sed -n '2,6p' > t.head
t_same 'classes: the header of the model' 'inputs	x1	x2
target	label
loss	xent
classes	10	2	a, "b"
layers	2	3	2	3' t.head
printf 'x,y\n0,10\n1,2\n2,9\n' > numclass.csv
nn-train --loss softmax-mse --epochs 0 -o num.model numclass.csv > /dev/null
grep '^classes' num.model > t.c
t_same 'classes: numbers sort as numbers' "classes${tab}2${tab}9${tab}10" t.c
grep '^activation' num.model > t.c
t_same 'a linear model has no hidden activation' "activation${tab}linear" t.c
# Exact round trip: read and written again, a model is the same file.
nn-train --loss xent -m mlp:3,2 --standardize --epochs 3 -o lab3.model labels.csv > /dev/null
t_run 'round trip' 0 nn-train --init-model lab3.model --epochs 0 -o lab3b.model labels.csv
body lab3.model > t.a; body lab3b.model > t.b
cmp -s t.a t.b; t_check 'round trip: the same model, byte for byte'

# ------------------------------------------------ columns and input
printf 'y,x,z\n1,0,9\n3,1,9\n5,2,9\n' > cols.csv
nn-train -y y -x x --init zeros --epochs 0 -o c1.model cols.csv > /dev/null
nn-train -y 1 -x 2 --init zeros --epochs 0 -o c2.model cols.csv > /dev/null
sed -n '/^inputs/p;/^target/p' c1.model > t.a
t_same '--target and --features by name' "inputs${tab}x
target${tab}y" t.a
body c1.model > t.a; body c2.model > t.b
cmp -s t.a t.b; t_check '--target and --features by index'
nn-train --init zeros --epochs 0 -o c3.model cols.csv > /dev/null
sed -n '/^inputs/p;/^target/p' c3.model > t.a
t_same 'the default target is the last column, the features the others' "inputs${tab}y${tab}x
target${tab}z" t.a
T_STDIN=d.tsv t_run 'standard input' 0 nn-train --init zeros --lr 0.0625 --batch 2 --no-shuffle --epochs 3
nosec t.out > t.a; nosec d.log > t.b
cmp -s t.a t.b; t_check 'standard input: the same log as from a file'
printf 'a\tb,c\n1,2\n3,4\n' > tabname.csv
t_run '--csv' 0 nn-train --csv --epochs 0 -o csv.model tabname.csv
sed -n '/^inputs/p;/^target/p' csv.model > t.a
t_same '--csv: the tab is part of a name, the comma separates' "inputs	\"a${tab}b\"
target${tab}c" t.a

# ------------------------------------------ whole or nothing; divergence
printf 'keep me\n' > keep.model
t_error 'divergence: infinite loss' 1 "nn-train: epoch 2, step 2: the loss is infinite; the run diverged: try a smaller --lr (now 1e+200)" \
  nn-train --init zeros --lr 1e200 --batch full --epochs 5 --log div.log -o keep.model d.tsv
t_same 'divergence: the old model is intact' 'keep me' keep.model
ls keep.model.* >/dev/null 2>&1; [ $? -ne 0 ]; t_check 'divergence: no temporary file left'
nosec div.log > t.log
t_same 'divergence: the log up to the last row before it' 'epoch	step	lr	loss	grad_norm
0	0	1e+200	21	18.788294228055936
1	1	1e+200	21	18.788294228055936' t.log
t_run 'divergence: the log on standard output' 1 nn-train --init zeros --lr 1e200 --batch full --epochs 5 -o new.model d.tsv
nosec t.out > t.a; nosec div.log > t.b
cmp -s t.a t.b; t_check 'divergence: standard output holds the same log'
[ ! -e new.model ]; t_check 'divergence: no model written'
t_error 'divergence: not a number' 1 "nn-train: epoch 2, step 2: the loss is nan; the run diverged: try a smaller --lr (now 1e+300)" \
  nn-train --loss xent -m mlp:4 --lr 1e300 --batch full --epochs 5 --log /dev/null xor.tsv
printf 'x\ty\n1\t2\n1\tz\n' > bad.tsv
t_error 'bad data with -o' 1 "nn-train: bad.tsv:3: column 'y': 'z' is not a number" \
  nn-train -o keep.model bad.tsv
t_same 'bad data: the old model is intact' 'keep me' keep.model
ls keep.model.* >/dev/null 2>&1; [ $? -ne 0 ]; t_check 'bad data: no temporary file left'
t_run '-o replaces the model when the run succeeds' 0 nn-train --epochs 0 -o keep.model d.tsv
head -n 2 keep.model | tail -n 1 > t.a
t_same '-o: the new model' "nnkit-model${tab}1" t.a
if [ -w /dev/full ]; then
  t_error 'full disk' 1 'nn-train: write error: No space left on device' \
    sh -c 'nn-train --epochs 1 d.tsv > /dev/full'
fi

# ------------------------------------------------------ --gradcheck
# Every activation and loss, on a network with two hidden layers whose
# weights and biases are written by hand (awk): no bias is zero, so no
# ReLU unit sits exactly on its kink (with zero biases, a row whose first
# layer is all zero puts the second layer at 0, where a finite difference
# straddles the kink: see nn-train(1), --gradcheck).
cat > gc.tsv <<'EOF'
x1	x2	c	v
0.173	-0.5	q	1.173
-0.164	-0.062	p	-0.04
-0.38	-0.66	p	0.941
0.177	0.779	p	-1.382
0.841	-0.488	q	1.818
-0.942	-0.029	p	-0.884
-0.597	0.302	r	-1.202
0.94	0.742	p	-0.545
-0.93	-0.436	p	-0.058
-0.868	-0.062	p	-0.744
-0.601	-0.217	p	-0.167
-0.832	0.175	r	-1.182
EOF
# gc_model ACT LOSS [no]: a 2-5-4-K network (K = 1 for mse, else 3).
gc_model() {
  awk -v act="$1" -v loss="$2" -v nobias="${3-}" 'BEGIN {
    K = loss == "mse" ? 1 : 3
    print "nnkit-model\t1"
    print "inputs\tx1\tx2"
    print "target\t" (K == 1 ? "v" : "c")
    print "loss\t" loss
    if (K > 1) print "classes\tp\tq\tr"
    w[0] = 2; w[1] = 5; w[2] = 4; w[3] = K
    print "layers\t2\t5\t4\t" K
    print "activation\t" act
    print "bias\t" (nobias ? "no" : "yes")
    for (l = 1; l <= 3; l++) {
      for (i = 1; i <= w[l]; i++)
        for (j = 1; j <= w[l - 1]; j++)
          printf "W%d[%d,%d]\t%.17g\n", l, i, j, sin(1.7 * ++k + 0.3)
      if (!nobias)
        for (i = 1; i <= w[l]; i++)
          printf "b%d[%d]\t%.17g\n", l, i, 0.2 + 0.5 * cos(2.3 * ++k)
    }
  }'
}
for act in relu sigmoid tanh linear; do
  for loss in mse xent softmax-mse; do
    gc_model $act $loss > gc.model
    nn-train --init-model gc.model --gradcheck gc.tsv > t.gc
    e=$(quantity worst_relative_error t.gc)
    below "$e" 1e-6; t_check "--gradcheck $act, $loss: worst relative error $e < 1e-6"
  done
done
gc_model tanh xent no > gc.model
nn-train --init-model gc.model --gradcheck gc.tsv > t.gc
e=$(quantity worst_relative_error t.gc)
below "$e" 1e-6; t_check "--gradcheck without biases: $e < 1e-6"
t_run '--gradcheck, linear model, standardized' 0 nn-train --gradcheck --standardize -y v -x x1,x2 gc.tsv
cut -f 1 t.out | paste -s -d ' ' - > t.a
t_same '--gradcheck: the rows of the table' 'quantity params worst_relative_error worst_parameter' t.a
[ "$(quantity params t.out)" = 3 ] && quantity worst_parameter t.out | grep -Eqx 'W1\[1,[12]\]|b1\[1\]'
t_check '--gradcheck: 3 parameters, the worst one named'
below "$(quantity worst_relative_error t.out)" 1e-6; t_check '--gradcheck, linear model: below 1e-6'
t_run '--gradcheck at the saddle' 0 nn-train --init-model two.model --gradcheck one.tsv
t_stdout 'quantity	value
params	2
worst_relative_error	0
worst_parameter	W1[1,1]'

# ------------------------------------------------------------ learning
t_run 'XOR' 0 nn-train --loss xent -m mlp:8 --activation tanh --lr 0.5 --batch full --epochs 500 -o xor.model xor.tsv
nn-predict -m xor.model --eval xor.tsv > t.eval
a=$(quantity accuracy t.eval)
awk -v a="$a" 'BEGIN { exit !(a >= 0.99) }'; t_check "XOR: training accuracy $a >= 0.99"
nn-train --loss softmax-mse -m mlp:8 --activation tanh --lr 1 --batch full --epochs 1000 -o xorm.model xor.tsv > /dev/null
nn-predict -m xorm.model --eval xor.tsv > t.eval
a=$(quantity accuracy t.eval)
awk -v a="$a" 'BEGIN { exit !(a >= 0.99) }'; t_check "XOR with softmax-mse: training accuracy $a >= 0.99"
# Two interleaved spirals, 1.5 turns each, 100 points per arm.
awk 'BEGIN { print "x1\tx2\tarm"
  for (i = 0; i < 100; i++) {
    t = i / 100 * 3 * 3.141592653589793; r = 0.5 + t
    printf "%.6f\t%.6f\tA\n", r * cos(t), r * sin(t)
    printf "%.6f\t%.6f\tB\n", -r * cos(t), -r * sin(t)
  } }' > spirals.tsv
t_run 'two spirals' 0 nn-train --loss xent -m mlp:32,32 --standardize --lr 0.05 --batch 16 --epochs 300 -o spirals.model spirals.tsv
nn-predict -m spirals.model --eval spirals.tsv > t.eval
a=$(quantity accuracy t.eval)
awk -v a="$a" 'BEGIN { exit !(a >= 0.99) }'; t_check "two spirals: training accuracy $a >= 0.99"
tail -n 1 t.out | cut -f 6 > t.acc
awk -v a="$(cat t.acc)" 'BEGIN { exit !(a >= 0.99) }'; t_check "two spirals: the log's last accuracy $(cat t.acc) >= 0.99"

try="Try 'nn-train --help' for more information."

# ============================================== issue 7: optimizers, schedules,
# regularisation, built-in functions, bfgs, lstsq, traces (nn-train(1)).

# rel_close A B TOL: |A - B| <= TOL max(|A|, |B|).
rel_close() {
  awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; if (d < 0) d = -d
    s = a < 0 ? -a : a; t = b < 0 ? -b : b; if (t > s) s = t; exit !(d <= tol * s) }'
}
# same_trace A B TOL: two traces (comment lines dropped, headers equal),
# every number within TOL relative to max(|a|, |b|, 1e-3).
same_trace() {
  sed '/^#/d' "$1" > t.sa; sed '/^#/d' "$2" > t.sb
  [ "$(head -n 1 t.sa)" = "$(head -n 1 t.sb)" ] &&
  [ "$(wc -l < t.sa)" -eq "$(wc -l < t.sb)" ] && [ "$(wc -l < t.sa)" -gt 1 ] &&
  sed 1d t.sa > t.sa2 && sed 1d t.sb > t.sb2 &&
  paste t.sa2 t.sb2 | awk -F'\t' -v tol="$3" '{
    h = NF / 2
    for (j = 1; j <= h; j++) {
      a = $j; b = $(j + h); d = a - b; if (d < 0) d = -d
      s = a < 0 ? -a : a; u = b < 0 ? -b : b; if (u > s) s = u; if (s < 1e-3) s = 1e-3
      if (d > tol * s || a != a || b != b) { print "# differs, line " NR ": " a " " b; bad = 1 }
    }
  } END { exit bad }'
}

# ---------------------------------------------------------- optimizers
# Every update rule of nn-train(1), OPTIMIZERS, replayed in awk on the
# function valley:1:10 (gradient (2x, 20y)) from (1, -2), and compared
# with nn-train's trace to 1e-12.  The awk writes the rules as the page
# does (bias-corrected moments M and V, sigma of adagrad-rms, ...), not as
# lib/optim.c computes them.
cat > sim.awk <<'EOF'
function fx() { return A * th[1] ^ 2 + B * th[2] ^ 2 }
BEGIN {
  th[1] = x0; th[2] = y0
  if (mom == "") mom = 0.9
  if (b1 == "") b1 = 0.9
  if (b2 == "") b2 = 0.999
  if (alpha == "") alpha = 0.99
  if (eps == "") eps = opt ~ /^adagrad/ ? 1e-10 : 1e-8
  if (wd == "") wd = opt == "adamw" ? 0.01 : 0
  print "step\tloss\tx\ty"
  printf "0\t%.17g\t%.17g\t%.17g\n", fx(), th[1], th[2]
  for (t = 1; t <= steps; t++) {
    eta = gamma == "" ? lr : lr * gamma ^ (t - 1)     # --schedule exp:GAMMA
    g[1] = 2 * A * th[1]; g[2] = 2 * B * th[2]
    for (i = 1; i <= 2; i++) {
      gi = g[i] + (opt == "adamw" ? 0 : wd * th[i])
      if (opt == "sgd") th[i] -= eta * gi
      else if (opt == "momentum") { m[i] = mom * m[i] - eta * gi; th[i] += m[i] }
      else if (opt == "torch-momentum") { b[i] = mom * b[i] + gi; th[i] -= eta * b[i] }
      else if (opt == "nesterov") { b[i] = mom * b[i] + gi; th[i] -= eta * (gi + mom * b[i]) }
      else if (opt == "adagrad") { s[i] += gi * gi; th[i] -= eta * gi / (sqrt(s[i]) + eps) }
      else if (opt == "adagrad-rms") {
        s[i] += gi * gi; sigma = (sqrt(s[i]) + eps) / sqrt(t); th[i] -= eta * gi / sigma
      } else if (opt == "rmsprop") {
        v[i] = alpha * v[i] + (1 - alpha) * gi * gi
        if (centered) {
          a[i] = alpha * a[i] + (1 - alpha) * gi
          th[i] -= eta * gi / (sqrt(v[i] - a[i] ^ 2) + eps)
        } else th[i] -= eta * gi / (sqrt(v[i]) + eps)
      } else {  # adam, adamw, amsgrad, radam
        if (opt == "adamw") th[i] -= eta * wd * th[i]
        m[i] = b1 * m[i] + (1 - b1) * gi
        v[i] = b2 * v[i] + (1 - b2) * gi * gi
        M = m[i] / (1 - b1 ^ t)
        if (opt == "amsgrad") { if (v[i] > vmax[i]) vmax[i] = v[i]; V = vmax[i] / (1 - b2 ^ t) }
        else V = v[i] / (1 - b2 ^ t)
        if (opt != "radam") th[i] -= eta * M / (sqrt(V) + eps)
        else {
          rinf = 2 / (1 - b2) - 1; rt = rinf - 2 * t * b2 ^ t / (1 - b2 ^ t)
          if (rt > 5) {
            l = sqrt(1 - b2 ^ t) / (sqrt(v[i]) + eps)
            r = sqrt((rt - 4) * (rt - 2) * rinf / ((rinf - 4) * (rinf - 2) * rt))
            th[i] -= eta * M * r * l
          } else th[i] -= eta * M
        }
      }
    }
    printf "%d\t%.17g\t%.17g\t%.17g\n", t, fx(), th[1], th[2]
  }
}
EOF
# replay NAME 'AWK VARIABLES' NN-TRAIN OPTIONS...: 40 steps at lr 0.01.
replay() {
  r_name=$1 r_vars=$2
  shift 2
  nn-train --function valley:1:10 --at 1,-2 --lr 0.01 --epochs 40 --trace r.trace "$@" > /dev/null 2> t.err
  # shellcheck disable=SC2086
  awk -v A=1 -v B=10 -v x0=1 -v y0=-2 -v lr=0.01 -v steps=40 $r_vars -f sim.awk > r.want
  same_trace r.want r.trace 1e-12; t_check "$r_name: 40 steps as the rule of nn-train(1), to 1e-12"
}
replay 'sgd' '-v opt=sgd'
replay 'sgd --weight-decay 0.5' '-v opt=sgd -v wd=0.5' --weight-decay 0.5
replay 'momentum (the notes: m <- lambda m - eta g)' '-v opt=momentum' --optimizer momentum
replay 'momentum is PyTorch SGD(momentum=0.9) at a constant rate' '-v opt=torch-momentum' --optimizer momentum
replay 'momentum --momentum 0.5 --weight-decay 0.1' '-v opt=momentum -v mom=0.5 -v wd=0.1' --optimizer momentum --momentum 0.5 --weight-decay 0.1
replay 'momentum with --schedule exp:0.9: the movement form' '-v opt=momentum -v gamma=0.9' --optimizer momentum --schedule exp:0.9
awk -v A=1 -v B=10 -v x0=1 -v y0=-2 -v lr=0.01 -v steps=40 -v opt=torch-momentum -v gamma=0.9 -f sim.awk > r.torch
! same_trace r.torch r.trace 1e-6 > /dev/null; t_check 'momentum with a changing rate: not the PyTorch form'
replay 'nesterov' '-v opt=nesterov' --optimizer nesterov
replay 'nesterov --momentum 0.8' '-v opt=nesterov -v mom=0.8' --optimizer nesterov --momentum 0.8
replay 'adagrad' '-v opt=adagrad' --optimizer adagrad
replay 'adagrad --eps 0.001' '-v opt=adagrad -v eps=0.001' --optimizer adagrad --eps 0.001
replay 'adagrad-rms' '-v opt=adagrad-rms' --optimizer adagrad-rms
replay 'adagrad-rms --eps 0.5 --weight-decay 0.2' '-v opt=adagrad-rms -v eps=0.5 -v wd=0.2' --optimizer adagrad-rms --eps 0.5 --weight-decay 0.2
replay 'rmsprop' '-v opt=rmsprop' --optimizer rmsprop
replay 'rmsprop --alpha 0.9 --eps 1e-4' '-v opt=rmsprop -v alpha=0.9 -v eps=1e-4' --optimizer rmsprop --alpha 0.9 --eps 1e-4
replay 'rmsprop --centered' '-v opt=rmsprop -v centered=1' --optimizer rmsprop --centered
replay 'adam' '-v opt=adam' --optimizer adam
replay 'adam --beta1 0.8 --beta2 0.9 --weight-decay 0.1' '-v opt=adam -v b1=0.8 -v b2=0.9 -v wd=0.1' --optimizer adam --beta1 0.8 --beta2 0.9 --weight-decay 0.1
replay 'adamw (default weight decay 0.01)' '-v opt=adamw' --optimizer adamw
replay 'adamw --weight-decay 0.5' '-v opt=adamw -v wd=0.5' --optimizer adamw --weight-decay 0.5
replay 'amsgrad --beta2 0.9' '-v opt=amsgrad -v b2=0.9' --optimizer amsgrad --beta2 0.9
cp r.trace ams.trace
nn-train --function valley:1:10 --at 1,-2 --lr 0.01 --epochs 40 --optimizer adam --beta2 0.9 --trace adam.trace > /dev/null
! same_trace adam.trace ams.trace 1e-6 > /dev/null; t_check 'amsgrad --beta2 0.9: not the path of adam (the maximum matters)'
replay 'radam' '-v opt=radam' --optimizer radam
replay 'radam --beta2 0.9 (rectified from step 6)' '-v opt=radam -v b2=0.9' --optimizer radam --beta2 0.9
replay 'adam --schedule exp:0.95' '-v opt=adam -v gamma=0.95' --optimizer adam --schedule exp:0.95

# adagrad-rms at the rate eta/sqrt(t) is adagrad at eta (nn-train(1)).
nn-train --function valley --at 1,1 --optimizer adagrad --lr 0.1 --epochs 200 --trace ag.trace > /dev/null
nn-train --function valley --at 1,1 --optimizer adagrad-rms --schedule invsqrt --lr 0.1 --epochs 200 --trace agr.trace > /dev/null
same_trace ag.trace agr.trace 1e-12; t_check 'adagrad-rms with --schedule invsqrt is adagrad'
nn-train --function valley --at 1,1 --optimizer adagrad-rms --lr 0.1 --epochs 200 --trace agc.trace > /dev/null
! same_trace ag.trace agc.trace 1e-6 > /dev/null; t_check 'adagrad-rms at a constant rate is not adagrad'

# The notes' momentum example (NOTES.md 3): x^4 - 3x^2 + x from x = 2.
t_run 'quartic, gradient descent' 0 nn-train --function quartic --at 2 --lr 0.01 --epochs 2000 --trace gd.trace
x=$(tail -n 1 gd.trace | cut -f 3)
close_to "$x" 1.1309 1e-4; t_check "quartic: gradient descent stops at the local minimum 1.1309 (x = $x)"
t_run 'quartic, momentum 0.9' 0 nn-train --function quartic --at 2 --lr 0.01 --epochs 2000 --optimizer momentum --trace mom.trace
x=$(tail -n 1 mom.trace | cut -f 3)
close_to "$x" -1.3008 1e-4; t_check "quartic: momentum reaches the global minimum -1.3008 (x = $x)"
# both are minima: 4x^3 - 6x + 1 = 0 there, and the second derivative > 0
for f in gd.trace mom.trace; do
  tail -n 1 $f | awk '{ x = $3; d = 4 * x ^ 3 - 6 * x + 1; if (d < 0) d = -d; exit !(d < 1e-9 && 12 * x * x - 6 > 0) }'
  t_check "quartic: $f ends where the derivative is 0 and the curvature positive"
done
tail -n 1 mom.trace | awk '{ x = $3; exit !($2 == x ^ 4 - 3 * x ^ 2 + x || ($2 - (x ^ 4 - 3 * x ^ 2 + x)) ^ 2 < 1e-28) }'
t_check 'quartic: the trace loss is f at the trace point'

# --------------------------------------------------- built-in functions
t_run '--function quartic: the log' 0 nn-train --function quartic --at 2 --lr 0.01 --epochs 2
sed -n 2p t.out > t.a
t_same '--function: the formula after the command' '# f = x^4 - 3 x^2 + x' t.a
nosec t.out > t.a
t_same '--function: the log, row 1 repeats row 0' "step	lr	loss	grad_norm
0	0.01	6	21
1	0.01	6	21
2	0.01	2.44395681	13.201356" t.a
t_run '--function --log-every 3' 0 nn-train --function quartic --at 2 --lr 0.01 --epochs 10 --log-every 3
nosec t.out | sed 1d | cut -f 1 | paste -s -d ' ' - > t.a
t_same '--function --log-every 3: steps 0 3 6 9 10' '0 3 6 9 10' t.a
nn-train --function quartic --at 2 --lr 0.01 --epochs 10 > t.all
nosec t.all | awk -F'\t' 'NR == 1 || $1 == 0 || $1 == 3 || $1 == 6 || $1 == 9 || $1 == 10' > t.b
nosec t.out > t.a
cmp -s t.a t.b; t_check '--function --log-every 3: each row is its own step'
for spec in 'w1w2|(1 - w1 w2)^2|0.5,0.5|w1	w2' 'saddle|x^2 - y^2|1,0.1|x	y' \
    'monkey|x^3 - 3 x y^2|0.1,0.2|x	y' 'rosenbrock|(1 - x)^2 + 100 (y - x^2)^2|-1.2,1|x	y' \
    'valley|x^2 + 100 y^2|1,1|x	y' 'valley:2:0.5|2 x^2 + 0.5 y^2|1,1|x	y' \
    'valley:-1:3|-x^2 + 3 y^2|1,1|x	y' \
    'walls|sqrt(1 + (10 x)^2) - 1 + y^2/2|1,1|x	y' 'walls:1|sqrt(1 + x^2) - 1 + y^2/2|1,1|x	y'; do
  name=${spec%%|*} rest=${spec#*|}
  formula=${rest%%|*} rest=${rest#*|}
  at=${rest%%|*} names=${rest#*|}
  nn-train --function "$name" --at "$at" --epochs 3 --trace f.trace > t.out 2> t.err
  sed -n 2p t.out > t.a
  t_same "--function $name: the formula" "# f = $formula" t.a
  sed -n 2p f.trace > t.a
  t_same "--function $name: the trace header" "step	loss	$names" t.a
done
printf 'w1w2 0.5,0.5 0.5625\nsaddle 3,2 5\nmonkey 2,1 2\nrosenbrock 0,0 1\nquartic 1 -1\nvalley:2:3 1,-1 5\nwalls:1 0,2 2\n' > t.values
while read -r name at want; do
  nn-train --function "$name" --at "$at" --epochs 0 > t.f; nosec t.f | sed -n 2p | cut -f 3 > t.a
  t_same "--function $name at $at: f = $want" "$want" t.a
done < t.values
# walls:3 at x = 1/4: sqrt(1 + (3/4)^2) - 1 = 1/4
nn-train --function walls:3 --at 0.25,0 --epochs 0 > t.f; nosec t.f | sed -n 2p | cut -f 3 > t.a
close_to "$(cat t.a)" 0.25 1e-15; t_check '--function walls:3 at (1/4, 0): f = 1/4'
# Every optimizer on every function with a minimum ends finite.
for fn in 'w1w2 0.5,1.5' 'rosenbrock -1.2,1' 'quartic 2' 'valley 1,1' 'walls 1,1'; do
  for o in sgd momentum nesterov adagrad adagrad-rms rmsprop adam adamw amsgrad radam bfgs; do
    set -- $fn
    nn-train --function "$1" --at "$2" --optimizer $o --lr 0.001 --epochs 200 -q > t.out 2> t.err
    s=$?
    tail -n 1 t.out | awk -F'\t' '{ for (j = 1; j <= NF; j++) if ($j + 0 != $j + 0 || $j ~ /inf|nan/) exit 1 }'
    [ $s -eq 0 ] && [ ! -s t.err ]; t_check "--function $1 --optimizer $o: exit 0, a finite last row"
  done
done
t_run '--function saddle escapes the saddle along y' 0 nn-train --function saddle --at 1,0.001 --lr 0.1 --epochs 50 --trace s.trace
tail -n 1 s.trace | awk '{ exit !($3 < 1e-4 && ($4 > 1 || $4 < -1) && $2 < 0) }'
t_check '--function saddle: x goes to 0, |y| grows, the loss is negative'
t_error '--function diverges' 1 'nn-train: step 5: the loss is infinite; the run diverged: try a smaller --lr (now 1)' \
  nn-train --function quartic --at 10 --lr 1 --log div.log --trace div.trace
sed '/^#/d' div.log | wc -l | tr -d ' ' > t.a
t_same '--function diverges: the log has the header and rows 0 to 4' 6 t.a
sed '/^#/d' div.trace | wc -l | tr -d ' ' > t.a
t_same '--function diverges: the trace has the header and rows 0 to 4' 6 t.a

# -------------------------------------------------------------- schedules
# --print-schedule against the formulas of nn-train(1), SCHEDULES, in awk.
# sched_check NAME 'AWK EXPRESSION OF t AND lr' STEPS NN-TRAIN OPTIONS...
sched_check() {
  s_name=$1 s_expr=$2 s_steps=$3
  shift 3
  nn-train --print-schedule "$s_steps" "$@" > t.sch 2> t.err
  s=$?
  awk -v N="$s_steps" 'BEGIN { pi = atan2(0, -1); print "step\tlr"; for (t = 1; t <= N; t++) printf "%d\t%.17g\n", t, '"$s_expr"' }' > t.swant
  [ $s -eq 0 ] && same_numbers t.swant t.sch; t_check "--print-schedule $s_name: the formula to 1e-12"
}
sched_check 'constant (default)' '0.01' 5
sched_check 'constant --lr 0.3' '0.3' 5 --lr 0.3 --schedule constant
sched_check 'step:3:0.5' '0.1 * 0.5 ^ int((t - 1) / 3)' 12 --lr 0.1 --schedule step:3:0.5
sched_check 'exp:0.9' '0.1 * 0.9 ^ (t - 1)' 30 --lr 0.1 --schedule exp:0.9
sched_check 'invsqrt' '0.1 / sqrt(t)' 30 --lr 0.1 --schedule invsqrt
sched_check 'cosine:10' '0.1 * (1 + cos(pi * (t - 1 < 10 ? t - 1 : 10) / 10)) / 2' 15 --lr 0.1 --schedule cosine:10
sched_check 'cosine:10:0.001' '0.001 + (0.1 - 0.001) * (1 + cos(pi * (t - 1 < 10 ? t - 1 : 10) / 10)) / 2' 15 --lr 0.1 --schedule cosine:10:0.001
sched_check 'noam:512:4000' '1 / sqrt(512) * (1 / sqrt(t) < t * 4000 ^ -1.5 ? 1 / sqrt(t) : t * 4000 ^ -1.5)' 10000 --lr 1 --schedule noam:512:4000
# the peak: step 4000, 1/sqrt(512 * 4000) = 6.99e-4
awk -F'\t' 'NR > 1 && $2 > max { max = $2; at = $1 } END { printf "%d %.3g\n", at, max }' t.sch > t.a
t_same 'noam:512:4000 peaks at step 4000 at 6.99e-4' '4000 0.000699' t.a
sched_check 'noam:64:10 --lr 2' '2 / 8 * (1 / sqrt(t) < t * 10 ^ -1.5 ? 1 / sqrt(t) : t * 10 ^ -1.5)' 40 --lr 2 --schedule noam:64:10
sched_check '--warmup 4' '0.1 * (t <= 4 ? t / 4 : 1)' 8 --lr 0.1 --warmup 4
sched_check '--warmup 3 --schedule exp:0.5' '(t <= 3 ? 0.1 * t / 3 : 0.1 * 0.5 ^ (t - 3 - 1))' 8 --lr 0.1 --warmup 3 --schedule exp:0.5
sched_check '--warmup 2 --schedule cosine:4' '(t <= 2 ? 0.1 * t / 2 : 0.1 * (1 + cos(pi * (t - 3 < 4 ? t - 3 : 4) / 4)) / 2)' 9 --lr 0.1 --warmup 2 --schedule cosine:4
sched_check '--warmup 5 --schedule step:2:0.1' '(t <= 5 ? 0.2 * t / 5 : 0.2 * 0.1 ^ int((t - 6) / 2))' 12 --lr 0.2 --warmup 5 --schedule step:2:0.1
sched_check '--warmup 0' '0.1 / sqrt(t)' 5 --lr 0.1 --warmup 0 --schedule invsqrt
t_run '--print-schedule 3' 0 nn-train --print-schedule 3 --lr 0.5
t_stdout 'step	lr
1	0.5
2	0.5
3	0.5'
# The log's lr column: the rate of the last step of each row.
t_run 'a schedule in the log' 0 nn-train --init zeros --lr 0.1 --schedule exp:0.5 --batch 2 --no-shuffle --epochs 3 d.tsv
nosec t.out | cut -f 1-3 > t.a
t_same 'a schedule in the log: row 0 step 1, then each epoch its last step' "epoch	step	lr
0	0	0.1
1	2	0.05
2	4	0.0125
3	6	0.003125" t.a
# A schedule steps the training itself: sgd with exp:0.5 and full batches
# on d.tsv, simulated.
nn-train --init zeros --lr 0.0625 --schedule step:1:0.5 --batch full --epochs 3 --trace sch.trace d.tsv > /dev/null
awk -F'\t' 'BEGIN { n = 0 } NR > 1 { x[n] = $1; y[n] = $2; n++ } END {
  w = 0; b = 0; print "step\tloss\tW1[1,1]\tb1[1]"; printf "0\t21\t0\t0\n"
  for (t = 1; t <= 3; t++) {
    gw = 0; gb = 0
    for (i = 0; i < n; i++) { r = w * x[i] + b - y[i]; gw += 2 * r * x[i] / n; gb += 2 * r / n }
    eta = 0.0625 * 0.5 ^ (t - 1); w -= eta * gw; b -= eta * gb
    L = 0; for (i = 0; i < n; i++) L += (w * x[i] + b - y[i]) ^ 2
    printf "%d\t%.17g\t%.17g\t%.17g\n", t, L / n, w, b
  } }' d.tsv > t.want
same_trace t.want sch.trace 1e-15; t_check 'a schedule: the steps of gradient descent at the scheduled rates'

# ------------------------------------------------------------------ trace
t_run '--trace' 0 nn-train --init zeros --lr 0.0625 --batch 2 --no-shuffle --epochs 3 --trace d.trace d.tsv
head -n 1 d.trace > t.a
t_same '--trace: the command comment' "# nn-train (nnkit) $version: --init zeros --lr 0.0625 --batch 2 --no-shuffle --epochs 3 --trace d.trace d.tsv" t.a
sed -n 2p d.trace > t.a
t_same '--trace: the header' "step	loss	W1[1,1]	b1[1]" t.a
sed '1,2d' d.trace | cut -f 1 | paste -s -d ' ' - > t.a
t_same '--trace: a row per update, from 0' '0 1 2 3 4 5 6' t.a
# the loss column is the loss after the step over all the rows: recompute
# it from the parameters of the same row
sed '1,2d' d.trace | awk -F'\t' 'BEGIN { x[0] = 0; x[1] = 1; x[2] = 2; x[3] = 3 }
  { L = 0; for (i = 0; i < 4; i++) L += ($3 * x[i] + $4 - (2 * x[i] + 1)) ^ 2
    if (L / 4 != $2) { print "# row " $1 ": " L / 4 " != " $2; bad = 1 } } END { exit bad }'
t_check '--trace: the loss is the mean loss over all rows at the parameters of the row'
# the parameters: the awk simulation of batches of 2 in file order
awk -F'\t' 'BEGIN { n = 0 } NR > 1 { x[n] = $1; y[n] = $2; n++ } END {
  w = 0; b = 0; printf "0\t0\t0\n"
  for (e = 1; e <= 3; e++) for (s = 0; s < n; s += 2) {
    gw = 0; gb = 0
    for (i = s; i < s + 2; i++) { r = w * x[i] + b - y[i]; gw += r * x[i]; gb += r }
    w -= 0.0625 * gw; b -= 0.0625 * gb; printf "%d\t%.17g\t%.17g\n", ++t, w, b
  } }' d.tsv > t.want
sed '1,2d' d.trace | cut -f 1,3,4 > t.got
same_numbers t.want t.got; t_check '--trace: the parameters after every step, as simulated'
t_run '--trace of an MLP' 0 nn-train -m mlp:3,2 --epochs 2 --batch 2 --trace m.trace --log /dev/null five.tsv
sed -n 2p m.trace > t.a
t_same '--trace of an MLP: every parameter by name, in the order of the model file' 'step	loss	W1[1,1]	W1[2,1]	W1[3,1]	b1[1]	b1[2]	b1[3]	W2[1,1]	W2[1,2]	W2[1,3]	W2[2,1]	W2[2,2]	W2[2,3]	b2[1]	b2[2]	W3[1,1]	W3[1,2]	b3[1]' t.a
nn-train -m mlp:3,2 --epochs 2 --batch 2 -o m.model --log /dev/null five.tsv
tail -n 1 m.trace | cut -f 3- | tr '\t' '\n' > t.a
awk -F'\t' '/^[Wb][0-9]/ { print $2 }' m.model > t.b
cmp -s t.a t.b; t_check '--trace of an MLP: the last row holds the parameters written by -o'
sed '1,2d' m.trace | wc -l | tr -d ' ' > t.a
t_same '--trace of an MLP: 3 steps per epoch, 2 epochs, and row 0' 7 t.a
t_run '--trace, 10000 parameters' 0 nn-train -m mlp:3333 --epochs 1 --batch full --trace big.trace --log /dev/null one.tsv
sed -n 2p big.trace | awk -F'\t' '{ print NF }' > t.a
t_same '--trace, 10000 parameters: 10002 columns' 10002 t.a
t_error '--trace, 10003 parameters' 2 "nn-train: --trace: the model has 10003 parameters; a trace records at most 10000 per step
$try" nn-train -m mlp:3334 --epochs 1 --trace big.trace one.tsv

# ----------------------------------------------------------- weight decay
# From W = 1, b = 1 on d.tsv: row 0's loss is the data loss, its gradient
# norm that of g + wd theta (adamw: of g alone).
printf 'nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nlayers\t1\t1\nactivation\tlinear\nbias\tyes\nW1[1,1]\t1\nb1[1]\t1\n' > w1.model
for o in 'sgd 0.5 1' 'momentum 0.5 1' 'adam 0.25 1' 'adamw 0.25 0' 'rmsprop 2 1'; do
  set -- $o
  nn-train --init-model w1.model --optimizer $1 --weight-decay $2 --epochs 0 d.tsv > t.f; nosec t.f | sed -n 2p > t.row
  # mean of (x + 1 - (2x + 1))^2 = mean x^2 = 3.5; gradient (2 mean(-x * x), 2 mean(-x)) = (-7, -3)
  awk -F'\t' -v wd="$2" -v coupled="$3" '{ gw = -7 + coupled * wd; gb = -3 + coupled * wd
    want = sqrt(gw * gw + gb * gb); d = $5 - want; if (d < 0) d = -d
    exit !($4 == 3.5 && d <= 1e-15 * want) }' t.row
  t_check "--weight-decay $2 with $1: row 0 has the data loss 3.5 and the norm of the gradient it follows"
done
nn-train --batch full --lr 0.1 --epochs 300 -o nowd.model line.tsv > /dev/null
nn-train --batch full --lr 0.1 --epochs 300 --weight-decay 0.3 -o wd.model line.tsv > /dev/null
awk -F'\t' '/^[Wb]1/ { s += $2 * $2 } END { print s }' nowd.model > t.a
awk -F'\t' '/^[Wb]1/ { s += $2 * $2 } END { print s }' wd.model > t.b
below "$(cat t.b)" "$(cat t.a)"; t_check "--weight-decay shrinks the parameters (|theta|^2 $(cat t.b) < $(cat t.a))"
nn-train --optimizer adam --lr 0.05 --batch full --epochs 300 -o adam.model line.tsv > /dev/null
nn-train --optimizer adamw --lr 0.05 --batch full --epochs 300 -o adamw.model line.tsv > /dev/null
awk -F'\t' '/^[Wb]1/ { s += $2 * $2 } END { print s }' adam.model > t.a
awk -F'\t' '/^[Wb]1/ { s += $2 * $2 } END { print s }' adamw.model > t.b
below "$(cat t.b)" "$(cat t.a)"; t_check "adamw's default decay 0.01 shrinks the parameters of adam"

# ------------------------------------------------------------------ lstsq
# y = 1 + 2x - 3x^2 exactly, the powers as columns: the coefficients back.
awk 'BEGIN { print "x\tx2\ty"; for (i = -6; i <= 6; i++) { x = i / 2; print x "\t" x * x "\t" 1 + 2 * x - 3 * x * x } }' > poly.tsv
t_run '--solver lstsq: a polynomial fit' 0 nn-train --solver lstsq -o poly.model poly.tsv
close_to "$(param 'W1[1,1]' poly.model)" 2 1e-9 && close_to "$(param 'W1[1,2]' poly.model)" -3 1e-9 &&
  close_to "$(param 'b1[1]' poly.model)" 1 1e-9
t_check '--solver lstsq: y = 1 + 2x - 3x^2 recovered to 1e-9'
nosec t.out | cut -f 1,2 > t.a
t_same '--solver lstsq: the log is one row, epoch 0 step 0' "epoch	step
0	0" t.a
nosec t.out | sed -n 1p > t.a
t_same '--solver lstsq: the columns of the log' "epoch	step	loss	grad_norm" t.a
nosec t.out | sed -n 2p | awk -F'\t' '{ exit !($3 < 1e-24 && $4 < 1e-10) }'
t_check '--solver lstsq: the loss and the gradient of an exact fit are 0 up to rounding'
# A noisy line: the closed form w = Sxy / Sxx, b = mean y - w mean x (awk).
awk 'BEGIN { print "x\ty"; for (i = 0; i < 15; i++) printf "%g\t%g\n", i * 0.7 - 3, 0.4 * i + sin(3 * i) }' > noisy.tsv
nn-train --solver lstsq -o noisy.model noisy.tsv > /dev/null
awk -F'\t' 'BEGIN { n = 0 } NR > 1 { x[n] = $1; y[n] = $2; sx += $1; sy += $2; n++ } END {
  mx = sx / n; my = sy / n
  for (i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ^ 2 }
  w = sxy / sxx; printf "%.17g %.17g\n", w, my - w * mx }' noisy.tsv > t.cf
set -- $(cat t.cf)
rel_close "$(param 'W1[1,1]' noisy.model)" "$1" 1e-12 && rel_close "$(param 'b1[1]' noisy.model)" "$2" 1e-12
t_check "--solver lstsq: a line fit equals the closed form (w = $1, b = $2)"
# Ridge, closed form: (2/n)(Sxx w + Sx b - Sxy) + l w = 0, (2/n)(Sx w + n b - Sy) + l b = 0.
ridge() {
  awk -F'\t' -v l="$1" 'NR > 1 { sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2; n++ } END {
    a11 = 2 * sxx / n + l; a12 = 2 * sx / n; a22 = 2 + l; r1 = 2 * sxy / n; r2 = 2 * sy / n
    det = a11 * a22 - a12 * a12
    printf "%.17g %.17g\n", (r1 * a22 - a12 * r2) / det, (a11 * r2 - a12 * r1) / det }' noisy.tsv
}
for l in 0.1 2; do
  nn-train --solver lstsq --weight-decay $l -o ridge.model noisy.tsv > /dev/null
  set -- $(ridge $l)
  rel_close "$(param 'W1[1,1]' ridge.model)" "$1" 1e-12 && rel_close "$(param 'b1[1]' ridge.model)" "$2" 1e-12
  t_check "--solver lstsq --weight-decay $l: the ridge closed form, the bias penalised too"
done
nn-train --solver lstsq --no-bias -o nb.model noisy.tsv > /dev/null
awk -F'\t' 'NR > 1 { sxy += $1 * $2; sxx += $1 * $1 } END { printf "%.17g\n", sxy / sxx }' noisy.tsv > t.cf
rel_close "$(param 'W1[1,1]' nb.model)" "$(cat t.cf)" 1e-12; t_check '--solver lstsq --no-bias: w = Sxy / Sxx'
# sgd with weight decay converges to the ridge answer
nn-train --init zeros --weight-decay 0.1 --batch full --lr 0.02 --epochs 5000 -o gdr.model noisy.tsv > /dev/null
set -- $(ridge 0.1)
rel_close "$(param 'W1[1,1]' gdr.model)" "$1" 1e-9 && rel_close "$(param 'b1[1]' gdr.model)" "$2" 1e-9
t_check '--weight-decay 0.1: full-batch sgd converges to the lstsq ridge answer (1e-9)'
t_run '--solver lstsq --valid' 0 nn-train --solver lstsq --valid line.tsv noisy.tsv
nosec t.out | sed -n 1p > t.a
t_same '--solver lstsq --valid: a valid_loss column' "epoch	step	loss	grad_norm	valid_loss" t.a
nn-predict -m noisy.model --eval line.tsv | awk -F'\t' '$1 == "loss" { print $2 }' > t.a
nosec t.out | sed -n 2p | cut -f 5 > t.b
cmp -s t.a t.b; t_check '--solver lstsq --valid: the valid_loss is the fitted model on the valid rows'
# dependent columns: the minimum-norm answer (x and 2x share the slope 2 as 2/5 and 4/5)
awk 'BEGIN { print "x\tx2\ty"; for (i = 0; i < 6; i++) print i "\t" 2 * i "\t" 2 * i + 1 }' > dep.tsv
nn-train --solver lstsq -o dep.model dep.tsv > /dev/null
close_to "$(param 'W1[1,1]' dep.model)" 0.4 1e-12 && close_to "$(param 'W1[1,2]' dep.model)" 0.8 1e-12 &&
  close_to "$(param 'b1[1]' dep.model)" 1 1e-12
t_check '--solver lstsq: dependent columns give the answer of least norm'
t_run '--solver lstsq --standardize' 0 nn-train --solver lstsq --standardize -o std2.model poly.tsv
nn-predict -m std2.model --eval poly.tsv | awk -F'\t' '$1 == "loss" { exit !($2 < 1e-20) }'
t_check '--solver lstsq --standardize: exact on raw inputs through nn-predict'
lstsq_refused="nn-train: --solver lstsq: the exact fit has no steps; do not give"
for o in '--optimizer adam|--optimizer' '--lr 0.1|--lr' '--schedule invsqrt|--schedule or --warmup' \
    '--warmup 2|--schedule or --warmup' '--batch 2|--batch' '--batch full|--batch' '--epochs 3|--epochs' \
    '--no-shuffle|--no-shuffle' '--dropout 0.1|--dropout' '--patience 2|--patience' '--log-every 2|--log-every' \
    '--trace t.tr|--trace' '--init zeros|--init' '--init-model w1.model|--init-model' '--gradcheck|--gradcheck' \
    '--momentum 0.5|--momentum, --beta1, --beta2, --alpha, --eps or --centered' \
    '--eps 1e-3|--momentum, --beta1, --beta2, --alpha, --eps or --centered' \
    '--centered|--momentum, --beta1, --beta2, --alpha, --eps or --centered'; do
  # shellcheck disable=SC2086
  t_error "--solver lstsq ${o%%|*}" 2 "$lstsq_refused ${o#*|}
$try" nn-train --solver lstsq ${o%%|*} d.tsv
done
t_error '--solver lstsq -m mlp:3' 2 "nn-train: --solver lstsq: needs a linear model with mse loss (this one is mlp:3 with relu activation and mse loss)
$try" nn-train --solver lstsq -m mlp:3 d.tsv
t_error '--solver lstsq -m mlp:2,4 --activation tanh --loss xent' 2 "nn-train: --solver lstsq: needs a linear model with mse loss (this one is mlp:2,4 with tanh activation and xent loss)
$try" nn-train --solver lstsq -m mlp:2,4 --activation tanh --loss xent xor.tsv
t_error '--solver lstsq --loss xent' 2 "nn-train: --solver lstsq: needs a linear model with mse loss (this one is linear with xent loss)
$try" nn-train --solver lstsq --loss xent xor.tsv
t_error '--solver qr' 2 "nn-train: --solver: unknown solver 'qr' (lstsq)
$try" nn-train --solver qr d.tsv

# ------------------------------------------------------------------- bfgs
awk 'BEGIN { print "x\ty"; for (i = 0; i <= 10; i++) { x = -1 + i / 5; printf "%g\t%.4f\n", x, sin(2 * x) } }' > sine.tsv
t_run '--optimizer bfgs: a tanh MLP' 0 nn-train -m mlp:1 --activation tanh --optimizer bfgs --trace b.trace -o b.model sine.tsv
[ ! -s t.err ]; t_check '--optimizer bfgs: converged, no message'
g=$(tail -n 1 t.out | cut -f 4)
awk -v g="$g" 'BEGIN { exit !(g <= 1e-8) }'; t_check "--optimizer bfgs: the last gradient norm $g <= 1e-8"
nosec t.out | sed -n 1p > t.a
t_same '--optimizer bfgs: the columns of its log' "epoch	step	loss	grad_norm" t.a
nosec t.out | sed 1d | awk -F'\t' '$1 != NR - 1 || $2 != $1 { bad = 1 } END { exit bad }'
t_check '--optimizer bfgs: a row per iteration, epoch = step'
sed '1,2d' b.trace | wc -l > t.a; nosec t.out | sed 1d | wc -l > t.b
cmp -s t.a t.b; t_check '--optimizer bfgs --trace: a row per iteration'
# the model written is at the critical point: nn-train measures its gradient
nn-train --init-model b.model --epochs 0 sine.tsv > t.f; nosec t.f | sed -n 2p | cut -f 5 > t.a
awk -v g="$(cat t.a)" 'BEGIN { exit !(g <= 1e-8) }'; t_check '--optimizer bfgs: the model written has gradient norm <= 1e-8'
nn-predict -m b.model --eval sine.tsv | awk -F'\t' '$1 == "loss" { print $2 }' > t.a
tail -n 1 t.out | cut -f 3 > t.b
cmp -s t.a t.b; t_check '--optimizer bfgs: the last loss of the log is the loss of the model written'
# on a linear model bfgs finds the least-squares answer; with weight decay, ridge
nn-train --optimizer bfgs --weight-decay 2 -o bl.model noisy.tsv > /dev/null
set -- $(ridge 2)
rel_close "$(param 'W1[1,1]' bl.model)" "$1" 1e-7 && rel_close "$(param 'b1[1]' bl.model)" "$2" 1e-7
t_check '--optimizer bfgs --weight-decay 2 on a line: the ridge answer'
# two and three tanh units with a little weight decay (a strict minimum):
# the line search stalls near 1e-8, and Newton steps finish the descent
for m in mlp:2 mlp:3; do
  t_run "--optimizer bfgs -m $m --weight-decay 0.01" 0 nn-train -m $m --activation tanh --optimizer bfgs --weight-decay 0.01 sine.tsv
  g=$(tail -n 1 t.out | cut -f 4)
  awk -v g="$g" 'BEGIN { exit !(g <= 1e-8) }' && [ ! -s t.err ]
  t_check "--optimizer bfgs -m $m --weight-decay 0.01: gradient norm $g <= 1e-8, no message"
done
t_run '--optimizer bfgs stops early' 0 nn-train --function rosenbrock --at -1.2,1 --optimizer bfgs --epochs 5
t_stderr 'nn-train: bfgs stopped after 5 iterations with gradient norm 3.45252 > --grad-tol 1e-08'
nosec t.out | sed 1d | wc -l | tr -d ' ' > t.a
t_same '--optimizer bfgs --epochs 5: rows 0 to 5' 6 t.a
t_run '--optimizer bfgs -q: no message' 0 nn-train --function rosenbrock --at -1.2,1 --optimizer bfgs --epochs 5 -q
[ ! -s t.err ]; t_check '--optimizer bfgs -q: standard error is empty'
t_run '--optimizer bfgs --grad-tol 1e-3' 0 nn-train --function rosenbrock --at -1.2,1 --optimizer bfgs --grad-tol 1e-3
tail -n 1 t.out | awk -F'\t' '{ exit !($3 <= 1e-3 && $3 > 1e-8) }'; t_check '--grad-tol 1e-3: stops at a gradient norm <= 1e-3 (not at 1e-8)'
nosec t.out | sed -n 1p > t.a
t_same '--function --optimizer bfgs: the columns' "step	loss	grad_norm" t.a
t_run '--optimizer bfgs --epochs 0' 0 nn-train -m mlp:1 --activation tanh --optimizer bfgs --epochs 0 -q -o b0.model sine.tsv
nn-train -m mlp:1 --activation tanh --epochs 0 -o g0.model sine.tsv > /dev/null
body b0.model | sed 1d > t.a; body g0.model | sed 1d > t.b
cmp -s t.a t.b; t_check '--optimizer bfgs --epochs 0: the initial model'
t_error '--optimizer bfgs: a point where the loss is infinite' 1 'nn-train: iteration 0: the loss is infinite; bfgs cannot go on from here' \
  nn-train --function quartic --at 1e100 --optimizer bfgs --log /dev/null
bfgs_refused="nn-train: --optimizer bfgs: it takes full-batch steps of its own length; do not give"
for o in '--schedule invsqrt|--schedule or --warmup' '--warmup 3|--schedule or --warmup' '--batch 2|--batch' \
    '--dropout 0.5|--dropout' '--log-every 2|--log-every' '--patience 3 --valid d.tsv|--patience'; do
  # shellcheck disable=SC2086
  t_error "--optimizer bfgs ${o%%|*}" 2 "$bfgs_refused ${o#*|}
$try" nn-train --optimizer bfgs ${o%%|*} d.tsv
done
t_run '--optimizer bfgs --batch full' 0 nn-train --optimizer bfgs --batch full -q d.tsv
t_error '--optimizer bfgs --momentum' 2 "nn-train: --momentum: the bfgs optimizer does not use it (momentum, nesterov do)
$try" nn-train --optimizer bfgs --momentum 0.9 d.tsv
t_error '--grad-tol without bfgs' 2 "nn-train: --grad-tol: only --optimizer bfgs stops on the gradient norm
$try" nn-train --grad-tol 1e-6 d.tsv
t_error '--grad-tol 0' 2 "nn-train: --grad-tol: '0' is not greater than zero
$try" nn-train --optimizer bfgs --grad-tol 0 d.tsv

# -------------------------------------------------------- early stopping
# Eight noisy points of y = x, a wide network, validated on the clean line:
# it overfits, so the validation loss falls, then rises.
awk 'BEGIN { print "x\ty"; for (i = 0; i < 8; i++) { x = -1 + 2 * i / 7; print x "\t" x + (i % 2 ? 0.5 : -0.5) } }' > noisy8.tsv
awk 'BEGIN { print "x\ty"; for (i = -10; i <= 10; i++) print i / 10 "\t" i / 10 }' > clean.tsv
t_run '--patience 100' 0 nn-train -m mlp:32,32 --activation tanh --optimizer adam --batch full --epochs 2000 --valid clean.tsv --patience 100 --log es.log -o es.model noisy8.tsv
nosec es.log | sed -n 1p > t.a
t_same '--patience: a best_epoch column' "epoch	step	lr	loss	grad_norm	valid_loss	best_epoch" t.a
last=$(tail -n 1 es.log | cut -f 1) best=$(tail -n 1 es.log | cut -f 7)
[ "$best" -lt "$last" ] && [ $((last - best)) -eq 100 ] && [ "$last" -lt 2000 ]
t_check "--patience 100: stopped at epoch $last, 100 after the best epoch $best"
# best_epoch is the argmin of valid_loss so far (strictly lower), row by row
nosec es.log | sed 1d | awk -F'\t' 'NR == 1 || $6 < min { min = $6; at = $1 } $7 != at { bad = 1 } END { exit bad }'
t_check '--patience: best_epoch is the epoch of the lowest valid_loss so far, at every row'
# the model written is the best epoch's
awk -F'\t' -v e="$best" '$1 == e { print $6 }' es.log > t.a
nn-predict -m es.model --eval clean.tsv | awk -F'\t' '$1 == "loss" { print $2 }' > t.b
cmp -s t.a t.b; t_check "--patience: the model written has the valid_loss of epoch $best ($(cat t.a))"
nosec es.log | sed 1d | awk -F'\t' -v v="$(cat t.a)" '$6 < v { bad = 1 } END { exit bad }'
t_check '--patience: no row has a lower valid_loss'
# with more patience than epochs: the best model all the same
t_run '--patience longer than the run' 0 nn-train -m mlp:32,32 --activation tanh --optimizer adam --batch full --epochs 400 --valid clean.tsv --patience 1000 --log es2.log -o es2.model noisy8.tsv
tail -n 1 es2.log | cut -f 1 > t.a
t_same '--patience longer than the run: all the epochs' 400 t.a
nosec es2.log | sed 1d | awk -F'\t' 'NR == 1 || $6 < min { min = $6 } END { print min }' > t.a
nn-predict -m es2.model --eval clean.tsv | awk -F'\t' '$1 == "loss" { print $2 }' > t.b
cmp -s t.a t.b; t_check '--patience longer than the run: the model of the lowest valid_loss'
# --log-every: the stopping epoch still gets a row
t_run '--patience with --log-every 7' 0 nn-train -m mlp:32,32 --activation tanh --optimizer adam --batch full --epochs 2000 --valid clean.tsv --patience 100 --log-every 7 --log es3.log -o es3.model noisy8.tsv
tail -n 1 es3.log | cut -f 1,7 > t.a
printf '%s\t%s\n' "$last" "$best" > t.b
cmp -s t.a t.b; t_check '--patience with --log-every: the last row is the stopping epoch'
body es.model | sed 1d > t.a; body es3.model | sed 1d > t.b
cmp -s t.a t.b; t_check '--patience with --log-every: the same model'
# no epoch better than the start (an exact model: the gradient is 0, the
# valid_loss stays 0, never strictly lower): the initial model, epoch 0
printf 'nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nlayers\t1\t1\nactivation\tlinear\nbias\tyes\nW1[1,1]\t2\nb1[1]\t1\n' > exact.model
t_run '--patience from an exact model' 0 nn-train --init-model exact.model --batch full --epochs 50 --valid d.tsv --patience 3 --log es5.log -o es5.model d.tsv
tail -n 1 es5.log | cut -f 1,7 > t.a
t_same '--patience from an exact model: best epoch 0, stops at 3' "3	0" t.a
body es5.model > t.a; body exact.model > t.b
cmp -s t.a t.b; t_check '--patience from an exact model: writes it back'
t_error '--patience without --valid' 2 "nn-train: --patience: early stopping watches the validation loss; give --valid too
$try" nn-train --patience 3 d.tsv
t_error '--patience 0' 2 "nn-train: --patience: '0' is not a whole number >= 1
$try" nn-train --patience 0 --valid d.tsv d.tsv

# ---------------------------------------------------------------- dropout
awk 'BEGIN { print "x\ty"; for (i = -10; i <= 10; i++) print i / 4 "\t" i / 2 + 1 }' > line21.tsv
# (tanh at a small rate: these runs must not diverge, or the comparisons
# below would compare nothing)
for i in 1 2; do
  t_run "--dropout, run $i" 0 nn-train -m mlp:16 --activation tanh --dropout 0.3 --lr 0.02 --epochs 30 --batch 4 --log drop$i.log -o drop$i.model line21.tsv
done
body drop1.model | sed 1d > t.a; body drop2.model | sed 1d > t.b
cmp -s t.a t.b; t_check '--dropout: the same seed, the same model'
nosec drop1.log > t.a; nosec drop2.log > t.b
cmp -s t.a t.b; t_check '--dropout: the same seed, the same log'
t_run '--dropout --seed 2' 0 nn-train -m mlp:16 --activation tanh --dropout 0.3 --lr 0.02 --epochs 30 --batch 4 --seed 2 -o drop3.model line21.tsv
body drop3.model | sed 1d > t.c
! cmp -s t.a t.c; t_check '--dropout: another seed, another model'
t_run 'no dropout' 0 nn-train -m mlp:16 --activation tanh --lr 0.02 --epochs 30 --batch 4 --log nodrop.log -o nodrop.model line21.tsv
body nodrop.model | sed 1d > t.c
! cmp -s t.a t.c; t_check '--dropout changes training'
nosec drop1.log | sed -n 2p > t.a; nosec nodrop.log | sed -n 2p > t.b
cmp -s t.a t.b; t_check '--dropout: row 0 is the whole initial network, as without dropout'
t_run '--dropout 0' 0 nn-train -m mlp:16 --activation tanh --dropout 0 --lr 0.02 --epochs 30 --batch 4 --log drop0.log -o drop0.model line21.tsv
body drop0.model | sed 1d > t.a
cmp -s t.a t.c; t_check '--dropout 0: the model of no dropout'
t_run '--dropout on a linear model' 0 nn-train --dropout 0.5 --lr 0.05 --epochs 30 --batch 4 --log dlin.log -o dlin.model line21.tsv
t_run 'the linear model without dropout' 0 nn-train --lr 0.05 --epochs 30 --batch 4 --log lin.log -o lin.model line21.tsv
body dlin.model | sed 1d > t.a; body lin.model | sed 1d > t.b
cmp -s t.a t.b; t_check '--dropout on a linear model changes nothing'
nn-predict -m drop1.model line21.tsv > t.p1
nn-predict -m drop1.model line21.tsv > t.p2
cmp -s t.p1 t.p2; t_check '--dropout: predictions are deterministic'
# the whole network: valid_loss (no dropout) is nn-predict's loss of the model
t_run '--dropout --valid' 0 nn-train -m mlp:16 --activation tanh --dropout 0.3 --lr 0.02 --epochs 30 --batch 4 --valid line21.tsv --log drop4.log -o drop4.model line21.tsv
tail -n 1 drop4.log | cut -f 6 > t.a
nn-predict -m drop4.model --eval line21.tsv | awk -F'\t' '$1 == "loss" { print $2 }' > t.b
cmp -s t.a t.b; t_check '--dropout: valid_loss and nn-predict use the whole network'
tail -n 1 drop4.log | awk -F'\t' '{ exit !($4 != $6) }'; t_check '--dropout: the training loss is that of the thinned networks'
t_error '--dropout 1' 2 "nn-train: --dropout: '1' is not in [0, 1)
$try" nn-train --dropout 1 d.tsv
t_error '--dropout -0.1' 2 "nn-train: --dropout: '-0.1' is not in [0, 1)
$try" nn-train --dropout -0.1 d.tsv
t_error '--dropout x' 2 "nn-train: --dropout: 'x' is not a number
$try" nn-train --dropout x d.tsv

# ------------------------------------------------ optimizer usage errors
t_error '--optimizer unknown' 2 "nn-train: --optimizer: unknown optimizer 'fancy' (sgd, momentum, nesterov, adagrad, adagrad-rms, rmsprop, adam, adamw, amsgrad, radam, bfgs)
$try" nn-train --optimizer fancy d.tsv
for o in 'sgd|--momentum 0.5|--momentum|momentum, nesterov do' \
    'adam|--momentum 0.5|--momentum|momentum, nesterov do' \
    'sgd|--beta1 0.5|--beta1|adam, adamw, amsgrad, radam do' \
    'momentum|--beta2 0.5|--beta2|adam, adamw, amsgrad, radam do' \
    'adam|--alpha 0.5|--alpha|rmsprop does' \
    'sgd|--eps 1e-3|--eps|adagrad, adagrad-rms, rmsprop, adam, adamw, amsgrad, radam do' \
    'nesterov|--eps 1e-3|--eps|adagrad, adagrad-rms, rmsprop, adam, adamw, amsgrad, radam do' \
    'sgd|--centered|--centered|rmsprop does' 'adam|--centered|--centered|rmsprop does' \
    'adagrad|--alpha 0.9|--alpha|rmsprop does' 'rmsprop|--beta1 0.9|--beta1|adam, adamw, amsgrad, radam do'; do
  opt=${o%%|*} rest=${o#*|}
  given=${rest%%|*} rest=${rest#*|}
  name=${rest%%|*} who=${rest#*|}
  # shellcheck disable=SC2086
  t_error "--optimizer $opt $given: not used" 2 "nn-train: $name: the $opt optimizer does not use it ($who)
$try" nn-train --optimizer $opt $given d.tsv
done
t_error '--momentum 1' 2 "nn-train: --momentum: 1 is not in [0, 1)
$try" nn-train --optimizer momentum --momentum 1 d.tsv
t_error '--momentum -0.1' 2 "nn-train: --momentum: -0.1 is not in [0, 1)
$try" nn-train --optimizer nesterov --momentum -0.1 d.tsv
t_error '--beta1 1' 2 "nn-train: --beta1: 1 is not in [0, 1)
$try" nn-train --optimizer adam --beta1 1 d.tsv
t_error '--beta2 1.5' 2 "nn-train: --beta2: 1.5 is not in [0, 1)
$try" nn-train --optimizer radam --beta2 1.5 d.tsv
t_error '--alpha 1' 2 "nn-train: --alpha: 1 is not in [0, 1)
$try" nn-train --optimizer rmsprop --alpha 1 d.tsv
t_error '--eps 0' 2 "nn-train: --eps: 0 is not greater than zero
$try" nn-train --optimizer adam --eps 0 d.tsv
t_error '--eps -1' 2 "nn-train: --eps: -1 is not greater than zero
$try" nn-train --optimizer adagrad --eps -1 d.tsv
t_error '--eps x' 2 "nn-train: --eps: 'x' is not a number
$try" nn-train --optimizer adam --eps x d.tsv
t_error '--momentum 1e999' 2 "nn-train: --momentum: '1e999' is out of range
$try" nn-train --optimizer momentum --momentum 1e999 d.tsv
t_error '--weight-decay -1' 2 "nn-train: --weight-decay: '-1' is negative
$try" nn-train --weight-decay -1 d.tsv
t_error '--weight-decay x' 2 "nn-train: --weight-decay: 'x' is not a number
$try" nn-train --weight-decay x d.tsv
t_run '--weight-decay 0 is allowed' 0 nn-train --weight-decay 0 --epochs 1 d.tsv
t_run '--momentum 0 is allowed' 0 nn-train --optimizer momentum --momentum 0 --epochs 1 d.tsv
t_run 'the hyper-parameters of rmsprop' 0 nn-train --optimizer rmsprop --alpha 0.5 --eps 0.1 --centered --weight-decay 0.1 --epochs 1 d.tsv

# ------------------------------------------------- schedule usage errors
for s in "foo|unknown schedule (constant, step:EVERY:GAMMA, exp:GAMMA, invsqrt, cosine:T[:MIN], noam:DMODEL:WARMUP)" \
    'constant:1|the form is constant' 'invsqrt:2|the form is invsqrt' 'step:10|the form is step:EVERY:GAMMA' \
    'step:1:2:3|the form is step:EVERY:GAMMA' 'step:0:0.5|EVERY must be a whole number >= 1' \
    'step:1.5:0.5|EVERY must be a whole number >= 1' 'step:10:0|GAMMA must be a number in (0, 1]' \
    'step:10:1.5|GAMMA must be a number in (0, 1]' 'exp|the form is exp:GAMMA' \
    'exp:2|GAMMA must be a number in (0, 1]' 'exp:x|GAMMA must be a number in (0, 1]' \
    'cosine|the form is cosine:T[:MIN]' 'cosine:0|T must be a whole number >= 1' \
    'cosine:10:-1|MIN must be a number >= 0' 'cosine:1:2:3|the form is cosine:T[:MIN]' \
    'noam:512|the form is noam:DMODEL:WARMUP' 'noam:0:10|DMODEL must be a whole number >= 1' \
    'noam:512:0|WARMUP must be a whole number >= 1' 'noam:1:2:3:4|the form is noam:DMODEL:WARMUP'; do
  t_error "--schedule ${s%%|*}" 2 "nn-train: --schedule: '${s%%|*}': ${s#*|}
$try" nn-train --schedule "${s%%|*}" d.tsv
done
t_error '--schedule with --print-schedule' 2 "nn-train: --schedule: 'exp:3': GAMMA must be a number in (0, 1]
$try" nn-train --print-schedule 3 --schedule exp:3
t_error '--warmup -1' 2 "nn-train: --warmup: '-1' is not a whole number
$try" nn-train --warmup -1 d.tsv
t_error '--print-schedule 0' 2 "nn-train: --print-schedule: '0' is not a whole number from 1 to 100000000
$try" nn-train --print-schedule 0
t_error '--print-schedule 100000001' 2 "nn-train: --print-schedule: '100000001' is not a whole number from 1 to 100000000
$try" nn-train --print-schedule 100000001

# ------------------------------------------------- function usage errors
t_error '--function unknown' 2 "nn-train: --function: unknown function 'sphere' (w1w2, saddle, monkey, rosenbrock, quartic, valley:A:B, walls:A)
$try" nn-train --function sphere --at 1
t_error '--function without --at' 2 "nn-train: --function: give the starting point with --at
$try" nn-train --function quartic
t_error '--at without --function' 2 "nn-train: --at: only a --function has a starting point
$try" nn-train --at 1 d.tsv
t_error '--at: two values for one parameter' 2 "nn-train: --at: '1,2' has 2 values; the function takes 1
$try" nn-train --function quartic --at 1,2
t_error '--at: one value for two parameters' 2 "nn-train: --at: '1' has 1 value; the function takes 2
$try" nn-train --function saddle --at 1
t_error '--at: three values' 2 "nn-train: --at: '1,2,3' has 3 values; the function takes 2
$try" nn-train --function rosenbrock --at 1,2,3
t_error '--at: not a number' 2 "nn-train: --at: 'x' is not a number
$try" nn-train --function saddle --at 1,x
t_error '--at: empty' 2 "nn-train: --at: '' is not a number
$try" nn-train --function quartic --at ''
t_error '--at: too long' 2 "nn-train: --at: '$(printf '%0300d' 1)' is too long
$try" nn-train --function quartic --at "$(printf '%0300d' 1)"
t_error '--function saddle:1' 2 "nn-train: --function: 'saddle:1': saddle takes no constants
$try" nn-train --function saddle:1 --at 1,1
t_error '--function valley:1' 2 "nn-train: --function: 'valley:1': A and B must be numbers
$try" nn-train --function valley:1 --at 1,1
t_error '--function valley:1:x' 2 "nn-train: --function: 'valley:1:x': A and B must be numbers
$try" nn-train --function valley:1:x --at 1,1
t_error '--function walls:x' 2 "nn-train: --function: 'walls:x': A must be a number
$try" nn-train --function walls:x --at 1,1
t_error '--function walls:1e999' 2 "nn-train: --function: 'walls:1e999': '1e999' is out of range
$try" nn-train --function walls:1e999 --at 1,1
t_error '--function with an optimizer option it does not use' 2 "nn-train: --momentum: the adam optimizer does not use it (momentum, nesterov do)
$try" nn-train --function quartic --at 1 --optimizer adam --momentum 0.5
fn_refused="nn-train: --function: a built-in function has no data or model; do not give"
for o in 'd.tsv|a FILE operand' '-y y|--target' '-x x|--features' '-m mlp:2|--model' '--activation tanh|--activation' \
    '--no-bias|--no-bias' '--loss xent|--loss' '--init zeros|--init' '--init-model w1.model|--init-model' \
    '--standardize|--standardize' '--poly 2|--poly' '--valid d.tsv|--valid' '--batch 3|--batch' '--no-shuffle|--no-shuffle' \
    '--dropout 0.1|--dropout' '--patience 3|--patience' '--gradcheck|--gradcheck' '-o f.model|--output' \
    '--solver lstsq|--solver' '--csv|--csv or --tsv' '--tsv|--csv or --tsv'; do
  # shellcheck disable=SC2086
  t_error "--function with ${o%%|*}" 2 "$fn_refused ${o#*|}
$try" nn-train --function quartic --at 1 ${o%%|*}
done
[ ! -e f.model ]; t_check '--function -o: no model written'

# --------------------------------------------------------- help, version
t_run '--help' 0 nn-train --help
head -n 1 t.out | grep -q '^Usage: nn-train \[OPTION\]\.\.\. \[FILE\]$'; t_check '--help: usage line'
grep -q 'See nn-train(1)' t.out; t_check '--help: points to the man page'
grep -q '(default: mse)' t.out; t_check '--help: the default loss'
# every long option that --help names is documented in nn-train(1)
grep -o -- '--[a-z][a-z0-9-]*' t.out | sort -u > t.opts
: > t.missing
while read -r o; do
  pat=$(printf '%s\n' "$o" | sed 's/-/\\\\-/g')
  grep -q -- "$pat" "$srcdir/man/nn-train.1" || echo "$o" >> t.missing
done < t.opts
[ -s t.opts ] && [ ! -s t.missing ]; t_check "--help: every long option is in nn-train(1) (missing: $(paste -s -d ' ' t.missing))"
# and every one that getopt takes is in --help: each --OPTION of the man
# page's OPTIONS section
# (the tag lines of the OPTIONS section, the lines after a .TP)
sed -n '/^\.SH OPTIONS/,/^\.SH MODEL/p' "$srcdir/man/nn-train.1" | awk 'prev == ".TP" { print } { prev = $0 }' |
  sed 's/\\-/-/g' | grep -o '\\fB--[a-z0-9-]*' | sed 's/\\fB//' | sort -u > t.manopts
: > t.missing
while read -r o; do grep -qx -- "$o" t.opts || echo "$o" >> t.missing; done < t.manopts
[ -s t.manopts ] && [ ! -s t.missing ]; t_check "nn-train(1): every option of OPTIONS is in --help (missing: $(paste -s -d ' ' t.missing))"
t_run '--version' 0 nn-train --version
head -n 1 t.out | grep -q '^nn-train (nnkit) [0-9]'; t_check '--version: first line'

# ---------------------------------------------------------- bad usage
try="Try 'nn-train --help' for more information."
t_error 'unknown option' 2 "nn-train: unrecognized option '--bogus'
$try" nn-train --bogus d.tsv
t_error 'missing argument' 2 "nn-train: option '--lr' requires an argument
$try" nn-train d.tsv --lr
t_error 'extra operand' 2 "nn-train: extra operand 'five.tsv': one training table at a time
$try" nn-train d.tsv five.tsv
t_error '--activation' 2 "nn-train: --activation: unknown activation 'soft' (relu, sigmoid, tanh, linear)
$try" nn-train --activation soft d.tsv
t_error '--loss' 2 "nn-train: --loss: unknown loss 'hinge' (mse, xent, softmax-mse)
$try" nn-train --loss hinge d.tsv
t_error '--lr zero' 2 "nn-train: --lr: '0' is not greater than zero
$try" nn-train --lr 0 d.tsv
t_error '--lr not a number' 2 "nn-train: --lr: 'fast' is not a number
$try" nn-train --lr fast d.tsv
t_error '--lr out of range' 2 "nn-train: --lr: '1e999' is out of range
$try" nn-train --lr 1e999 d.tsv
t_error '--batch 0' 2 "nn-train: --batch: '0' is not a whole number >= 1
$try" nn-train --batch 0 d.tsv
t_error '--batch half' 2 "nn-train: --batch: 'half' is not a whole number >= 1
$try" nn-train --batch half d.tsv
t_error '--batch negative' 2 "nn-train: --batch: '-3' is not a whole number >= 1
$try" nn-train --batch -3 d.tsv
t_error '--epochs negative' 2 "nn-train: --epochs: '-1' is not a whole number
$try" nn-train --epochs -1 d.tsv
t_error '--epochs fraction' 2 "nn-train: --epochs: '1.5' is not a whole number
$try" nn-train --epochs 1.5 d.tsv
t_error '--seed' 2 "nn-train: --seed: 'x' is not a whole number
$try" nn-train --seed x d.tsv
t_error '--log-every 0' 2 "nn-train: --log-every: '0' is not a whole number >= 1
$try" nn-train --log-every 0 d.tsv
t_error '--model mlp' 2 "nn-train: --model: 'mlp' is not 'linear' or 'mlp:H1,H2,...'
$try" nn-train -m mlp d.tsv
t_error '--model deep' 2 "nn-train: --model: 'deep' is not 'linear' or 'mlp:H1,H2,...'
$try" nn-train --model deep d.tsv
t_error '--model width 0' 2 "nn-train: --model: 'mlp:0': hidden widths must be whole numbers from 1 to 100000000
$try" nn-train -m mlp:0 d.tsv
t_error '--model empty width' 2 "nn-train: --model: 'mlp:3,,2': hidden widths must be whole numbers from 1 to 100000000
$try" nn-train -m mlp:3,,2 d.tsv
t_error '--init' 2 "nn-train: --init: unknown scheme 'uniform' (he, xavier, normal:SIGMA, zeros)
$try" nn-train --init uniform d.tsv
t_error '--init normal:-1' 2 "nn-train: --init: 'normal:-1': SIGMA must be a number >= 0
$try" nn-train --init normal:-1 d.tsv
t_error '--init normal:x' 2 "nn-train: --init: 'normal:x': SIGMA must be a number >= 0
$try" nn-train --init normal:x d.tsv
t_error 'target among the features' 2 "nn-train: column 'y' is both the target and a feature
$try" nn-train -x x,y d.tsv
t_error 'empty name in --features' 2 "nn-train: empty column name in list 'x,,y'
$try" nn-train -y y -x x,,y d.tsv
T_STDIN=d.tsv t_error '--valid and the training data on standard input' 2 "nn-train: --valid: standard input is already the training data
$try" nn-train --valid -
conflict="nn-train: --init-model: the model file sets the architecture, activation, loss and bias; do not give them too
$try"
t_error '--init-model with --model' 2 "$conflict" nn-train --init-model two.model -m mlp:1 one.tsv
t_error '--init-model with another activation' 2 "$conflict" nn-train --init-model two.model --activation relu one.tsv
t_error '--init-model with another loss' 2 "$conflict" nn-train --init-model two.model --loss xent one.tsv
t_error '--init-model with --no-bias, the model has biases' 2 "$conflict" nn-train --init-model line.model --no-bias line.tsv
columns="nn-train: --init-model: the model file names the columns and the scaling; do not give --features, --target or --standardize too
$try"
t_error '--init-model with --standardize' 2 "$columns" nn-train --init-model two.model --standardize one.tsv
t_error '--init-model with --target' 2 "$columns" nn-train --init-model two.model -y y one.tsv
t_error '--init-model with --features' 2 "$columns" nn-train --init-model two.model -x x one.tsv
t_error '--init-model with --init' 2 "nn-train: --init-model: the model file gives the initial parameters; do not give --init too
$try" nn-train --init-model two.model --init zeros one.tsv

t_done
