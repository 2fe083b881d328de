#!/bin/sh
# nn-hessian: the notes' worked example exactly (NOTES.md §2), the built-in
# functions' verdicts, a tanh network (the spectrum against the matrix's
# trace and Frobenius norm, Lanczos against the full spectrum, --check),
# grids against the loss computed here and by nn-predict, escape, and
# every usage error.  Bad data: tests/data/bad/nn-hessian-*.
. "$srcdir/tests/lib.sh"

tab=$(printf '\t')
quantity() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$2"; }
# within TOL of each other: awk reads numbers as strtod does.
close_to() {
  awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= tol) }'
}

# The notes' network y = w1 w2 x (NOTES.md §2) at (W1, W2), by hand.
two_model() {
  printf 'nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nlayers\t1\t1\t1\n'
  printf 'activation\tlinear\nbias\tno\nW1[1,1]\t%s\nW2[1,1]\t%s\n' "$1" "$2"
}
two_model 0 0 > two.model
printf 'x\ty\n1\t1\n' > one.tsv

# ---------------------------------------------- the notes' example at (0, 0)
t_run "the notes' example" 0 nn-hessian -m two.model one.tsv
t_stdout 'quantity	value
loss	1
grad_norm	0
params	2
lambda_min	-2
lambda_max	2
positive	1
negative	1
zero	0
minimum_ratio	0.5
verdict	saddle-point
escape[W1[1,1]]	0.7071067811865475
escape[W2[1,1]]	0.7071067811865475'
[ ! -s t.err ]; t_check "the notes' example: no progress when stderr is not a terminal"
# The escape direction is +-(1, 1)/sqrt 2: equal components of length 1/2.
e1=$(quantity 'escape[W1[1,1]]' t.out) e2=$(quantity 'escape[W2[1,1]]' t.out)
[ "$e1" = "$e2" ] && close_to "$e1" 0.70710678118654752 2e-16
t_check "the notes' example: the escape direction is (1, 1)/sqrt 2"

t_run "the notes' example: --matrix" 0 nn-hessian -m two.model --matrix one.tsv
t_stdout 'param	W1[1,1]	W2[1,1]
W1[1,1]	0	-2
W2[1,1]	-2	0'
t_run "the notes' example: --spectrum" 0 nn-hessian -m two.model --spectrum one.tsv
t_stdout 'k	eigenvalue
1	-2
2	2'
t_run "the notes' example: --vectors" 0 nn-hessian -m two.model --vectors one.tsv
t_stdout 'index	param	v1	v2
1	W1[1,1]	0.7071067811865475	0.7071067811865475
2	W2[1,1]	0.7071067811865475	-0.7071067811865475'
t_run "the notes' example: --check" 0 nn-hessian -m two.model --check one.tsv
[ "$(quantity asymmetry t.out)" = 0 ] && [ "$(quantity params t.out)" = 2 ] &&
  close_to "$(quantity worst_relative_error t.out)" 0 1e-9
t_check "the notes' example: --check: symmetric, the differences agree"

# --escape 1: the loss goes from 1 to 0.25 (to rounding).
echo 'an old model' > escaped.model
t_run "the notes' example: --escape 1" 0 nn-hessian -m two.model --escape 1 -o escaped.model one.tsv
cp t.out escape.out
[ "$(quantity loss_before escape.out)" = 1 ] &&
  close_to "$(quantity loss_after escape.out)" 0.25 1e-15 &&
  [ "$(quantity lambda_min escape.out)" = -2 ] && [ "$(quantity step escape.out)" = 1 ]
t_check '--escape 1: loss 1, then 0.25'
grep '^W' escaped.model > t.w
t_same '--escape 1: the moved model' "W1[1,1]${tab}0.7071067811865475
W2[1,1]${tab}0.7071067811865475" t.w
head -n 1 escaped.model > t.h
t_same '--escape 1: the moved model records its command line' \
  '# nn-hessian (nnkit) 0.1.0: -m two.model --escape 1 -o escaped.model one.tsv' t.h
nn-predict -m escaped.model --eval one.tsv > t.e
[ "$(quantity loss t.e)" = "$(quantity loss_after escape.out)" ]
t_check '--escape 1: nn-predict finds the loss printed'
t_run "the moved model" 0 nn-hessian -m escaped.model one.tsv
[ "$(quantity verdict t.out)" = not-critical ] && [ "$(quantity loss t.out)" = "$(quantity loss_after escape.out)" ]
t_check 'the moved model: not a critical point, the loss printed'
# A larger step, on a copy of the model on standard input: -m - works.
T_STDIN=two.model t_run '--escape 2, the model from standard input' 0 \
  nn-hessian -m - --escape 2 -o far.model one.tsv
