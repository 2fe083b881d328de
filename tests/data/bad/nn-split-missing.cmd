nn-split -o out nn-split-missing.csv
