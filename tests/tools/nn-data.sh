#!/bin/sh
# nn-data: every generator's table (shape, names, known values, seeds), the
# IDX importer on files written here with printf (plain and gzip), the
# Fashion-MNIST files checked against od(1) when installed, and every error
# message with its exit status.
. "$srcdir/tests/lib.sh"

try="Try 'nn-data --help' for more information."

# ---------------------------------------------------------------- shapes --
# NAME OPTIONS... : header, rows, fields per row.
shape() {
  want_header=$1 want_fields=$2
  shift 2
  t_run "$*" 0 nn-data "$@" --n 7
  head -n 1 t.out > t.head
  t_same "$*: header" "$want_header" t.head
  awk -F '\t' -v nf="$want_fields" 'NR > 1 { rows++; if (NF != nf) bad = 1 }
    END { exit bad || rows != 7 }' t.out
  t_check "$*: 7 rows of $want_fields fields"
}
shape 'x1	y' 2 line
shape 'x1	x2	x3	y' 4 line --dim 3
shape 'x1	y' 2 poly:5
shape 'x1	y' 2 sine
shape 'x1	x2	x3	x4	y' 5 sincos
shape 'x1	x2	x3	y' 4 teacher:3 --dim 3
shape 'x1	x2	label' 3 blobs:3
shape 'x1	x2	x3	x4	label' 5 blobs:2 --dim 4
shape 'x1	x2	label' 3 moons
shape 'x1	x2	label' 3 spirals:3
shape 'x1	x2	label' 3 xor
shape 'x1	x2	x3	label' 4 xor --dim 3

t_run 'default size' 0 nn-data sine
[ "$(wc -l < t.out)" -eq 101 ]; t_check 'default size: 100 rows'

# ------------------------------------------------------- seeds and noise --
for name in line poly:3 sine sincos teacher:4 blobs:3 moons spirals:2 xor; do
  nn-data $name --n 20 > a.tsv
  nn-data $name --n 20 --seed 1 > b.tsv
  nn-data $name --n 20 --seed 2 > c.tsv
  cmp -s a.tsv b.tsv; t_check "$name: the default seed is 1, same bytes"
  ! cmp -s a.tsv c.tsv; t_check "$name: seed 2 gives another table"
done
nn-data sine --n 5 --seed 0 > a.tsv
nn-data sine --n 5 --seed 4357 > b.tsv
cmp -s a.tsv b.tsv; t_check 'seed 0 is GSL default seed 4357'

# Without noise y is the function: checked with awk's own arithmetic.
nn-data line --n 200 --noise 0 --dim 2 --slope -3 --intercept 0.5 > t.tsv
awk 'NR > 1 { d = $3 - (-3 * ($1 + $2) + 0.5); if (d < 0) d = -d
  if (d > 1e-12) bad = 1 } END { exit bad }' t.tsv
t_check 'line: y = a (x1 + x2) + b'
nn-data sine --n 200 --noise 0 --freq 2 > t.tsv
awk 'NR > 1 { d = $2 - sin(2 * $1); if (d < 0) d = -d; if (d > 1e-15) bad = 1 }
  END { exit bad }' t.tsv
t_check 'sine --freq 2: y = sin 2x'
nn-data poly:3 --n 200 --noise 0 --coef 1,-2,0,0.5 > t.tsv
awk 'NR > 1 { x = $1; d = $2 - (1 - 2 * x + 0.5 * x * x * x); if (d < 0) d = -d
  if (d > 1e-14) bad = 1 } END { exit bad }' t.tsv
t_check 'poly:3 --coef: y = 1 - 2x + 0.5 x^3'
nn-data sincos --n 200 --noise 0 > t.tsv
awk 'NR > 1 { d = $5 - (sin(3 * $1) * cos(2 * $2) + $3 * $4); if (d < 0) d = -d
  if (d > 1e-15) bad = 1 } END { exit bad }' t.tsv
