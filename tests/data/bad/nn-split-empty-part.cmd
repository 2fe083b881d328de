nn-split --ratio 0.95,0.05 nn-split-six.csv
