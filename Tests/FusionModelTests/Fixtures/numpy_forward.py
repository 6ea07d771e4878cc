"""Independent NumPy (float64) forward pass of a TMEScope fusion model, from model.safetensors alone.

Usage: python3 numpy_forward.py MODEL.safetensors SAMPLES.json  → JSON list of
{"response_probability", "risk_score", "attention"} per patient (used by ModelArchiveTests).
The configuration (architecture and standardisation) is read from the safetensors __metadata__
("tmescope_config"); samples are TMEScope PatientSample JSON (tiles as {rows, columns, values}).
"""
import json
import sys

import numpy as np
from safetensors import safe_open

LAMBDA, ALPHA = 1.0507009873554805, 1.6732632423543772

with safe_open(sys.argv[1], framework="numpy") as f:
    config = json.loads(f.metadata()["tmescope_config"])
    w = {k: f.get_tensor(k).astype(np.float64) for k in f.keys()}
net, std = config["network"], config["standardizer"]
samples = json.load(open(sys.argv[2]))


def lin(x, name, bias=True):
    y = x @ w[name + ".weight"]
    return y + w[name + ".bias"] if bias else y


def relu(x):
    return np.maximum(x, 0)


def selu(x):
    return np.where(x > 0, LAMBDA * x, LAMBDA * ALPHA * (np.exp(np.minimum(x, 0)) - 1))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def scale(x, part):
    return (np.asarray(x, dtype=np.float64) - np.array(std[part]["means"])) / np.array(std[part]["scales"])


out = []
for s in samples:
    embeddings, logits, attention = [], [], None
    for m in net["modalities"]:
        if m == "slide" and s.get("tiles"):
            t = s["tiles"]
            h = relu(lin(scale(np.array(t["values"]).reshape(t["rows"], t["columns"]), "tile"), "slide.tile.0"))
            scores = lin(np.tanh(lin(h, "slide.attention.V")) * sigmoid(lin(h, "slide.attention.U")), "slide.attention.w")
            prior = net.get("linearPrior")
            if prior is not None and prior.get("attentionGuide", 0) > 0 and "prior.slide.coefficients" in w:
                # LinearPrior.tileEvidence: the slide prior's per-tile log-odds, standardised within the bag.
                z = scale(np.array(t["values"]).reshape(t["rows"], t["columns"]), "tile")
                e = z @ w["prior.slide.coefficients"][0]
                e = (e - e.mean()) / e.std() if e.std() > 1e-12 else np.zeros_like(e)
                scores = scores + prior["attentionGuide"] * e[:, None]
            attention = softmax(scores[:, 0])
            e = relu(lin((attention @ h)[None, :], "slide.projection.0"))
        elif m == "genomics" and s.get("genomic") is not None:
            e = selu(lin(selu(lin(scale(s["genomic"], "genomic")[None, :], "genomics.snn.0")), "genomics.snn.1"))
        elif m == "clinical" and s.get("clinical") is not None:
            e = relu(lin(scale(s["clinical"], "clinical")[None, :], "clinical.mlp.0"))
        else:
            continue
        embeddings.append(e[0])
        logits.append(lin(e, "fusion.gate." + m)[0, 0])
    fused = softmax(np.array(logits)) @ np.array(embeddings)
    response_logit = lin(fused[None, :], "head.response")[0, 0]
    if net.get("linearPrior") is not None:
        # LinearPrior: ridge-logistic offset of the subset of modalities present, on standardised inputs.
        design, present = [], []
        for m in ("slide", "genomics", "clinical"):
            if m not in net["modalities"]:
                continue
            if m == "slide" and s.get("tiles"):
                t = s["tiles"]
                design += list(scale(np.array(t["values"]).reshape(t["rows"], t["columns"]), "tile").mean(axis=0))
            elif m == "genomics" and s.get("genomic") is not None:
                design += list(scale(s["genomic"], "genomic"))
            elif m == "clinical" and s.get("clinical") is not None:
                design += list(scale(s["clinical"], "clinical"))
            else:
                continue
            present.append(m)
        key = "prior." + "_".join(present)
        if key + ".coefficients" in w:
            response_logit += np.array(design) @ w[key + ".coefficients"][0] + w[key + ".intercept"][0, 0]
    out.append({"response_probability": float(sigmoid(response_logit)),
                "risk_score": float(lin(fused[None, :], "head.risk", bias=False)[0, 0]),
                "attention": None if attention is None else [float(a) for a in attention]})
print(json.dumps(out))