t_check 'sincos: y = sin 3x1 cos 2x2 + x3 x4'

# Noise: the residuals of sine have sd about 0.1 (the default); x is the
# same with and without noise.
nn-data sine --n 5000 > noisy.tsv
nn-data sine --n 5000 --noise 0 > clean.tsv
cut -f 1 noisy.tsv > a.tsv
cut -f 1 clean.tsv > b.tsv
cmp -s a.tsv b.tsv; t_check 'noise changes y, not x'
awk 'NR > 1 { e = $2 - sin($1); s += e; q += e * e; n++ }
  END { m = s / n; sd = sqrt(q / n - m * m); exit !(sd > 0.097 && sd < 0.103) }' noisy.tsv
t_check 'sine: noise sd 0.1'

# Ranges, shift and scale.
nn-data sine --n 2000 --range -3:0 > a.tsv
nn-data sine --n 2000 --range -3:0 --shift 4 --noise 0 > b.tsv
awk 'NR > 1 { if ($1 < -3 || $1 > 0) bad = 1 } END { exit bad }' a.tsv
t_check '--range -3:0: every x in [-3, 0]'
awk 'NR > 1 { if ($1 < 1 || $1 > 4) bad = 1; d = $2 - sin($1); if (d < 0) d = -d
  if (d > 1e-15) bad = 1 } END { exit bad }' b.tsv
t_check '--shift 4: every x in [1, 4], y = sin x still'
nn-data xor --n 2000 --scale 2 --shift 1 --noise 0 > t.tsv
awk 'NR > 1 { if ($1 < -1 || $1 > 3 || $2 < -1 || $2 > 3) bad = 1
  if ((($1 > 0) != ($2 > 0)) != $3) bad = 1 } END { exit bad }' t.tsv
t_check 'xor --scale 2 --shift 1: inputs in [-1, 3], label = xor of the signs'

# The grid: twelve cells over [-1, 1], jittered, one point in each.
t_run 'grid' 0 nn-data sine --freq pi --range -1:1 --grid --jitter 1 --n 12 --noise 0.2
awk 'NR > 1 { i = NR - 2; lo = -1 + i / 6; hi = -1 + (i + 1) / 6
  if ($1 < lo - 1e-15 || $1 > hi + 1e-15) bad = 1 } END { exit bad || NR != 13 }' t.out
t_check 'grid --jitter 1: row i in cell i'
t_run 'grid centres' 0 nn-data line --grid --n 4 --noise 0 --slope 1 --intercept 0
t_stdout 'x1	y
-0.75	-0.75
-0.25	-0.25
0.25	0.25
0.75	0.75'

# Classes take turns.
t_run 'blobs:3 classes' 0 nn-data blobs:3 --n 3001
awk 'NR > 1 { n[$3]++ } END { exit !(n[0] == 1001 && n[1] == 1000 && n[2] == 1000) }' t.out
t_check 'blobs:3 --n 3001: 1001, 1000, 1000 rows'
# Separable by a linear model: the nearest centre of the triangle.
nn-data blobs:3 --n 3000 --noise 0.2 > t.tsv
awk 'BEGIN { s = sqrt(3); cx[0] = 2; cy[0] = 0; cx[1] = -1; cy[1] = s; cx[2] = -1; cy[2] = -s }
  NR > 1 { best = -1; top = -1e9
    for (c = 0; c < 3; c++) { v = cx[c] * $1 + cy[c] * $2; if (v > top) { top = v; best = c } }
    if (best != $3) bad++ }
  END { exit bad > 0 }' t.tsv
t_check 'blobs:3 --noise 0.2: a linear rule classifies every row'
nn-data spirals:2 --n 500 --noise 0 > t.tsv
awk 'NR > 1 { r = sqrt($1 * $1 + $2 * $2); if (r > 1) bad = 1; n[$3]++ }
  END { exit bad || n[0] != 250 || n[1] != 250 }' t.tsv
