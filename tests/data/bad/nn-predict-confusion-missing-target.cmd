nn-predict -m nn-predict-ab.model --confusion nn-predict-no-target.tsv
