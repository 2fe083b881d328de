nn-predict -m nn-predict-model-classes-outputs.model nn-train-line.tsv
