#!/usr/bin/env python3
"""Peer of `tme-bench train`: the same architecture as FusionNetwork (tile MLP -> gated attention ->
projection; SNN genomics; MLP clinical; masked gated fusion; logistic + Breslow Cox heads), the same
standardisation, AdamW settings, batch size and modality dropout, written the way a PyTorch user would:
equal-sized bags batched as B x T x F tensors (bmm), not a per-patient loop.

usage: torch_fusion_train_bench.py DATA.safetensors EPOCHS THREADS BATCH_SIZE SEED
Prints one JSON line (seconds and CPU seconds per epoch, last loss, threads, torch version).
"""
import json, sys, time
import numpy as np
import torch
import torch.nn as nn
from safetensors.numpy import load_file

path, epochs, threads, bs, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(threads)
torch.manual_seed(seed)
d = {k: torch.from_numpy(v) for k, v in load_file(path).items()}
def z(x, dims):
    m = x.mean(dims, keepdim=True); s = x.std(dims, keepdim=True, unbiased=False)
    return (x - m) / torch.where(s > 1e-12, s, torch.ones_like(s))
tiles, gen, cli = z(d["tiles"], (0, 1)), z(d["genomic"], 0), z(d["clinical"], 0)
resp, tt, ev = d["response"], d["time"], d["event"]
P, T, F = tiles.shape

class Net(nn.Module):
    def __init__(s, f, g, c, L=32, K=16, D=16, p=0.1):
        super().__init__()
        s.tile, s.V, s.U, s.w = nn.Linear(f, L), nn.Linear(L, K), nn.Linear(L, K), nn.Linear(K, 1)
        s.proj, s.g1, s.g2, s.c1 = nn.Linear(L, D), nn.Linear(g, D), nn.Linear(D, D), nn.Linear(c, D)
        s.gates = nn.ModuleList([nn.Linear(D, 1) for _ in range(3)])
        s.resp, s.risk = nn.Linear(D, 1), nn.Linear(D, 1, bias=False)
        s.drop, s.adrop = nn.Dropout(p), nn.AlphaDropout(p)
    def forward(s, x, g, c, keep):
        h = s.drop(torch.relu(s.tile(x)))
        a = torch.softmax(s.w(torch.tanh(s.V(h)) * torch.sigmoid(s.U(h))).squeeze(-1), dim=1)
        es = torch.relu(s.proj(torch.bmm(a.unsqueeze(1), h).squeeze(1)))
        eg = s.adrop(torch.selu(s.g2(s.adrop(torch.selu(s.g1(g))))))
        ec = s.drop(torch.relu(s.c1(c)))
        E = torch.stack([es, eg, ec], 1)
        logits = torch.cat([s.gates[m](E[:, m]) for m in range(3)], 1).masked_fill(~keep, float("-inf"))
        f = (torch.softmax(logits, 1).unsqueeze(-1) * E).sum(1)
        return s.resp(f).squeeze(-1), s.risk(f).squeeze(-1)

def cox(eta, t, e):
    if e.sum() == 0:
        return eta.sum() * 0
    order = torch.argsort(t, descending=True)
    eta, t, e = eta[order], t[order], e[order]
    lse = torch.logcumsumexp(eta, 0)
    neg = -t
    last = torch.searchsorted(neg.contiguous(), neg.contiguous(), right=True) - 1  # Breslow: whole tie group
    return -(e * (eta - lse[last])).sum() / e.sum()

net = Net(F, gen.shape[1], cli.shape[1])
wd = [p for n, p in net.named_parameters() if n.endswith("weight")]
nd = [p for n, p in net.named_parameters() if not n.endswith("weight")]
opt = torch.optim.AdamW([{"params": wd, "weight_decay": 1e-4}, {"params": nd, "weight_decay": 0}], lr=1e-3)
bce = nn.BCEWithLogitsLoss()
times, cpu, last = [], [], float("nan")
for epoch in range(epochs):
    t0, c0 = time.perf_counter(), time.process_time()
    net.train()
    perm = torch.randperm(P)
    losses = []
    for start in range(0, P, bs):
        idx = perm[start:start + bs]
        B = len(idx)
        keep = torch.ones(B, 3, dtype=torch.bool)
        for m in range(3):
            drop = (torch.rand(B) < 0.15) & (keep.sum(1) > 1)
            keep[:, m] &= ~drop
        logit, risk = net(tiles[idx], gen[idx], cli[idx], keep)
        loss = bce(logit, resp[idx]) + cox(risk, tt[idx], ev[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
    last = float(np.mean(losses))
    print(f"  PyTorch epoch {epoch + 1}: loss {last:.4f}", file=sys.stderr)
print(json.dumps({"seconds_per_epoch": float(np.median(times)), "cpu_seconds_per_epoch": float(np.median(cpu)),
                  "last_loss": last,
                  "threads": torch.get_num_threads(), "torch_version": torch.__version__}))
