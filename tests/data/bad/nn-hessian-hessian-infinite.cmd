nn-hessian -m nn-hessian-steep.model --spectrum nn-hessian-one.tsv
