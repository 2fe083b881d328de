nn-train nn-train-no-rows.tsv