# w1 = w2 = sqrt 2: w1 w2 = 2, the loss (1 - 2)^2 = 1 again.
close_to "$(quantity loss_after t.out)" 1 1e-15; t_check '--escape 2 climbs the far side: loss 1'

# -------------------------------------------------- the valley, at (1, 1)
two_model 1 1 > valley.model
t_run "at (1, 1): a valley of minima" 0 nn-hessian -m valley.model one.tsv
t_stdout 'quantity	value
loss	0
grad_norm	0
params	2
lambda_min	0
lambda_max	4
positive	1
negative	0
zero	1
minimum_ratio	0.5
verdict	degenerate'
t_run 'at (1, 1): --tol 0 still sees the exact zero' 0 nn-hessian -m valley.model --tol 0 one.tsv
[ "$(quantity verdict t.out)" = degenerate ] && [ "$(quantity zero t.out)" = 1 ]
t_check 'at (1, 1), --tol 0: degenerate'
t_error 'at (1, 1): no escape' 1 'nn-hessian: --escape: no negative eigenvalue (lambda_min = 0), so no escape direction' \
  nn-hessian -m valley.model --escape 1 -o escaped.model one.tsv
grep '^W' escaped.model > t.w
t_same 'a failed --escape leaves the old model' "W1[1,1]${tab}0.7071067811865475
W2[1,1]${tab}0.7071067811865475" t.w

# ---------------------------------------------------- built-in functions
t_run '--function w1w2 --at 0,0' 0 nn-hessian --function w1w2 --at 0,0
nn-hessian -m two.model one.tsv | sed 's/W\([12]\)\[1,1\]/w\1/' > t.m
cmp -s t.m t.out; t_check '--function w1w2: the same table as the hand-written model'
t_run '--function w1w2 --escape 1' 0 nn-hessian --function w1w2 --at 0,0 --escape 1
t_stdout 'quantity	value
lambda_min	-2
step	1
loss_before	1
loss_after	0.2500000000000001
at	0.7071067811865475,0.7071067811865475
escape[w1]	0.7071067811865475
escape[w2]	0.7071067811865475'
# The new point goes back in as --at.
t_run '--at the new point' 0 nn-hessian --function w1w2 --at "$(quantity at t.out)"
[ "$(quantity loss t.out)" = 0.2500000000000001 ]; t_check '--at the new point: its loss'

verdict_of() { nn-hessian --function "$1" --at "$2" | awk -F'\t' '$1 == "verdict" { print $2 }'; }
for case in 'saddle 0,0 saddle-point' 'monkey 0,0 degenerate' \
            'valley 0,0 local-minimum' 'valley:1:0 0,0 degenerate' \
            'rosenbrock 1,1 local-minimum' 'rosenbrock 0,0 not-critical' \
            'quartic 0 not-critical' 'walls 0,0 local-minimum' \
            'w1w2 1,1 degenerate' 'w1w2 0,0 saddle-point'; do
  set -- $case
  [ "$(verdict_of "$1" "$2")" = "$3" ]; t_check "--function $1 --at $2: $3"
done
# x^2 - y^2: the escape direction is y; -(x^2 - y^2) would be a maximum.
t_run 'saddle: the escape direction' 0 nn-hessian --function saddle --at 0,0
t_stdout 'quantity	value
loss	0
grad_norm	0
params	2
lambda_min	-2
lambda_max	2
positive	1
negative	1
zero	0
minimum_ratio	0.5
verdict	saddle-point
escape[y]	1
escape[x]	0'
# Off the critical point the escape sign follows the gradient: at
# (0, 0.5) the gradient of x^2 - y^2 is (0, -1), so the direction is +y.
nn-hessian --function saddle --at 0,0.5 --grad-tol 2 > t.s
[ "$(quantity 'escape[y]' t.s)" = 1 ] && [ "$(quantity verdict t.s)" = saddle-point ]
t_check 'saddle at (0, 0.5): descent along +y; --grad-tol 2 makes it critical'
nn-hessian --function saddle --at 0,-0.5 > t.s
[ "$(quantity 'escape[y]' t.s)" = -1 ] && [ "$(quantity verdict t.s)" = not-critical ]
t_check 'saddle at (0, -0.5): descent along -y, not critical'
# Rosenbrock at (1, 1): H = [[802, -400], [-400, 200]], lambda = 501 -+ sqrt(301^2 + 400^2).
nn-hessian --function rosenbrock --at 1,1 --spectrum > t.s
close_to "$(sed -n 2p t.s | cut -f 2)" "$(awk 'BEGIN { printf "%.17g", 501 - sqrt(301^2 + 400^2) }')" 1e-9 &&
  close_to "$(sed -n 3p t.s | cut -f 2)" "$(awk 'BEGIN { printf "%.17g", 501 + sqrt(301^2 + 400^2) }')" 1e-9
