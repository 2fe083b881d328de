nn-train --log nn-train-no-such-dir/log.tsv nn-train-line.tsv
