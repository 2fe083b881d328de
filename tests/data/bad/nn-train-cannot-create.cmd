nn-train -o nn-train-no-such-dir/model.tsv nn-train-line.tsv
