nn-train --valid nn-train-no-rows.tsv nn-train-line.tsv
