nn-hessian -m nn-hessian-overflow.model nn-hessian-one.tsv
