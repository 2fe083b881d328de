nn-softmax columns.tsv missing.tsv
