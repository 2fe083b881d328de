nn-data idx nn-data-magic.csv