t_check 'rosenbrock at (1, 1): the eigenvalues of [[802, -400], [-400, 200]]'
# --weight-decay C adds C to every eigenvalue.
nn-hessian --function rosenbrock --at 1,1 --weight-decay 0.5 --spectrum > t.l
paste t.s t.l | awk -F'\t' 'NR > 1 { d = $4 - $2 - 0.5; if (d < 0) d = -d; if (d > 1e-12) bad = 1 } END { exit bad }'
t_check '--weight-decay 0.5: every eigenvalue 0.5 larger'
nn-hessian --function w1w2 --at 1,1 --weight-decay 0.5 > t.l
[ "$(quantity loss t.l)" = 0.5 ] && [ "$(quantity grad_norm t.l)" = 0.7071067811865476 ] &&
  [ "$(quantity verdict t.l)" = not-critical ]
t_check '--weight-decay 0.5: the loss + 0.25 |theta|^2, the gradient + 0.5 theta'
t_run '--function --check' 0 nn-hessian --function rosenbrock --at 0.3,-0.7 --check
close_to "$(quantity worst_relative_error t.out)" 0 1e-8; t_check '--function rosenbrock --check'

# ------------------------------------------------------- a tanh network
# 2-10-10-1, tanh, 151 parameters from an LCG, on 60 rows: more
# parameters than Lanczos forms densely.
awk 'BEGIN {
  s = 12345; print "x1\tx2\ty"
  for (i = 0; i < 60; i++) {
    s = (s * 1103515245 + 12345) % 2147483648; a = s / 2147483648 * 4 - 2
    s = (s * 1103515245 + 12345) % 2147483648; b = s / 2147483648 * 4 - 2
    printf "%.6f\t%.6f\t%.6f\n", a, b, sin(a) * cos(b) } }' > data.tsv
awk 'function r() { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 - 0.5 }
  BEGIN {
  s = 777; n[0] = 2; n[1] = 10; n[2] = 10; n[3] = 1
  print "nnkit-model\t1\ninputs\tx1\tx2\ntarget\ty\nloss\tmse"
  print "layers\t2\t10\t10\t1\nactivation\ttanh\nbias\tyes"
  for (l = 1; l <= 3; l++) {
    for (i = 1; i <= n[l]; i++) for (j = 1; j <= n[l - 1]; j++)
      printf "W%d[%d,%d]\t%.6f\n", l, i, j, 2 * r()
    for (i = 1; i <= n[l]; i++) printf "b%d[%d]\t%.6f\n", l, i, r()
  } }' > net.model
t_run 'tanh net' 0 nn-hessian -m net.model data.tsv
cp t.out net.out
[ "$(quantity params net.out)" = 151 ]; t_check 'tanh net: 151 parameters'
t_run 'tanh net: --spectrum' 0 nn-hessian -m net.model --spectrum data.tsv
cp t.out spec.out
t_run 'tanh net: --matrix' 0 nn-hessian -m net.model --matrix data.tsv
cp t.out matrix.out
# Independent checks of the eigenvalues: their sum is the trace of H, the
# sum of their squares its squared Frobenius norm; H is symmetric.
awk -F'\t' 'NR > 1 { tr += $(NR); for (j = 2; j <= NF; j++) fro += $j * $j }
  END { printf "%.17g %.17g\n", tr, fro }' matrix.out > t.tf
awk -F'\t' 'NR > 1 { s += $2; q += $2 * $2; m = ($2 < 0 ? -$2 : $2) > m ? ($2 < 0 ? -$2 : $2) : m }
  END { printf "%.17g %.17g %.17g\n", s, q, m }' spec.out > t.sq
set -- $(cat t.tf) $(cat t.sq)
close_to "$1" "$3" "$(awk -v m="$5" 'BEGIN { print 1e-12 * m * 151 }')" &&
  close_to "$2" "$4" "$(awk -v q="$4" 'BEGIN { print 1e-12 * q }')"
