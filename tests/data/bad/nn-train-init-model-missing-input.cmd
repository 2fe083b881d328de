nn-train --init-model nn-predict-two.model nn-train-valid-no-x.tsv