t_check 'spirals:2: 250 + 250 points within radius 1'
nn-data moons --n 100 --noise 0 > t.tsv
awk 'NR > 1 { if ($3 == 0) d = $1 * $1 + $2 * $2 - 1
  else d = ($1 - 1) ^ 2 + ($2 - 0.5) ^ 2 - 1
  if (d < 0) d = -d; if (d > 1e-12) bad = 1 } END { exit bad }' t.tsv
t_check 'moons: on their unit circles'

# Teacher: its weights come from --teacher-seed, not --seed.
nn-data teacher:4 --dim 2 --n 50 --noise 0 --seed 1 > a.tsv
nn-data teacher:4 --dim 2 --n 50 --noise 0 --seed 1 --teacher-seed 2 > b.tsv
cut -f 1,2 a.tsv > a.x
cut -f 1,2 b.tsv > b.x
cmp -s a.x b.x && ! cmp -s a.tsv b.tsv
t_check 'teacher: another teacher seed, same inputs, other y'

# --freq accepts pi.
nn-data sine --n 3 --freq pi > a.tsv
nn-data sine --n 3 --freq 3.141592653589793 > b.tsv
cmp -s a.tsv b.tsv; t_check '--freq pi = 3.141592653589793'
nn-data sine --n 3 --freq -0.5pi > a.tsv
nn-data sine --n 3 --freq -1.5707963267948966 > b.tsv
cmp -s a.tsv b.tsv; t_check '--freq -0.5pi'

# ---------------------------------------------------------------- output --
echo 'keep me' > out.tsv
t_error '-o with a bad value' 1 'nn-data: --n 0: the number of rows must be at least 1' \
  nn-data sine --n 0 -o out.tsv
t_same '-o with a bad value: the old file is intact' 'keep me' out.tsv
t_run '-o writes the file' 0 nn-data line --n 2 --noise 0 --grid -o out.tsv
[ ! -s t.out ]; t_check '-o writes the file: nothing on stdout'
t_same '-o writes the file: content' 'x1	y
-0.5	0
0.5	2' out.tsv
ls out.tsv.* >/dev/null 2>&1; [ $? -ne 0 ]; t_check '-o: no temporary file left'
if [ -w /dev/full ]; then
  t_error 'full disk' 1 'nn-data: write error: No space left on device' \
    sh -c 'nn-data sine > /dev/full'
fi

t_run '--help' 0 nn-data --help
head -n 1 t.out | grep -q '^Usage: nn-data NAME \[OPTION\]\.\.\.$'; t_check '--help: usage line'
grep -q 'See nn-data(1)' t.out; t_check '--help: points to the man page'
cp t.out help.txt
t_run '--help after a name' 0 nn-data blobs:3 --help
cmp -s t.out help.txt; t_check '--help after a name: the same text'
t_run '--version' 0 nn-data --version
head -n 1 t.out | grep -q '^nn-data (nnkit) [0-9]'; t_check '--version: first line'
t_run '--vers' 0 nn-data --vers
head -n 1 t.out | grep -q '^nn-data (nnkit) [0-9]'; t_check '--vers: an abbreviation'

