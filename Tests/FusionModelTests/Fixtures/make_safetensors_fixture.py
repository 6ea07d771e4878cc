"""Writes python_reference.safetensors for SafeTensorsTests (run: python3 make_safetensors_fixture.py).

Needs `pip install safetensors numpy`. Tensor values are closed-form so the Swift test can recompute them:
  matrix  (3, 4): arange(12) * 0.25 - 1
  vector  (5,)  : [1.5, -2.0, 1e-8, 3.4028235e38, -0.0]
  scalar  ()    : 42.0
  empty   (0, 3): no values
"""
import numpy as np
from safetensors.numpy import save_file

tensors = {
    "matrix": (np.arange(12, dtype=np.float32) * 0.25 - 1).reshape(3, 4),
    "vector": np.array([1.5, -2.0, 1e-8, 3.4028235e38, -0.0], dtype=np.float32),
    "scalar": np.array(42.0, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
}
save_file(tensors, "python_reference.safetensors", metadata={"producer": "numpy", "format": "np"})
