#!/bin/sh
# nn-plot: every kind as a script, as PNG, SVG (and PDF) with their
# signatures and sizes checked, and as a text plot; scripts that gnuplot
# runs unchanged into the same bytes; hostile names and titles that run
# nothing; whole-or-nothing outputs; every error message.
#
# The parts that run gnuplot are skipped when $GNUPLOT is empty or "no"
# (tests/local.mk exports what configure found).
. "$srcdir/tests/lib.sh"

have_gnuplot() { [ -n "${GNUPLOT:-}" ] && [ "$GNUPLOT" != no ]; }
t_skip() {
  t_n=$((t_n + 1))
  echo "ok $t_n # SKIP $1"
}
NNPLOT=$(command -v nn-plot)

# -- checks of the files gnuplot writes -------------------------------------

# png_ok NAME FILE WIDTH HEIGHT: the PNG signature, an IHDR of that size,
# and more than a blank picture's bytes.
png_ok() {
  sig=$(od -An -tx1 -N8 "$2" | tr -d ' \n')
  set -- "$1" "$2" "$3" "$4" $(od -An -tu1 -j16 -N8 "$2")
  w=$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))
  h=$(( ($9 << 24) + (${10} << 16) + (${11} << 8) + ${12} ))
  bytes=$(wc -c < "$2")
  [ "$sig" = 89504e470d0a1a0a ] && [ "$w" = "$3" ] && [ "$h" = "$4" ] &&
    [ "$bytes" -gt 4000 ]
  t_check "$1: a PNG of ${3}x$4 ($bytes bytes)"
}

# svg_ok NAME FILE WIDTH HEIGHT: an XML declaration, an svg element of that
# size, the closing tag (and a blank line, as gnuplot ends it), and some
# drawing.
svg_ok() {
  bytes=$(wc -c < "$2")
  head -n 1 "$2" | grep -q '^<?xml ' &&
    grep -q "^ width=\"$3\" height=\"$4\"\$" "$2" &&
    [ "$(tail -n 2 "$2")" = '</svg>' ] && [ "$(grep -c '<path' "$2")" -gt 5 ] &&
    [ "$bytes" -gt 4000 ]
  t_check "$1: an SVG of ${3}x$4 ($bytes bytes)"
}

# pdf_ok NAME FILE: the PDF header and end marker.
pdf_ok() {
  bytes=$(wc -c < "$2")
  [ "$(head -c 5 "$2")" = '%PDF-' ] && tail -c 16 "$2" | grep -q '%%EOF' &&
    [ "$bytes" -gt 4000 ]
  t_check "$1: a PDF ($bytes bytes)"
}

# text_ok NAME FILE LINES COLUMNS TEXT...: a text plot of that many lines,
# none wider than COLUMNS, no form feed, no blanks at line ends, a frame
# (+----...----+) unless $frame is no, and each TEXT somewhere.
frame=yes
text_ok() {
  name=$1 file=$2 lines=$3 cols=$4
  shift 4
  ok=0
  [ "$(wc -l < "$file")" -eq "$lines" ] || ok=1
  awk -v c="$cols" 'length > c || /[ \f]$/ || /\f/ { bad = 1 } END { exit bad }' \
    "$file" || ok=1
  [ "$frame" = no ] || grep -q '+-----*+$' "$file" || ok=1
  for text in "$@"; do
    grep -qF -- "$text" "$file" || { ok=1; echo "# missing: $text"; }
  done
  [ $ok -eq 0 ]
  t_check "$name: a text plot of $lines lines"
}

# -- data --------------------------------------------------------------------

