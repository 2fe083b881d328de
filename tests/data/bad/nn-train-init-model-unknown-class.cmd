nn-train --init-model nn-predict-ab.model nn-train-valid-class-c.tsv
