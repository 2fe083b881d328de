nn-hessian -m nn-hessian-none.model nn-hessian-one.tsv
