#!/bin/sh
# The bad-input corpus: tests/data/bad/NAME.cmd is a command run in a copy
# of the corpus; it must exit 1, print exactly NAME.err on stderr and
# nothing on stdout.
. "$srcdir/tests/lib.sh"
cp "$srcdir"/tests/data/bad/* .
for cmd in *.cmd; do
  name=${cmd%.cmd}
  t_error "$name" 1 "$(cat "$name.err")" sh -c "$(cat "$cmd")"
done
t_done
