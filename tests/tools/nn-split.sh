#!/bin/sh
# nn-split: partitions (no row lost or twice), part and fold sizes,
# stratification, groups, byte-exact rows, determinism, complementary
# --part runs, --label, --stream shares, whole-or-nothing outputs, and
# every usage error.  Properties are checked with sort, comm, awk and cmp,
# not with nn-split's own arithmetic.
. "$srcdir/tests/lib.sh"

# body FILE: the rows of a one-line-header table, sorted.
body() { tail -n +2 "$1" | sort; }
# nrows FILE: its number of rows (after a one-line header).
nrows() { tail -n +2 "$1" | wc -l | tr -d ' '; }
# same NAME A B: files A and B are byte for byte the same.
same() { cmp -s "$2" "$3"; t_check "$1"; }
# is NAME GOT WANT
is() {
  if [ "$2" = "$3" ]; then t_ok "$1"; else t_not_ok "$1: got '$2', want '$3'"; fi
}

# 103 rows: id, a number, a label (a 55, b 28, rare 20), a group of 4 rows.
awk 'BEGIN {
  print "id\tx\tlabel\tg"
  for (i = 1; i <= 103; i++)
    printf "%d\t%d\t%s\tg%d\n", i, i * i,
           (i % 5 == 0 ? "rare" : i % 3 == 0 ? "b" : "a"), int((i - 1) / 4)
}' > data.tsv
tail -n +2 data.tsv | sort > all.rows

# -- help and version ---------------------------------------------------------

t_run '--help' 0 nn-split --help
sed -n 1p t.out > t.first
t_same '--help: usage line' 'Usage: nn-split [OPTION]... [FILE]' t.first
tail -n 1 t.out > t.last
t_same '--help: ends with the man page' 'See nn-split(1).' t.last
t_run '--version' 0 nn-split --version
sed -n '1s/ [^ ]*$//p' t.out > t.first
t_same '--version: name and package' 'nn-split (nnkit)' t.first

# -- known answers: the input order -------------------------------------------

awk 'BEGIN { print "id\tx"; for (i = 1; i <= 10; i++) print i "\t" i * i }' > ten.tsv
t_run '--no-shuffle 0.7,0.2,0.1' 0 nn-split --no-shuffle --ratio 0.7,0.2,0.1 ten.tsv
printf 'id\tx\n1\t1\n2\t4\n3\t9\n4\t16\n5\t25\n6\t36\n7\t49\n' > want
same 'train is the first 7 rows' want ten-train.tsv
printf 'id\tx\n8\t64\n9\t81\n' > want
same 'valid is the next 2' want ten-valid.tsv
printf 'id\tx\n10\t100\n' > want
same 'test is the last' want ten-test.tsv
t_run '--no-shuffle --folds 3' 0 nn-split --no-shuffle --folds 3 -o f ten.tsv
printf 'id\tx\n5\t25\n6\t36\n7\t49\n' > want
same 'fold 2 is rows 5-7 (folds of 4, 3, 3)' want f-fold2-valid.tsv
printf 'id\tx\n1\t1\n2\t4\n3\t9\n4\t16\n8\t64\n9\t81\n10\t100\n' > want
same 'split 2 trains on the other rows, in order' want f-fold2-train.tsv

# A regression answer for the shuffle of seed 1 (Fisher-Yates on
# gsl_rng_mt19937; the unit test checks it against the algorithm).
t_run 'seed 1' 0 nn-split --part valid ten.tsv
t_stdout 'id	x
9	81
5	25'

# -- hold-out partitions ----------------------------------------------------------

