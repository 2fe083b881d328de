# tests/lib.sh -- helpers for the shell tests, which speak TAP.
#
#   . "$srcdir/tests/lib.sh"        # enters a fresh scratch directory
#   t_run 'name' STATUS CMD ARG...  # run CMD; ok if it exits with STATUS
#   t_stdout 'expected output'      # ok if its stdout is exactly that
#   t_stderr 'expected message'     # ok if its stderr is exactly that
#   t_error 'name' STATUS 'message' CMD ARG...
#                                   # a failing run: status, exact stderr,
#                                   # and nothing at all on stdout
#   t_done                          # prints the plan; exit status
#
# Standard input of CMD is $T_STDIN if set, else /dev/null.  Expected texts
# are compared with a trailing newline added.
set -u
LC_ALL=C
export LC_ALL
: "${srcdir:=.}"
srcdir=$(cd "$srcdir" && pwd)
t_n=0
t_failed=0
t_name=
t_dir=$(mktemp -d "${TMPDIR:-/tmp}/nnkit-test.XXXXXX") || exit 99
trap 'rm -rf "$t_dir"' EXIT
cd "$t_dir" || exit 99

t_ok() {
  t_n=$((t_n + 1))
  printf 'ok %d - %s\n' "$t_n" "$1"
}

t_not_ok() {
  t_n=$((t_n + 1))
  t_failed=1
  printf 'not ok %d - %s\n' "$t_n" "$1"
}

# t_check NAME: ok when the previous command (a comparison) succeeded.
t_check() {
  if [ $? -eq 0 ]; then t_ok "$1"; else t_not_ok "$1"; fi
}

t_run() {
  t_name=$1 t_want=$2
  shift 2
  "$@" <"${T_STDIN:-/dev/null}" >t.out 2>t.err
  t_status=$?
  if [ "$t_status" -eq "$t_want" ]; then
    t_ok "$t_name: exit $t_want"
  else
    t_not_ok "$t_name: exit $t_status, expected $t_want"
    sed 's/^/# stderr: /' t.err
  fi
}

# t_same NAME EXPECTED FILE
t_same() {
  printf '%s\n' "$2" >t.want
  if cmp -s t.want "$3"; then
    t_ok "$1"
  else
    t_not_ok "$1"
    diff -u t.want "$3" | sed 's/^/# /'
  fi
}

t_stdout() { t_same "$t_name: stdout" "$1" t.out; }
t_stderr() { t_same "$t_name: stderr" "$1" t.err; }

t_error() {
  t_e_name=$1 t_e_status=$2 t_e_msg=$3
  shift 3
  t_run "$t_e_name" "$t_e_status" "$@"
  t_stderr "$t_e_msg"
  if [ -s t.out ]; then
    t_not_ok "$t_e_name: stdout is empty"
    sed 's/^/# stdout: /' t.out | head -5
  else
    t_ok "$t_e_name: stdout is empty"
  fi
}

t_done() {
  echo "1..$t_n"
  exit $t_failed
}
