# lessons/02-critical-points/claims.awk -- the lesson's claims, from this
# run's numbers (see lessons/claims.awk).
function near(a, b, tol) { return a - b <= tol && b - a <= tol }
END {
  # Part 1: the notes' worked example, exactly.
  claim("1: at (0,0) the gradient is 0 and H = [[0,-2],[-2,0]]",
    "|g| " need("p1-summary.grad_norm") ", H " need("p1-matrix.H11") " " need("p1-matrix.H12") " " need("p1-matrix.H21") " " need("p1-matrix.H22"),
    v["p1-summary.grad_norm"] == 0 && v["p1-matrix.H11"] == 0 && v["p1-matrix.H12"] == -2 && v["p1-matrix.H21"] == -2 && v["p1-matrix.H22"] == 0)
  claim("1: eigenvalues -2 and +2: a saddle point",
    need("p1-summary.lambda_min") ", " need("p1-summary.lambda_max") ", " need("p1-summary.verdict"),
    v["p1-summary.lambda_min"] == -2 && v["p1-summary.lambda_max"] == 2 && v["p1-summary.verdict"] == "saddle-point")
  claim("1: the escape direction is (1,1)/sqrt(2)",
    need("p1-summary.escape[W1[1,1]]") ", " need("p1-summary.escape[W2[1,1]]"),
    near(v["p1-summary.escape[W1[1,1]]"], sqrt(0.5), 1e-15) && near(v["p1-summary.escape[W2[1,1]]"], sqrt(0.5), 1e-15))
  claim("1: a step of 1 along it lowers the loss from 1 to 0.25",
    need("p1-escape.loss_before") " -> " need("p1-escape.loss_after"),
    v["p1-escape.loss_before"] == 1 && near(v["p1-escape.loss_after"], 0.25, 1e-15))
  # Part 2: gradient descent at and near the saddle.
  claim("2: from (0,0) gradient descent never moves",
    "farthest from (0,0): " need("gd-zero.farthest") ", end loss " need("gd-zero.end_loss"),
    v["gd-zero.farthest"] == 0 && v["gd-zero.end_loss"] == 1)
  claim("2: from (1e-3,1e-3) a plateau, then the fall to (1,1)",
    "loss < 0.99 at step " need("gd-plus.first_below_0.99") ", < 1e-6 at step " need("gd-plus.first_below_1e-6") ", ends at (" need("gd-plus.end_w1") ", " need("gd-plus.end_w2") ")",
    v["gd-plus.first_below_0.99"] >= 30 && v["gd-plus.first_below_1e-6"] != "never" && near(v["gd-plus.end_w1"], 1, 1e-6) && near(v["gd-plus.end_w2"], 1, 1e-6))
  claim("2: from (1e-3,-1e-3) it slides into the saddle and stays",
    "end (" need("gd-minus.end_w1") ", " need("gd-minus.end_w2") "), loss " need("gd-minus.end_loss"),
    v["gd-minus.first_below_0.99"] == "never" && near(v["gd-minus.end_w1"], 0, 1e-9) && near(v["gd-minus.end_w2"], 0, 1e-9))
  # Part 3: the kinds of critical points.
  claim("3: the bowl is a local minimum, x^2 - y^2 a saddle, the monkey saddle degenerate",
    need("p3-bowl.verdict") ", " need("p3-saddle.verdict") ", " need("p3-monkey.verdict") " (monkey: lambda " need("p3-monkey.lambda_min") " to " need("p3-monkey.lambda_max") ")",
    v["p3-bowl.verdict"] == "local-minimum" && v["p3-saddle.verdict"] == "saddle-point" && v["p3-monkey.verdict"] == "degenerate" && v["p3-monkey.lambda_min"] == 0 && v["p3-monkey.lambda_max"] == 0)
  # Part 4: a real saddle in a real network.
  claim("4: the symmetric network converges to a gradient below 1e-8",
    "|g| " need("p4-saddle.grad_norm"), v["p4-saddle.grad_norm"] < 1e-8)
  claim("4: there its Hessian has exactly hidden units - 1 = 3 negative eigenvalues: a saddle point",
    need("p4-saddle.negative") " negative of " need("p4-saddle.params") ", lambda_min " need("p4-saddle.lambda_min") ", " need("p4-saddle.verdict"),
    v["p4-saddle.negative"] == 3 && v["p4-saddle.verdict"] == "saddle-point")
  claim("4: a 1e-3 escape step and more training lower the loss several-fold (>= 3x), to a local minimum",
    need("p4-saddle.loss") " -> " need("p4-after.loss") " (" sprintf("%.1fx", v["p4-saddle.loss"] / v["p4-after.loss"]) "), " need("p4-after.verdict") ", |g| " need("p4-after.grad_norm"),
    v["p4-after.loss"] > 0 && v["p4-saddle.loss"] >= 3 * v["p4-after.loss"] && v["p4-after.verdict"] == "local-minimum")
  claim("4: the normally initialised network (L2 1e-4) converges to a strict local minimum",
    need("p4-normal.verdict") ", " need("p4-normal.positive") " positive of " need("p4-normal.params") ", |g| " need("p4-normal.grad_norm"),
    v["p4-normal.verdict"] == "local-minimum" && v["p4-normal.positive"] == v["p4-normal.params"])
  # Part 5: where training stops.
  claim("5: no point where Adam stopped is critical (every |g| > 1e-6), whatever its minimum ratio",
    need("p5-adam.not_critical") " of " need("p5-adam.runs") " not critical, |g| " need("p5-adam.grad_min") " to " need("p5-adam.grad_max") ", ratio " need("p5-adam.ratio_min") " to " need("p5-adam.ratio_max"),
    v["p5-adam.runs"] >= 5 && v["p5-adam.not_critical"] == v["p5-adam.runs"] && v["p5-adam.grad_min"] > 1e-6)
  claim("5: continued with BFGS to a critical point, every run reaches a strict local minimum (ratio 1)",
    need("p5-bfgs.local_minima") " of " need("p5-bfgs.runs") " local minima, |g| <= " need("p5-bfgs.grad_max") ", ratio " need("p5-bfgs.ratio_min") " to " need("p5-bfgs.ratio_max"),
    v["p5-bfgs.runs"] >= 5 && v["p5-bfgs.local_minima"] == v["p5-bfgs.runs"] && v["p5-bfgs.ratio_min"] == 1)
  # Part 6: beyond two parameters.
  claim("6: most eigenvalues of a trained 2-16-16-1 network are near zero (>= 90% within 1% of the largest), a few large (<= 5% above 10% of it)",
    need("p6.near_zero") " of " need("p6.params") " near zero, " need("p6.large") " large, the largest " need("p6.lambda_max"),
    v["p6.params"] > 0 && v["p6.near_zero"] >= 0.9 * v["p6.params"] && v["p6.large"] >= 1 && v["p6.large"] <= 0.05 * v["p6.params"])
  claim("6: --top 5 (Lanczos) finds the full spectrum's 5 largest eigenvalues (relative difference < 1e-8)",
    need("p6.top_k") " eigenvalues, worst relative difference " need("p6.top_worst_relative"),
    v["p6.top_k"] == 5 && v["p6.top_worst_relative"] < 1e-8)
  claim("6: a 2-64-64-1 network is too large for the full Hessian, --top is not",
    "full Hessian " need("p6-large.full") " for " need("p6-large.params") " parameters; largest eigenvalue " need("p6-large.lambda_max"),
    v["p6-large.full"] == "refused" && v["p6-large.params"] > 4000 && v["p6-large.lambda_max"] > 0)
}
