nn-predict -m nn-predict-model-mse-two-outputs.model nn-train-line.tsv
