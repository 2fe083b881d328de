nn-train --solver lstsq --log nn-train-lstsq.log nn-train-lstsq-huge.tsv
