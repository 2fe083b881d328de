nn-split nn-split-no-rows.csv
