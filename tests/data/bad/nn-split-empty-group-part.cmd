nn-split --group g --ratio 0.7,0.15,0.15 --part train nn-split-six.csv
