nn-train --loss xent nn-train-one-class.csv
