nn-train nn-train-not-a-number.tsv