# A training log as nn-train writes it (a comment line first).
{
  echo '# nn-train (nnkit) --lr 0.1'
  printf 'epoch\tstep\tlr\tloss\tgrad_norm\tvalid_loss\taccuracy\tvalid_accuracy\tseconds\n'
  awk 'BEGIN { for (i = 0; i <= 30; i++)
    printf "%d\t%d\t%g\t%.6g\t%.6g\t%.6g\t%.6g\t%.6g\t%g\n", i, 10 * i,
      (i < 15 ? 0.1 : 0.05), 2 * exp(-i / 6) + 0.05, exp(-i / 10),
      2.2 * exp(-i / 7) + 0.1, 1 - 0.7 * exp(-i / 5), 1 - 0.75 * exp(-i / 6),
      i / 100 }'
} > log.tsv
# Points of three classes, and the class predicted over a grid.
awk 'BEGIN { print "x1\tx2\tlabel"
  for (i = 0; i < 30; i++) { c = i % 3; a = (i * 7 % 10) / 10; b = (i * 3 % 10) / 10
    printf "%g\t%g\t%s\n", (c == 1 ? 1 : c == 0 ? -1 : 0) + a - 0.4,
      (c == 2 ? 1.2 : -0.4) + b - 0.4, (c == 0 ? "cat" : c == 1 ? "dog" : "bird") } }' > points.tsv
awk 'BEGIN { print "x1\tx2\tprediction"
  for (i = 0; i <= 20; i++) for (j = 0; j <= 16; j++) {
    x = -2 + i * 0.2; y = -1.6 + j * 0.2
    printf "%g\t%g\t%s\n", x, y, (y > 0.5 ? "bird" : x < 0 ? "cat" : "dog") } }' > regions.tsv
# The notes' loss (1 - w1 w2)^2 over a grid, as nn-hessian --grid writes
# it (x, y, loss), and a gradient-descent path on it (step, loss, w1, w2).
awk 'BEGIN { print "x\ty\tloss"
  for (i = 0; i <= 20; i++) for (j = 0; j <= 20; j++) {
    x = -2 + i * 0.2; y = -2 + j * 0.2; printf "%g\t%g\t%.10g\n", x, y, (1 - x * y)^2 } }' > grid.tsv
awk 'BEGIN { print "step\tloss\tw1\tw2"; a = 0.1; b = 0.05
  for (s = 0; s < 25; s++) { l = (1 - a * b)^2; printf "%d\t%.10g\t%.10g\t%.10g\n", s, l, a, b
    ga = -2 * b * (1 - a * b); gb = -2 * a * (1 - a * b); a -= 0.1 * ga; b -= 0.1 * gb } }' > path.tsv

# -- scripts: no gnuplot needed ------------------------------------------------

printf 'step\tloss\n0\t1\n1\t0.5\n2\t0.25\n' > small.tsv
t_run '--script: a line plot' 0 env GNUPLOT=/nonexistent "$NNPLOT" --script small.tsv
grep -v '^#' t.out > body
t_same '--script: a line plot: the script' "set terminal dumb size 79,24 noenhanced
set xlabel 'step'
set ylabel 'loss'
\$line1 << EOD
0 1
1 0.5
2 0.25
EOD
plot \$line1 using 1:2 with lines lt 1 lw 2 dt 1 lc rgb '#0072B2' notitle" body
head -n 1 t.out | grep -q '^# A gnuplot script written by nn-plot (nnkit [0-9.]*): a line plot\.$'
t_check '--script: says what made it'

t_run '--script -o names the picture' 0 nn-plot --script -o "it's.png" --size 300x200 small.tsv
grep -q "^set terminal pngcairo size 300,200 noenhanced\$" t.out &&
  grep -Fxq "set output 'it'.\"'\".'s.png'" t.out && [ "$(tail -n 1 t.out)" = 'unset output' ]
t_check '--script -o: terminal, quoted output name, unset output'

# Every kind has a script; its datablocks hold nothing but numbers.
kinds='line:log.tsv:-x step -y loss,valid_loss --logy
scatter:points.tsv:-x x1 -y x2 --by label --regions regions.tsv
contour:grid.tsv:--path path.tsv --path-x w1 --path-y w2
heatmap:grid.tsv:--path path.tsv --path-x w1 --path-y w2
surface:grid.tsv:--path path.tsv --path-x w1 --path-y w2
hist:log.tsv:-x loss --bins 8
dashboard:log.tsv:'
echo "$kinds" > kinds
while IFS=: read -r kind data opts; do
  if [ "$kind" = dashboard ]; then k=--dashboard; else k="--kind=$kind"; fi
  # shellcheck disable=SC2086
  nn-plot $k $opts --script -o "$kind.svg" "$data" > "$kind.gp" 2> "$kind.err"
  st=$?
  [ $st -eq 0 ] && [ ! -s "$kind.err" ] &&
    awk '/<< EOD$/ { inb = 1; next } /^EOD$/ { inb = 0; next }
         inb { for (i = 1; i <= NF; i++)
                 if ($i !~ /^-?[0-9]+(\.[0-9]+)?(e[-+][0-9]+)?$/) bad = 1 }
         END { exit bad }' "$kind.gp"
  t_check "--script --kind $kind: numbers only in the datablocks"
