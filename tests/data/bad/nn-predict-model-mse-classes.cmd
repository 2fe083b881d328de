nn-predict -m nn-predict-model-mse-classes.model nn-train-line.tsv
