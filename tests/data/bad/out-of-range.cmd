nn-softmax -x 1,2 out-of-range.tsv
