nn-train nn-train-empty-target.tsv
