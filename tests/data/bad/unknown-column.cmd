nn-softmax -y nope columns.tsv