t_check 'tanh net: sum of eigenvalues = trace, sum of squares = Frobenius norm^2'
awk -F'\t' 'NR == 1 { next } { for (j = 2; j <= NF; j++) h[NR - 1, j - 1] = $j; n = NR - 1 }
  END { for (i = 1; i <= n; i++) for (j = 1; j <= n; j++) if (h[i, j] != h[j, i]) exit 1 }' matrix.out
t_check 'tanh net: --matrix is symmetric'
sed 1d spec.out | cut -f 1 | paste -s -d ' ' - | awk '{ for (k = 1; k <= NF; k++) if ($k != k) exit 1; exit NF != 151 }'
t_check 'tanh net: --spectrum numbers k from 1 to 151'
sed 1d spec.out | cut -f 2 | sort -g -c; t_check 'tanh net: --spectrum ascends'
# The summary against the spectrum.
neg=$(awk -F'\t' 'NR == 1 { next } { v[NR - 1] = $2; n = NR - 1; a = $2 < 0 ? -$2 : $2; if (a > m) m = a }
  END { for (k = 1; k <= n; k++) c += v[k] < -1e-8 * m; print c }' spec.out)
[ "$(quantity lambda_min net.out)" = "$(sed -n 2p spec.out | cut -f 2)" ] &&
  [ "$(quantity lambda_max net.out)" = "$(sed -n 152p spec.out | cut -f 2)" ] &&
  [ "$(quantity negative net.out)" = "$neg" ] &&
  [ $(($(quantity positive net.out) + $(quantity negative net.out) + $(quantity zero net.out))) = 151 ] &&
  close_to "$(quantity minimum_ratio net.out)" "$(awk -v p="$(quantity positive net.out)" 'BEGIN { printf "%.17g", p / 151 }')" 1e-16
t_check 'tanh net: the summary agrees with the spectrum'
[ "$neg" -gt 0 ] && [ "$(grep -c '^escape\[' net.out)" = 10 ]
t_check 'tanh net: negative eigenvalues, so 10 escape rows'
# The escape rows are the 10 largest components of v1, largest first, all
# with one sign flipped or none.
t_run 'tanh net: --vectors' 0 nn-hessian -m net.model --vectors data.tsv
cp t.out vec.out
head -n 1 vec.out | cut -f 1-4,153 > t.h
t_same 'tanh net: --vectors columns' "index${tab}param${tab}v1${tab}v2${tab}v151" t.h
sed 1d vec.out | awk -F'\t' '{ a = $3 < 0 ? -$3 : $3; printf "%.17g\t%d\tescape[%s]\t%s\n", a, $1, $2, $3 }' |
  sort -t "$tab" -k1,1gr -k2,2n | head -n 10 | cut -f 3,4 > t.top
grep '^escape\[' net.out > t.esc
# (The escape direction comes from inverse iteration, v1 from
# gsl_eigen_symmv: equal to rounding.)
paste t.top t.esc | awk -F'\t' 'function abs(x) { return x < 0 ? -x : x }
  { s = abs($2 - $4) < 1e-12 ? 1 : abs($2 + $4) < 1e-12 ? -1 : 0
    if ($1 != $3 || s == 0 || (NR > 1 && s != s0)) bad = 1; s0 = s }
  END { exit bad || NR != 10 }'
t_check 'tanh net: the escape rows are the largest components of v1'
# Each column of --vectors has length 1.
sed 1d vec.out | awk -F'\t' '{ for (j = 3; j <= NF; j++) s[j] += $j * $j }
  END { for (j = 3; j <= NF; j++) if (s[j] - 1 > 1e-12 || 1 - s[j] > 1e-12) exit 1 }'
t_check 'tanh net: unit eigenvectors'
t_run 'tanh net: --check' 0 nn-hessian -m net.model --check data.tsv
w=$(quantity worst_relative_error t.out)
close_to "$w" 0 1e-6; t_check "tanh net: --check worst relative error $w below 1e-6"
close_to "$(quantity asymmetry t.out)" 0 1e-12; t_check 'tanh net: asymmetry only rounding'

# Lanczos: the extremes agree with the full spectrum to 1e-8.
t_run 'tanh net: --top 3 --bottom 3' 0 nn-hessian -m net.model --spectrum --top 3 --bottom 3 data.tsv
cut -f 1 t.out | paste -s -d ' ' - > t.k
t_same '--top 3 --bottom 3: k' 'k 1 2 3 149 150 151' t.k
lmax=$(quantity lambda_max net.out)
sed 1d t.out | while IFS=$tab read -r k v; do
  printf '%s\t%s\t%s\n' "$k" "$v" "$(sed -n "$((k + 1))p" spec.out | cut -f 2)"
done | awk -F'\t' -v m="$lmax" '{ d = $2 - $3; if (d < 0) d = -d; if (d > 1e-8 * (m < 0 ? -m : m)) bad = 1 }
  END { exit bad || NR != 6 }'
t_check 'tanh net: Lanczos extremes = the full spectrum, to 1e-8 max|lambda|'
t_run 'tanh net: Lanczos vectors' 0 nn-hessian -m net.model --vectors --bottom 2 data.tsv
head -n 1 t.out > t.h
t_same 'tanh net: Lanczos vectors are v1, v2' "index${tab}param${tab}v1${tab}v2" t.h
paste vec.out t.out | sed 1d | awk -F'\t' '{ d = $3 - $(NF - 1); if (d < 0) d = -d; if (d > 1e-6) bad = 1 } END { exit bad }'
t_check 'tanh net: the Lanczos v1 is the full v1 (signed alike)'
# The summary from a partial spectrum says only what it decides.
t_run 'tanh net: --top 1 alone' 0 nn-hessian -m net.model --top 1 data.tsv
cut -f 1 t.out | paste -s -d ' ' - > t.k
t_same '--top 1: loss, gradient and lambda_max only (not critical)' \
  'quantity loss grad_norm params lambda_max verdict' t.k
t_run 'tanh net: critical by --grad-tol, --bottom 1 alone' 0 \
  nn-hessian -m net.model --bottom 1 --grad-tol 100 data.tsv
cut -f 1 t.out | paste -s -d ' ' - > t.k
t_same '--bottom 1, critical: no verdict without lambda_max' \
  'quantity loss grad_norm params lambda_min' t.k
nn-hessian -m net.model --grad-tol 100 data.tsv > t.full
t_run 'tanh net: --top 1 --bottom 1, critical' 0 \
  nn-hessian -m net.model --top 1 --bottom 1 --grad-tol 100 data.tsv
[ "$(quantity verdict t.out)" = "$(quantity verdict t.full)" ] &&
  [ "$(quantity verdict t.out)" = saddle-point ] && ! grep -q '^positive' t.out &&
  [ "$(grep -c '^escape\[' t.out)" = 10 ]
t_check 'both ends: the verdict of the full spectrum (saddle-point), no counts, the escape rows'
t_run 'tanh net: --escape with --bottom' 0 nn-hessian -m net.model --bottom 1 --escape 0.1 -o lz.model data.tsv
cp t.out lz.out
nn-hessian -m net.model --escape 0.1 -o full.model data.tsv > full.out
awk -F'\t' '$1 ~ /^[Wb][0-9]/ { print $2 }' lz.model > t.a
awk -F'\t' '$1 ~ /^[Wb][0-9]/ { print $2 }' full.model > t.b
paste t.a t.b | awk '{ d = $1 - $2; if (d < 0) d = -d; if (d > 1e-7) bad = 1 } END { exit bad || NR != 151 }'
t_check 'tanh net: --escape by Lanczos moves as by the full spectrum'
awk -v a="$(quantity loss_before lz.out)" -v b="$(quantity loss_after lz.out)" 'BEGIN { exit !(b < a) }'
t_check 'tanh net: --escape lowers the loss'

# ------------------------------------------------------------------ grids
# (1 - w1 w2)^2 around (0.5, -0.25): the columns hold w1 and w2.
t_run 'grid of w1w2' 0 nn-hessian --function w1w2 --at 0.5,-0.25 --grid -1:1:5,-2:1:7
head -n 1 t.out > t.h
t_same 'grid: the columns are the parameters' "w1${tab}w2${tab}loss" t.h
sed 1d t.out | awk -F'\t' '{
    i = int((NR - 1) / 7); j = (NR - 1) % 7
    w1 = 0.5 + (-1 + 2 * i / 4); w2 = -0.25 + (-2 + 3 * j / 6)
    if ($1 - w1 > 1e-15 || w1 - $1 > 1e-15 || $2 - w2 > 1e-15 || w2 - $2 > 1e-15) bad = 1
    l = (1 - $1 * $2)^2; d = $3 - l; if (d < 0) d = -d
    if (d > 1e-15 * (l > 1 ? l : 1)) bad = 1
  } END { exit bad || NR != 35 }'