done < kinds
grep -q "^set logscale y\$" line.gp && grep -q "title 'valid_loss'\$" line.gp
t_check '--script: line, --logy and a series per column'
awk '/^\$regions << EOD$/ { r = 1; next } /^EOD$/ { r = 0 } r && NF == 8 { n++ }
     END { exit n != 21 * 17 }' scatter.gp && grep -q "title 'bird'\$" scatter.gp &&
  grep -q "with boxxyerror fillstyle solid 0.3 noborder lc rgb variable notitle" scatter.gp
t_check '--script: scatter, classes and regions'
# The grid's 441 points in 21 scans of 21 (20 blank lines between them).
awk '/^\$grid << EOD$/ { g = 1; next } /^EOD$/ { g = 0 } g && NF == 3 { n++ }
     g && NF == 0 { b++ } END { exit !(n == 441 && b == 20) }' heatmap.gp
t_check '--script: heatmap, the grid in scans'
grep -q "^\$path << EOD\$" contour.gp && grep -q "title 'path.tsv'" contour.gp &&
  grep -q '^set cntrparam levels discrete ' contour.gp
t_check '--script: contour with its path'
# Parameters as nn-train --trace names them: a comma inside brackets is
# part of the name.
printf 'step\tW1[1,1]\tW1[1,2]\tb1[1]\n0\t1\t2\t3\n1\t2\t3\t4\n' > trace.tsv
nn-plot --script -x 'W1[1,1]' -y 'W1[1,2],b1[1]' trace.tsv > trace.gp &&
  grep -q "^set xlabel 'W1\[1,1\]'\$" trace.gp &&
  grep -q "title 'W1\[1,2\]', \\\\\$" trace.gp && grep -q "title 'b1\[1\]'\$" trace.gp
t_check '--script: -y names parameters with commas in brackets'
grep -q "^set multiplot layout 2,2\$" dashboard.gp &&
  [ "$(grep -c '^set title ' dashboard.gp)" -eq 4 ]
t_check '--script: the dashboard has four panels'

# -- pictures ---------------------------------------------------------------------

