nn-train -m mlp:2 --activation tanh --optimizer bfgs --valid nn-train-valid-nan.tsv nn-train-line.tsv
