nn-train -x x,nope nn-train-line.tsv