t_check 'grid: 35 rows, x outer, loss = (1 - w1 w2)^2'
t_run 'a 1-D slice along eig' 0 nn-hessian --function w1w2 --at 0,0 --grid -2:2:9 --dirs eig
head -n 1 t.out > t.h
t_same 'slice: the columns' "x${tab}loss" t.h
# Along (1, 1)/sqrt 2: w1 w2 = t^2/2, L = (1 - t^2/2)^2.
sed 1d t.out | awk -F'\t' '{ t = -2 + (NR - 1) / 2; l = (1 - t * t / 2)^2
    d = $2 - l; if (d < 0) d = -d; if ($1 != t || d > 2e-15) bad = 1 } END { exit bad || NR != 9 }'
t_check 'slice: L = (1 - t^2/2)^2 along the escape direction'
# A model grid over two named parameters against nn-predict at the moved
# models.
t_run 'grid of a model' 0 nn-hessian -m net.model --grid -0.5:0.5:3,0:1:2 --dirs 'W2[3,4],b1[2]' data.tsv
cp t.out grid.out
head -n 1 grid.out > t.h
# (The first name is quoted: it holds a comma, nn-table(5).)
t_same 'model grid: the columns' "\"W2[3,4]\"${tab}b1[2]${tab}loss" t.h
w0=$(awk -F'\t' '$1 == "W2[3,4]" { print $2 }' net.model)
b0=$(awk -F'\t' '$1 == "b1[2]" { print $2 }' net.model)
sed 1d grid.out | while IFS=$tab read -r w b l; do
  awk -F'\t' -v OFS='\t' -v w="$w" -v b="$b" '$1 == "W2[3,4]" { $2 = w } $1 == "b1[2]" { $2 = b } { print }' \
    net.model > moved.model
  printf '%s\t%s\n' "$l" "$(nn-predict -m moved.model --eval data.tsv | awk -F'\t' '$1 == "loss" { print $2 }')"
