nn-plot --logy -o loss.png nn-plot-zero.tsv
