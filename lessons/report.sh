#!/bin/sh
# lessons/report.sh -- write a lesson's report page (HTML) to standard output:
# its figures and the numbers this run measured, with the claims and whether
# each held.  The prose lives in the lesson's README.md (and its man page);
# the page does not repeat it.  Plain sh and awk, nothing else.
#
#   sh report.sh TITLE NUMBERS CLAIMS [FIGURE.png CAPTION]...
#
# NUMBERS is numbers.tsv (quantity, value, with a header); CLAIMS is
# claims.tsv (claim, measured, held, with a header).  Figures are named
# relative to the page.
set -u
[ $# -ge 3 ] || { echo "usage: report.sh TITLE NUMBERS CLAIMS [FIG CAPTION]..." >&2; exit 2; }
title=$1 numbers=$2 claims=$3
shift 3
esc() { printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g'; }
table() {  # TSV with a header -> an HTML table
  awk -F'\t' '
    function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
    { tag = NR == 1 ? "th" : "td"; row = "<tr>"
      for (i = 1; i <= NF; i++) {
        cls = NR == 1 ? "" : $i == "no" ? " class=\"no\"" : $i == "yes" ? " class=\"yes\"" : \
          $i == "skipped" ? " class=\"skipped\"" : ""
        row = row "<" tag cls ">" esc($i) "</" tag ">" }
      print row "</tr>" }' "$1"
}
echo '<!DOCTYPE html>'
echo '<html><head><meta charset="utf-8">'
echo "<title>$(esc "$title")</title>"
echo '<style>body{font-family:sans-serif;max-width:60em;margin:auto}'
echo 'table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;text-align:left}'
echo '.yes{background:#cfc}.no{background:#fcc}.skipped{background:#eee}figure{display:inline-block;margin:1em}</style>'
echo '</head><body>'
echo "<h1>$(esc "$title")</h1>"
echo '<p>What this run measured; the lesson itself is README.md in this directory.</p>'
echo '<h2>Claims</h2><table>'
table "$claims"
echo '</table>'
if [ $# -gt 0 ]; then
  echo '<h2>Figures</h2>'
  while [ $# -ge 2 ]; do
    echo "<figure><img src=\"$(esc "$1")\" alt=\"$(esc "$2")\"><figcaption>$(esc "$2")</figcaption></figure>"
    shift 2
  done
fi
echo '<h2>Numbers</h2><table>'
table "$numbers"
echo '</table></body></html>'
