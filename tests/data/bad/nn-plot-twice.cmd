nn-plot --kind contour nn-plot-twice.csv
