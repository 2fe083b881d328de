nn-split --folds 7 nn-split-six.csv
