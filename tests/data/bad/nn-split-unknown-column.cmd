nn-split --stratify nope nn-split-six.csv
