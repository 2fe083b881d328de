nn-predict -m nn-predict-two.model nn-predict-not-a-number.tsv
