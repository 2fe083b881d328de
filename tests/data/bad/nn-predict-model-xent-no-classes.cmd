nn-predict -m nn-predict-model-xent-no-classes.model nn-train-line.tsv
