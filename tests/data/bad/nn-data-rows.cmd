nn-data sine --n 0
