#!/bin/sh
# nn-predict: predictions from hand-written models checked against awk,
# columns by name in any order, rows passing through unchanged, --eval and
# --confusion, the model file's syntax, and every usage error.  Bad data
# and corrupt model files: tests/data/bad/nn-predict-*.
. "$srcdir/tests/lib.sh"

tab=$(printf '\t')
quantity() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$2"; }

# A regression model with dyadic parameters: every prediction is exact.
# y = 0.5 x1 - 2 x2 + 0.25
cat > lin.model <<'EOF'
nnkit-model	1
inputs	x1	x2
target	y
loss	mse
layers	2	1
activation	linear
bias	yes
W1[1,1]	0.5
W1[1,2]	-2
b1[1]	0.25
EOF
# A classifier with three classes, one of them with a comma and a space.
cat > cls.model <<'EOF'
nnkit-model	1
inputs	x1	x2
target	pet
loss	xent
classes	bird, small	cat	dog
layers	2	3
activation	linear
bias	yes
W1[1,1]	1
W1[1,2]	0
W1[2,1]	0
W1[2,2]	1
W1[3,1]	-1
W1[3,2]	-1
b1[1]	0
b1[2]	0.5
b1[3]	0
EOF
# The notes' two-weight network y = w1 w2 x at the origin.
printf 'nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nlayers\t1\t1\t1\nactivation\tlinear\nbias\tno\nW1[1,1]\t0\nW2[1,1]\t0\n' > two.model

# ------------------------------------------------------- regression
printf 'x1\tx2\ty\n0\t0\t0\n1\t0\t1\n0\t1\t-2\n2\t0.5\t0\n' > reg.tsv
t_run 'regression' 0 nn-predict -m lin.model reg.tsv
t_stdout 'x1	x2	y	prediction
0	0	0	0.25
1	0	1	0.75
0	1	-2	-1.75
2	0.5	0	0.25'
# The same rows, columns in another order, other columns around them,
# quoted CSV fields, CRLF and a comment: rows pass through unchanged.
printf 'id,x2,"note, with comma",x1\r\n"r ""1""",0,,0\r\n# a comment\r\nr2,0,"two\nlines",1\r\nr3,1,-,0\r\nr4,0.5,x,2\r\n' > reg.csv
t_run 'columns by name, in any order' 0 nn-predict -m lin.model reg.csv
t_stdout 'id	x2	note, with comma	x1	prediction
r "1"	0		0	0.25
r2	0	"two
lines"	1	0.75
r3	1	-	0	-1.75
r4	0.5	x	2	0.25'
t_run '--eval, regression' 0 nn-predict -m lin.model --eval reg.tsv
# (0.25^2 + 0.25^2 + 0.25^2 + 0.25^2) / 4
t_stdout 'quantity	value
rows	4
loss	0.0625'
T_STDIN=reg.tsv t_run 'standard input' 0 nn-predict -m lin.model
cp t.out stdin.out
nn-predict -m lin.model reg.tsv > t.a
cmp -s t.a stdin.out; t_check 'standard input: as from a file'
T_STDIN=reg.tsv t_run "'-' is standard input" 0 nn-predict -m lin.model -
cmp -s t.a t.out; t_check "'-': as from a file"
T_STDIN=lin.model t_run 'the model from standard input' 0 nn-predict -m - reg.tsv
cmp -s t.a t.out; t_check 'the model from standard input: the same predictions'

# More rows than one forward pass takes (1024): every row is predicted.
awk 'BEGIN { print "x1\tx2"; for (i = 0; i < 2500; i++) print i / 8 "\t" (i % 7) / 4 }' > many.tsv
t_run '2500 rows' 0 nn-predict -m lin.model many.tsv
awk -F'\t' 'NR > 1 { if ($3 != 0.5 * $1 - 2 * $2 + 0.25) bad = 1; n++ } END { exit bad || n != 2500 }' t.out
t_check '2500 rows: each prediction is 0.5 x1 - 2 x2 + 0.25'

printf 'x1\tx2\n' > header-only.tsv
t_run 'no data rows' 0 nn-predict -m lin.model header-only.tsv
t_stdout 'x1	x2	prediction'

