nn-hessian -m nn-hessian-huge.model nn-hessian-one.tsv
