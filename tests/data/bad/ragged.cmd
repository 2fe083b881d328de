nn-softmax ragged.tsv
