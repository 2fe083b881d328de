nn-train --poly 2 nn-poly-big.tsv
