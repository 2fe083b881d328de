nn-split --stream --key nope nn-split-six.csv
