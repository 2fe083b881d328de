# lessons/claims.awk -- the frame of a lesson's claims.awk (lesson.mk runs
# both, this one first, with -F'\t' over numbers.tsv).  v[QUANTITY] holds
# each number of the run; the lesson's END block calls
#
#   claim("the loss falls", "before " v["a"] ", after " v["b"], v["b"] < v["a"])
#
# once per claim, or skip(TEXT, WHY) for one this run cannot test; the
# output is claims.tsv: claim, measured, held (yes, no or skipped).
# A quantity the run did not produce is an error: the claim does not hold.
NR == 1 { print "claim\tmeasured\theld"; next }
{ v[$1] = $2; have[$1] = 1 }
function need(q) {
  if (!(q in have)) { printf "claims: no quantity '%s' in numbers.tsv\n", q > "/dev/stderr"; missing = 1 }
  return v[q]
}
function claim(text, measured, held) {
  printf "%s\t%s\t%s\n", text, measured, (held && !missing) ? "yes" : "no"
  missing = 0
}
# A claim this run could not test (say, an optional data set is missing):
# held is "skipped", which is neither a pass nor a failure.
function skip(text, why) {
  printf "%s\t%s\t%s\n", text, why, "skipped"
  missing = 0
}