t_run 'default split' 0 nn-split data.tsv
[ ! -s t.out ]; t_check 'default split: nothing on standard output'
is 'train: 82 rows (quota 82.4)' "$(nrows data-train.tsv)" 82
is 'valid: 21 rows (quota 20.6)' "$(nrows data-valid.tsv)" 21
head -n 1 data.tsv > want
head -n 1 data-valid.tsv > got
same 'valid repeats the header' want got
{ body data-train.tsv; body data-valid.tsv; } | sort > got
same 'train + valid hold every row once' all.rows got
body data-train.tsv > a; body data-valid.tsv > b
is 'train and valid share no row' "$(comm -12 a b | wc -l | tr -d ' ')" 0
tail -n +2 data-train.tsv | cut -f 1 > ids
! sort -n ids | cmp -s - ids; t_check 'the rows of a part are shuffled'

t_run 'three parts' 0 nn-split --ratio 0.7,0.2,0.1 -o three data.tsv
is 'train 72 (72.1)' "$(nrows three-train.tsv)" 72
is 'valid 21 (20.6)' "$(nrows three-valid.tsv)" 21
is 'test 10 (10.3)' "$(nrows three-test.tsv)" 10
{ body three-train.tsv; body three-valid.tsv; body three-test.tsv; } | sort > got
same 'three parts hold every row once' all.rows got

t_run '--count 50,20,10' 0 nn-split --count 50,20,10 -o c data.tsv
is 'train 50' "$(nrows c-train.tsv)" 50
is 'valid 20' "$(nrows c-valid.tsv)" 20
is 'test 10' "$(nrows c-test.tsv)" 10
{ body c-train.tsv; body c-valid.tsv; body c-test.tsv; } | sort > got
is 'the counted parts are distinct rows' "$(sort -u got | wc -l | tr -d ' ')" 80
is '... of the table' "$(comm -23 got all.rows | wc -l | tr -d ' ')" 0
t_run '--count --label' 0 nn-split --count 50,20,10 --label data.tsv
is '23 rows unused' "$(awk -F '\t' '$5 == "unused"' t.out | wc -l | tr -d ' ')" 23
awk -F '\t' -v OFS='\t' '$5 == "valid" { NF = 4; print }' t.out | sort > got
body c-valid.tsv > want
same '--label names the rows of the valid file' want got

# -- folds ------------------------------------------------------------------------

t_run '--folds 5' 0 nn-split --folds 5 -o k data.tsv
sizes=
for i in 1 2 3 4 5; do sizes="$sizes $(nrows k-fold$i-valid.tsv)"; done
is 'fold sizes: the first 103 mod 5 = 3 are larger' "$sizes" ' 21 21 21 20 20'
for i in 1 2 3 4 5; do body k-fold$i-valid.tsv; done | sort > got
same 'every row in exactly one validation fold' all.rows got
ok=1
for i in 1 2 3 4 5; do
  body k-fold$i-valid.tsv > v; body k-fold$i-train.tsv > tr
  [ "$(comm -12 v tr | wc -l)" -eq 0 ] || ok=0
  sort v tr | cmp -s - all.rows || ok=0
done
[ $ok = 1 ]; t_check 'split I trains on exactly the rows not in fold I'
t_run '--folds 5 --label' 0 nn-split --folds 5 --label data.tsv
for i in 1 2 3 4 5; do body k-fold$i-valid.tsv > k$i.sorted; done
ok=1
for i in 1 2 3 4 5; do
  awk -F '\t' -v OFS='\t' -v f=$i 'NR > 1 && $5 == f { NF = 4; print }' t.out |
    sort | cmp -s - k$i.sorted || ok=0
done
[ $ok = 1 ]; t_check '--label gives each row its validation fold'
head -n 1 t.out > got
printf 'id\tx\tlabel\tg\tsplit\n' > want
same '--label adds the column split' want got

# -- stratification ------------------------------------------------------------------

