nn-train --solver lstsq --valid nn-train-valid-no-y.tsv nn-train-line.tsv
