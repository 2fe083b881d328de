nn-predict -m nn-predict-ab.model --confusion nn-predict-class-a-b.csv
