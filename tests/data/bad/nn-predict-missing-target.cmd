nn-predict -m nn-predict-two.model --eval nn-predict-no-y.tsv