# ---------------------------------------------------------------- usage --
t_error 'no name' 2 "nn-data: missing data set NAME
$try" nn-data
t_error 'option first' 2 "nn-data: the data set NAME must come first, before '--n'
$try" nn-data --n 5 sine
t_error 'unknown name' 2 "nn-data: unknown data set 'circles'
$try" nn-data circles
t_error 'number after moons' 2 "nn-data: 'moons:2': moons takes no ':N'
$try" nn-data moons:2
t_error 'bad class count' 2 "nn-data: 'blobs:x': expected a whole number after ':'
$try" nn-data blobs:x
t_error 'empty class count' 2 "nn-data: 'spirals:': expected a whole number after ':'
$try" nn-data spirals:
t_error 'unknown option' 2 "nn-data: unrecognized option '--bogus'
$try" nn-data sine --bogus
t_error 'ambiguous option' 2 "nn-data: option '--s' is ambiguous; possibilities: '--seed' '--shift' '--scale' '--slope'
$try" nn-data sine --s 1
t_error 'missing argument' 2 "nn-data: option '--noise' requires an argument
$try" nn-data sine --noise
t_error '--n not a number' 2 "nn-data: --n: 'ten' is not a whole number
$try" nn-data sine --n ten
t_error '--n a fraction' 2 "nn-data: --n: '1.5' is not a whole number
$try" nn-data sine -n 1.5
t_error '--n too large' 2 "nn-data: --n: '99999999999999999999' is out of range
$try" nn-data sine --n 99999999999999999999
t_error '--seed negative' 2 "nn-data: --seed: '-1' is out of range
$try" nn-data sine --seed -1
t_error '--seed beyond 32 bits' 2 "nn-data: --seed: '4294967296' is out of range
$try" nn-data sine --seed 4294967296
t_error '--teacher-seed' 2 "nn-data: --teacher-seed: 'x' is not a whole number
$try" nn-data teacher --teacher-seed x
t_error '--noise not a number' 2 "nn-data: --noise: 'lots' is not a number
$try" nn-data sine --noise lots
t_error '--noise out of range' 2 "nn-data: --noise: '1e999' is out of range
$try" nn-data sine --noise 1e999
t_error '--range without colon' 2 "nn-data: --range: '3' is not of the form A:B
$try" nn-data sine --range 3
t_error '--range with two colons' 2 "nn-data: --range: '1:2:3' is not of the form A:B
$try" nn-data sine --range 1:2:3
t_error '--range not numbers' 2 "nn-data: --range: 'a' is not a number
$try" nn-data sine --range a:1
t_error '--range empty end' 2 "nn-data: --range: '' is not a number
$try" nn-data sine --range 1:
t_error '--freq bad' 2 "nn-data: --freq: 'xpi' is not a number
$try" nn-data sine --freq xpi
t_error '--coef empty' 2 "nn-data: --coef: '' is not a number
$try" nn-data poly:2 --coef 1,,2
t_error '--jitter alone' 2 "nn-data: --jitter needs --grid
$try" nn-data sine --jitter 0.5
t_error 'operand' 2 "nn-data: unexpected operand 'extra'
$try" nn-data sine extra
# not_for OPTION SET ARGS...: OPTION does not apply to the data set SET.
not_for() {
  nf_opt=$1 nf_set=$2
  shift 2
  t_error "$nf_opt with $1" 2 "nn-data: $nf_opt does not apply to $nf_set
$try" nn-data "$@"
}
not_for --radius sine sine --radius 1
not_for --freq line line --freq 2
not_for --shift blobs:3 blobs --shift 1
not_for --range moons moons --range 0:1
not_for --scale spirals:2 spirals --scale 2
not_for --grid sincos sincos --grid
not_for --jitter xor xor --jitter 1
not_for --slope poly:3 poly --slope 1
not_for --intercept sine sine --intercept 1
not_for --coef line line --coef 1
not_for --turns blobs:3 blobs --turns 2
not_for --teacher-seed sine sine --teacher-seed 2

