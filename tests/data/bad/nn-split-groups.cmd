nn-split --folds 4 --group 3 nn-split-six.csv
