nn-plot --kind heatmap nn-plot-hole.tsv
