nn-predict -m nn-predict-model-comment-only.model nn-train-line.tsv
