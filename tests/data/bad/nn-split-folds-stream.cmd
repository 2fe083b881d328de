nn-split --stream --folds 7 --label nn-split-six.csv
