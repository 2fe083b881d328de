# tests/lessons/lesson-lib.sh -- what the lesson tests share (after
# tests/lib.sh):
#
#   lesson_mk DIR TARGET...         the lesson's Makefile, OUT in report/
#   lesson_readme DIR [FILE]...     every command of DIR/README.md, in a fresh
#                                   directory holding the lesson's FILEs
#   lesson_man PAGE                 the generated man page lints clean
#   lesson_set QUANTITY VALUE       change one number of report/numbers.tsv
#   lesson_drop QUANTITY            remove one (the next check makes the
#                                   claims again from what is left)
#   lesson_fails DIR NAME QUANTITY VALUE CLAIM OKS [MAKEARG]...
#                                   with QUANTITY at VALUE, `make check`
#                                   exits 2, its FAIL line starts CLAIM and
#                                   OKS claims are still ok (two tests);
#                                   then report/numbers.tsv is as before
#   lesson_figures OUT FIG...       each OUT/FIG.png made and shown on
#                                   OUT/index.html, and no other picture
#   lesson_cells OUT CLASS          claims on the page held yes|no|skipped
#   lesson_no_gnuplot               a SKIP for the report's tests
#
# README commands: inside ```sh blocks, a line '$ CMD' is a command (run by
# sh in the work directory, which holds the outputs of the commands before
# it); the lines after it, up to the next '$ ' line or the end of the block,
# are its output.  When output is shown, the command's standard output must
# be exactly that; either way it must exit 0 with nothing on standard error.
lesson_mk() {
  lm_dir=$1
  shift
  # Not the harness's make flags: under `make -j check` they name a
  # jobserver this make cannot use, and it would say so on stderr.
  MAKEFLAGS= MFLAGS= ${MAKE:-make} -s -f "$lm_dir/Makefile" SRC="$lm_dir" OUT="$t_dir/report" \
    NN_BIN="$top_builddir/tools" "$@"
}

lesson_readme() {
  lr_dir=$1
  shift
  mkdir -p "$t_dir/readme" "$t_dir/readme-cmd" || return 1
  for f in "$@"; do cp "$lr_dir/$f" "$t_dir/readme/" || return 1; done
  ${AWK:-awk} -v out="$t_dir/readme-cmd" '
    /^```sh$/ { inblock = 1; next }
    /^```/ { inblock = 0; next }
    !inblock { next }
    /^\$ / { n++; f = sprintf("%s/%03d", out, n); sub(/^\$ /, ""); print > (f ".cmd"); close(f ".cmd")
      printf "" > (f ".want"); close(f ".want"); next }
    n { print >> (f ".want"); close(f ".want") }
  ' "$lr_dir/README.md" || return 1
  for c in "$t_dir"/readme-cmd/*.cmd; do
    [ -f "$c" ] || { t_not_ok "README: no commands found"; return 1; }
    w=${c%.cmd}.want
    cmd=$(cat "$c")
    (cd "$t_dir/readme" && sh -c "$cmd") </dev/null >t.out 2>t.err
    st=$?
    if [ "$st" -ne 0 ] || [ -s t.err ]; then
      t_not_ok "README: $cmd: exit $st"
      sed 's/^/# stderr: /' t.err
    elif [ -s "$w" ] && ! cmp -s "$w" t.out; then
      t_not_ok "README: $cmd: output as shown"
      diff "$w" t.out | sed 's/^/# /'
    else
      t_ok "README: $cmd"
    fi
  done
}

lesson_man() {
  page=$1
  if [ ! -s "$page" ]; then t_not_ok "man page $page exists"; return; fi
  t_ok "man page $(basename "$page") exists"
  if command -v groff >/dev/null 2>&1; then
    groff -man -ww -z "$page" >t.out 2>&1 && [ ! -s t.out ]
    t_check "$(basename "$page"): groff -man -ww -z"
  else
    t_ok "$(basename "$page"): groff # SKIP groff is not installed"
  fi
  if command -v mandoc >/dev/null 2>&1; then
    mandoc -Tlint "$page" >t.out 2>&1 && [ ! -s t.out ]
    t_check "$(basename "$page"): mandoc -Tlint"
    sed 's/^/# /' t.out
  else
    t_ok "$(basename "$page"): mandoc # SKIP mandoc is not installed"
  fi
}

lesson_set() {
  awk -F'\t' -v q="$1" -v v="$2" 'BEGIN { OFS = "\t" } $1 == q { $2 = v } { print }' \
    report/numbers.tsv > t.num && mv t.num report/numbers.tsv && rm -f report/claims.tsv
}

lesson_drop() {
  awk -F'\t' -v q="$1" '$1 != q' report/numbers.tsv > t.num &&
    mv t.num report/numbers.tsv && rm -f report/claims.tsv
}

lesson_fails() {
  lx_dir=$1 lx_name=$2 lx_claim=$5 lx_oks=$6
  cp report/numbers.tsv t.good && lesson_set "$3" "$4" || return 1
  shift 6
  t_run "$lx_name fails the check" 2 lesson_mk "$lx_dir" "$@" check
  awk -v c="FAIL: $lx_claim" 'index($0, c) == 1 { f = 1 } /^ok: / { n++ }
    END { exit !(f && n == '"$lx_oks"') }' t.out
  t_check "$lx_name fails the check: that claim and only it"
  mv t.good report/numbers.tsv && rm -f report/claims.tsv
}

lesson_figures() {
  lf_out=$1
  shift
  lf_bad=0
  for f in "$@"; do
    [ -s "$lf_out/$f.png" ] && grep -q "<img src=\"$f.png\"" "$lf_out/index.html" ||
      { echo "# missing: $f"; lf_bad=1; }
  done
  [ "$lf_bad" -eq 0 ] && [ "$(grep -o '<img src=' "$lf_out/index.html" | wc -l)" -eq $# ]
}

lesson_cells() {
  grep -o "<td class=\"$2\">$2</td>" "$1/index.html" | wc -l
}

lesson_no_gnuplot() {
  t_ok 'report renders # SKIP gnuplot not found'
}
