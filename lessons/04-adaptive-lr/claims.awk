# lessons/04-adaptive-lr/claims.awk -- the lesson's claims, from this
# run's numbers (see lessons/claims.awk).
function near(a, b, tol) { return a - b <= tol && b - a <= tol }
function g(x) { return sprintf("%.3g", x) }
# num(Q): quantity Q as a number (need() reports it when missing).
function num(q) { return need(q) + 0 }
# isnum(Q): Q is present and a number (not "none").
function isnum(q,  x) { x = need(q); return x != "" && x + 0 == x }
# crawl(P): the run P got w near, and moved b towards b* by less than 15%.
function crawl(p) {
  return num(p ".end_dw") < 0.3 && num(p ".end_db") < num(p ".start_db") && num(p ".moved_b") > 0 && num(p ".moved_b") < 0.15 * num(p ".start_db")
}
# The rates of gradient descent in part 3, from the quantities' names.
function NET_LRS(  q, s) {
  for (q in v) if (q ~ /^p3-net\.sgd-.*\.mean$/) s = s (s == "" ? "" : ", ") substr(q, 12, length(q) - 16)
  return s
}
END {
  # Part 1: stuck is not a small gradient.
  claim("1: gradient descent on walls:10 (lr 0.03): over the last 30% of the run the loss changes by < 1% while the gradient norm stays above half its start",
    "loss " g(need("p1-walls.loss_start")) " -> " g(need("p1-walls.loss_end")) ", late change " g(need("p1-walls.late_loss_change") * 100) "%; gradient norm " g(need("p1-walls.grad_start")) " at the start, >= " g(need("p1-walls.late_grad_min")) " late",
    num("p1-walls.late_loss_change") < 0.01 && num("p1-walls.late_grad_min") > 0.5 * num("p1-walls.grad_start") && num("p1-walls.loss_end") < num("p1-walls.loss_start"))
  claim("1: a 4-32-1 ReLU network at lr 0.4 comes close: it reaches a low loss with a small gradient, is thrown out, and ends above 1.2x that minimum with a late gradient norm above 2x the one it had there",
    "lowest loss " g(need("p1-net.min_loss")) " at step " need("p1-net.min_loss_step") " (gradient norm " g(need("p1-net.grad_at_min")) "), final " g(need("p1-net.loss_end")) "; gradient norm over the last 30% >= " g(need("p1-net.late_grad_min")),
    num("p1-net.loss_end") > 1.2 * num("p1-net.min_loss") && num("p1-net.late_grad_min") > 2 * num("p1-net.grad_at_min"))
  # Part 2: the course's error surface.
  claim("2: the course surface: minimum at (b, w) = (-188.43, 2.67), Hessian eigenvalues 0.557 and 1.75e5",
    "(" need("p2-optimum.b") ", " need("p2-optimum.w") "), " g(need("p2-optimum.lambda_min")) " and " g(need("p2-optimum.lambda_max")) ", " need("p2-optimum.verdict"),
    near(num("p2-optimum.b"), -188.43, 0.005) && near(num("p2-optimum.w"), 2.67, 0.005) && near(num("p2-optimum.lambda_min"), 0.557, 0.001) && near(num("p2-optimum.lambda_max"), 1.75e5, 1e3) && need("p2-optimum.verdict") == "local-minimum")
  claim("2: gradient descent at lr 1e-2 (> 2/lambda_max) diverges within 100 steps: nn-train stops with its message",
    need("p2-diverge.status") " after step " need("p2-diverge.last_step") "; 2/lambda_max = " g(2 / num("p2-optimum.lambda_max")),
    need("p2-diverge.status") == "diverged" && num("p2-diverge.last_step") < 100 && 1e-2 > 2 / num("p2-optimum.lambda_max"))
  claim("2: at lr 1e-5, 1e-6, 1e-7 it crawls: w ends within 0.3 of w*; b moves towards b*, the more the larger the rate, but covers less than 15% of the way",
    "|w - w*| " g(need("p2-gd5.end_dw")) ", " g(need("p2-gd6.end_dw")) ", " g(need("p2-gd7.end_dw")) "; |b - b*| " g(need("p2-gd5.start_db")) " at the start, b moved " g(need("p2-gd5.moved_b")) ", " g(need("p2-gd6.moved_b")) ", " g(need("p2-gd7.moved_b")) " towards b* in " need("p2-gd5.steps") " steps",
    crawl("p2-gd5") && crawl("p2-gd6") && crawl("p2-gd7") && num("p2-gd5.moved_b") > num("p2-gd6.moved_b") && num("p2-gd6.moved_b") > num("p2-gd7.moved_b"))
  claim("2: the notes' Adagrad (adagrad-rms, lr 1) reaches the optimum, then bursts out again and again (>= 3 times beyond distance 1)",
    "within 0.1 at step " need("p2-agrms.first_near") ", then " need("p2-agrms.bursts") " bursts, out to " g(need("p2-agrms.after_max")),
    need("p2-agrms.first_near") != "never" && num("p2-agrms.bursts") >= 3 && num("p2-agrms.after_max") > 1)
  claim("2: with the decay 1/sqrt(t) at the same lr 1 there is no burst, but it ends still more than 1 from the optimum",
    need("p2-agdecay1.bursts") " bursts, ends at distance " g(need("p2-agdecay1.end_dist")) " after " need("p2-agdecay1.steps") " steps",
    num("p2-agdecay1.bursts") == 0 && num("p2-agdecay1.end_dist") > 1)
  claim("2: with the decay 10/sqrt(t) it converges smoothly: no burst, ends within 1e-6 of the optimum",
    "within 0.1 at step " need("p2-agdecay.first_near") ", " need("p2-agdecay.bursts") " bursts, farthest after " g(need("p2-agdecay.after_max")) ", ends at " g(need("p2-agdecay.end_dist")),
    need("p2-agdecay.first_near") != "never" && num("p2-agdecay.bursts") == 0 && num("p2-agdecay.end_dist") < 1e-6)
  claim("2: that decayed form is PyTorch's adagrad at lr 10: the same path, bit for bit",
    "traces " need("p2-same.traces") ", largest difference " need("p2-same.max_difference"),
    need("p2-same.traces") == "identical" && num("p2-same.max_difference") == 0)
  # Part 3: RMSProp and Adam.
  r1 = num("p3-rms1.end_dist") / 1; r2 = num("p3-rms01.end_dist") / 0.1; r3 = num("p3-rms001.end_dist") / 0.01
  claim("3: RMSProp (alpha 0.9) at a constant rate stalls at a distance proportional to the rate (distance/lr the same within 5% for lr 1, 0.1, 0.01)",
    "distance " g(need("p3-rms1.end_dist")) ", " g(need("p3-rms01.end_dist")) ", " g(need("p3-rms001.end_dist")) "; /lr: " g(r1) ", " g(r2) ", " g(r3),
    r1 > 0 && near(r2 / r1, 1, 0.05) && near(r3 / r1, 1, 0.05))
  claim("3: Adam (lr 0.01) ends within 1e-4 of the optimum, over 100x closer than RMSProp at the same rate",
    "distance " g(need("p3-adam.end_dist")) " against " g(need("p3-rms001.end_dist")),
    num("p3-adam.end_dist") < 1e-4 && 100 * num("p3-adam.end_dist") < num("p3-rms001.end_dist"))
  b = "sgd-" v["p3-net.best_sgd_lr"]
  claim("3: a 4-32-32-1 ReLU network, 500 full-batch steps: Adam (lr 0.01) ends at least 10x below gradient descent at its best rate on every seed",
    need("p3-net.seeds") " seeds; mean final loss, gradient descent at lr " need("p3-net.best_sgd_lr") " (best of " NET_LRS()  "): " g(need("p3-net." b ".mean")) ", Adam " g(need("p3-net.adam.mean")) "; smallest ratio on a seed " g(need("p3-net.min_ratio")),
    num("p3-net.seeds") >= 3 && num("p3-net.min_ratio") >= 10)
  # Part 4: schedules.
  claim("4: step decay, 1/sqrt(t), cosine and linear warm-up give their formulas' rates",
    "step:2000:0.5 at 2001: " need("p4-sched.step_2001") "; invsqrt at 100: " need("p4-sched.invsqrt_100") "; cosine:10000:0.01 at 5001: " need("p4-sched.cosine_5001") "; warm-up 1000 at 500: " need("p4-sched.warmup_500"),
    num("p4-sched.step_2001.rel_error") < 1e-12 && num("p4-sched.invsqrt_100.rel_error") < 1e-12 && num("p4-sched.cosine_5001.rel_error") < 1e-12 && num("p4-sched.warmup_500.rel_error") < 1e-12)
  claim("4: the Transformer's rate (d 512, warm-up 4000) peaks at step 4000 at 512^-1/2 4000^-1/2 = 6.99e-4",
    "peak " need("p4-sched.noam_peak") " at step " need("p4-sched.noam_peak_step") " (formula " need("p4-sched.noam_peak.formula") "); at 10000: " need("p4-sched.noam_10000"),
    num("p4-sched.noam_peak_step") == 4000 && num("p4-sched.noam_peak.rel_error") < 1e-12 && near(num("p4-sched.noam_peak"), 6.99e-4, 5e-7) && num("p4-sched.noam_10000.rel_error") < 1e-12)
  claim("4: an 8 x 32 ReLU network at lr 0.3 without warm-up diverges on most seeds, within 10 steps",
    need("p4-none.diverged") " of " need("p4-none.runs") " diverged, the last logged step before a divergence at most " need("p4-none.last_diverged_step"),
    num("p4-none.runs") >= 1 && num("p4-none.diverged") > num("p4-none.runs") / 2 && num("p4-none.last_diverged_step") <= 10)
  claim("4: the cosine decay alone (from 0.3 at step 1, no warm-up) does not rescue it: it diverges on most seeds too",
    need("p4-decayonly.diverged") " of " need("p4-decayonly.runs") " diverged",
    num("p4-decayonly.runs") >= 1 && num("p4-decayonly.diverged") > num("p4-decayonly.runs") / 2)
  claim("4: with 100 warm-up steps alone (then the constant 0.3) it converges on every seed (loss < 0.1)",
    need("p4-warmonly.converged") " of " need("p4-warmonly.runs") " converged, mean final loss " g(need("p4-warmonly.mean_loss")),
    num("p4-warmonly.runs") >= 1 && num("p4-warmonly.converged") == num("p4-warmonly.runs"))
  claim("4: with 100 warm-up steps then cosine decay it converges on every seed (loss < 0.1)",
    need("p4-warmup.converged") " of " need("p4-warmup.runs") " converged, mean final loss " g(need("p4-warmup.mean_loss")),
    num("p4-warmup.runs") >= 1 && num("p4-warmup.converged") == num("p4-warmup.runs"))
  claim("4: warm-up then cosine decay ends lower (mean final loss over the seeds) than the best constant rate and than the warm-up alone",
    g(need("p4-warmup.mean_loss")) " against " g(need("p4-const.best_mean_loss")) " at the constant rate " need("p4-const.best_lr") " and " g(need("p4-warmonly.mean_loss")) " with the warm-up alone",
    isnum("p4-warmup.mean_loss") && isnum("p4-const.best_mean_loss") && isnum("p4-warmonly.mean_loss") && num("p4-warmup.mean_loss") < num("p4-const.best_mean_loss") && num("p4-warmup.mean_loss") < num("p4-warmonly.mean_loss"))
}
