nn-split --folds 3 --stratify label nn-split-six.csv