# ----------------------------------------- values a set cannot take: 1 --
t_error '--n 0' 1 'nn-data: --n 0: the number of rows must be at least 1' nn-data sine --n 0
t_error '--n -3' 1 'nn-data: --n -3: the number of rows must be at least 1' nn-data sine --n -3
t_error 'sine --dim 2' 1 'nn-data: sine: cannot take --dim 2: it has 1 input' nn-data sine --dim 2
t_error 'sincos --dim 3' 1 'nn-data: sincos: cannot take --dim 3: it has 4 inputs' nn-data sincos --dim 3
t_error 'blobs --dim 1' 1 'nn-data: blobs:3: cannot take --dim 1: it needs at least 2 inputs' nn-data blobs --dim 1
t_error 'xor --dim 1' 1 'nn-data: xor: cannot take --dim 1: it needs at least 2 inputs' nn-data xor --dim 1
t_error 'line --dim 0' 1 'nn-data: line: cannot take --dim 0: it needs at least 1 input' nn-data line --dim 0
t_error 'blobs:1' 1 'nn-data: blobs:1: needs at least 2 classes' nn-data blobs:1
t_error 'spirals:0' 1 'nn-data: spirals:0: needs at least 2 classes' nn-data spirals:0
t_error 'teacher:0' 1 'nn-data: teacher:0: needs at least 1 hidden unit' nn-data teacher:0
t_error 'too many classes' 1 "nn-data: 'blobs:2000000000': 2000000000 is too large" nn-data blobs:2000000000
t_error 'fewer rows than classes' 1 'nn-data: blobs:5: --n 3 gives fewer rows than its 5 classes' nn-data blobs:5 --n 3
t_error 'too many values' 1 'nn-data: --n 4000000000000 with --dim 4000000000000: too many values' \
  nn-data line --n 4000000000000 --dim 4000000000000
t_error 'negative noise' 1 'nn-data: --noise -0.5: must not be negative' nn-data sine --noise -.50
t_error 'empty range' 1 'nn-data: --range 3:-3: the low end must be below the high end' nn-data sine --range 3:-3
t_error 'scale 0' 1 'nn-data: --scale 0: must be greater than zero' nn-data sine --scale 0
t_error 'range out of reach' 1 'nn-data: --shift 0 --scale 1e+308: the input range [-inf, inf] is out of reach' \
  nn-data sine --scale 1e308
t_error 'grid with two inputs' 1 'nn-data: --grid: line with --dim 2: the grid is for one input' \
  nn-data line --dim 2 --grid
t_error 'jitter beyond 1' 1 'nn-data: --jitter 2: must be between 0 and 1' nn-data sine --grid --jitter 2
t_error 'coefficients' 1 'nn-data: poly:2: --coef gives 2 coefficients, it needs 3 (c0 to c2)' \
  nn-data poly:2 --coef 1,2
t_error 'overflow' 1 'nn-data: line: row 1: y is inf: the parameters overflow a double' \
  nn-data line --slope 1e308 --range 1:3
t_error 'overflow to nan' 1 'nn-data: sine: row 1: y is nan: the parameters overflow a double' \
  nn-data sine --freq 1e308pi
t_error 'negative radius' 1 'nn-data: --radius -1: must not be negative' nn-data spirals --radius -1

# ------------------------------------------------------------------- IDX --
# Two 2x3 images (sizes big-endian) and their labels, made with printf.
printf '\0\0\10\3\0\0\0\2\0\0\0\2\0\0\0\3' > images.idx
printf '\0\1\2\3\4\5\377\200\100\40\20\10' >> images.idx
printf '\0\0\10\1\0\0\0\2\11\0' > labels.idx
gzip -c images.idx > images.idx.gz
gzip -c labels.idx > labels.gz
t_run 'idx' 0 nn-data idx images.idx labels.idx
t_stdout 'p1	p2	p3	p4	p5	p6	label
0	1	2	3	4	5	9
255	128	64	32	16	8	0'
cp t.out plain.tsv
t_run 'idx gzip' 0 nn-data idx images.idx.gz labels.gz
cmp -s t.out plain.tsv; t_check 'idx gzip: the same table'
T_STDIN=images.idx.gz t_run 'idx from stdin' 0 nn-data idx - labels.idx
cmp -s t.out plain.tsv; t_check 'idx from stdin: the same table'
T_STDIN=labels.gz t_run 'labels from stdin' 0 nn-data idx images.idx -
cmp -s t.out plain.tsv; t_check 'labels from stdin: the same table'
t_run 'idx --scale --limit 1' 0 nn-data idx --scale --limit 1 images.idx.gz labels.gz
t_stdout 'p1	p2	p3	p4	p5	p6	label
0	0.00392156862745098	0.00784313725490196	0.011764705882352941	0.01568627450980392	0.0196078431372549	9'
awk -F '\t' 'NR == 2 { for (i = 1; i <= 6; i++) { d = $i - (i - 1) / 255; if (d < 0) d = -d; if (d > 1e-17) bad = 1 } }
  END { exit bad }' t.out
