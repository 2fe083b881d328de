nn-softmax unclosed-quote.csv
