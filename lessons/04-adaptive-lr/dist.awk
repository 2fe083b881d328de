# lessons/04-adaptive-lr/dist.awk -- how a path on the course's error
# surface (an nn-train --trace of the linear model y = b + w x) approaches
# the least-squares optimum.  Run as
#
#   awk -F'\t' -v p=PREFIX -f dist.awk OPTIMUM.model TRACE.tsv
#
# with OPTIMUM.model the exact fit (nn-train --solver lstsq).  Prints
# 'PREFIX.quantity <tab> value' rows:
#
#   steps        the last step of the trace
#   end_b, end_w, end_loss    where the path ends
#   end_dist     its distance from the optimum (b*, w*)
#   end_db, end_dw            |b - b*| and |w - w*| at the end
#   start_db     |b - b*| at the first step of the trace (the start)
#   moved_b      start_db - end_db: how far b moved towards b*
#   first_near   the first step within NEAR (default 0.1) of the optimum,
#                or never
#   bursts       after first_near, how many times the path leaves again to
#                a distance above FAR (default 1); a burst ends when the
#                path is back within NEAR
#   after_max    the largest distance after first_near (0 when never near)
FNR == NR { if ($1 == "W1[1,1]") ws = $2; if ($1 == "b1[1]") bs = $2; next }
$1 !~ /^[0-9]/ { next }
{
  d = sqrt(($3 - ws) ^ 2 + ($4 - bs) ^ 2)
  if (sb == "") { sb = $4 - bs; if (sb < 0) sb = -sb }
  last = $1; eb = $4; ew = $3; el = $2; ed = d
  if (near == "") { if (d < NEAR) near = $1; next }
  if (!out && d > FAR) { out = 1; bursts++ } else if (out && d < NEAR) out = 0
  if (d > amax) amax = d
}
BEGIN { if (NEAR == "") NEAR = 0.1; if (FAR == "") FAR = 1; OFMT = CONVFMT = "%.10g" }
END {
  db = eb - bs; if (db < 0) db = -db
  dw = ew - ws; if (dw < 0) dw = -dw
  print p ".steps\t" last
  print p ".end_b\t" eb
  print p ".end_w\t" ew
  print p ".end_loss\t" el
  print p ".end_dist\t" ed
  print p ".end_db\t" db
  print p ".end_dw\t" dw
  print p ".start_db\t" sb
  print p ".moved_b\t" sb - db
  print p ".first_near\t" (near == "" ? "never" : near)
  print p ".bursts\t" bursts + 0
  print p ".after_max\t" amax + 0
}