# ------------------------------------------------------- classifier
printf 'x1,x2,pet\n2,0,bird, small\n0,2,cat\n-1,-1,dog\n0,0,cat\n1,1,dog\n' > pets.csv
sed 's/bird, small/"bird, small"/' pets.csv > pets-q.csv
t_run 'classifier' 0 nn-predict -m cls.model pets-q.csv
head -n 1 t.out > t.h
t_same 'classifier: the columns' 'x1	x2	pet	prediction	p_bird, small	p_cat	p_dog' t.h
cp t.out pets.out
# Softmax of the logits (x1, x2 + 0.5, -x1 - x2), computed here.
sed 1d pets.out | awk -F'\t' '{
    z[1] = $1; z[2] = $2 + 0.5; z[3] = -$1 - $2
    m = z[1]; for (k = 2; k <= 3; k++) if (z[k] > m) m = z[k]
    s = 0; for (k = 1; k <= 3; k++) s += exp(z[k] - m)
    for (k = 1; k <= 3; k++) {
      p = exp(z[k] - m) / s; d = p - $(4 + k); if (d < 0) d = -d
      if (d > 1e-15) bad = 1
    }
    best = 1; for (k = 2; k <= 3; k++) if (z[k] > z[best]) best = k
    name[1] = "bird, small"; name[2] = "cat"; name[3] = "dog"
    if ($4 != name[best]) bad = 1
  } END { exit bad || NR != 5 }'
t_check 'classifier: p_CLASS is the softmax of the outputs, prediction its argmax'
sed 1d pets.out | awk -F'\t' '{ s = $5 + $6 + $7; if (s - 1 > 1e-15 || 1 - s > 1e-15) bad = 1 } END { exit bad }'
t_check 'classifier: the probabilities sum to 1'
sed 1d pets.out | cut -f 4 | paste -s -d , - > t.p
t_same 'classifier: the predictions' 'bird, small,cat,dog,cat,cat' t.p

t_run '--eval, classifier' 0 nn-predict -m cls.model --eval pets-q.csv
cp t.out eval.out
# loss: the mean of -ln p_target; accuracy: the share of right predictions.
sed 1d pets.out | awk -F'\t' '{
    k = $3 == "bird, small" ? 5 : $3 == "cat" ? 6 : 7
    loss += -log($k); right += $3 == $4
  } END { printf "%.17g %.17g\n", loss / NR, right / NR }' > t.want
set -- $(cat t.want)
close_to() { awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= tol) }'; }
close_to "$(quantity loss eval.out)" "$1" 1e-14; t_check '--eval: loss is the mean cross-entropy'
[ "$(quantity accuracy eval.out)" = 0.8 ] && close_to "$2" 0.8 1e-16; t_check '--eval: accuracy 4/5'
[ "$(quantity rows eval.out)" = 5 ]; t_check '--eval: 5 rows'
cut -f 1 eval.out | paste -s -d ' ' - > t.q
t_same '--eval: the quantities' 'quantity rows loss accuracy' t.q

t_run '--confusion' 0 nn-predict -m cls.model --confusion pets-q.csv
t_stdout 'true	bird, small	cat	dog
bird, small	1	0	0
cat	0	2	0
dog	0	1	1'
# The same counts, from the predictions.
sed 1d pets.out | cut -f 3,4 | sort | uniq -c | awk '{ print $1 }' | paste -s -d ' ' - > t.c
t_same '--confusion: the counts of (true, predicted) pairs' '1 2 1 1' t.c

# softmax-mse: the loss is sum_j (p_j - [j = k])^2.
sed 's/^loss.*/loss	softmax-mse/' cls.model > clsm.model
nn-predict -m clsm.model --eval pets-q.csv > t.e
sed 1d pets.out | awk -F'\t' '{
    k = $3 == "bird, small" ? 5 : $3 == "cat" ? 6 : 7
    for (j = 5; j <= 7; j++) loss += ($j - (j == k))^2
  } END { printf "%.17g\n", loss / NR }' > t.want
close_to "$(quantity loss t.e)" "$(cat t.want)" 1e-14; t_check '--eval, softmax-mse: the mean squared error of the probabilities'

