nn-train nn-train-target-not-a-number.tsv
