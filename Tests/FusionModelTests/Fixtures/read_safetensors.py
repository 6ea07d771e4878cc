"""Reads a safetensors file written by TMEScope and prints name, shape and float64 sum per tensor
as JSON (used by SafeTensorsTests.pythonReadsOurFile when python3 with safetensors is available)."""
import json, sys
from safetensors import safe_open

out = {}
with safe_open(sys.argv[1], framework="numpy") as f:
    meta = f.metadata()
    for k in f.keys():
        t = f.get_tensor(k)
        out[k] = {"dtype": str(t.dtype), "shape": list(t.shape), "sum": float(t.astype("float64").sum()),
                  "first": float(t.flat[0]) if t.size else None}
print(json.dumps({"tensors": out, "metadata": meta}))