if have_gnuplot; then
  while IFS=: read -r kind data opts; do
    if [ "$kind" = dashboard ]; then k=--dashboard w=1000 h=800
    else k="--kind=$kind" w=800 h=600; fi
    # shellcheck disable=SC2086
    t_run "$kind as PNG" 0 nn-plot $k $opts -o "$kind.png" "$data"
    png_ok "$kind as PNG" "$kind.png" $w $h
    # shellcheck disable=SC2086
    t_run "$kind as SVG" 0 nn-plot $k $opts -o "$kind.svg" "$data"
    svg_ok "$kind as SVG" "$kind.svg" $w $h
    # The script runs unchanged in gnuplot and draws the same picture.
    mv "$kind.svg" "$kind.direct.svg"
    t_run "$kind: gnuplot runs the script" 0 "$GNUPLOT" "$kind.gp"
    cmp -s "$kind.svg" "$kind.direct.svg"
    t_check "$kind: the script draws the very same SVG"
    # shellcheck disable=SC2086
    t_run "$kind as text" 0 nn-plot $k $opts "$data"
  done < kinds
  nn-plot --kind line -x step -y loss,valid_loss --logy log.tsv > t.out
  text_ok 'line as text' t.out 24 79 step 'loss ****' 'valid_loss ####' 0.1
  nn-plot --kind scatter -x x1 -y x2 --by label --regions regions.tsv points.tsv > t.out
  text_ok 'scatter as text' t.out 24 79 x1 'cat    A' 'dog    B' 'bird    C'
  for c in a b c; do  # the regions: a letter at each point of their grid
    [ "$(tr -cd $c < t.out | wc -c)" -gt 40 ] || echo "# few $c"
  done | grep -q few; [ $? -eq 1 ]
  t_check 'scatter as text: the three regions'
  grep -q ' a[a ]*A' t.out && grep -q 'c[c ]*C' t.out
  t_check 'scatter as text: cat points among cat regions'
  for k in contour heatmap surface; do
    nn-plot --kind $k --path path.tsv --path-x w1 --path-y w2 grid.tsv > t.out
    [ $k = surface ] && frame=no  # a box in perspective
    text_ok "$k as text" t.out 24 79 path.tsv start
    frame=yes
  done
  grep -q '@' t.out; [ $? -eq 1 ]; t_check 'surface as text: no shading'
  nn-plot --kind heatmap grid.tsv > t.out
  text_ok 'heatmap as text: shades' t.out 24 79 '. low  @ high' '@' '.'
  nn-plot --kind hist -x loss --bins 8 log.tsv > t.out
  text_ok 'hist as text' t.out 24 79 count loss
  nn-plot --dashboard log.tsv > t.out
  text_ok 'dashboard as text' t.out 64 79 loss accuracy 'gradient norm' \
    'learning rate' valid_loss valid_accuracy step

  t_run 'PDF' 0 nn-plot --kind heatmap -o grid.pdf grid.tsv
  pdf_ok 'PDF' grid.pdf
  t_run '--size' 0 nn-plot --size 320x240 --logy -x step -y loss -o small.png log.tsv
  png_ok '--size' small.png 320 240
  t_run '--size of a text plot' 0 nn-plot --size 50x12 small.tsv
  cp t.out small.txt
  text_ok '--size of a text plot' small.txt 12 50 step
  t_run '-o FILE.txt is the text plot' 0 nn-plot --size 50x12 -o small.out.txt small.tsv
  cmp -s small.txt small.out.txt; t_check '-o FILE.txt is the text plot: same bytes'
  t_run 'standard input' 0 sh -c 'nn-plot --size 50x12 < small.tsv'
  cmp -s small.txt t.out; t_check 'standard input: the same plot'
  t_run '--regions from standard input' 0 \
    sh -c 'nn-plot --kind scatter -x x1 -y x2 --by label --regions - -o r.svg points.tsv < regions.tsv'
  svg_ok '--regions from standard input' r.svg 800 600
  t_run 'extension in capitals' 0 nn-plot -o UP.PNG small.tsv
  png_ok 'extension in capitals' UP.PNG 800 600
  t_run 'a title not in UTF-8' 0 nn-plot --title "$(printf 'caf\351 \303\251 < & >')" \
    -o latin1.svg small.tsv
  [ "$(tr -cd '\351' < latin1.svg | wc -c)" -eq 0 ] &&
    grep -qF "$(printf '<text>caf? \303\251 &lt; &amp; ></text>')" latin1.svg &&
    { ! command -v xmllint > /dev/null || xmllint --noout latin1.svg; }
  t_check 'a title not in UTF-8: a ? for the stray byte, valid XML'
  t_run 'CSV input, --csv' 0 sh -c "tr '\t' ',' < small.tsv | nn-plot --csv --size 50x12"
  cmp -s small.txt t.out; t_check 'CSV input: the same plot'
else
  t_skip 'gnuplot not found: no pictures drawn'
fi

# -- hostile names: text, never commands ----------------------------------------

mkdir hostile && cd hostile || exit 99
cat > evil.tsv <<'EOF'
"x' ; system('touch pwned1') ; '"	"y`touch pwned2`\"	"z
set output 'pwned3'
!touch pwned4"	EOD	@GPVAL_PWD
1	2	3	4	5
2	3	4	5	6
EOF
cat > evil-points.tsv <<'END'
"x' ; system('touch pwned1') ; '"	"y`touch pwned2`\"	class
1	1	"'; system('touch pwned9'); '"
2	2	EOD
END
cat > evil-regions.tsv <<'END'
"x' ; system('touch pwned1') ; '"	"y`touch pwned2`\"	prediction
1	1	"'; system('touch pwned9'); '"
1	2	EOD
2	1	EOD
2	2	"'; system('touch pwned9'); '"
END
t_run 'hostile classes: --script' 0 nn-plot --kind scatter -x 1 -y 2 --by class \
  --regions evil-regions.tsv --script evil-points.tsv
