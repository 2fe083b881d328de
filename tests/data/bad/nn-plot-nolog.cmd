nn-plot --dashboard nn-plot-nolog.tsv
