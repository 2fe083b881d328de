nn-train --function quartic --at 1e100 --optimizer bfgs --log nn-train-bfgs.log