grep -Fq " title \"'\".'; system('.\"'\".'touch pwned9'.\"'\".'); '.\"'\"," t.out &&
  grep -Fxq "set xlabel 'x'.\"'\".' ; system('.\"'\".'touch pwned1'.\"'\".') ; '.\"'\"" t.out &&
  grep -Fq " title 'EOD'" t.out && [ "$(grep -c '^EOD$' t.out)" -eq 3 ]
t_check 'hostile classes: quoted titles, 3 blocks'
title="t'; system('touch pwned5'); print '
set output 'pwned6'
load 'x' \\"
t_run 'hostile names: --script' 0 nn-plot --title "$title" --xlabel '`touch pwned7`' \
  --ylabel "\\' ; ! touch pwned8" --script evil.tsv
cp t.out ../evil.gp
grep -Fxq "set title 't'.\"'\".'; system('.\"'\".'touch pwned5'.\"'\".'); print '.\"'\".\"\\n\".'set output '.\"'\".'pwned6'.\"'\".\"\\n\".'load '.\"'\".'x'.\"'\".' \\'" t.out &&
  grep -Fxq "set xlabel '\`touch pwned7\`'" t.out &&
  grep -Fxq "set ylabel '\\'.\"'\".' ; ! touch pwned8'" t.out &&
  grep -Fq "title 'z'.\"\\n\".'set output '.\"'\".'pwned3'.\"'\".\"\\n\".'!touch pwned4', \\" t.out &&
  [ "$(grep -c '^EOD$' t.out)" -eq 4 ]
t_check 'hostile names: quotes and line breaks joined as text, 4 blocks'
if have_gnuplot; then
  for ext in png svg pdf txt; do
    t_run "hostile names: as $ext" 0 nn-plot --title "$title" \
      --xlabel '`touch pwned7`' --ylabel "\\' ; ! touch pwned8" -o "out.$ext" evil.tsv
  done
  t_run 'hostile names: as text on stdout' 0 nn-plot --title "$title" evil.tsv
  t_run 'hostile names: gnuplot runs the script' 0 sh -c '"$GNUPLOT" < ../evil.gp > evil.out'
  # The title's three lines and the x label, where no curve crosses them.
  clean=$(sed 's/ *$//' evil.out)
  has() { printf '%s\n' "$clean" | grep -qxF "$1"; }
  has "                         t'; system('touch pwned5'); print '" &&
    has "                                 set output 'pwned6'" &&
    has "                                     load 'x' \\" &&
    has "                                   \`touch pwned7\`"
  t_check 'hostile names: drawn as text'
  nn-plot --kind scatter -x 1 -y 2 --by class --regions evil-regions.tsv \
    --title "$title" -o sc.svg evil-points.tsv 2> sc.err
  [ -s sc.svg ] && [ ! -s sc.err ]
  t_check 'hostile names: scatter classes and regions'
fi
ls > ../listing
cd .. || exit 99
if have_gnuplot; then
  want='evil-points.tsv
evil-regions.tsv
evil.out
evil.tsv
out.pdf
out.png
out.svg
out.txt
sc.err
sc.svg
t.err
t.out'
else
  want='evil-points.tsv
evil-regions.tsv
evil.tsv
t.err
t.out'
fi
t_same 'hostile names: no file but the outputs' "$want" listing
find "$t_dir" -name 'pwned*' > found
[ ! -s found ]; t_check 'hostile names: no file named pwned* anywhere'
sed 's/^/# found: /' found

# -- whole or nothing ------------------------------------------------------------

