nn-predict -m nn-predict-model-bad-bias.model nn-train-line.tsv
