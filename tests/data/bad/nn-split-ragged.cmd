nn-split nn-split-ragged.tsv
