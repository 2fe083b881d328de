nn-softmax no-numbers.csv
