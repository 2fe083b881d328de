#!/usr/bin/env python3
"""torch_hessian.py -- the PyTorch side of bench/hessian-speed (bench only:
never a build or test dependency).

Reads an nnkit model file (nn-model(5): an MLP with mse loss) and a TSV
table, builds the model's mean loss as a function of the flat parameter
vector in nnkit's order (layer by layer, W_l row by row, then b_l), and
computes in float64 on one thread

  torch.autograd.functional.hessian(loss, theta)   (--vectorize: with
                                                    vectorize=True)
  torch.linalg.eigvalsh(H)

timing each with time.perf_counter().  Writes a TSV table to stdout:
quantity, value -- params, hessian_seconds, eigvalsh_seconds, and with
--spectrum FILE (nn-hessian --spectrum's output) the largest difference
between the two sets of eigenvalues relative to max|lambda|
(max_rel_diff).
"""
import argparse
import time

import numpy as np
import torch


def read_model(path):
    """The model file's keys and its parameters, in file order."""
    keys, params = {}, []
    with open(path) as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            fields = line.rstrip('\n').split('\t')
            if fields[0][:1] in ('W', 'b') and '[' in fields[0]:
                params.append(float(fields[1]))
            else:
                keys[fields[0]] = fields[1:]
    return keys, np.array(params)


def read_table(path, inputs, target):
    """The model's input columns (by name) and target of a TSV table."""
    with open(path) as f:
        header = f.readline().rstrip('\n').split('\t')
    data = np.loadtxt(path, delimiter='\t', skiprows=1, dtype=np.float64,
                      ndmin=2)
    x = data[:, [header.index(c) for c in inputs]]
    y = data[:, header.index(target)]
    return x, y


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--model', required=True)
    ap.add_argument('--data', required=True)
    ap.add_argument('--spectrum', help="nn-hessian --spectrum's table")
    ap.add_argument('--vectorize', action='store_true')
    a = ap.parse_args()

    torch.set_num_threads(1)
    keys, theta0 = read_model(a.model)
    assert keys['loss'] == ['mse'], 'mse models only'
    width = [int(w) for w in keys['layers']]
    bias = keys['bias'] == ['yes']
    act = {'tanh': torch.tanh, 'relu': torch.relu, 'sigmoid': torch.sigmoid,
           'linear': lambda z: z}[keys['activation'][0]]
    x, y = read_table(a.data, keys['inputs'], keys['target'][0])
    if 'shift' in keys:
        x = (x - np.array(keys['shift'], float)) / np.array(keys['scale'], float)
    X = torch.tensor(x, dtype=torch.float64)
    Y = torch.tensor(y, dtype=torch.float64)

    def loss(theta):
        a_, k = X, 0
        for l in range(1, len(width)):
            n_in, n_out = width[l - 1], width[l]
            W = theta[k:k + n_out * n_in].reshape(n_out, n_in)
            k += n_out * n_in
            z = a_ @ W.T
            if bias:
                z = z + theta[k:k + n_out]
                k += n_out
            a_ = act(z) if l < len(width) - 1 else z
        return ((a_[:, 0] - Y) ** 2).mean()

    theta = torch.tensor(theta0, dtype=torch.float64)
    t0 = time.perf_counter()
    H = torch.autograd.functional.hessian(loss, theta, vectorize=a.vectorize)
    t1 = time.perf_counter()
    ev = torch.linalg.eigvalsh(H)
    t2 = time.perf_counter()
    print('quantity\tvalue')
    print('params\t%d' % theta.numel())
    print('hessian_seconds\t%.4f' % (t1 - t0))
    print('eigvalsh_seconds\t%.4f' % (t2 - t1))
    if a.spectrum:
        ours = np.loadtxt(a.spectrum, delimiter='\t', skiprows=1, ndmin=2)[:, 1]
        theirs = ev.numpy()
        scale = np.abs(theirs).max()
        print('max_rel_diff\t%.3g' % (np.abs(np.sort(ours) - theirs).max() / scale))


if __name__ == '__main__':
    main()
