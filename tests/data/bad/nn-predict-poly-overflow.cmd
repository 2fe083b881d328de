nn-predict -m nn-predict-poly.model nn-poly-big.tsv
