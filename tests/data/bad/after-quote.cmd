nn-softmax after-quote.csv
