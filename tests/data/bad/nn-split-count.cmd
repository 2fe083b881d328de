nn-split --count 4,2,1 nn-split-six.csv