# Numeric class labels: classes sorted as numbers (nn-train sorts them).
printf 'x\tc\n-2\t10\n-1\t10\n1\t2\n2\t2\n3\t9\n' > num.tsv
nn-train --loss xent --lr 1 --batch full --epochs 300 -o num.model num.tsv > /dev/null
grep '^classes' num.model > t.c
t_same 'numeric labels: in numeric order' "classes${tab}2${tab}9${tab}10" t.c
t_run 'numeric labels: --confusion' 0 nn-predict -m num.model --confusion num.tsv
head -n 1 t.out > t.h
t_same 'numeric labels: the columns' "true${tab}2${tab}9${tab}10" t.h
nn-predict -m num.model num.tsv | head -n 1 > t.h
t_same 'numeric labels: p_ columns' "x${tab}c${tab}prediction${tab}p_2${tab}p_9${tab}p_10" t.h

# ------------------------------------------------------ known answers
printf 'x\ty\n1\t1\n' > one.tsv
t_run "the notes' two-weight network" 0 nn-predict -m two.model --eval one.tsv
t_stdout 'quantity	value
rows	1
loss	1'
t_run 'two-weight network: prediction 0' 0 nn-predict -m two.model one.tsv
t_stdout 'x	y	prediction
1	1	0'

# Input scaling: x' = (x - shift) / scale, then the model.
cat > std.model <<'EOF'
nnkit-model	1
inputs	a	b
target	y
loss	mse
layers	2	1
activation	linear
bias	yes
shift	10	-1
scale	2	0.5
W1[1,1]	1
W1[1,2]	1
b1[1]	0
EOF
printf 'a\tb\n10\t-1\n12\t0\n0\t-1.5\n' > std.tsv
t_run 'shift and scale' 0 nn-predict -m std.model std.tsv
t_stdout 'a	b	prediction
10	-1	0
12	0	3
0	-1.5	-6'

# A hidden layer: relu(x) - relu(-x) = x, for each activation's own check.
mlp_model() {
  printf 'nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nlayers\t1\t2\t1\nactivation\t%s\nbias\tyes\n' "$1"
  printf 'W1[1,1]\t1\nW1[2,1]\t-1\nb1[1]\t0\nb1[2]\t0\nW2[1,1]\t1\nW2[1,2]\t-1\nb2[1]\t0\n'
}
printf 'x\n-2\n-0.5\n0\n1\n3\n' > x.tsv
for act in relu sigmoid tanh linear; do
  mlp_model $act > act.model
  nn-predict -m act.model x.tsv | sed 1d | awk -F'\t' -v act=$act '
    function f(z) {
      if (act == "relu") return z > 0 ? z : 0
      if (act == "sigmoid") return 1 / (1 + exp(-z))
      if (act == "tanh") return (exp(2 * z) - 1) / (exp(2 * z) + 1)
      return z
    }
    { d = f($1) - f(-$1) - $2; if (d < 0) d = -d; if (d > 1e-15) bad = 1 }
    END { exit bad || NR != 5 }'
  t_check "activation $act: f(x) - f(-x) through a hidden layer"
done

# ------------------------------------------------ the model file's syntax
# Comments, blank lines, CRLF and keys in another order: the same model.
{ printf '# written by hand\r\nnnkit-model\t1\r\n\r\ntarget\ty\r\nloss\tmse\r\n'
  printf 'inputs\tx1\tx2\r\n# the shape\r\nbias\tyes\r\nactivation\tlinear\r\nlayers\t2\t1\r\n'
  printf 'W1[1,1]\t0.5\r\nW1[1,2]\t-2\r\n\r\nb1[1]\t0.25\r\n# end\r\n'; } > crlf.model
