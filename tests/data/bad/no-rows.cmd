nn-softmax no-rows.tsv
