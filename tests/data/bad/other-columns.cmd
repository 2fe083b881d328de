nn-softmax columns.tsv other-columns.tsv
