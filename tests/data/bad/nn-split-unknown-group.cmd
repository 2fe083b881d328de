nn-split --group 4 nn-split-six.csv
