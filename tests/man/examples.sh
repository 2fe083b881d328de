#!/bin/sh
# tests/man/examples.sh -- run the EXAMPLES of every man page (DESIGN.md,
# "Tests": every man-page EXAMPLE runs in a test).
#
# In the EXAMPLES section of a page, each .EX/.EE block is a transcript:
#
#   $ COMMAND           a command (after "$ ")
#   > MORE              continues it (a here-document, a quoted line break),
#                       as does any line after one that ends with a backslash
#   OUTPUT...           the exact lines it prints on standard output, up to
#                       the next "$ " line or .EE
#
# Each command runs with sh, in a scratch directory of its own page, in the
# order of the page, so later commands see the files earlier ones made (but
# not their shell variables).  An example passes when its standard output is
# exactly the expected lines, its standard error is empty and it exits with
# status 0: an example that shows an error says so with 2>&1 and "echo $?".
#
# The roff escapes undone are only those the pages use: \e (backslash),
# \- (minus), \(aq (apostrophe) and \& (nothing).  Any other escape, any
# request inside a block, and a bare "-" (which man renders as a hyphen,
# not the minus a shell needs) make the example "not ok".
#
# NN_MAN_PAGES, if set, lists the pages to run instead of $srcdir/man/*.
. "$srcdir/tests/lib.sh"

# extract PAGE DIR: write DIR/N.cmd and DIR/N.want for example N, and list
# them in DIR/list as "N<TAB>LINE<TAB>COMMAND", or "E<TAB>LINE<TAB>ERROR"
# for a line this test cannot read (the rest of its block is not run).
extract() {
  awk -v dir="$2" '
    # Messages and names end up in TAP lines, written by echo: no "#"
    # (a TAP directive) and no backslash (echo may expand it).
    function tap_text(s) {
      gsub(/#/, "_", s)
      gsub(/\\/, "(backslash)", s)
      return s
    }
    function fail(msg) {
      printf "E\t%d\t%s\n", NR, tap_text(msg) > list
      broken = 1
    }
    # The text of a roff line inside .EX with its escapes undone; sets bad
    # when the line uses something this test does not know.
    function unroff(s,   out, i, r) {
      out = ""
      if (match(s, /(^|[^\\])-/)) {
        bad = "a bare - (rendered as a hyphen): write \\-"
        return ""
      }
      while ((i = index(s, "\\")) > 0) {
        out = out substr(s, 1, i - 1)
        r = substr(s, i + 1)
        if (substr(r, 1, 1) == "e") {
          out = out "\\"; s = substr(r, 2)
        } else if (substr(r, 1, 1) == "-") {
          out = out "-"; s = substr(r, 2)
        } else if (substr(r, 1, 1) == "&") {
          s = substr(r, 2)
        } else if (substr(r, 1, 3) == "(aq") {
          out = out "\047"; s = substr(r, 4)
        } else {
          bad = "unsupported roff escape \\" substr(r, 1, 3)
          return ""
        }
      }
      return out s
    }
    # The current example is complete: list it, unless its block broke.
    function finish() {
      if (n > 0 && !done) {
        close(dir "/" n ".cmd")
        close(dir "/" n ".want")
        if (!broken)
          printf "%d\t%d\t%s\n", n, start, name > list
        done = 1
      }
    }
    BEGIN {
      list = dir "/list"
      printf "" > list
      n = 0; done = 1; insec = 0; inex = 0
    }
    /^\.SH/ {
      if (inex) fail(".EX without .EE")
      finish()
      inex = 0
      insec = $0 ~ /^\.SH[ \t]+"?EXAMPLES"?[ \t]*$/
      next
    }
    !insec { next }
    /^\.EX/ { inex = 1; broken = 0; mode = 0; cont = 0; next }
    /^\.EE/ { finish(); inex = 0; next }
    !inex || broken { next }
    /^\.\\"/ { next }
    /^[.\047]/ { fail("roff request inside .EX: " $0); next }
    {
      bad = ""
      line = unroff($0)
      if (bad != "") {
        fail(bad)
        next
      }
      if (mode == 1 && (cont || line == ">" || substr(line, 1, 2) == "> ")) {
        if (line == ">")
          line = ""
        else if (substr(line, 1, 2) == "> ")
          line = substr(line, 3)
        printf "%s\n", line > (dir "/" n ".cmd")
        cont = line ~ /\\$/
      } else if (substr(line, 1, 2) == "$ ") {
        finish()
        n++
        done = 0
        start = NR
        line = substr(line, 3)
        printf "%s\n", line > (dir "/" n ".cmd")
        printf "" > (dir "/" n ".want")
        cont = line ~ /\\$/
        mode = 1
        # The test is named by the first line of the command, up to any
        # backslash.
        if ((i = index(line, "\\")) > 0)
          line = substr(line, 1, i - 1) "..."
        name = tap_text(line)
      } else if (mode == 0) {
        fail("a line before the first command of the block")
      } else {
        mode = 2
        printf "%s\n", line > (dir "/" n ".want")
      }
    }
    END {
      if (inex) fail(".EX without .EE")
      finish()
      close(list)
    }
  ' "$1"
}

pages=${NN_MAN_PAGES-}
if [ -z "$pages" ]; then
  for p in "$srcdir"/man/*.[1-9]; do
    case $(basename "$p") in
      # made from a lesson's README at build time (in-tree builds put it
      # here); tests/lessons runs the README's commands
      nnkit-lesson-*) continue ;;
    esac
    [ -f "$p" ] && pages="$pages $p"
  done
fi

tab=$(printf '\t')
for page in $pages; do
  name=$(basename "$page")
  dir=$t_dir/$name.d
  work=$t_dir/$name.work
  mkdir "$dir" "$work" || exit 99
  # A page whose examples draw pictures says so in a comment line
  # '.\" examples.sh: needs gnuplot'; without gnuplot they are skipped.
  if grep -q '^\.\\" examples\.sh: needs gnuplot$' "$page" &&
     { [ -z "${GNUPLOT:-}" ] || [ "$GNUPLOT" = no ]; }; then
    t_n=$((t_n + 1))
    echo "ok $t_n - $name # SKIP gnuplot not found"
    continue
  fi
  if ! extract "$page" "$dir"; then
    t_not_ok "$name: examples could not be extracted"
    continue
  fi
  count=0
  while IFS=$tab read -r n line cmd; do
    if [ "$n" = E ]; then
      t_not_ok "$name:$line: $cmd"
      continue
    fi
    count=$((count + 1))
    (cd "$work" && sh "$dir/$n.cmd") </dev/null >"$dir/$n.got" 2>"$dir/$n.err"
    status=$?
    if [ "$status" -eq 0 ] && [ ! -s "$dir/$n.err" ] &&
       cmp -s "$dir/$n.want" "$dir/$n.got"; then
      t_ok "$name:$line: \$ $cmd"
    else
      t_not_ok "$name:$line: \$ $cmd"
      [ "$status" -eq 0 ] || echo "# exit status $status"
      sed 's/^/# stderr: /' "$dir/$n.err"
      diff -u "$dir/$n.want" "$dir/$n.got" | sed 's/^/# /'
    fi
  done <"$dir/list"
  if [ "$count" -eq 0 ]; then
    t_not_ok "$name: has EXAMPLES to run"
  else
    echo "# $name: $count examples"
  fi
done

t_done