# within_one LABELED K: from --label output (label in column 3, part last),
# every part's count of every class is within one of n_c * size / n.
within_one() {
  awk -F '\t' 'NR > 1 {
      n++; nc[$3]++; np[$NF]++; ncp[$3 SUBSEP $NF]++
    }
    END {
      for (c in nc) for (p in np) {
        q = nc[c] * np[p] / n; d = ncp[c, p] - q
        if (d <= -1 || d >= 1) { print c, p, ncp[c, p], q; bad = 1 }
      }
      exit bad
    }' "$1"
}
t_run '--folds 5 --stratify label' 0 nn-split --folds 5 --stratify label --label data.tsv
cp t.out strat.out
within_one strat.out; t_check 'each fold has each class within one of its share'
awk -F '\t' 'NR > 1 { n[$5]++ } END { print n[1], n[2], n[3], n[4], n[5] }' strat.out > got
t_same 'stratified fold sizes are those of plain folds' '21 21 21 20 20' got
t_run 'stratified hold-out' 0 nn-split --ratio 0.7,0.2,0.1 --stratify 3 --label data.tsv
within_one t.out; t_check 'each part has each class within one of its share'
awk -F '\t' 'NR > 1 { n[$5]++ } END { print n["train"], n["valid"], n["test"] }' t.out > got
t_same 'stratified part sizes are those of plain parts' '72 21 10' got
t_run 'stratified --count' 0 nn-split --count 40,20 --stratify label --label data.tsv
within_one t.out; t_check 'the unused rows are stratified too'
t_run '--no-shuffle --stratify, seed 1' 0 nn-split --no-shuffle --stratify label --part valid data.tsv
cp t.out s1
t_run '--no-shuffle --stratify, seed 2' 0 nn-split --no-shuffle --seed 2 --stratify label --part valid data.tsv
same '--no-shuffle does not use the seed' s1 t.out

# -- groups --------------------------------------------------------------------------

t_run '--folds 4 --group g' 0 nn-split --folds 4 --group g --label data.tsv
awk -F '\t' 'NR > 1 { if (($4 in f) && f[$4] != $5) bad = 1; f[$4] = $5 } END { exit bad }' t.out
t_check 'no group is in two validation folds'
awk -F '\t' 'NR > 1 { n[$5]++ } END { for (i = 1; i <= 4; i++) { d = n[i] - 103 / 4; if (d < 0) d = -d; if (d > 4) exit 1 } }' t.out
t_check 'fold sizes within the largest group (4) of 103/4'
t_run 'grouped hold-out' 0 nn-split --group g -o grp data.tsv
cut -f 4 grp-train.tsv | tail -n +2 | sort -u > a
cut -f 4 grp-valid.tsv | tail -n +2 | sort -u > b
is 'no group in both train and valid' "$(comm -12 a b | wc -l | tr -d ' ')" 0
{ body grp-train.tsv; body grp-valid.tsv; } | sort > got
same 'grouped parts hold every row once' all.rows got

# -- bytes ---------------------------------------------------------------------------

# A BOM and a comment before the header, CRLF line ends, quotes, a line
# break in a field, a comment and a blank line among the rows, no line end
# after the last row.
printf '\357\273\277# made by hand\r\nid,"note, quoted"\r\n1,"say ""hi"""\r\n2,"two\r\nlines"\r\n# dropped\r\n\r\n3,plain\r\n4,last' > notes.csv
t_run 'CSV, --no-shuffle halves' 0 nn-split --no-shuffle --ratio 0.5,0.5 notes.csv
printf '\357\273\277# made by hand\r\nid,"note, quoted"\r\n1,"say ""hi"""\r\n2,"two\r\nlines"\r\n' > want
same 'train: preamble and rows byte for byte' want notes-train.csv
printf '\357\273\277# made by hand\r\nid,"note, quoted"\r\n3,plain\r\n4,last\r\n' > want
same 'valid: the last row gets the header'"'"'s CRLF' want notes-valid.csv
t_run 'CSV, --label' 0 nn-split --no-shuffle --ratio 0.5,0.5 --label notes.csv
printf '\357\273\277# made by hand\r\nid,"note, quoted",split\r\n1,"say ""hi""",train\r\n2,"two\r\nlines",train\r\n3,plain,valid\r\n4,last,valid\r\n' > want
same '--label: the label before each CRLF' want t.out
t_run 'CSV, --folds 2 --part train' 0 nn-split --folds 2 --part train --fold 1 notes.csv
head -c 3 t.out > got
printf '\357\273\277' > want
same 'a part keeps the BOM' want got

