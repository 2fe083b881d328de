#!/bin/sh
# tests/man/lint.sh -- every man page formats without a single warning
# (DESIGN.md, "Tests"): groff -man -ww -z, for its default device and for
# -Tutf8, and mandoc -Tlint when mandoc is installed.  A page must also be
# plain ASCII (groff reads other bytes as Latin-1; write \(*S, \(mi, ...)
# and carry the package's version in its .TH line.  Skipped when neither
# formatter is installed (groff is in Debian's groff-base).
#
# NN_MAN_PAGES, if set, lists the pages to check instead of $srcdir/man/*.
. "$srcdir/tests/lib.sh"

pages=${NN_MAN_PAGES-}
if [ -z "$pages" ]; then
  for p in "$srcdir"/man/*.[1-9]; do
    [ -f "$p" ] && pages="$pages $p"
  done
fi

groff=$(command -v groff) || groff=
mandoc=$(command -v mandoc) || mandoc=
if [ -z "$groff" ] && [ -z "$mandoc" ]; then
  echo "1..0 # SKIP neither groff nor mandoc is installed"
  exit 0
fi

version=
if [ -f "${top_builddir:-.}/config.h" ]; then
  version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
    "$top_builddir/config.h")
fi

for page in $pages; do
  name=$(basename "$page")

  if LC_ALL=C grep -n "$(printf '[^\t -~]')" "$page" >t.err; then
    t_not_ok "$name: plain ASCII"
    sed 's/^/# /' t.err
  else
    t_ok "$name: plain ASCII"
  fi

  if [ -n "$version" ]; then
    if grep -q "^\.TH .* \"nnkit $version\"" "$page"; then
      t_ok "$name: .TH names nnkit $version"
    else
      t_not_ok "$name: .TH names nnkit $version (update the .TH line)"
      grep '^\.TH' "$page" | sed 's/^/# /'
    fi
  fi

  if [ -n "$groff" ]; then
    for dev in '' -Tutf8; do
      "$groff" -man -ww -z $dev "$page" >t.out 2>t.err
      status=$?
      if [ "$status" -eq 0 ] && [ ! -s t.err ] && [ ! -s t.out ]; then
        t_ok "$name: groff -man -ww -z${dev:+ $dev}"
      else
        t_not_ok "$name: groff -man -ww -z${dev:+ $dev}"
        cat t.out t.err | sed 's/^/# /'
      fi
    done
  else
    t_ok "$name: groff # SKIP groff is not installed"
  fi

  if [ -n "$mandoc" ]; then
    "$mandoc" -Tlint "$page" >t.out 2>t.err
    status=$?
    if [ "$status" -eq 0 ] && [ ! -s t.err ] && [ ! -s t.out ]; then
      t_ok "$name: mandoc -Tlint"
    else
      t_not_ok "$name: mandoc -Tlint"
      cat t.out t.err | sed 's/^/# /'
    fi
  else
    t_ok "$name: mandoc -Tlint # SKIP mandoc is not installed"
  fi
done

t_done
