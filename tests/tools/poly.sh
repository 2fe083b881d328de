#!/bin/sh
# Polynomial features, nn-train --poly D: the exact fit of y = 1 + 2x - 3x^2
# (least squares and gradient descent) predicts new x to 1e-8; the model
# file stores poly, one name per column and one shift and scale per power,
# and the stored moments are the training rows' (checked in awk);
# nn-predict of poly models (a linear one and an MLP of two columns)
# equals the prediction computed in awk from the file's parameters;
# --valid, --init-model and --eval expand the same way; --poly implies the
# standardisation; a classifier that needs x^2; every error.  Bad data:
# tests/data/bad/nn-*-poly-*.
. "$srcdir/tests/lib.sh"

tab=$(printf '\t')
# below A B: A < B.
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
# key NAME MODEL: the values of a line of a model file, tab-separated.
key() { awk -F'\t' -v k="$1" '$1 == k { sub(/^[^\t]*\t/, ""); print }' "$2"; }
# quantity NAME FILE: the value of a row of a quantity/value table.
quantity() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$2"; }
# col NAME FILE: the last value of a column of a log.
col() {
  sed '/^#/d' "$2" | awk -F'\t' -v c="$1" 'NR == 1 { for (j = 1; j <= NF; j++) if ($j == c) k = j; next } { v = $k } END { print v }'
}
# body FILE: a file without its comment lines.
body() { sed '/^#/d' "$1"; }

# y = 1 + 2x - 3x^2 on 21 points of [-1, 1]; new points outside it too.
awk 'BEGIN { print "x\ty"; for (i = 0; i <= 20; i++) { x = sprintf("%.1f", i / 10 - 1) + 0; printf "%s\t%.17g\n", x, 1 + 2 * x - 3 * x * x } }' > q.tsv
printf 'x\n-2\n-0.35\n0.5\n0.123456789\n1.7\n3\n' > new.tsv
# quad_ok FILE TOL: every prediction of FILE (x, prediction) is
# 1 + 2x - 3x^2 within TOL.
quad_ok() {
  sed 1d "$1" | awk -F'\t' -v tol="$2" '{
      want = 1 + 2 * $1 - 3 * $1 * $1; d = $2 - want; if (d < 0) d = -d
      if (d > tol) { print "# x = " $1 ": " $2 ", want " want; bad = 1 }
    } END { exit bad || NR != 6 }'
}

# --------------------------------------------------- the exact fit
t_run '--poly 3 --solver lstsq' 0 nn-train --poly 3 --solver lstsq -o q.model q.tsv
key poly q.model > t.k; t_same '--poly 3: the poly line' 3 t.k
key inputs q.model > t.k; t_same '--poly 3: one input name' 'x' t.k
key layers q.model > t.k; t_same '--poly 3: layers counts the powers' "3${tab}1" t.k
body q.model | cut -f 1 | paste -s -d ' ' - > t.k
t_same '--poly 3: the keys, poly before the scaling' \
  'nnkit-model inputs target loss layers activation bias poly shift scale W1[1,1] W1[1,2] W1[1,3] b1[1]' t.k
t_run '--poly 3: nn-predict on new x' 0 nn-predict -m q.model new.tsv
quad_ok t.out 1e-8; t_check '--poly 3: predictions are 1 + 2x - 3x^2 within 1e-8'
cp t.out q.pred

# The stored scaling: the mean and population sd of x, x^2, x^3 over the
# training rows.
{ key shift q.model; key scale q.model; } > t.s
sed 1d q.tsv | awk -F'\t' -v s="$(sed -n 1p t.s)" -v c="$(sed -n 2p t.s)" '
  { n++; p = 1; for (k = 1; k <= 3; k++) { p *= $1; sum[k] += p; sq[k] += p * p } }
  END {
    split(s, shift, "\t"); split(c, scale, "\t")
    for (k = 1; k <= 3; k++) {
      m = sum[k] / n; sd = sqrt(sq[k] / n - m * m)
      if ((shift[k] - m)^2 > 1e-24 || (scale[k] - sd)^2 > 1e-24) {
        print "# power " k ": " shift[k] " " scale[k] ", want " m " " sd; bad = 1 }
    }
    exit bad }'
t_check '--poly 3: shift and scale are the moments of x, x^2, x^3'