# A stand-in gnuplot that writes half a picture and fails.
cat > fail-gnuplot <<'EOF'
#!/bin/sh
cat > /dev/null
printf 'half a picture'
echo '         line 12: unexpected trouble' >&2
exit 1
EOF
chmod +x fail-gnuplot
printf 'keep me\n' > keep.png
t_error 'gnuplot fails' 1 'nn-plot: gnuplot: line 12: unexpected trouble
nn-plot: gnuplot failed (exit status 1)' \
  env GNUPLOT=./fail-gnuplot nn-plot -o keep.png small.tsv
t_same 'gnuplot fails: the old file is intact' 'keep me' keep.png
ls keep.png.* >/dev/null 2>&1; [ $? -ne 0 ]; t_check 'gnuplot fails: no temporary file left'
t_error 'gnuplot fails: no text on stdout' 1 'nn-plot: gnuplot: line 12: unexpected trouble
nn-plot: gnuplot failed (exit status 1)' \
  env GNUPLOT=./fail-gnuplot nn-plot small.tsv
printf '#!/bin/sh\ncat > /dev/null\n' > mute-gnuplot
chmod +x mute-gnuplot
t_error 'gnuplot writes nothing' 1 'nn-plot: gnuplot wrote nothing' \
  env GNUPLOT=./mute-gnuplot nn-plot -o keep.png small.tsv
t_same 'gnuplot writes nothing: the old file is intact' 'keep me' keep.png
printf '#!/bin/sh\ncat > /dev/null\necho "warning: be careful" >&2\necho picture\n' > warn-gnuplot
chmod +x warn-gnuplot
t_run 'gnuplot warns' 0 env GNUPLOT=./warn-gnuplot nn-plot -o warned.png small.tsv
t_stderr 'nn-plot: gnuplot: warning: be careful'
t_same 'gnuplot warns: the picture is written' 'picture' warned.png
printf 'step\tloss\n0\t1\n1\tx\n' > bad.tsv
t_error 'bad data leaves -o alone' 1 "nn-plot: bad.tsv:3: column 'loss': 'x' is not a number" \
  nn-plot -o keep.png bad.tsv
t_same 'bad data leaves -o alone: content' 'keep me' keep.png

# No gnuplot: a clear message; --script still works.
t_error 'no gnuplot on PATH' 1 "nn-plot: gnuplot not found: no 'gnuplot' on PATH; install the package gnuplot-nox, or use --script to print the script" \
  env GNUPLOT= PATH=/nonexistent "$NNPLOT" small.tsv
t_error '$GNUPLOT names no program' 1 "nn-plot: gnuplot not found: cannot run '/nonexistent/gnuplot' (No such file or directory); install the package gnuplot-nox, or use --script to print the script" \
  env GNUPLOT=/nonexistent/gnuplot "$NNPLOT" -o x.png small.tsv
[ ! -e x.png ]; t_check '$GNUPLOT names no program: no file'
t_run 'no gnuplot: --script works' 0 env GNUPLOT= PATH=/nonexistent "$NNPLOT" --script small.tsv
grep -q '^plot \$line1' t.out; t_check 'no gnuplot: --script works: the script'

if [ -w /dev/full ]; then
  t_error 'full disk' 1 'nn-plot: write error: No space left on device' \
    sh -c 'nn-plot --script small.tsv > /dev/full'
fi

# -- bad data: file and line ------------------------------------------------------

printf 'x\ty\tz\n0\t0\t1\n0\t1\t2\n1\t0\t3\n' > hole.tsv
t_error 'a grid with a hole' 1 'nn-plot: hole.tsv: not a grid: no row has x = 1 and y = 1' \
  nn-plot --kind heatmap hole.tsv
printf 'x\ty\tz\n0\t0\t1\n0\t1\t2\n1\t0\t3\n1\t1\t4\n0\t1\t5\n' > twice.tsv
t_error 'a grid point twice' 1 'nn-plot: twice.tsv:6: not a grid: x = 0 and y = 1 again (first on line 3)' \
  nn-plot --kind contour twice.tsv
printf 'x\ty\tz\n3\t0\t1\n3\t1\t2\n' > line.tsv
t_error 'a grid of one column' 1 'nn-plot: line.tsv: not a grid: every row has x = 3' \
  nn-plot --kind surface line.tsv
