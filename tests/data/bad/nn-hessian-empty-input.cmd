printf "" | nn-hessian -m nn-hessian-two.model
