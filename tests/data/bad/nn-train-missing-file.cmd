nn-train nn-train-missing.tsv
