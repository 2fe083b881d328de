nn-softmax -x 1,3 columns.tsv
