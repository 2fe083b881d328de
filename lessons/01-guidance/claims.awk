# lessons/01-guidance/claims.awk -- the lesson's claims, from this run's
# numbers (see lessons/claims.awk).
END {
  # Part 1: model bias.
  claim("1: no amount of training removes the linear model's loss: Adam's 1000 steps end at the least-squares minimum (within 1%)",
    "Adam " need("p1-linear.loss") ", least squares " need("p1-lstsq.loss"),
    num("p1-linear.loss") >= num("p1-lstsq.loss") * (1 - 1e-9) && num("p1-linear.loss") <= num("p1-lstsq.loss") * 1.01)
  claim("1: the linear model's training loss is at least 5 times the MLP's",
    "linear " need("p1-lstsq.loss") ", MLP " need("p1-mlp.loss") ": " ratio(num("p1-lstsq.loss"), num("p1-mlp.loss")) "x",
    num("p1-lstsq.loss") >= 5 * num("p1-mlp.loss") && num("p1-mlp.loss") > 0)
  # Part 2: the optimization issue.
  claim("2: 8 sigmoid layers end with a higher training loss than 1 layer on at least 4 of 5 seeds",
    need("p2.deep_worse") " of " need("p2.seeds") " seeds (1 layer at most " need("p2.shallow_max") ", 8 layers at least " need("p2.deep_min") ")",
    num("p2.seeds") >= 5 && 5 * num("p2.deep_worse") >= 4 * num("p2.seeds"))
  claim("2: the 8-layer nets do no better than a constant (loss at least 0.9 var(y))",
    "8 layers at least " need("p2.deep_min") ", var(y) " need("p2.var_y"),
    num("p2.deep_min") >= 0.9 * num("p2.var_y") && num("p2.var_y") > 0)
  # Part 3: overfitting.
  claim("3: the training loss falls with the degree, to 0 (below 1e-12 of degree 1's) from degree n - 1 on (n points, n parameters)",
    "degree 1: " need("p3.train_loss_1") ", degree " need("p3.max_degree") ": " need("p3.train_loss_max") ", degrees where it rises: " need("p3.train_rises") "; 0 from degree " need("p3.zero_degree") ", n = " need("p3.points"),
    num("p3.train_rises") == 0 && num("p3.train_loss_max") <= 1e-12 * num("p3.train_loss_1") && num("p3.zero_degree") == num("p3.points") - 1)
  claim("3: the validation loss is U-shaped: its minimum is at an interior degree, both ends at least twice it",
    "minimum " need("p3.valid_loss_best") " at degree " need("p3.best_degree") "; degree 1: " need("p3.valid_loss_1") ", degree " need("p3.max_degree") ": " need("p3.valid_loss_max"),
    num("p3.best_degree") > 1 && num("p3.best_degree") < num("p3.max_degree") && num("p3.valid_loss_1") >= 2 * num("p3.valid_loss_best") && num("p3.valid_loss_max") >= 2 * num("p3.valid_loss_best"))
  claim("3: more data lowers the highest degree's validation loss: 24, 48 and 96 points each below 12 points'",
    "12: " need("p3.valid_loss_max") ", 24: " need("p3-more.n24") ", 48: " need("p3-more.n48") ", 96: " need("p3-more.n96"),
    num("p3-more.n24") < num("p3.valid_loss_max") && num("p3-more.n48") < num("p3.valid_loss_max") && num("p3-more.n96") < num("p3.valid_loss_max"))
  n = split("1e-6 1e-5 1e-4 1e-3 1e-2 1e-1 1", wd, " "); ok = 1; m = ""
  for (i = 1; i <= n; i++) { q = "p3-ridge.wd" wd[i]; m = m (i > 1 ? ", " : "") wd[i] ": " need(q); if (!(num(q) < num("p3.valid_loss_max"))) ok = 0 }
  claim("3: weight decay (ridge) lowers it, for every weight decay from 1e-6 to 1",
    "none: " need("p3.valid_loss_max") "; " m, ok)
  lo = ""; for (i = 1; i <= n; i++) { q = "p3-ridge.wd" wd[i]; if (lo == "" || num(q) < num(lo)) lo = q }
  claim("3: too much weight decay brings model bias back: at weight decay 1 the validation loss is at least 1.5 times its lowest over the weight decays tried",
    "weight decay 1: " need("p3-ridge.wd1") "; lowest: " need(lo) " at " substr(lo, 12),
    num("p3-ridge.wd1") >= 1.5 * num(lo))
  claim("3: fewer parameters (degree 3) lower it",
    "degree 3: " need("p3.valid_loss_3") ", degree " need("p3.max_degree") ": " need("p3.valid_loss_max"),
    num("p3.valid_loss_3") < num("p3.valid_loss_max"))
  claim("3: on an MLP, early stopping lowers the test loss",
    "stopped at epoch " need("p3-mlp.early_stopped_at") " (best " need("p3-mlp.early_best_epoch") "): " need("p3-mlp.early") ", trained to the end: " need("p3-mlp.plain"),
    num("p3-mlp.early") < num("p3-mlp.plain"))
  claim("3: on an MLP, dropout 0.1 lowers the test loss",
    "dropout: " need("p3-mlp.dropout") ", none: " need("p3-mlp.plain"),
    num("p3-mlp.dropout") < num("p3-mlp.plain"))
  # Part 4: mismatch.
  claim("4: mismatch: the test loss on the shifted range is at least 5 times the validation loss",
    "test " need("p4.n100.test_loss") ", valid " need("p4.n100.valid_loss") ": " need("p4.n100.ratio") "x",
    num("p4.n100.ratio") >= 5 && near(num("p4.n100.ratio") * num("p4.n100.valid_loss"), num("p4.n100.test_loss")))
  claim("4: twice the data of the old range does not close the gap: still at least 5 times",
    "test " need("p4.n200.test_loss") ", valid " need("p4.n200.valid_loss") ": " need("p4.n200.ratio") "x",
    num("p4.n200.ratio") >= 5 && near(num("p4.n200.ratio") * num("p4.n200.valid_loss"), num("p4.n200.test_loss")))
  # Part 5: cross-validation.
  claim("5: 5-fold cross-validation picks a degree whose loss on fresh data is within 25% of the best degree's",
    "CV picks degree " need("p5.cv_degree") ": " need("p5.cv_fresh_loss") "; best degree " need("p5.best_degree") ": " need("p5.best_fresh_loss"),
    num("p5.cv_fresh_loss") <= 1.25 * num("p5.best_fresh_loss"))
  # One public set can be easier than fresh data for every degree: the
  # degree fixed in advance (by CV), scored on the same sets, measures that
  # luck, and the choice must flatter by 5% more than it.
  claim("5: choosing by a public test set of 20 points flatters the choice: over 20 such sets, the chosen degree's public/fresh loss ratio is below 1 and at most 0.95 times the ratio of the CV degree, fixed in advance, on the same sets",
    "chosen by the set: public " need("p5.chosen_public_mean") ", fresh " need("p5.chosen_fresh_mean") " (" need("p5.chosen_ratio") "); CV degree " need("p5.cv_degree") ": public " need("p5.fixed_public_mean") ", fresh " need("p5.fixed_fresh") " (" need("p5.fixed_ratio") "); sets: " need("p5.sets") ", on " need("p5.sets_other_degree") " of them a degree other than CV's chosen; the first public set: degree " need("p5.public_degree") ", public " need("p5.public_public_loss") ", fresh " need("p5.public_fresh_loss"),
    num("p5.sets") == 20 && num("p5.chosen_ratio") < 1 && num("p5.chosen_ratio") <= 0.95 * num("p5.fixed_ratio") && num("p5.sets_other_degree") > 0 \
      && near(num("p5.chosen_ratio") * num("p5.chosen_fresh_mean"), num("p5.chosen_public_mean")) \
      && near(num("p5.fixed_ratio") * num("p5.fixed_fresh"), num("p5.fixed_public_mean")))
}
# A number of this run, as a number; need() marks a missing one, which
# fails the claim whatever the comparison says.
function num(q) { return need(q) + 0 }
function near(a, b) { return a - b <= 1e-9 * b && b - a <= 1e-9 * b }
function ratio(a, b) { return b > 0 ? sprintf("%.17g", a / b) + 0 : "inf" }