printf 'x\ty\n' > empty.tsv
t_error 'no rows' 1 'nn-plot: empty.tsv: no data rows' nn-plot empty.tsv
: > void.tsv
t_error 'an empty file' 1 'nn-plot: void.tsv: no header line: the table is empty' nn-plot void.tsv
t_error 'empty standard input' 1 'nn-plot: (standard input): no header line: the table is empty' \
  sh -c 'nn-plot < void.tsv'
t_error 'a missing file' 1 'nn-plot: nope.tsv: No such file or directory' nn-plot nope.tsv
t_error 'a missing column' 1 "nn-plot: small.tsv: no column named 'lr'" nn-plot -y lr small.tsv
t_error 'a missing column index' 1 'nn-plot: small.tsv: no column 3: the table has 2 columns' \
  nn-plot --kind contour small.tsv
t_error 'not a number' 1 "nn-plot: bad.tsv:3: column 'loss': 'x' is not a number" nn-plot bad.tsv
printf 'step\tloss\n1\t0\n' > zero.tsv
t_error '--logy and zero' 1 "nn-plot: zero.tsv:2: column 'loss': '0' is not greater than zero (--logy)" \
  nn-plot --logy zero.tsv
t_error '--logx and zero' 1 "nn-plot: small.tsv:2: column 'step': '0' is not greater than zero (--logx)" \
  nn-plot --logx small.tsv
printf 'name\tnote\na\tb\n' > words.tsv
t_error 'no numbers' 1 "nn-plot: words.tsv:2: no numeric columns to plot against 'name'" nn-plot words.tsv
t_error 'not a training log' 1 'nn-plot: points.tsv: no column named '"'step'" nn-plot --dashboard points.tsv
printf 'step\tseconds\n1\t0\n' > notlog.tsv
t_error 'a log without losses' 1 'nn-plot: notlog.tsv: not a training log: none of the columns loss, valid_loss, accuracy, valid_accuracy, grad_norm, lr' \
  nn-plot --dashboard notlog.tsv
t_error 'a path without the columns' 1 "nn-plot: path.tsv: no column named 'x'" \
  nn-plot --kind contour --path path.tsv grid.tsv
t_error 'regions without prediction' 1 "nn-plot: points.tsv: no column named 'prediction'" \
  nn-plot --kind scatter -x x1 -y x2 --regions points.tsv points.tsv
awk -v OFS='\t' 'BEGIN { print "x", "y", "c"; for (i = 0; i < 70; i++) print i, i, "v" i }' > many.tsv
t_error 'too many series' 1 "nn-plot: many.tsv:66: column 'c': more than 64 different values: too many series for one picture" \
  nn-plot --kind scatter --by c many.tsv

# -- help, version, usage errors ---------------------------------------------------

t_run '--help' 0 nn-plot --help
head -n 1 t.out | grep -q '^Usage: nn-plot \[OPTION\]\.\.\. \[FILE\]$'; t_check '--help: usage line'
grep -q 'See nn-plot(1)' t.out; t_check '--help: points to the man page'
[ "$(grep -c '^  nn-' t.out)" -eq 2 ]; t_check '--help: two examples'
t_run '--version' 0 nn-plot --version
head -n 1 t.out | grep -q '^nn-plot (nnkit) [0-9]'; t_check '--version: first line'

