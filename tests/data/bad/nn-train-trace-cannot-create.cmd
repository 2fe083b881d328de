nn-train --trace nn-train-no-such-dir/trace.tsv nn-train-line.tsv
