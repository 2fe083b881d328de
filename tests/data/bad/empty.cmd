nn-softmax empty.tsv
