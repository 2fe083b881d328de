nn-hessian -m nn-hessian-ab.model nn-hessian-class.csv
