nn-train --loss softmax-mse nn-train-one-class.csv
