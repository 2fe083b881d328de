nn-train -y nope nn-train-line.tsv
