# lessons/05-classification/claims.awk -- the lesson's claims, from this
# run's numbers (see lessons/claims.awk).
function near(a, b, tol) { return a - b <= tol && b - a <= tol }
function abs(a) { return a < 0 ? -a : a }
END {
  # Part 1: softmax by hand.  The notes' example, against exp() in awk.
  e1 = exp(3); e2 = exp(1); e3 = exp(-3); s = e1 + e2 + e3
  claim("1: softmax([3, 1, -3]) = [0.88, 0.12, 0.00] (to 2 decimals; as exp(y_i) / sum exp(y_j) in awk to 1e-15)",
    need("p1-notes.p1") ", " need("p1-notes.p2") ", " need("p1-notes.p3"),
    sprintf("%.2f %.2f %.2f", v["p1-notes.p1"], v["p1-notes.p2"], v["p1-notes.p3"]) == "0.88 0.12 0.00" &&
    near(v["p1-notes.p1"], e1 / s, 1e-15) && near(v["p1-notes.p2"], e2 / s, 1e-15) && near(v["p1-notes.p3"], e3 / s, 1e-15))
  claim("1: temperature 10 flattens it (largest p < 0.5), 0.5 sharpens it (largest p > 0.98), the order stays",
    "T = 10: " need("p1-hot.p1") ", " need("p1-hot.p2") ", " need("p1-hot.p3") "; T = 0.5: " need("p1-cold.p1") ", " need("p1-cold.p2") ", " need("p1-cold.p3"),
    v["p1-hot.p1"] < 0.5 && v["p1-cold.p1"] > 0.98 &&
    v["p1-hot.p1"] > v["p1-hot.p2"] && v["p1-hot.p2"] > v["p1-hot.p3"] &&
    v["p1-cold.p1"] > v["p1-cold.p2"] && v["p1-cold.p2"] > v["p1-cold.p3"])
  claim("1: with two classes, softmax([a, b]) is sigmoid(a - b) (to 1e-15)",
    need("p1-two.rows") " rows, largest difference " need("p1-two.worst_difference"),
    v["p1-two.rows"] == 81 && v["p1-two.worst_difference"] <= 1e-15)
  # Part 2: classes as one-hot vectors, not numbers.
  claim("2: linear models: the softmax classifier is at least 0.1 more accurate than regression on the class numbers",
    "classifier " need("p2-cls.accuracy") ", regression " need("p2-reg.accuracy") " on " need("p2-cls.rows") " test points",
    v["p2-cls.rows"] == 3000 && v["p2-reg.rows"] == 3000 && v["p2-cls.accuracy"] >= v["p2-reg.accuracy"] + 0.1)
  claim("2: most of the regression's errors (more than half) put a point in the middle class 1",
    need("p2-reg.errors_middle") " of " need("p2-reg.errors"),
    v["p2-reg.errors"] > 0 && v["p2-reg.errors_middle"] > 0.5 * v["p2-reg.errors"])
  claim("2: with a hidden layer (16 tanh units) the gap nearly closes (< 0.05), both above 0.9",
    "classifier " need("p2-mlp-cls.accuracy") ", regression " need("p2-mlp-reg.accuracy"),
    v["p2-mlp-reg.accuracy"] > 0.9 && v["p2-mlp-cls.accuracy"] > 0.9 && abs(v["p2-mlp-cls.accuracy"] - v["p2-mlp-reg.accuracy"]) < 0.05)
  # Part 3: the notes' error surface, and gradient descent on the logits.
  claim("3: at (-10, 10) the softmax-MSE gradient is about (-8e-9, +8e-9): nn-train's first step agrees with the notes' formula (to 1e-4 relative)",
    "nn-train (" need("p3-mse.g1") ", " need("p3-mse.g2") "), formula (" need("p3-formula.mse_g1") ", " need("p3-formula.mse_g2") ")",
    v["p3-mse.g1"] < -5e-9 && v["p3-mse.g1"] > -2e-8 && v["p3-mse.g2"] > 5e-9 && v["p3-mse.g2"] < 2e-8 &&
    near(v["p3-mse.g1"], v["p3-formula.mse_g1"], 1e-4 * abs(v["p3-formula.mse_g1"])) &&
    near(v["p3-mse.g2"], v["p3-formula.mse_g2"], 1e-4 * abs(v["p3-formula.mse_g2"])))
  claim("3: at (-10, 10) the cross-entropy gradient is (-1, +1), as p - onehot says (to 1e-6)",
    "nn-train (" need("p3-xent.g1") ", " need("p3-xent.g2") "), formula (" need("p3-formula.xent_g1") ", " need("p3-formula.xent_g2") ")",
    near(v["p3-xent.g1"], -1, 1e-6) && near(v["p3-xent.g2"], 1, 1e-6) &&
    near(v["p3-xent.g1"], v["p3-formula.xent_g1"], 1e-6) && near(v["p3-xent.g2"], v["p3-formula.xent_g2"], 1e-6))
  claim("3: one grid step (0.5) towards the target lowers cross-entropy by about 0.5, softmax-MSE by less than 1e-6",
    "cross-entropy " need("p3-grid.xent_step") ", softmax-MSE " need("p3-grid.mse_step"),
    near(v["p3-grid.xent_step"], -0.5, 0.01) && abs(v["p3-grid.mse_step"]) < 1e-6)
  claim("3: with softmax-MSE, " need("p3-mse.steps") " steps of gradient descent move the logits by less than 1e-5: still class 2, loss still about 2",
    "moved " need("p3-mse.moved") ", ends at (" need("p3-mse.end_y1") ", " need("p3-mse.end_y2") "), loss " need("p3-mse.end_loss") ", argmax class 1: " need("p3-mse.argmax_class1_at"),
    v["p3-mse.steps"] >= 100 && v["p3-mse.moved"] < 1e-5 && v["p3-mse.argmax_class1_at"] == "never" && v["p3-mse.end_loss"] > 1.99)
  claim("3: with cross-entropy the argmax becomes class 1 after about 100 steps (80 to 130), and p1 > 0.99 at the end",
    "class 1 from step " need("p3-xent.argmax_class1_at") ", ends at (" need("p3-xent.end_y1") ", " need("p3-xent.end_y2") "), loss " need("p3-xent.end_loss") " (p1 " sprintf("%.4f", exp(-v["p3-xent.end_loss"])) ")",
    v["p3-xent.argmax_class1_at"] != "never" && v["p3-xent.argmax_class1_at"] >= 80 && v["p3-xent.argmax_class1_at"] <= 130 &&
    v["p3-xent.end_loss"] < -log(0.99))
  # Part 4: a real classifier, when Fashion-MNIST is installed.
  if ("p4.skipped" in have) {
    skip("4: Fashion-MNIST: cross-entropy against softmax-MSE, the confusion matrix, the full data set",
      "not run: no Fashion-MNIST in " v["p4.skipped"] "; install dataset-fashion-mnist, or set FMNIST_DIR")
    exit
  }
  claim("4: cross-entropy reaches test accuracy " need("p4.goal") " in fewer epochs than softmax-MSE",
    "cross-entropy after epoch " need("p4-xent.first_at_goal") ", softmax-MSE after " need("p4-softmax-mse.first_at_goal") " (of " need("p4-xent.epochs") ")",
    v["p4-xent.first_at_goal"] != "never" && (v["p4-softmax-mse.first_at_goal"] == "never" || v["p4-xent.first_at_goal"] < v["p4-softmax-mse.first_at_goal"]))
  claim("4: the confusion matrix holds every test image, its diagonal is nn-predict's accuracy, above " need("p4.goal"),
    need("p4-confusion.diagonal") " of " need("p4-confusion.total") " on the diagonal (" need("p4-confusion.classes") " classes), accuracy " need("p4-eval.accuracy"),
    v["p4-confusion.classes"] == 10 && v["p4-confusion.total"] == v["p4-eval.rows"] &&
    v["p4-confusion.diagonal"] / v["p4-confusion.total"] == v["p4-eval.accuracy"] && v["p4-eval.accuracy"] > v["p4.goal"])
  # The exercise, once `make full` has run.
  if ("p4-full.accuracy" in have)
    claim("4: the full data set (60000 images, 784-256-128-10, Adam) reaches test accuracy 0.87, as scikit-learn's MLP in the Fashion-MNIST paper",
      "test accuracy " need("p4-full.accuracy") " on " need("p4-full.rows") " images",
      v["p4-full.rows"] == 10000 && v["p4-full.accuracy"] >= 0.87)
  else
    skip("4: the full data set (60000 images, 784-256-128-10, Adam) reaches test accuracy 0.87, as scikit-learn's MLP in the Fashion-MNIST paper",
      "not run: make full")
}