# Shuffled CRLF rows: the parts hold the input's lines, CR and all.
awk 'BEGIN { printf "a,b\r\n"; for (i = 1; i <= 50; i++) printf "%d,\"q,%d\"\r\n", i, i }' > crlf.csv
t_run 'CSV, shuffled' 0 nn-split crlf.csv
is 'a CSV input makes .csv parts' "$(ls crlf-*)" 'crlf-train.csv
crlf-valid.csv'
{ body crlf-train.csv; body crlf-valid.csv; } > got
tail -n +2 crlf.csv | sort > want
sort got | cmp -s - want; t_check 'shuffled rows are the input lines, CR and all'
is 'every line still ends with CR' "$(grep -c "$(printf '\r')\$" crlf-train.csv)" "$(wc -l < crlf-train.csv | tr -d ' ')"

T_STDIN=ten.tsv t_run 'standard input' 0 nn-split
is 'standard input makes split-*.tsv' "$(ls split-*)" 'split-train.tsv
split-valid.tsv'
mkdir sub
t_run '-o DIR/PREFIX' 0 nn-split -o sub/p --folds 2 ten.tsv
is 'files in the directory' "$(ls sub | tr '\n' ' ')" 'p-fold1-train.tsv p-fold1-valid.tsv p-fold2-train.tsv p-fold2-valid.tsv '
cp ten.tsv ten.txt
t_run '.txt is taken off too' 0 nn-split ten.txt
is 'ten.txt makes ten-*.tsv' "$(ls ten-train.* ten-valid.*)" 'ten-train.tsv
ten-valid.tsv'

# -- determinism and complementarity ---------------------------------------------------

t_run 'seed 7, run 1' 0 nn-split --seed 7 --ratio 0.6,0.2,0.2 -o r1 data.tsv
t_run 'seed 7, run 2' 0 nn-split --seed 7 --ratio 0.6,0.2,0.2 -o r2 data.tsv
same 'same seed, same train bytes' r1-train.tsv r2-train.tsv
same 'same seed, same test bytes' r1-test.tsv r2-test.tsv
t_run 'seed 8' 0 nn-split --seed 8 --ratio 0.6,0.2,0.2 -o r3 data.tsv
! cmp -s r1-train.tsv r3-train.tsv; t_check 'another seed, another split'
t_run 'seed 0' 0 nn-split --seed 0 --part train data.tsv
cp t.out s0
t_run 'seed 4357' 0 nn-split --seed 4357 --part train data.tsv
same 'seed 0 is GSL'"'"'s default seed 4357' s0 t.out

for p in train valid test; do
  t_run "--part $p" 0 nn-split --seed 7 --ratio 0.6,0.2,0.2 --part $p data.tsv
  same "--part $p is the file's bytes" r1-$p.tsv t.out
  body t.out > $p.rows
done
{ cat train.rows valid.rows test.rows; } | sort > got
same 'the three --part runs hold every row once' all.rows got
is '--part train and --part valid share no row' "$(comm -12 train.rows valid.rows | wc -l | tr -d ' ')" 0
t_run '--folds 5 --part valid --fold 3' 0 nn-split --folds 5 --part valid --fold 3 data.tsv
same '... is the fold file' k-fold3-valid.tsv t.out
body t.out > v
t_run '--folds 5 --part train --fold 3' 0 nn-split --folds 5 --part train --fold 3 data.tsv
same '... is the train file' k-fold3-train.tsv t.out
body t.out > tr
sort v tr | cmp -s - all.rows && [ "$(comm -12 v tr | wc -l)" -eq 0 ]
t_check 'train and valid of split 3 are complementary'

# -- streaming -----------------------------------------------------------------------------

