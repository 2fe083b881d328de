nn-train --loss xent -m mlp:4 --lr 1e300 --batch full --epochs 5 --log nn-train-diverges.log nn-train-xor.tsv
