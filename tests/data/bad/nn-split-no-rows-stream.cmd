nn-split --stream --part train < nn-split-no-rows.csv
