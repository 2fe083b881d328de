nn-predict -m nn-predict-model-a-table.model nn-train-line.tsv
