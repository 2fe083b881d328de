#!/usr/bin/env python3
"""torch_mlp.py -- the PyTorch side of bench/train-speed (bench only: never a
build or test dependency).

Trains the same MLP as nn-train on the same TSV files: hidden layers of
--hidden widths with --act, a linear output layer, --loss xent (softmax and
cross-entropy, mean over the batch; classes sorted as nn-train sorts them) or
mse (one output, mean squared error); weights drawn as nn-train's default
--init (relu: He, N(0, 2/fan_in); otherwise Xavier, N(0, 2/(fan_in +
fan_out))), biases zero; --standardize scales the inputs by the training
set's mean and population standard deviation, as nn-train does; plain SGD
at --lr; the rows shuffled every epoch; --batch rows per step (the last
batch may be smaller).

The timed loop is a lean one: a gather of the shuffled rows (or, with
--loader, the tutorials' DataLoader), the forward pass, the loss,
zero_grad, backward, the SGD step and loss.item() for the epoch's mean
loss.  Nothing else is timed: reading the TSV is
reported separately, and the test evaluation comes after the epochs.

Writes a TSV table to stdout, columns dtype, row, seconds, loss, accuracy:
a 'load' row (seconds reading the TSV files), one row per epoch (its
seconds and the mean of its mini-batch losses) and, with --test, a 'test'
row (loss and, for xent, accuracy on the test rows); nan where a column
does not apply.
"""
import argparse
import sys
import time

import numpy as np
import torch


def read_tsv(path):
    """The table as float64 inputs and the raw target column (strings)."""
    with open(path) as f:
        header = f.readline().rstrip('\n').split('\t')
    cols = len(header)
    x = np.loadtxt(path, delimiter='\t', skiprows=1, dtype=np.float64,
                   usecols=range(cols - 1), ndmin=2)
    y = np.loadtxt(path, delimiter='\t', skiprows=1, dtype=str,
                   usecols=[cols - 1], ndmin=1)
    return x, y


def class_order(labels):
    """nn-train's order: numeric when every label is a number, else bytes."""
    try:
        return sorted(labels, key=lambda s: (float(s), s))
    except ValueError:
        return sorted(labels, key=lambda s: s.encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--train', required=True)
    ap.add_argument('--test')
    ap.add_argument('--hidden', default='256,128')
    ap.add_argument('--act', default='relu', choices=['relu', 'tanh'])
    ap.add_argument('--loss', default='xent', choices=['xent', 'mse'])
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--lr', type=float, default=0.05)
    ap.add_argument('--epochs', type=int, default=5)
    ap.add_argument('--dtype', default='float64',
                    choices=['float64', 'float32'])
    ap.add_argument('--standardize', action='store_true')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--loader', action='store_true',
                    help='batches from a torch.utils.data.DataLoader')
    a = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    dtype = getattr(torch, a.dtype)

    t0 = time.perf_counter()
    x, yraw = read_tsv(a.train)
    xt, ytraw = read_tsv(a.test) if a.test else (None, None)
    load = time.perf_counter() - t0
    print('dtype\trow\tseconds\tloss\taccuracy')
    print('%s\tload\t%.6f\tnan\tnan' % (a.dtype, load))

    if a.standardize:
        mean = x.mean(axis=0)
        sd = x.std(axis=0)  # population (divisor n), as nn-train
        sd[sd == 0] = 1
        x = (x - mean) / sd
        if xt is not None:
            xt = (xt - mean) / sd
    if a.loss == 'xent':
        classes = class_order(set(yraw))
        index = {c: k for k, c in enumerate(classes)}
        y = torch.tensor([index[s] for s in yraw], dtype=torch.long)
        yt = (torch.tensor([index[s] for s in ytraw], dtype=torch.long)
              if xt is not None else None)
        out = len(classes)
        lossf = torch.nn.CrossEntropyLoss()
    else:
        y = torch.tensor(yraw.astype(np.float64), dtype=dtype).reshape(-1, 1)
        yt = (torch.tensor(ytraw.astype(np.float64), dtype=dtype).reshape(-1, 1)
              if xt is not None else None)
        out = 1
        lossf = torch.nn.MSELoss()
    X = torch.tensor(x, dtype=dtype)
    XT = torch.tensor(xt, dtype=dtype) if xt is not None else None

    widths = [X.shape[1]] + [int(h) for h in a.hidden.split(',') if h] + [out]
    layers = []
    for l in range(1, len(widths)):
        lin = torch.nn.Linear(widths[l - 1], widths[l]).to(dtype)
        fan_in, fan_out = widths[l - 1], widths[l]
        sigma = ((2 / fan_in) if a.act == 'relu'
                 else (2 / (fan_in + fan_out))) ** 0.5
        with torch.no_grad():
            lin.weight.normal_(0, sigma)
            lin.bias.zero_()
        layers.append(lin)
        if l < len(widths) - 1:
            layers.append(torch.nn.ReLU() if a.act == 'relu'
                          else torch.nn.Tanh())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=a.lr)

    n = X.shape[0]
    # --loader: the tutorials' DataLoader, which collates each batch from
    # single rows (slower per step); else one gather of the shuffled rows.
    loader = (torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(X, y), batch_size=a.batch,
        shuffle=True) if a.loader else None)

    def batches():
        if loader is not None:
            yield from loader
            return
        perm = torch.randperm(n)
        for s in range(0, n, a.batch):
            i = perm[s:s + a.batch]
            yield X[i], y[i]

    for epoch in range(1, a.epochs + 1):
        t = time.perf_counter()
        total, steps = 0.0, 0
        for xb, yb in batches():
            loss = lossf(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item()
            steps += 1
        print('%s\t%d\t%.6f\t%.10g\tnan' % (a.dtype, epoch,
                                             time.perf_counter() - t,
                                             total / steps))
        sys.stdout.flush()
    if XT is not None:
        with torch.no_grad():
            z = model(XT)
            acc = ((z.argmax(1) == yt).double().mean().item()
                   if a.loss == 'xent' else float('nan'))
            print('%s\ttest\tnan\t%.10g\t%.6g' % (a.dtype, lossf(z, yt).item(),
                                                    acc))


if __name__ == '__main__':
    main()
