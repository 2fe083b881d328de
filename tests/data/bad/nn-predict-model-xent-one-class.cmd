nn-predict -m nn-predict-model-xent-one-class.model nn-train-line.tsv
