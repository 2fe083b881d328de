nn-predict -m nn-predict-two.model --eval nn-predict-target-not-a-number.tsv