t_check 'idx --scale: b / 255'
t_run 'idx without labels' 0 nn-data idx images.idx
t_stdout 'p1	p2	p3	p4	p5	p6
0	1	2	3	4	5
255	128	64	32	16	8'
t_run 'labels as images' 0 nn-data idx labels.gz
t_stdout 'p1
9
0'
t_run 'idx -o' 0 nn-data idx -o t.tsv images.idx labels.idx
cmp -s t.tsv plain.tsv; t_check 'idx -o: the same table'

# A bigger file: 300 items of 1x300 (sizes above 255), gzip and plain.
awk 'BEGIN { printf "%c%c%c%c", 0, 0, 8, 3
  printf "%c%c%c%c%c%c%c%c%c%c%c%c", 0, 0, 1, 44, 0, 0, 0, 1, 0, 0, 1, 44
  for (i = 0; i < 300; i++) for (j = 0; j < 300; j++) printf "%c", (i + j) % 256 }' > big.idx
if [ "$(wc -c < big.idx)" -eq 90016 ]; then
  gzip -c big.idx > big.gz
  t_run 'idx 300 x 300' 0 nn-data idx big.gz
  awk -F '\t' 'NR == 1 { if (NF != 300 || $300 != "p300") bad = 1 }
    NR > 1 { for (j = 1; j <= 300; j++) if ($j != (NR - 2 + j - 1) % 256) bad = 1 }
    END { exit bad || NR != 301 }' t.out
  t_check 'idx 300 x 300: every value'
else
  t_ok 'idx 300 x 300 # SKIP awk cannot write bytes'
  t_ok 'idx 300 x 300: every value # SKIP'
fi

# Bad IDX files: exit 1, the file named, nothing on stdout.
printf 'x,y\n1,2\n' > text.csv
t_error 'wrong magic' 1 'nn-data: text.csv: wrong magic number 0x782c790a: not an IDX file (images start 0x00000803, labels 0x00000801)' \
  nn-data idx text.csv
printf '\3\10\0\0\0\0\0\2' > swapped.idx
t_error 'little-endian magic' 1 'nn-data: swapped.idx: wrong magic number 0x03080000: not an IDX file (images start 0x00000803, labels 0x00000801)' \
  nn-data idx swapped.idx
printf '\0\0\15\1\0\0\0\1abcd' > float.idx
t_error 'floats' 1 'nn-data: float.idx: IDX data type 0x0d (float) is not supported: only 0x08 (unsigned byte)' \
  nn-data idx float.idx
: > empty.idx
t_error 'empty file' 1 'nn-data: empty.idx: empty file: not an IDX file' nn-data idx empty.idx
printf '\0\0\10\3\0\0\0\2\0\0' > header.idx
t_error 'truncated header' 1 "nn-data: header.idx: truncated: the file ends inside the header's 3 dimension sizes" \
  nn-data idx header.idx
head -c 25 images.idx > cut.idx
t_error 'truncated body' 1 'nn-data: cut.idx: truncated: the file ends inside item 2 of the 2 its header announces' \
  nn-data idx cut.idx labels.idx
head -c 22 images.idx > cut.idx
t_error 'truncated after an item' 1 'nn-data: cut.idx: truncated: the file ends after 1 of the 2 items its header announces' \
  nn-data idx cut.idx
cat images.idx labels.idx > long.idx
t_error 'data after the items' 1 'nn-data: long.idx: data after the 2 items the header announces' \
  nn-data idx long.idx
