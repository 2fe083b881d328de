nn-softmax not-a-number.tsv
