# lessons/03-batch-momentum/claims.awk -- the lesson's claims, from this
# run's numbers (see lessons/claims.awk).
function near(a, b, tol) { return a - b <= tol && b - a <= tol }
function ceil_div(a, b) { return int((a + b - 1) / b) }
function abs(a) { return a < 0 ? -a : a }
# f'(x) of f(x) = x^4 - 3x^2 + x: 0 at a minimum
function quartic_slope(x) { return 4 * x^3 - 6 * x + 1 }
END {
  # Part 1: time per epoch and per update against the batch size.
  rows = need("p1.rows")
  claim("1: updates per epoch = rows / batch: ROWS, ROWS/10, ROWS/100, ROWS/1000, 1",
    need("p1.b1.updates") ", " need("p1.b10.updates") ", " need("p1.b100.updates") ", " need("p1.b1000.updates") ", " need("p1.bfull.updates") " (" need("p1.data") ", " rows " rows)",
    rows > 0 && v["p1.b1.updates"] == rows && v["p1.b10.updates"] == ceil_div(rows, 10) && v["p1.b100.updates"] == ceil_div(rows, 100) && v["p1.b1000.updates"] == ceil_div(rows, 1000) && v["p1.bfull.updates"] == 1)
  e1 = need("p1.b1.epoch_seconds"); e100 = need("p1.b100.epoch_seconds")
  u1 = need("p1.b1.update_seconds"); u100 = need("p1.b100.update_seconds")
  claim("1: an epoch at batch 1 takes at least 2x as long as at batch 100 (equivalently, an update of 100 rows costs at most 50x one of 1 row)",
    sprintf("epoch %s s vs %s s: %.1fx; update %s s vs %s s: %.1fx", e1, e100, e100 > 0 ? e1 / e100 : 0, u1, u100, u1 > 0 ? u100 / u1 : 0),
    e100 > 0 && u1 > 0 && e1 >= 2 * e100)
  # Part 2: noisy against stable.
  claim("2: full batch: the training loss falls at every step",
    need("p2-full.rises") " rises in " need("p2-full.intervals") " steps",
    v["p2-full.intervals"] >= 10 && v["p2-full.rises"] == 0)
  claim("2: batch 1: the training loss rises in at least a quarter of its logged stretches of 25 updates",
    need("p2-b1.rises") " rises in " need("p2-b1.intervals") sprintf(" (%.0f%%)", v["p2-b1.intervals"] > 0 ? 100 * v["p2-b1.rises"] / v["p2-b1.intervals"] : 0),
    v["p2-b1.intervals"] >= 100 && v["p2-b1.rises"] >= 0.25 * v["p2-b1.intervals"])
  claim("2: after the same 30 epochs, batch 1 is lower: its many updates beat the full batch's few",
    "batch 1 " need("p2-b1.end_loss") " after " need("p2-b1.steps") " updates, full batch " need("p2-full.end_loss") " after " need("p2-full.steps"),
    v["p2-b1.end_loss"] > 0 && v["p2-b1.end_loss"] < v["p2-full.end_loss"] && v["p2-b1.steps"] > v["p2-full.steps"])
  # Part 3: what batch size changes.
  claim("3: at equal epochs (50) the full batch is behind on training loss: at least 1.5x batch 10's",
    sprintf("full %s, batch 10 %s: %.2fx", need("p3-full.loss_at_50"), need("p3-b10.loss_at_50"), v["p3-b10.loss_at_50"] > 0 ? v["p3-full.loss_at_50"] / v["p3-b10.loss_at_50"] : 0),
    v["p3-b10.loss_at_50"] > 0 && v["p3-full.loss_at_50"] >= 1.5 * v["p3-b10.loss_at_50"])
  claim("3: given 10x the epochs the full batch catches up: its training loss at the end is at most batch 10's after 100 epochs",
    "full after " need("p3-full.epochs") " epochs " need("p3-full.end_loss") ", batch 10 after " need("p3-b10.epochs") " " need("p3-b10.end_loss"),
    v["p3-full.epochs"] >= 10 * v["p3-b10.epochs"] && v["p3-full.end_loss"] <= v["p3-b10.end_loss"])
  lf = need("p3-full.lambda_max"); ls = need("p3-b10.lambda_max"); edge = 2 / need("p3.lr")
  claim("3: the full-batch solution is sharper: its largest Hessian eigenvalue is at least 3x batch 10's",
    sprintf("%s vs %s: %.1fx", lf, ls, ls > 0 ? lf / ls : 0),
    ls > 0 && lf >= 3 * ls)
  claim("3: the full batch's largest eigenvalue sits near 2/lr: within 0.7 to 1.2 times it",
    sprintf("%s, 2/lr = %s: %.2f", lf, edge, lf / edge),
    lf >= 0.7 * edge && lf <= 1.2 * edge)
  # Part 4: momentum.
  xg = need("p4-quartic-gd.end_x"); xm = need("p4-quartic-mom.end_x")
  claim("4: on x^4 - 3x^2 + x from x = 2, gradient descent stops at the local minimum x = 1.13 (x > 0, |f'(x)| < 1e-6)",
    "x = " xg ", f = " need("p4-quartic-gd.end_f") ", f'(x) = " sprintf("%.2g", quartic_slope(xg)) " after " need("p4-quartic-gd.steps") " steps",
    xg > 0 && abs(quartic_slope(xg)) < 1e-6 && near(xg, 1.1309, 1e-3))
  claim("4: momentum 0.9 rolls on to the global minimum x = -1.30 (x < 0, |f'(x)| < 1e-6)",
    "x = " xm ", f = " need("p4-quartic-mom.end_f") ", f'(x) = " sprintf("%.2g", quartic_slope(xm)) " after " need("p4-quartic-mom.steps") " steps",
    xm < 0 && abs(quartic_slope(xm)) < 1e-6 && near(xm, -1.3008, 1e-3) && v["p4-quartic-mom.end_f"] < v["p4-quartic-gd.end_f"])
  claim("4: from (1, 1e-6) on x^2 - y^2, momentum leaves the plateau (|y| > 1) in at most a third of the steps",
    "momentum " need("p4-saddle-mom.steps_to_y_1") " steps, gradient descent " need("p4-saddle-gd.steps_to_y_1"),
    v["p4-saddle-mom.steps_to_y_1"] != "never" && v["p4-saddle-gd.steps_to_y_1"] != "never" && 3 * v["p4-saddle-mom.steps_to_y_1"] <= v["p4-saddle-gd.steps_to_y_1"])
}