awk 'BEGIN { print "id,key"; for (i = 1; i <= 20000; i++) print i "," i % 50 }' > big.csv
tail -n +2 big.csv | sort > big.rows
t_run '--stream' 0 nn-split --stream -o st big.csv
# 20000 rows: a share of 0.2 is off by sqrt(.2*.8/20000) = 0.0028 in
# standard deviations; the tolerance is 0.015, over 5 of them.
awk -v n="$(nrows st-valid.csv)" 'BEGIN { d = n / 20000 - 0.2; exit !(d < 0.015 && d > -0.015) }'
t_check '--stream: valid share 0.2 within 0.015'
{ body st-train.csv; body st-valid.csv; } | sort > got
same '--stream: every row once' big.rows got
t_run '--stream --part valid' 0 nn-split --stream --part valid big.csv
same '--stream --part is the file' st-valid.csv t.out
t_run '--stream again' 0 nn-split --stream --part valid big.csv
same '--stream: same seed, same bytes' st-valid.csv t.out
t_run '--stream seed 2' 0 nn-split --stream --seed 2 --part valid big.csv
! cmp -s st-valid.csv t.out; t_check '--stream: another seed, another split'
t_run '--stream --folds 4 --label' 0 nn-split --stream --folds 4 --label big.csv
awk -F, 'NR > 1 { n[$3]++ } END { for (i = 1; i <= 4; i++) { d = n[i] / 20000 - 0.25; if (d < -0.015 || d > 0.015) exit 1 } }' t.out
t_check '--stream --folds 4: each fold 0.25 within 0.015'
awk -F, 'NR > 1 { print $1 "," $2 }' t.out > got
tail -n +2 big.csv > want
same '--stream --label: the rows in input order' want got
t_run '--stream --key' 0 nn-split --stream --key key --ratio 0.5,0.3,0.2 --label big.csv
cp t.out key.out
awk -F, 'NR > 1 { if (($2 in p) && p[$2] != $3) bad = 1; p[$2] = $3 } END { exit bad }' key.out
t_check '--stream --key: rows of a key in one part'
t_run '--stream --group' 0 nn-split --stream --group 2 --ratio 0.5,0.3,0.2 --label big.csv
same '--stream --group is --stream --key' key.out t.out

# -- whole or nothing ------------------------------------------------------------------------

echo old > out-train.tsv
echo old > out-valid.tsv
t_error 'a failed run' 1 'nn-split: data.tsv: --count 100,10 asks for 110 rows, but the table has only 103' \
  nn-split --count 100,10 -o out data.tsv
is 'leaves the old outputs' "$(cat out-train.tsv out-valid.tsv)" 'old
old'
rm out-valid.tsv
mkdir out-valid.tsv
t_error 'a target taken by a directory' 1 'nn-split: out-valid.tsv: write error: Is a directory' \
  nn-split -o out data.tsv
is 'no file was replaced' "$(cat out-train.tsv)" old
is 'no temporary file is left' "$(ls -d out-*)" 'out-train.tsv
out-valid.tsv'
printf 'a\tb\n1\t2\n3\n' > ragged.tsv
t_error 'a bad row' 1 'nn-split: ragged.tsv:3: 1 field where the header has 2' \
  nn-split --stream -o out ragged.tsv
is '--stream leaves nothing either' "$(ls -d out-* ragged-* 2>/dev/null)" 'out-train.tsv
out-valid.tsv'

# -- usage errors --------------------------------------------------------------------------

