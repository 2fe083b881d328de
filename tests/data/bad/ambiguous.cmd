nn-softmax -x a ambiguous.tsv
