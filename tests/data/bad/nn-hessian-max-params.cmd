nn-hessian -m nn-hessian-two.model --max-params 1 nn-hessian-one.tsv
