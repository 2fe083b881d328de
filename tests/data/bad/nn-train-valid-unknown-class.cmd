nn-train --loss xent --valid nn-train-valid-class-c.tsv nn-train-xor.tsv
