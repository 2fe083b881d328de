#!/bin/sh
# nn-softmax: answers, stability, options, and every usage error.
. "$srcdir/tests/lib.sh"

# within TOL of each other: awk reads numbers as strtod does.
close_to() {
  awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= tol) }'
}

printf 'y1\ty2\ty3\n3\t1\t-3\n' > notes.tsv
t_run "the notes' example" 0 nn-softmax notes.tsv
t_stdout "y1	y2	y3
0.8788782427321509	0.11894323591065209	0.002178521357197023"
# Known answer, independent of our rounding: e^3, e^1, e^-3 over their sum.
set -- $(sed -n 2p t.out)
close_to "$1" 0.87887824273215094 3e-16; t_check "p1 = e^3/(e^3+e+e^-3)"
close_to "$2" 0.11894323591065208 3e-16; t_check "p2 = e/(e^3+e+e^-3)"
close_to "$3" 0.0021785213571970233 1e-17; t_check "p3 = e^-3/(e^3+e+e^-3)"

printf 'a\tb\tc\n1000\t-1000\t0\n1e308\t1e308\t-1e308\n-1e4\t-1e4\t-1e4\n0.1\t0.2\t0.7\n' > big.tsv
t_run 'huge logits' 0 nn-softmax big.tsv
t_stdout "a	b	c
1	0	0
0.5	0.5	0
0.3333333333333333	0.3333333333333333	0.3333333333333333
0.25462852798915997	0.2814080440460307	0.4639634279648094"
awk 'NR > 1 { s = $1 + $2 + $3; if (s - 1 > 1e-15 || 1 - s > 1e-15) bad = 1 }
     END { exit bad }' t.out
t_check 'every row sums to 1 within 1e-15'

t_run 'log-softmax' 0 nn-softmax --log big.tsv
t_stdout "a	b	c
0	-2000	-1000
-0.6931471805599453	-0.6931471805599453	-inf
-1.0986122886681098	-1.0986122886681098	-1.0986122886681098
-1.3679495489036246	-1.2679495489036248	-0.7679495489036248"

t_run 'temperature 2 is softmax of z/2' 0 nn-softmax -T 2 notes.tsv
cp t.out t2.out
printf 'y1\ty2\ty3\n1.5\t0.5\t-1.5\n' > half.tsv
T_STDIN=half.tsv t_run 'halved logits' 0 nn-softmax
cmp -s t.out t2.out; t_check 'T=2 equals halving the logits'

printf 'id,label,cat,dog,"bird, small"\nr1,dog,2,5,1\nr2,"bird, small",0,0,3\nr3,cat,1,1,1\n' > pets.csv
t_run 'target, argmax and mse' 0 nn-softmax -y label -a --mse pets.csv
t_stdout 'id	label	cat	dog	bird, small	argmax	xent	mse
r1	dog	0.0466126225779739	0.9362395518765058	0.01714782554552039	dog	0.06588390375742911	0.006532179249445044
r2	bird, small	0.04527850074362907	0.04527850074362907	0.9094429985127419	bird, small	0.09492295642096091	0.0123008557775449
r3	cat	0.3333333333333333	0.3333333333333333	0.3333333333333333	cat	1.0986122886681098	0.6666666666666667'
# xent = -ln p_target; mse = sum of squared differences from one-hot.
set -- $(sed -n 2p t.out | cut -f3,4,5,7,8)
awk -v p1="$1" -v p2="$2" -v p3="$3" -v x="$4" -v m="$5" 'BEGIN {
  d = x + log(p2); if (d < 0) d = -d; if (d > 1e-15) exit 1
  e = p1^2 + (1 - p2)^2 + p3^2 - m; if (e < 0) e = -e; exit !(e <= 1e-15) }'
t_check 'xent and mse of row 1 from its probabilities'

t_run 'summary' 0 nn-softmax -y label --mse --summary pets.csv
t_stdout 'quantity	value
rows	3
xent	0.41980638294883327
mse	0.22849990056455224
accuracy	1'

t_run 'explicit logits by name and index' 0 nn-softmax -x dog,3 pets.csv
t_stdout 'id	label	cat	dog	bird, small
r1	dog	0.04742587317756679	0.9525741268224334	1
r2	bird, small	0.5	0.5	3
r3	cat	0.5	0.5	1'

printf 'a,b\n1,2\n' > one.csv
printf 'a,b\n3,3\n' > two.csv
printf 'a,b\n0,-1000\n' > three.csv
T_STDIN=three.csv t_run 'several files, one header' 0 nn-softmax one.csv - two.csv
t_stdout 'a	b
0.2689414213699951	0.7310585786300049
1	0
0.5	0.5'

