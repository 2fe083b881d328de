nn-predict -m nn-predict-ab.model --eval nn-predict-class-a-b.csv