try="Try 'nn-split --help' for more information."
usage() {
  name=$1 msg=$2
  shift 2
  t_error "$name" 2 "nn-split: $msg
$try" "$@"
}
usage 'one ratio' "--ratio: '0.5' must have 2 or 3 values" nn-split --ratio 0.5 ten.tsv
usage 'four ratios' "--ratio: '0.1,0.2,0.3,0.4' must have 2 or 3 values" nn-split --ratio 0.1,0.2,0.3,0.4 ten.tsv
usage 'ratios summing to 1.1' "--ratio: '0.5,0.6' sums to 1.1, not 1" nn-split --ratio 0.5,0.6 ten.tsv
usage 'ratios summing to 0.9' "--ratio: '0.7,0.1,0.1' sums to 0.9, not 1" nn-split --ratio 0.7,0.1,0.1 ten.tsv
usage 'a ratio not a number' "--ratio: 'x' is not a number" nn-split --ratio 0.5,x ten.tsv
usage 'an empty ratio' "--ratio: '' is not a number" nn-split --ratio 0.5, ten.tsv
usage 'a zero ratio' "--ratio: '0' is not greater than zero" nn-split --ratio 0,1 ten.tsv
usage 'a huge ratio' "--ratio: '1e999' is out of range" nn-split --ratio 1e999,1 ten.tsv
usage 'a zero count' "--count: '0' is not a whole number >= 1" nn-split --count 5,0 ten.tsv
usage 'a negative count' "--count: '-5' is not a whole number >= 1" nn-split --count -5,5 ten.tsv
usage 'one count' "--count: '5' must have 2 or 3 values" nn-split --count 5 ten.tsv
usage 'one fold' "--folds: '1' is not a whole number >= 2" nn-split --folds 1 ten.tsv
usage 'folds not a number' "--folds: 'x' is not a whole number >= 2" nn-split --folds x ten.tsv
usage 'fold zero' "--fold: '0' is not a whole number >= 1" nn-split --folds 3 --part valid --fold 0 ten.tsv
usage 'fold above K' '--fold: 4 is more than --folds 3' nn-split --folds 3 --part valid --fold 4 ten.tsv
usage 'fold without folds' '--fold needs --folds' nn-split --fold 1 --part valid ten.tsv
usage 'fold without part' '--fold needs --part' nn-split --folds 3 --fold 1 ten.tsv
usage 'part of folds without fold' '--part with --folds needs --fold' nn-split --folds 3 --part valid ten.tsv
usage 'a bad seed' "--seed: '-1' is not a whole number" nn-split --seed -1 ten.tsv
usage 'a bad part' "--part: 'dev' is not train, valid or test" nn-split --part dev ten.tsv
usage 'test of two parts' '--part test: the split has no test part' nn-split --part test ten.tsv
usage 'test of folds' '--part test: the split has no test part' nn-split --folds 2 --fold 1 --part test ten.tsv
usage 'ratio and count' '--ratio and --count cannot be combined' nn-split --ratio 0.5,0.5 --count 1,2 ten.tsv
usage 'ratio and folds' '--ratio and --folds cannot be combined' nn-split --ratio 0.5,0.5 --folds 2 ten.tsv
usage 'count and folds' '--count and --folds cannot be combined' nn-split --count 1,2 --folds 2 ten.tsv
usage 'stratify and group' '--stratify and --group cannot be combined' nn-split --stratify x --group id ten.tsv
usage 'part and label' '--part and --label cannot be combined' nn-split --part train --label ten.tsv
usage 'output and part' '--output and --part cannot be combined' nn-split -o p --part train ten.tsv
usage 'output and label' '--output and --label cannot be combined' nn-split -o p --label ten.tsv
usage 'stream and count' '--stream and --count cannot be combined' nn-split --stream --count 1,2 ten.tsv
usage 'stream and stratify' '--stream and --stratify cannot be combined' nn-split --stream --stratify x ten.tsv
usage 'stream and no-shuffle' '--stream and --no-shuffle cannot be combined' nn-split --stream --no-shuffle ten.tsv
usage 'group and key' '--group and --key cannot be combined' nn-split --stream --group x --key id ten.tsv
usage 'key without stream' '--key needs --stream' nn-split --key id ten.tsv
usage 'two files' "extra operand 'b.tsv': one table at a time" nn-split a.tsv b.tsv
t_error 'an unknown option' 2 "nn-split: unrecognized option '--shuffle'
$try" nn-split --shuffle ten.tsv
is 'usage errors write no file' "$(ls p-* 2>/dev/null | wc -l | tr -d ' ')" 0

t_done
