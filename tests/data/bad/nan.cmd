nn-softmax nan.tsv
