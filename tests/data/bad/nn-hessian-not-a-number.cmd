nn-hessian -m nn-hessian-two.model nn-hessian-text.tsv
