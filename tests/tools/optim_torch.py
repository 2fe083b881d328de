#!/usr/bin/env python3
"""optim_torch.py -- the PyTorch side of tests/tools/optim-torch.sh.

Reads an nnkit model file (nn-model(5): no scaling, no polynomial
features) and a TSV table, builds the same network in torch, float64:
layers z = W a + b with W of width[l] rows and width[l-1] columns (the
flat order of the model file: W_l row by row, then b_l), the hidden
activation of the file, a linear output layer, and the loss of the file:
mse, the mean over the rows of (z - y)^2 (not halved), or xent, softmax
and cross-entropy averaged over the rows, the classes in the order of the
file's 'classes' line.

Then takes STEPS full-batch steps of a torch.optim optimizer and writes, as
nn-train --trace does, a TSV table 'step loss NAME...': row 0 the initial
parameters, then after every step the loss over all the rows and every
parameter by name.  Numbers are written with 17 significant digits.

Usage: optim_torch.py MODEL TABLE STEPS OPTIMIZER [KEY=VALUE...]
  OPTIMIZER: SGD, Adagrad, RMSprop, Adam, AdamW, RAdam (torch.optim names);
  KEY=VALUE: keyword arguments of the optimizer (lr=0.01 momentum=0.9
  nesterov=1 centered=1 amsgrad=1 weight_decay=0.1 betas=0.8,0.9 ...),
  and schedule=step:EVERY:GAMMA | exp:GAMMA | cosine:T[:MIN] for the
  torch.optim.lr_scheduler StepLR, ExponentialLR, CosineAnnealingLR,
  stepped after every optimizer step.
"""
import sys

import torch


def read_model(path):
    """The records of a model file as a dict of lists, and the parameter
    records in file order."""
    rec, params = {}, []
    with open(path) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            key, *vals = line.split('\t')
            if key[0] in 'Wb' and '[' in key:
                params.append((key, float(vals[0])))
            else:
                rec[key] = vals
    return rec, params


def read_table(path, inputs, target):
    with open(path) as f:
        header = f.readline().rstrip('\n').split('\t')
        rows = [line.rstrip('\n').split('\t') for line in f if line.strip()]
    xi = [header.index(c) for c in inputs]
    ti = header.index(target)
    x = [[float(r[j]) for j in xi] for r in rows]
    y = [r[ti] for r in rows]
    return x, y


def parse_value(v):
    """A keyword argument: a tuple for 'a,b' (betas), else a number."""
    if ',' in v:
        return tuple(float(p) for p in v.split(','))
    return float(v)


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    model_path, table_path, steps, opt_name = sys.argv[1:5]
    steps = int(steps)
    kwargs, schedule = {}, None
    for kv in sys.argv[5:]:
        k, v = kv.split('=', 1)
        if k == 'schedule':
            schedule = v
        elif k in ('nesterov', 'centered', 'amsgrad'):
            kwargs[k] = v == '1'
        else:
            kwargs[k] = parse_value(v)

    torch.set_num_threads(1)
    dt = torch.float64
    rec, params = read_model(model_path)
    if 'shift' in rec or 'scale' in rec or 'poly' in rec:
        sys.exit('optim_torch.py: scaled or polynomial models are not handled')
    width = [int(w) for w in rec['layers']]
    act = rec['activation'][0]
    loss_name = rec['loss'][0]
    bias = rec['bias'][0] == 'yes'
    x, yraw = read_table(table_path, rec['inputs'], rec['target'][0])
    X = torch.tensor(x, dtype=dt)
    if loss_name == 'mse':
        Y = torch.tensor([float(v) for v in yraw], dtype=dt)
    elif loss_name == 'xent':
        classes = rec['classes']
        Y = torch.tensor([classes.index(v) for v in yraw], dtype=torch.long)
    else:
        sys.exit('optim_torch.py: loss %s is not handled' % loss_name)

    # The parameters, in the flat order of the model file.
    values = dict(params)
    names, tensors = [], []
    for l in range(1, len(width)):
        W = [[values['W%d[%d,%d]' % (l, i + 1, j + 1)]
              for j in range(width[l - 1])] for i in range(width[l])]
        tensors.append(torch.tensor(W, dtype=dt, requires_grad=True))
        names += ['W%d[%d,%d]' % (l, i + 1, j + 1)
                  for i in range(width[l]) for j in range(width[l - 1])]
        if bias:
            b = [values['b%d[%d]' % (l, i + 1)] for i in range(width[l])]
            tensors.append(torch.tensor(b, dtype=dt, requires_grad=True))
            names += ['b%d[%d]' % (l, i + 1) for i in range(width[l])]

    f = {'tanh': torch.tanh, 'relu': torch.relu, 'sigmoid': torch.sigmoid,
         'linear': lambda z: z}[act]

    def loss_fn():
        a = X
        k = 0
        for l in range(1, len(width)):
            W = tensors[k]
            k += 1
            z = a @ W.T
            if bias:
                z = z + tensors[k]
                k += 1
            a = f(z) if l < len(width) - 1 else z
        if loss_name == 'mse':
            return ((a[:, 0] - Y) ** 2).mean()
        return torch.nn.functional.cross_entropy(a, Y)

    opt = getattr(torch.optim, opt_name)(tensors, **kwargs)
    sched = None
    if schedule:
        kind, *p = schedule.split(':')
        if kind == 'step':
            sched = torch.optim.lr_scheduler.StepLR(opt, int(p[0]), float(p[1]))
        elif kind == 'exp':
            sched = torch.optim.lr_scheduler.ExponentialLR(opt, float(p[0]))
        elif kind == 'cosine':
            sched = torch.optim.lr_scheduler.CosineAnnealingLR(
                opt, int(p[0]), float(p[1]) if len(p) > 1 else 0.0)
        else:
            sys.exit('optim_torch.py: unknown schedule ' + schedule)

    def row(step, loss):
        flat = torch.cat([t.detach().reshape(-1) for t in tensors])
        print('\t'.join([str(step), '%.17g' % loss] +
                        ['%.17g' % v for v in flat.tolist()]))

    print('\t'.join(['step', 'loss'] + names))
    with torch.no_grad():
        row(0, loss_fn().item())
    for t in range(1, steps + 1):
        opt.zero_grad()
        loss_fn().backward()
        opt.step()
        if sched:
            sched.step()
        with torch.no_grad():
            row(t, loss_fn().item())


if __name__ == '__main__':
    main()