try="Try 'nn-plot --help' for more information."
t_error 'unknown kind' 2 "nn-plot: --kind: 'pie' is not one of line, scatter, contour, heatmap, surface, hist
$try" nn-plot --kind pie small.tsv
t_error 'dashboard as a kind' 2 "nn-plot: --kind: 'dashboard' is not one of line, scatter, contour, heatmap, surface, hist
$try" nn-plot --kind dashboard small.tsv
t_error '--dashboard and --kind' 2 "nn-plot: --dashboard and --kind do not go together
$try" nn-plot --dashboard --kind line small.tsv
t_error 'two files' 2 "nn-plot: extra operand 'log.tsv'
$try" nn-plot small.tsv log.tsv
t_error 'unknown extension' 2 "nn-plot: --output: 'plot.jpg' does not end in .png, .svg, .pdf or .txt
$try" nn-plot -o plot.jpg small.tsv
t_error 'bad size' 2 "nn-plot: --size: '800' is not WIDTHxHEIGHT (whole numbers from 1 to 10000)
$try" nn-plot --size 800 small.tsv
t_error 'zero size' 2 "nn-plot: --size: '0x10' is not WIDTHxHEIGHT (whole numbers from 1 to 10000)
$try" nn-plot --size 0x10 small.tsv
t_error 'bad bins' 2 "nn-plot: --bins: '0' is not a whole number from 1 to 10000
$try" nn-plot --kind hist --bins 0 small.tsv
t_error 'bins not a number' 2 "nn-plot: --bins: 'many' is not a whole number from 1 to 10000
$try" nn-plot --kind hist --bins many small.tsv
t_error '-y and hist' 2 "nn-plot: -y: --kind hist draws the one column of -x
$try" nn-plot --kind hist -y loss small.tsv
t_error '-y and dashboard' 2 "nn-plot: -y: not with --dashboard, which draws the columns of the log
$try" nn-plot --dashboard -y loss log.tsv
t_error '--ylabel and dashboard' 2 "nn-plot: --ylabel: not with --dashboard, whose panels have their titles
$try" nn-plot --dashboard --ylabel loss log.tsv
t_error '-z and line' 2 "nn-plot: -z: only for --kind contour, heatmap and surface
$try" nn-plot -z loss small.tsv
t_error '--by and hist' 2 "nn-plot: --by: only for --kind line and scatter
$try" nn-plot --kind hist --by step small.tsv
t_error '--logx and contour' 2 "nn-plot: --logx: only for --kind line and scatter
$try" nn-plot --kind contour --logx grid.tsv
t_error '--logy and hist' 2 "nn-plot: --logy: only for --kind line and scatter
$try" nn-plot --kind hist --logy small.tsv
t_error '--regions and line' 2 "nn-plot: --regions: only for --kind scatter
$try" nn-plot --regions regions.tsv small.tsv
t_error '--regions-by alone' 2 "nn-plot: --regions-by needs --regions
$try" nn-plot --kind scatter --regions-by p points.tsv
t_error '--path and scatter' 2 "nn-plot: --path: only for --kind contour, heatmap and surface
$try" nn-plot --kind scatter --path path.tsv points.tsv
t_error '--path-x alone' 2 "nn-plot: --path-x needs --path
$try" nn-plot --kind contour --path-x w1 grid.tsv
t_error '--path-y alone' 2 "nn-plot: --path-y needs --path
$try" nn-plot --kind contour --path-y w2 grid.tsv
t_error '--path-z alone' 2 "nn-plot: --path-z needs --path
$try" nn-plot --kind surface --path-z loss grid.tsv
t_error '--path-z and heatmap' 2 "nn-plot: --path-z: only for --kind surface
$try" nn-plot --kind heatmap --path path.tsv --path-z loss grid.tsv
t_error '--bins and line' 2 "nn-plot: --bins: only for --kind hist
$try" nn-plot --bins 3 small.tsv
t_error 'two -y for scatter' 2 "nn-plot: -y: --kind scatter takes one column
$try" nn-plot --kind scatter -y x1,x2 points.tsv
t_error 'two -y for a grid' 2 "nn-plot: -y: --kind heatmap takes one column
$try" nn-plot --kind heatmap -y x,y grid.tsv
t_error 'empty name in -y' 2 "nn-plot: empty column name in list 'loss,'
$try" nn-plot -y loss, small.tsv
t_error 'standard input twice (regions)' 2 "nn-plot: --regions: standard input is already the table
$try" nn-plot --kind scatter --regions - -
t_error 'standard input twice (path)' 2 "nn-plot: --path: standard input is already the table
$try" nn-plot --kind contour --path -
t_error 'unknown option' 2 "nn-plot: unrecognized option '--bogus'
$try" nn-plot --bogus small.tsv
t_error 'missing argument' 2 "nn-plot: option requires an argument -- 'o'
$try" nn-plot small.tsv -o

t_done
