nn-hessian -m nn-hessian-two.model nn-hessian-no-rows.tsv
