nn-predict -m nn-predict-model-misspelt-parameter.model nn-train-line.tsv
