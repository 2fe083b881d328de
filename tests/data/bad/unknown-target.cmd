nn-softmax -y label unknown-target.tsv
