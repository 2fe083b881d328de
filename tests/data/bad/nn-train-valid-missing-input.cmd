nn-train --valid nn-train-valid-no-x.tsv nn-train-line.tsv