# The prediction by hand from the file: sum_k W1[1,k] (x^k - shift_k) /
# scale_k + b1[1].
predict_linear() {
  awk -F'\t' -v model="$1" '
    BEGIN {
      while ((getline line < model) > 0) {
        split(line, f, "\t")
        if (f[1] == "poly") D = f[2]
        else if (f[1] == "shift") for (k = 2; k in f; k++) shift[k - 1] = f[k]
        else if (f[1] == "scale") for (k = 2; k in f; k++) scale[k - 1] = f[k]
        else if (f[1] ~ /^W1\[1,/) { k = substr(f[1], 6); sub(/\]/, "", k); w[k + 0] = f[2] }
        else if (f[1] == "b1[1]") b = f[2]
        delete f
      }
    }
    NR > 1 {
      p = 1; z = b
      for (k = 1; k <= D; k++) { p *= $1; z += w[k] * (p - shift[k]) / scale[k] }
      printf "%s\t%.17g\n", $1, z
    }' "$2"
}
predict_linear q.model new.tsv > t.hand
sed 1d q.pred | paste - t.hand | awk -F'\t' '{
    d = $2 - $4; if (d < 0) d = -d; m = $4 < 0 ? -$4 : $4
    if ($1 != $3 || d > 1e-12 * (m > 1 ? m : 1)) { print "# " $0; bad = 1 } } END { exit bad || NR != 6 }'
t_check '--poly 3: nn-predict equals the prediction computed from the file'

# --eval, --valid and --init-model expand the same way.
t_run '--poly 3: --eval on the training rows' 0 nn-predict -m q.model --eval q.tsv
below "$(quantity loss t.out)" 1e-20; t_check '--poly 3: --eval loss < 1e-20'
awk 'BEGIN { print "y\tx"; for (i = 0; i < 7; i++) { x = i / 4 - 1.5; printf "%.17g\t%s\n", 1 + 2 * x - 3 * x * x, x } }' > valid.tsv
t_run '--poly 3 with --valid' 0 nn-train --poly 3 --solver lstsq --valid valid.tsv --log v.log q.tsv
below "$(col valid_loss v.log)" 1e-20; t_check '--valid: the validation rows get the powers too (valid_loss < 1e-20)'
t_run '--init-model of a poly model' 0 nn-train --init-model q.model --epochs 0 --log i.log -o copy.model q.tsv
body q.model > t.a; body copy.model > t.b
cmp -s t.a t.b; t_check '--init-model: the model written again is the same'
below "$(col loss i.log)" 1e-20; t_check '--init-model: row 0 loss < 1e-20'

# --poly standardises whether or not --standardize is given; --poly 1
# is --standardize.
nn-train --poly 3 --standardize --solver lstsq -o qs.model q.tsv > /dev/null
body qs.model > t.b
cmp -s t.a t.b; t_check '--poly 3 --standardize: the same model'
nn-train --poly 1 --solver lstsq -o p1.model q.tsv > /dev/null
nn-train --standardize --solver lstsq -o s1.model q.tsv > /dev/null
body p1.model > t.a; body s1.model > t.b
cmp -s t.a t.b; t_check '--poly 1: the model of --standardize (no poly line)'
nn-train --solver lstsq -o plain.model q.tsv > /dev/null
! grep -q '^poly' plain.model && ! grep -q '^shift' plain.model
t_check 'without --poly: no poly line, no scaling'

# Gradient descent gets there too on the standardised powers.
t_run '--poly 3, gradient descent' 0 nn-train --poly 3 --init zeros --batch full --lr 0.5 --epochs 2000 -o gd.model q.tsv
nn-predict -m gd.model new.tsv > t.p
quad_ok t.p 1e-8; t_check '--poly 3, gradient descent: predictions within 1e-8'

