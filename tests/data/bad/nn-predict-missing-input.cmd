nn-predict -m nn-predict-two.model nn-predict-no-x.tsv
