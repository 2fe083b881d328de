#!/bin/sh
# bench/nn-split.sh -- time and peak memory of nn-split beside shuf(1).
#
# Usage: bench/nn-split.sh [--rows N] [--runs N] [--seed N] [--tools DIR]
#
# Writes a seeded TSV table of N rows (default 1,000,000; 6 columns, about
# 47 MB) into $TMPDIR (default /tmp), then runs, on the same file:
#
#   shuf              shuf FILE -o OUT: the whole file in memory, shuffled
#   holdout           nn-split -o P FILE: an 0.8/0.2 hold-out split, two
#                     files written (and synced) atomically
#   holdout-stdout    nn-split --part train FILE >/dev/null: one part
#   stratified        nn-split --stratify label -o P FILE
#   stream            nn-split --stream -o P FILE: one pass, hashing
#   stream-4x         nn-split --stream on a file 4 times as long: its peak
#                     memory must be the same
#
# Each is run RUNS times (default 3) and the fastest run counts: the machine
# may be shared.  Peak memory is the maximum resident set size that GNU
# time(1) reports.  Output: a TSV table (command, rows, MB, elapsed
# seconds, CPU seconds (user + system, less disturbed by other work on the
# machine), peak KiB, elapsed and CPU time relative to shuf).  Files are
# removed at the end.
set -u
rows=1000000 runs=3 seed=1 tools=
while [ $# -gt 0 ]; do
  case $1 in
    --rows) rows=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    *) echo "usage: $0 [--rows N] [--runs N] [--seed N] [--tools DIR]" >&2
       exit 2 ;;
  esac
done
[ -n "$tools" ] || tools=$(dirname "$0")/../tools
split=$tools/nn-split
[ -x "$split" ] || { echo "$0: no $split (build it first)" >&2; exit 2; }
time=/usr/bin/time
"$time" -f %M true >/dev/null 2>&1 ||
  { echo "$0: needs GNU time(1) as /usr/bin/time" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/nn-split-bench.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM

# make_table FILE ROWS: id, four numbers, a label of five classes.
make_table() {
  awk -v n="$2" -v seed="$seed" 'BEGIN {
    srand(seed)
    print "id\tx1\tx2\tx3\tx4\tlabel"
    for (i = 0; i < n; i++)
      printf "%d\t%.6f\t%.6f\t%.6f\t%.6f\tc%d\n", i, rand(), 10 * rand(),
             rand() - 0.5, 100 * rand(), int(5 * rand())
  }' >"$1"
}
make_table "$dir/t.tsv" "$rows"
make_table "$dir/t4.tsv" $((4 * rows))
mb=$(wc -c <"$dir/t.tsv" | awk '{ printf "%.1f", $1 / 1e6 }')
mb4=$(wc -c <"$dir/t4.tsv" | awk '{ printf "%.1f", $1 / 1e6 }')

# best NAME ROWS MB CMD...: the fastest of RUNS runs (elapsed), its CPU
# time and its peak memory.
shuf_s= shuf_cpu=
best() {
  name=$1 n=$2 size=$3
  shift 3
  b_s= b_kb= b_cpu=
  r=0
  while [ $r -lt "$runs" ]; do
    rm -f "$dir"/out*
    sync
    if ! "$time" -o "$dir/time" -f '%e %M %U %S' sh -c '"$@"' sh "$@"; then
      echo "$0: $name failed" >&2
      exit 1
    fi
    read -r s kb u sy <"$dir/time"
    if [ -z "$b_s" ] || awk -v a="$s" -v b="$b_s" 'BEGIN { exit !(a < b) }'
    then
      b_s=$s b_kb=$kb
    fi
    cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.2f", u + s }')
    if [ -z "$b_cpu" ] || awk -v a="$cpu" -v b="$b_cpu" 'BEGIN { exit !(a < b) }'
    then
      b_cpu=$cpu
    fi
    r=$((r + 1))
  done
  [ "$name" = shuf ] && shuf_s=$b_s shuf_cpu=$b_cpu
  rel=$(awk -v a="$b_s" -v b="$shuf_s" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  relc=$(awk -v a="$b_cpu" -v b="$shuf_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$size" "$b_s" \
    "$b_cpu" "$b_kb" "$rel" "$relc"
}

printf 'command\trows\tMB\tseconds\tcpu_s\tpeak_KiB\tvs_shuf\tcpu_vs_shuf\n'
best shuf "$rows" "$mb" shuf "$dir/t.tsv" -o "$dir/out.tsv"
best holdout "$rows" "$mb" "$split" -o "$dir/out" "$dir/t.tsv"
best holdout-stdout "$rows" "$mb" \
  sh -c '"$1" --part train "$2" >/dev/null' sh "$split" "$dir/t.tsv"
best stratified "$rows" "$mb" \
  "$split" --stratify label -o "$dir/out" "$dir/t.tsv"
best stream "$rows" "$mb" "$split" --stream -o "$dir/out" "$dir/t.tsv"
best stream-4x $((4 * rows)) "$mb4" \
  "$split" --stream -o "$dir/out" "$dir/t4.tsv"
