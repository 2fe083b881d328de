nn-train --function quartic --at 10 --lr 1 --log nn-train-function.log