# ---------------------------------------- an MLP of two columns
# Feature order x1, x1^2, x2, x2^2: W1[i,k] for k = 1..4.
awk 'BEGIN { print "a\tb\ty"; for (i = 0; i < 30; i++) { a = (i % 6) / 3 - 0.8; b = int(i / 6) / 2 - 1; printf "%s\t%s\t%.17g\n", a, b, a * b + b * b } }' > ab.tsv
t_run '--poly 2, mlp:3 tanh, two columns' 0 nn-train --poly 2 -m mlp:3 --activation tanh --epochs 20 --lr 0.1 -o ab.model ab.tsv
key inputs ab.model > t.k; t_same 'mlp: the two input names' "a${tab}b" t.k
key layers ab.model > t.k; t_same 'mlp: layers 4 3 1' "4${tab}3${tab}1" t.k
printf 'y,b,a\n0,0.3,-1.7\n0,-2,0.25\n0,1,1\n0,0,0\n' > abnew.csv
t_run 'mlp: nn-predict, columns in another order' 0 nn-predict -m ab.model abnew.csv
cp t.out ab.pred
awk -F'\t' -v model=ab.model '
  function tanh(z) { return (exp(2 * z) - 1) / (exp(2 * z) + 1) }
  BEGIN {
    while ((getline line < model) > 0) {
      split(line, f, "\t")
      if (f[1] == "shift") for (k = 2; k in f; k++) shift[k - 1] = f[k]
      else if (f[1] == "scale") for (k = 2; k in f; k++) scale[k - 1] = f[k]
      else if (f[1] ~ /^[Wb][12]\[/) p[f[1]] = f[2]
      delete f
    }
  }
  NR > 1 {
    x[1] = $3; x[2] = $3 * $3; x[3] = $2; x[4] = $2 * $2   # a, a^2, b, b^2
    out = p["b2[1]"]
    for (i = 1; i <= 3; i++) {
      z = p["b1[" i "]"]
      for (k = 1; k <= 4; k++) z += p["W1[" i "," k "]"] * (x[k] - shift[k]) / scale[k]
      out += p["W2[1," i "]"] * tanh(z)
    }
    d = out - $4; if (d < 0) d = -d
    if (d > 1e-12) { print "# row " NR ": " $4 ", by hand " out; bad = 1 }
    n++
  } END { exit bad || n != 4 }' ab.pred
t_check 'mlp: nn-predict equals the forward pass computed from the file'

# ------------------------------------------- a classifier that needs x^2
# Class by |x| > 0.5: no threshold on x separates it, one on x^2 does.
awk 'BEGIN { print "x\tc"; for (i = 0; i <= 40; i++) { x = i / 20 - 1; if (x == 0.5 || x == -0.5) continue; print x "\t" (x > 0.5 || x < -0.5 ? "out" : "in") } }' > ring.tsv
nn-train --loss xent --poly 2 --batch full --lr 1 --epochs 2000 -o ring2.model ring.tsv > /dev/null
nn-train --loss xent --standardize --batch full --lr 1 --epochs 2000 -o ring1.model ring.tsv > /dev/null
t_run 'classifier --poly 2: --eval' 0 nn-predict -m ring2.model --eval ring.tsv
[ "$(quantity accuracy t.out)" = 1 ]; t_check 'classifier --poly 2: accuracy 1'
nn-predict -m ring1.model --eval ring.tsv > t.e
below "$(quantity accuracy t.e)" 0.9; t_check 'classifier without --poly: accuracy below 0.9'

# ------------------------------------------------------------ errors
try="Try 'nn-train --help' for more information."
for d in 0 31 x 2.5 -1 ''; do
  t_error "--poly '$d'" 2 "nn-train: --poly: '$d' is not a whole number from 1 to 30
$try" nn-train --poly "$d" q.tsv
done
t_error '--poly with --init-model' 2 "nn-train: --init-model: the model file gives the polynomial features; do not give --poly too
$try" nn-train --init-model q.model --poly 3 q.tsv
t_error '--poly with --function' 2 "nn-train: --function: a built-in function has no data or model; do not give --poly
$try" nn-train --function quartic --at 1 --poly 2

# Powers that overflow: named by file, line, column and power; no model.
printf 'x\ty\n1\t2\n1e103\t3\n' > big.tsv
t_error 'training: x^3 overflows' 1 "nn-train: big.tsv:3: column 'x': '1e103' to the power 3 is not finite" \
  nn-train --poly 3 --solver lstsq -o big.model big.tsv
[ ! -e big.model ]; t_check 'training: x^3 overflows: no model written'
t_run 'training: x^2 of 1e103 is fine' 0 nn-train --poly 2 --solver lstsq big.tsv
# Powers whose squares overflow (1e180^2): the scaling is still finite and
# the model reads back.
printf 'x\ty\n1\t2\n1e60\t3\n-1e60\t4\n' > huge.tsv
t_run 'powers up to 1e180: trained' 0 nn-train --poly 3 --epochs 1 -o huge.model huge.tsv
t_run 'powers up to 1e180: the model reads back' 0 nn-predict -m huge.model huge.tsv
t_error 'nn-predict: x^3 overflows' 1 "nn-predict: big.tsv:3: column 'x': '1e103' to the power 3 is not finite" \
  nn-predict -m q.model big.tsv
t_error '--valid: x^3 overflows' 1 "nn-train: big.tsv:3: column 'x': '1e103' to the power 3 is not finite" \
  nn-train --poly 3 --solver lstsq --valid big.tsv q.tsv

t_run '--help' 0 nn-train --help
grep -q -- '--poly=D' t.out; t_check '--help: lists --poly'

t_done