t_run 'comments, blank lines, CRLF, keys in any order' 0 nn-predict -m crlf.model reg.tsv
cmp -s t.out t.a; t_check 'comments, blank lines, CRLF: the same predictions'
# Quoted names: an input whose name has a tab, a class with a quote.
cat > quoted.model <<'EOF'
nnkit-model	1
inputs	"a	b"
target	"the ""class"""
loss	xent
classes	"""yes"""	no
layers	1	2
activation	linear
bias	no
W1[1,1]	1
W1[2,1]	-1
EOF
printf '"a\tb"\t"the ""class"""\n1\t"""yes"""\n-1\tno\n' > quoted.tsv
t_run 'quoted names in the model file' 0 nn-predict -m quoted.model --eval quoted.tsv
quantity accuracy t.out > t.acc
t_same 'quoted names: both rows right' 1 t.acc
nn-predict -m quoted.model quoted.tsv | head -n 1 > t.h
t_same 'quoted names: the header' "\"a${tab}b\"${tab}the \"class\"${tab}prediction${tab}p_\"yes\"${tab}p_no" t.h

# ---------------------------------------------------- options, output
# One input named 'a,b': a one-column TSV table needs --tsv.
printf 'nnkit-model\t1\ninputs\ta,b\ntarget\ty\nloss\tmse\nlayers\t1\t1\nactivation\tlinear\nbias\tno\nW1[1,1]\t2\n' > comma.model
printf 'a,b\n3\n' > comma.tsv
t_error 'a comma in a one-column header' 1 "nn-predict: comma.tsv: no column named 'a,b', an input of the model" \
  nn-predict -m comma.model comma.tsv
t_run '--tsv' 0 nn-predict -m comma.model --tsv comma.tsv
t_stdout '"a,b"	prediction
3	6'
printf 'x1,x2,"a\tb"\n1,0,z\n' > tabby.csv
t_error 'a tab in a CSV header' 1 "nn-predict: tabby.csv: no column named 'x1', an input of the model" \
  nn-predict -m lin.model tabby.csv
t_run '--csv' 0 nn-predict -m lin.model --csv tabby.csv
t_stdout 'x1	x2	"a	b"	prediction
1	0	z	0.75'
printf 'keep me\n' > out.tsv
t_error '-o on bad input' 1 "nn-predict: bad.tsv:3: column 'x2': 'oops' is not a number" \
  sh -c "printf 'x1\tx2\n1\t0\n2\toops\n' > bad.tsv; nn-predict -m lin.model -o out.tsv bad.tsv"
t_same '-o on bad input: the old file is intact' 'keep me' out.tsv
ls out.tsv.* >/dev/null 2>&1; [ $? -ne 0 ]; t_check '-o on bad input: no temporary file left'
t_run '-o' 0 nn-predict -m lin.model -o out.tsv reg.tsv
[ ! -s t.out ]; t_check '-o: nothing on standard output'
cmp -s out.tsv t.a; t_check '-o: the predictions'
if [ -w /dev/full ]; then
  t_error 'full disk' 1 'nn-predict: write error: No space left on device' \
    sh -c 'nn-predict -m lin.model reg.tsv > /dev/full'
fi

t_run '--help' 0 nn-predict --help
head -n 1 t.out | grep -q '^Usage: nn-predict -m MODEL \[OPTION\]\.\.\. \[FILE\]$'; t_check '--help: usage line'
grep -q 'See nn-predict(1)' t.out; t_check '--help: points to the man page'
t_run '--version' 0 nn-predict --version
head -n 1 t.out | grep -q '^nn-predict (nnkit) [0-9]'; t_check '--version: first line'

# Usage errors: exit 2, a message, and the hint.
try="Try 'nn-predict --help' for more information."
t_error 'no model' 2 "nn-predict: no model: give one with -m MODEL
$try" nn-predict reg.tsv
t_error 'unknown option' 2 "nn-predict: unrecognized option '--bogus'
$try" nn-predict -m lin.model --bogus reg.tsv
t_error 'missing argument' 2 "nn-predict: option requires an argument -- 'm'
$try" nn-predict reg.tsv -m
t_error 'extra operand' 2 "nn-predict: extra operand 'one.tsv'
$try" nn-predict -m lin.model reg.tsv one.tsv
t_error '--eval and --confusion' 2 "nn-predict: --eval and --confusion print different tables; choose one
$try" nn-predict -m cls.model --eval --confusion pets-q.csv
t_error '--confusion, regression' 2 "nn-predict: --confusion: the model is not a classifier
$try" nn-predict -m lin.model --confusion reg.tsv

t_done
