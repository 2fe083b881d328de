nn-train --valid nn-train-valid-nan.tsv nn-train-line.tsv
