nn-train --init zeros --lr 1e200 --batch full --epochs 5 --log nn-train-diverges.log -o nn-train-diverges.model nn-train-line.tsv