done > t.cmp
awk -F'\t' '{ d = $1 - $2; if (d < 0) d = -d; if (d > 1e-14 * $2) bad = 1 } END { exit bad || NR != 6 }' t.cmp
t_check 'model grid: each loss is nn-predict --eval of the moved model'
awk -F'\t' -v w="$w0" -v b="$b0" 'NR > 1 { x = $1 - w; y = $2 - b
    if (x < -0.5 - 1e-15 || x > 0.5 + 1e-15 || y < -1e-15 || y > 1 + 1e-15) bad = 1 }
  END { exit bad || NR != 7 }' grid.out
t_check 'model grid: the parameter values are around the model'"'"'s'
# Random filter-normalised directions: the seed decides; the centre of the
# grid is the model.
nn-hessian -m net.model --grid -1:1:3,-1:1:3 --dirs random data.tsv > r1.out
nn-hessian -m net.model --grid -1:1:3,-1:1:3 --dirs random --seed 1 data.tsv > r2.out
nn-hessian -m net.model --grid -1:1:3,-1:1:3 --dirs random --seed 2 data.tsv > r3.out
cmp -s r1.out r2.out && ! cmp -s r1.out r3.out; t_check 'random directions: --seed 1 is the default, --seed 2 differs'
head -n 1 r1.out > t.h
t_same 'random directions: the columns' "x${tab}y${tab}loss" t.h
[ "$(sed -n 6p r1.out)" = "0${tab}0${tab}$(quantity loss net.out)" ]
t_check 'random directions: the centre is the loss at the model'
nn-hessian -m net.model --grid -1:1:3,-1:1:3 --dirs eig --top 1 --bottom 1 data.tsv > t.l
nn-hessian -m net.model --grid -1:1:3,-1:1:3 data.tsv > t.d
nn-hessian -m net.model --grid -1:1:3,-1:1:3 --dirs eig data.tsv > t.e
cmp -s t.d t.e; t_check 'a model grid is along eig by default'
paste t.d t.l | awk -F'\t' 'NR > 1 { d = $3 - $6; if (d < 0) d = -d; if ($1 != $4 || $2 != $5 || d > 1e-9 * $3) bad = 1 }
  END { exit bad || NR != 10 }'
t_check 'an eig grid from Lanczos vectors is the full one'

# ------------------------------------------------------ input variants
tr '\t' ',' < data.tsv > data.csv
nn-hessian -m net.model data.csv > t.csv
cmp -s t.csv net.out; t_check 'CSV input: the same'
T_STDIN=data.tsv t_run 'the table on standard input' 0 nn-hessian -m net.model
cmp -s t.out net.out; t_check 'standard input: the same'
t_run '-q' 0 nn-hessian -q -m net.model data.tsv
[ ! -s t.err ]; t_check '-q: nothing on stderr'
cmp -s t.out net.out; t_check '-q: the same'

