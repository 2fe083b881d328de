nn-train nn-train-only-target.tsv
