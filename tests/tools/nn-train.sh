#!/bin/sh
# nn-train: known answers, the training loop and its log (checked against
# an awk simulation), initialisation, standardisation, --init-model,
# whole-or-nothing outputs, divergence, gradient checks, learning XOR and
# two spirals, and every usage error.  Bad data: tests/data/bad/nn-train-*.
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

# --------------------------------------------------------- help, version
t_run '--help' 0 nn-train --help
head -n 1 t.out | grep -q '^Usage: nn-train \[OPTION\]\.\.\. \[FILE\]$'; t_check '--help: usage line'
grep -q 'See nn-train(1)' t.out; t_check '--help: points to the man page'
grep -q '(default: mse)' t.out; t_check '--help: the default loss'
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
t_error '--optimizer' 2 "nn-train: --optimizer: unknown optimizer 'adam' (sgd)
$try" nn-train --optimizer adam d.tsv
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