t_run 'data after the items, not read with --limit 1' 0 nn-data idx --limit 1 long.idx
t_error 'data after the items, --limit 2 reads them all' 1 'nn-data: long.idx: data after the 2 items the header announces' \
  nn-data idx --limit 2 long.idx
size=$(wc -c < images.idx.gz)
head -c $((size - 8)) images.idx.gz > cut.gz
t_error 'gzip trailer cut off' 1 'nn-data: cut.gz: truncated: the compressed data stops short of its end (unexpected end of file)' \
  nn-data idx cut.gz
printf '\0\0\10\0' > nodims.idx
t_error 'no dimensions' 1 'nn-data: nodims.idx: wrong magic number 0x00000800: not an IDX file (images start 0x00000803, labels 0x00000801)' \
  nn-data idx nodims.idx
printf '\0\0\10\1\0\0\0\0' > none.idx
t_error 'no items' 1 'nn-data: none.idx: the header announces no items' nn-data idx none.idx
printf '\0\0\10\1\0\0\0\3\1\2\3' > three.idx
t_error 'label count' 1 'nn-data: images.idx has 2 items but three.idx has 3 labels' \
  nn-data idx images.idx three.idx
t_error 'labels with three dimensions' 1 'nn-data: images.idx.gz: labels must have one dimension, this file has 3' \
  nn-data idx images.idx images.idx.gz
t_error 'missing file' 1 'nn-data: missing.idx: No such file or directory' nn-data idx missing.idx
t_error 'a directory' 1 'nn-data: .: read error: Is a directory' nn-data idx .
t_error '--limit 0' 1 'nn-data: --limit 0: the number of rows must be at least 1' nn-data idx --limit 0 images.idx
t_error '--limit x' 2 "nn-data: --limit: 'x' is not a whole number
$try" nn-data idx --limit x images.idx
t_error 'idx without files' 2 "nn-data: idx needs an IMAGES file
$try" nn-data idx
t_error 'idx with three files' 2 "nn-data: unexpected operand 'c'
$try" nn-data idx a b c
t_error 'idx both stdin' 2 "nn-data: IMAGES and LABELS cannot both be standard input
$try" nn-data idx - -
t_error 'idx --dir' 2 "nn-data: --dir does not apply to idx
$try" nn-data idx --dir . images.idx
t_error 'idx --noise' 2 "nn-data: unrecognized option '--noise'
$try" nn-data idx --noise 1 images.idx
t_error 'idx --scale takes no argument' 2 "nn-data: option '--scale' doesn't allow an argument
$try" nn-data idx --scale=2 images.idx

# Whole or nothing: 2000 good images, then a truncated one: no rows at all.
awk 'BEGIN { printf "%c%c%c%c%c%c%c%c%c%c%c%c", 0, 0, 8, 2, 0, 0, 7, 209, 0, 0, 0, 2
  for (i = 0; i < 2001 * 2 - 1; i++) printf "%c", 65 }' > many.idx
t_error 'truncated after 2000 good items' 1 'nn-data: many.idx: truncated: the file ends inside item 2001 of the 2001 its header announces' \
  nn-data idx many.idx

# --------------------------------------------------------- fashion-mnist --
# The Debian file names, with tiny files in a directory of our own.
mkdir fm
cp images.idx.gz fm/t10k-images-idx3-ubyte.gz
cp labels.gz fm/t10k-labels-idx1-ubyte.gz
t_run 'fashion-mnist test --dir' 0 nn-data fashion-mnist test --dir fm
cmp -s t.out plain.tsv; t_check 'fashion-mnist test --dir: the t10k files'
t_error 'fashion-mnist train missing' 1 "nn-data: fm/train-images-idx3-ubyte.gz: No such file or directory (Fashion-MNIST is in Debian's package dataset-fashion-mnist: apt-get install dataset-fashion-mnist)" \
  nn-data fashion-mnist train --dir fm