printf '\357\273\277# made by hand\r\na\tb\r\n\r\n# a comment\r\n0\t0\r\n' > bom.tsv
t_run 'BOM, CRLF, comments and blank lines' 0 nn-softmax bom.tsv
t_stdout 'a	b
0.5	0.5'

printf 'x,y\n3\n' > comma.tsv
t_run '--tsv forces tabs; a first-column comma is quoted' 0 nn-softmax --tsv comma.tsv
t_stdout '"x,y"
1'
nn-softmax comma.tsv > /dev/null 2>&1; [ $? -eq 1 ]; t_check 'without --tsv the comma separates'
nn-softmax --tsv comma.tsv | nn-softmax > /dev/null; t_check 'a one-column output reads back'
printf 'a\tb,c\n1\t2,3\n' > tab.csv
t_run '--csv forces commas; tabs in output fields are quoted' 0 nn-softmax --csv -x c tab.csv
t_stdout '"a	b"	c
"1	2"	1'

t_run 'standard input' 0 sh -c 'nn-softmax < notes.tsv'
t_stdout "y1	y2	y3
0.8788782427321509	0.11894323591065209	0.002178521357197023"

# -o replaces the file only when the run succeeds.
printf 'keep me\n' > out.tsv
printf 'a\tb\n1\t2\n1\tx\n' > bad.tsv
t_error '-o on bad input' 1 "nn-softmax: bad.tsv:3: column 'b': 'x' is not a number" \
  nn-softmax -o out.tsv bad.tsv
t_same '-o on bad input: the old file is intact' 'keep me' out.tsv
ls out.tsv.* >/dev/null 2>&1; [ $? -ne 0 ]; t_check '-o on bad input: no temporary file left'
t_run '-o writes the file' 0 nn-softmax -o out.tsv one.csv
[ ! -s t.out ]; t_check '-o writes the file: nothing on stdout'
t_same '-o writes the file: content' 'a	b
0.2689414213699951	0.7310585786300049' out.tsv

if [ -c /dev/null ]; then  # (a broken machine may have a file there)
  t_run '-o to a device writes through it' 0 nn-softmax -o /dev/null one.csv
  [ -c /dev/null ]; t_check '-o /dev/null: still a device, not replaced by a file'
fi
mkfifo fifo && { cat fifo > fifo.out & } && nn-softmax -o fifo one.csv && wait
t_same '-o to a named pipe' 'a	b
0.2689414213699951	0.7310585786300049' fifo.out

if [ -w /dev/full ]; then
  t_error 'full disk' 1 'nn-softmax: write error: No space left on device' \
    sh -c 'nn-softmax notes.tsv > /dev/full'
fi

t_run '--help' 0 nn-softmax --help
head -n 1 t.out | grep -q '^Usage: nn-softmax \[OPTION\]\.\.\. \[FILE\]\.\.\.$'; t_check '--help: usage line'
grep -q 'See nn-softmax(1)' t.out; t_check '--help: points to the man page'
t_run '--version' 0 nn-softmax --version
head -n 1 t.out | grep -q '^nn-softmax (nnkit) [0-9]'; t_check '--version: first line'

# Usage errors: exit 2, a message, and the hint.
try="Try 'nn-softmax --help' for more information."
t_error 'unknown option' 2 "nn-softmax: unrecognized option '--bogus'
$try" nn-softmax --bogus notes.tsv
t_error 'missing argument' 2 "nn-softmax: option requires an argument -- 'T'
$try" nn-softmax notes.tsv -T
t_error 'temperature zero' 2 "nn-softmax: --temperature: '0' is not greater than zero
$try" nn-softmax -T 0 notes.tsv
t_error 'temperature not a number' 2 "nn-softmax: --temperature: 'hot' is not a number
$try" nn-softmax --temperature hot notes.tsv
t_error 'temperature out of range' 2 "nn-softmax: --temperature: '1e999' is out of range
$try" nn-softmax --temperature 1e999 notes.tsv
t_error '--mse alone' 2 "nn-softmax: --mse needs --target
$try" nn-softmax --mse notes.tsv
t_error '--summary alone' 2 "nn-softmax: --summary needs --target
$try" nn-softmax -s notes.tsv
t_error '--summary with --argmax' 2 "nn-softmax: --argmax adds a column; --summary prints none
$try" nn-softmax -s -a -y label pets.csv
t_error 'empty name in a list' 2 "nn-softmax: empty column name in list 'cat,,dog'
$try" nn-softmax -x cat,,dog pets.csv
t_error 'a logit twice' 2 "nn-softmax: --logits: column 'cat' given twice
$try" nn-softmax -x cat,3 pets.csv
t_error 'target among the logits' 2 "nn-softmax: --target: column 'cat' is also a logit column
$try" nn-softmax -x cat,dog -y cat pets.csv

t_done
