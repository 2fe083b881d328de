nn-softmax -x a,b empty-field.tsv