t_run '--help' 0 nn-hessian --help
tail -n 1 t.out > t.l
t_same '--help ends with the man page' 'See nn-hessian(1).' t.l
grep -q -- '--max-params=N' t.out && grep -q 'default 4000' t.out &&
  grep -q 'default 1e-8' t.out && grep -q 'default 1e-6' t.out
t_check '--help: the defaults'
t_run '--version' 0 nn-hessian --version
head -n 1 t.out > t.l
t_same '--version' 'nn-hessian (nnkit) 0.1.0' t.l

# ------------------------------------------------------------ usage errors
try='Try '"'"'nn-hessian --help'"'"' for more information.'
usage() {
  t_e_msg=$1; shift
  t_error "usage: $*" 2 "nn-hessian: $t_e_msg
$try" nn-hessian "$@"
}
usage 'nothing to analyse: give a model with -m MODEL, or a function with --function NAME --at X,Y'
usage '-m and --function: give a model or a function, not both' -m two.model --function w1w2 --at 0,0
usage '--function: give the point with --at X[,Y]' --function w1w2
usage '--at: the point of a --function' -m two.model --at 0,0 one.tsv
usage '--at: 1 value for the 2 parameters of w1w2' --function w1w2 --at 1
usage '--at: 3 values for the 2 parameters of w1w2' --function w1w2 --at 1,2,3
usage '--at: 2 values for the 1 parameter of quartic' --function quartic --at 1,2
usage "--at: 'x' is not a number" --function w1w2 --at 1,x
usage "--at: '1,,2' is not a list of numbers X[,Y]" --function w1w2 --at 1,,2
usage "--function: unknown function 'nope' (w1w2, saddle, monkey, rosenbrock, quartic, valley:A:B, walls:A)" \
  --function nope --at 1,2
usage "extra operand 'one.tsv': --function reads no table" --function w1w2 --at 0,0 one.tsv
usage "extra operand 'one.tsv': one table at a time" -m two.model one.tsv one.tsv
usage '-m -: standard input holds the model; give the table as FILE' -m -
usage '-m -: standard input holds the model; give the table as FILE' -m - -
usage '--spectrum and --matrix print different tables; choose one' -m two.model --spectrum --matrix one.tsv
usage '--grid and --escape print different tables; choose one' --function w1w2 --at 0,0 --grid 0:1:2 --escape 1
usage '-o: the moved model of --escape; other tables go to standard output' -m two.model -o x.model one.tsv
usage '--escape: give the file for the moved model with -o MODEL' -m two.model --escape 1 one.tsv
usage '-o: --escape with --function prints the new point; there is no model to write' \
  --function w1w2 --at 0,0 --escape 1 -o x.model
usage '--escape: the escape direction needs the smallest eigenvalue: add --bottom K, or drop --top' \
  -m two.model --escape 1 --top 1 -o x.model one.tsv
usage '--check: the full Hessian; not with --top or --bottom' -m two.model --check --top 1 one.tsv
usage '--matrix: the full Hessian; not with --top or --bottom' -m two.model --matrix --bottom 1 one.tsv
usage '--dirs: the directions of a --grid' -m two.model --dirs eig one.tsv
usage "--dirs: 'W1[1,1],W1[1,1]' names the same parameter twice" -m two.model --grid 0:1:3 --dirs 'W1[1,1],W1[1,1]' one.tsv
usage "--dirs: 'a,b,c' is not eig, random, or one or two parameter names (P1,P2)" -m two.model --grid 0:1:3 --dirs a,b,c one.tsv
usage "--dirs: 'a,' is not eig, random, or one or two parameter names (P1,P2)" -m two.model --grid 0:1:3 --dirs a, one.tsv
usage '--dirs: a 1-D --grid needs 1 parameter name' -m two.model --grid 0:1:3 --dirs 'W1[1,1],W2[1,1]' one.tsv
usage '--dirs: a 2-D --grid needs 2 parameter names' -m two.model --grid 0:1:3,0:1:3 --dirs 'W1[1,1]' one.tsv
usage '--dirs eig with Lanczos needs --bottom and --top' -m net.model --grid 0:1:3,0:1:3 --dirs eig --bottom 1 data.tsv
usage '--dirs eig with Lanczos needs --bottom' -m net.model --grid 0:1:3 --dirs eig --top 1 data.tsv
usage '--dirs eig with Lanczos needs --bottom' -m net.model --grid 0:1:3 --top 1 data.tsv
usage "--grid: '0:1' is not X0:X1:N or X0:X1:N,Y0:Y1:M (numbers X0 < X1, counts N >= 2)" -m two.model --grid 0:1 one.tsv
usage "--grid: '1:0:3': the first value of an axis must be below the last" -m two.model --grid 1:0:3 one.tsv
usage "--grid: '0:1:1': an axis needs at least 2 points" -m two.model --grid 0:1:1 one.tsv
usage "--escape: '0' is not greater than zero" -m two.model --escape 0 -o x one.tsv
usage "--escape: 'x' is not a number" -m two.model --escape x -o x one.tsv
usage "--top: '0' is not a whole number >= 1" -m two.model --top 0 one.tsv
usage "--bottom: '1.5' is not a whole number >= 1" -m two.model --bottom 1.5 one.tsv
usage "--max-params: '-1' is not a whole number >= 1" -m two.model --max-params -1 one.tsv
usage "--tol: '-1' is negative" -m two.model --tol -1 one.tsv
usage "--grad-tol: '-1e-3' is negative" -m two.model --grad-tol -1e-3 one.tsv
usage "--weight-decay: '-1' is negative" -m two.model --weight-decay -1 one.tsv
usage "--seed: 'x' is not a whole number" -m two.model --seed x one.tsv
t_error 'usage: an unknown option' 2 "nn-hessian: unrecognized option '--nope'
$try" nn-hessian --nope
[ ! -e x.model ] && [ ! -e x ]; t_check 'no model written by a usage error'