rm fm/t10k-labels-idx1-ubyte.gz
t_error 'fashion-mnist labels missing' 1 "nn-data: fm/t10k-labels-idx1-ubyte.gz: No such file or directory (Fashion-MNIST is in Debian's package dataset-fashion-mnist: apt-get install dataset-fashion-mnist)" \
  nn-data fashion-mnist test --dir fm
t_error 'fashion-mnist without part' 2 "nn-data: fashion-mnist needs 'train' or 'test'
$try" nn-data fashion-mnist
t_error 'fashion-mnist other part' 2 "nn-data: fashion-mnist: 'valid' is neither 'train' nor 'test'
$try" nn-data fashion-mnist valid
t_error 'fashion-mnist two parts' 2 "nn-data: unexpected operand 'test'
$try" nn-data fashion-mnist train test

# The real files, when Debian's dataset-fashion-mnist is installed: the
# first rows against od(1), a second reader; the header by hand; the test
# set's 1000 images per class.
fmdir=/usr/share/datasets/fashion-mnist
if [ -r "$fmdir/t10k-images-idx3-ubyte.gz" ] && [ -r "$fmdir/train-labels-idx1-ubyte.gz" ]; then
  # od_rows PART N: the first N items of PART as the table nn-data writes.
  od_rows() {
    gzip -dc "$fmdir/$1-images-idx3-ubyte.gz" | od -An -tu1 -v -j16 -N$(($2 * 784)) |
      tr -s ' \n' '\n\n' | sed '/^$/d' > od.px
    gzip -dc "$fmdir/$1-labels-idx1-ubyte.gz" | od -An -tu1 -v -j8 -N"$2" |
      tr -s ' \n' '\n\n' | sed '/^$/d' > od.lab
    awk 'BEGIN { for (j = 1; j <= 784; j++) printf "p%d\t", j; print "label" }
      FNR == NR { px[NR] = $1; next }
      { for (j = 1; j <= 784; j++) printf "%s\t", px[(FNR - 1) * 784 + j]; print $1 }' od.px od.lab
  }
  # shellcheck disable=SC2046 # echo joins od's words on one line
  echo $(gzip -dc "$fmdir/t10k-images-idx3-ubyte.gz" | od -An -tu1 -N16) > od.head
  t_same 'Fashion-MNIST test header: 0x00000803, 10000 x 28 x 28' \
    '0 0 8 3 0 0 39 16 0 0 0 28 0 0 0 28' od.head
  t_run 'fashion-mnist test --limit 5' 0 nn-data fashion-mnist test --limit 5
  od_rows t10k 5 > od.tsv
  cmp -s t.out od.tsv; t_check 'fashion-mnist test: first 5 rows as od reads them'
  t_run 'fashion-mnist train --limit 3' 0 nn-data fashion-mnist train --limit 3
  od_rows train 3 > od.tsv
  cmp -s t.out od.tsv; t_check 'fashion-mnist train: first 3 rows as od reads them'
  t_run 'fashion-mnist test' 0 nn-data fashion-mnist test
  awk -F '\t' 'NR > 1 { n[$785]++; if (NF != 785) bad = 1 }
    END { for (c = 0; c < 10; c++) if (n[c] != 1000) bad = 1; exit bad || NR != 10001 }' t.out
  t_check 'fashion-mnist test: 10000 rows of 785 fields, 1000 per class'
  t_run 'fashion-mnist test --scale --limit 2' 0 nn-data fashion-mnist test --scale --limit 2
  awk -F '\t' 'NR > 1 { for (j = 1; j <= 784; j++) if ($j < 0 || $j > 1) bad = 1 } END { exit bad }' t.out
  t_check 'fashion-mnist --scale: pixels in [0, 1]'
else
  for s in 'header' 'test rows' 'test rows: od' 'train rows' 'train rows: od' \
           'test' 'test: classes' 'scale' 'scale: range'; do
    t_ok "Fashion-MNIST $s # SKIP dataset-fashion-mnist is not installed"
  done
fi

t_done