# ----------------------------------------- data errors (more: tests/data/bad)
t_error 'too many parameters' 1 "nn-hessian: 151 parameters: the full Hessian (151 x 151, 182 kB) is over --max-params 150; use --top K or --bottom K (Lanczos), or raise --max-params" \
  nn-hessian -m net.model --max-params 150 data.tsv
t_run '--max-params 151 is enough' 0 nn-hessian -m net.model --max-params 151 --spectrum data.tsv
t_run 'Lanczos above --max-params' 0 nn-hessian -m net.model --max-params 150 --top 2 --spectrum data.tsv
t_error '--top too many' 1 'nn-hessian: --top 3: there are only 2 parameters' \
  nn-hessian -m two.model --top 3 one.tsv
t_error '--bottom too many' 1 'nn-hessian: --bottom 3: there are only 2 parameters' \
  nn-hessian -m two.model --bottom 3 one.tsv
t_error '--top and --bottom too many' 1 'nn-hessian: --top 2 and --bottom 1 ask for more eigenvalues than the 2 there are; use the full Hessian' \
  nn-hessian -m two.model --top 2 --bottom 1 one.tsv
t_error 'an unknown parameter' 1 "nn-hessian: --dirs: no parameter named 'W3' (the parameters: W1[1,1], W2[1,1])" \
  nn-hessian -m two.model --grid 0:1:3,0:1:3 --dirs 'W1[1,1],W3' one.tsv
t_error 'an unknown parameter of a net' 1 "nn-hessian: --dirs: no parameter named 'w1' (the parameters: W1[1,1], ..., b3[1])" \
  nn-hessian -m net.model --grid 0:1:3 --dirs w1 data.tsv
t_error 'an unknown parameter of a function' 1 "nn-hessian: --dirs: no parameter named 'w1' (the parameters: x, y)" \
  nn-hessian --function saddle --at 0,0 --grid 0:1:3 --dirs w1
t_error 'a 2-D grid of one parameter' 1 'nn-hessian: --grid: a 2-D grid needs two parameters; there is one' \
  nn-hessian --function quartic --at 1 --grid 0:1:3,0:1:3
t_error 'a grid to infinity' 1 'nn-hessian: --grid: the loss is not finite at x = 1e+200, y = 0' \
  nn-hessian --function saddle --at 0,0 --grid 1e200:2e200:2,0:1:2
t_error 'a function overflowing' 1 'nn-hessian: --function saddle: the loss is infinite at 1e300,1' \
  nn-hessian --function saddle --at 1e300,1
t_error 'a function not a number' 1 'nn-hessian: --function saddle: the loss is not a number at 1e200,1e200' \
  nn-hessian --function saddle --at 1e200,1e200
t_error 'no escape from a minimum' 1 'nn-hessian: --escape: no negative eigenvalue (lambda_min = 2), so no escape direction' \
  nn-hessian --function valley --at 0,0 --escape 1
t_error 'an escape to infinity' 1 'nn-hessian: the loss is not finite after an escape step of 1e+200: try a smaller step' \
  nn-hessian --function w1w2 --at 0,0 --escape 1e200

t_done
