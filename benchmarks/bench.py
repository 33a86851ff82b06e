"""`make bench`: how fast the course is where people feel it, next to the libraries learners use next.

Writes benchmarks/RESULTS.md. Every figure is the median of repeated runs, with min-max;
competing implementations are timed interleaved (A, B, C, A, B, C, ...) in one process, so a
noisy machine shifts them together and their ratios survive. Peers that are not installed
(PyTorch; SciPy and scikit-learn come with the test tools) get a row that says so.
Benchmarks report; they never fail a build.
"""

from __future__ import annotations

import collections
import datetime
import importlib
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import helpers as h  # noqa: E402

SHAPES = [(65536, 10), (16384, 1000), (1024, 32000)]
DTYPES = [np.float32, np.float64]
REPEATS = int(os.environ.get("BENCH_REPEATS", "7"))


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def optional(name: str):
    """The module ``name`` (e.g. ``"scipy.special"``), or ``None`` if it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


torch = optional("torch")
scipy_special = optional("scipy.special")


def interleaved(funcs: dict, repeats: int = REPEATS) -> dict:
    """Time every function ``repeats`` times, interleaved; return name -> list of seconds."""
    times = {name: [] for name in funcs}
    for f in funcs.values():  # warm up (first-call allocations, lazy imports)
        f()
    for _ in range(repeats):
        for name, f in funcs.items():
            start = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - start)
    return times


def fmt(ts: list[float], scale: float = 1e3) -> str:
    return f"{statistics.median(ts) * scale:.2f} ({min(ts) * scale:.2f}–{max(ts) * scale:.2f})"


def reference_loss(z: np.ndarray, y: np.ndarray) -> float:
    """Mean cross-entropy in extended precision (np.longdouble): the accuracy yardstick."""
    zl = z.astype(np.longdouble)
    m = zl.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(zl - m).sum(axis=1))
    return float(np.mean(lse - zl[np.arange(len(y)), y]))


def peak_extra_bytes(f) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    f()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak


def naive_loss(z, y):
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        q = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        return -np.mean(np.log(q[np.arange(len(y)), y]))


def scipy_loss(z, y):
    return np.mean(scipy_special.logsumexp(z, axis=1) - z[np.arange(len(y)), y])


def kernel_case(z: np.ndarray, y: np.ndarray, threads: int):
    """Time, check and measure one (shape, dtype) case of the loss kernel."""
    buf = np.empty_like(z)
    funcs = {
        "helpers": lambda: h.cross_entropy_from_logits(z, y),
        "naive": lambda: naive_loss(z, y),
        "sum": lambda: z.sum(),
        "exp": lambda: np.exp(z, out=buf),
    }
    if scipy_special:
        funcs["scipy"] = lambda: scipy_loss(z, y)
    if torch:
        zt, yt = torch.from_numpy(z), torch.from_numpy(y)

        def torch_at(n_threads):
            def run():
                torch.set_num_threads(n_threads)
                torch.nn.functional.cross_entropy(zt, yt)

            return run

        funcs["torch1"] = torch_at(1)
        funcs["torchN"] = torch_at(threads)
    times = interleaved(funcs)
    if torch:
        torch.set_num_threads(threads)
    med = {k: statistics.median(v) for k, v in times.items()}
    r_torch = med["helpers"] / med["torch1"] if torch else None
    r_exp = med["helpers"] / med["exp"]
    label = f"{z.shape[0]}×{z.shape[1]}, {z.dtype.name}"
    missing_torch = "PyTorch not installed"
    row = (
        f"| {label} | {fmt(times['helpers'])} | {fmt(times['naive'])} | "
        f"{fmt(times['scipy']) if 'scipy' in times else 'SciPy not installed'} | "
        f"{fmt(times['torch1']) if torch else missing_torch} | "
        f"{fmt(times['torchN']) if torch else missing_torch} | "
        f"{fmt(times['sum'])} | {fmt(times['exp'])} | "
        f"{f'{r_torch:.2f}×' if r_torch else '–'} | {r_exp:.2f}× |"
    )
    ref = reference_loss(z, y)
    err = abs(float(h.cross_entropy_from_logits(z, y)) - ref) / abs(ref)
    big = (z * (1e4 / np.abs(z).max())).astype(z.dtype)
    finite = bool(np.isfinite(h.cross_entropy_from_logits(big, y)))
    acc = f"| {label} | {err:.1e} | {'yes' if finite else 'NO'} |"
    extra = peak_extra_bytes(lambda: h.cross_entropy_from_logits(z, y))
    mem = f"| {label} | {z.nbytes / 2**20:.1f} | {extra / 2**20:.3f} |"
    return row, acc, mem


def loss_kernel_section(lines: list[str]) -> None:
    rng = np.random.default_rng(0)
    threads = torch.get_num_threads() if torch else 0
    lines += [
        "## 1. The loss kernel: mean cross-entropy from logits with integer labels",
        "",
        "Milliseconds, median (min–max) of "
        f"{REPEATS} interleaved runs. Logits are standard normal. `helpers` is "
        "`helpers.cross_entropy_from_logits(z, y)`; *naive* is `-log(softmax(z))[y]`; *scipy* is "
        "`logsumexp(z) - z[y]`; *torch* is `torch.nn.functional.cross_entropy` on the CPU with 1 thread "
        f"and with all {threads or 'available'} threads. The two bounds are one read of the logits "
        "(`z.sum()`) and one `np.exp(z, out=buf)` pass.",
        "",
        "| shape, dtype | helpers | naive | scipy | torch, 1 thread | torch, all threads | bound: z.sum() | bound: exp pass | helpers / torch 1-thread | helpers / exp pass |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    accuracy_rows, memory_rows = [], []
    for shape in SHAPES:
        for dtype in DTYPES:
            z = rng.normal(size=shape).astype(dtype)
            y = rng.integers(0, shape[1], size=shape[0])
            row, acc, mem = kernel_case(z, y, threads)
            lines.append(row)
            accuracy_rows.append(acc)
            memory_rows.append(mem)
    lines += [
        "",
        "Accuracy (relative error of the mean loss against an `np.longdouble` reference; targets "
        "2e-7 for float32, 4e-16 for float64) and logits scaled to magnitude 1e4:",
        "",
        "| shape, dtype | relative error | finite at ±1e4 |",
        "|---|---|---|",
        *accuracy_rows,
        "",
        "Peak extra memory during one call (`tracemalloc`), next to the size of the logits:",
        "",
        "| shape, dtype | logits (MiB) | peak extra (MiB) |",
        "|---|---|---|",
        *memory_rows,
        "",
    ]


def coding_section(lines: list[str]) -> None:
    """The arithmetic coder on the shipped text: seconds to encode and decode, bits per letter."""
    letters = list(h.letters_only(h.load_text()))
    counts = collections.Counter(letters)
    model = {c: k / len(letters) for c, k in sorted(counts.items())}
    bits = h.arithmetic_encode(letters, model)
    times = interleaved(
        {
            "encode": lambda: h.arithmetic_encode(letters, model),
            "decode": lambda: h.arithmetic_decode(bits, model, len(letters)),
        },
        repeats=3,
    )
    entropy = -sum(q * math.log2(q) for q in model.values())
    lines += [
        "## 2. The arithmetic coder on the shipped text",
        "",
        f"{len(letters):,} letters, coded with their own letter frequencies: "
        f"{len(bits) / len(letters):.6f} bits/letter against H = {entropy:.6f}. "
        "Seconds, median (min–max) of 3 interleaved runs:",
        "",
        "| step | seconds |",
        "|---|---|",
        f"| encode | {fmt(times['encode'], 1)} |",
        f"| decode | {fmt(times['decode'], 1)} |",
        "",
    ]


def training_section(lines: list[str]) -> None:
    X_train, X_test, y_train, y_test, _ = h.prepare_digits()
    lines += [
        "## 3. Training on the shipped digits (notebook 05's split and standardisation)",
        "",
        "Wall time to reach 95% test accuracy and time per epoch (median of "
        f"{REPEATS} runs, min–max). The course trainer and the PyTorch model use the same model, "
        "learning rate 0.1, batch size 32 and 30 epochs; scikit-learn's `LogisticRegression(lbfgs)` is "
        "fitted with the smallest `max_iter` (from 5, doubling) that reaches 95%.",
        "",
        "| trainer | time to 95% test accuracy (s) | per epoch (ms) | test accuracy at the end |",
        "|---|---|---|---|",
    ]

    def course():
        model = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
        # A speed benchmark, not a model choice: the rows scored each epoch are the test rows.
        hist = h.train(
            model, X_train, y_train, X_test, y_test, epochs=30, lr=0.1, rng=np.random.default_rng(1)
        )
        e = hist.epochs_to(0.95)
        return (
            (hist.elapsed[e] if e is not None else float("nan")),
            hist.seconds / 30,
            hist.validation_accuracy[-1],
        )

    results = {"course (helpers.train)": [course() for _ in range(REPEATS)]}
    sklearn_lm = optional("sklearn.linear_model")
    if sklearn_lm:
        import warnings

        from sklearn.exceptions import ConvergenceWarning

        def sk():
            max_iter = 5
            while True:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    start = time.perf_counter()
                    clf = sklearn_lm.LogisticRegression(max_iter=max_iter).fit(X_train, y_train)
                    took = time.perf_counter() - start
                acc = clf.score(X_test, y_test)
                if acc >= 0.95 or max_iter > 1000:
                    return took, float("nan"), acc
                max_iter *= 2

        results["scikit-learn LogisticRegression (lbfgs)"] = [sk() for _ in range(REPEATS)]
    if torch:
        torch.set_num_threads(1)

        def pt():
            gen = torch.Generator().manual_seed(0)
            model = torch.nn.Linear(64, 10).double()
            opt = torch.optim.SGD(model.parameters(), lr=0.1)
            Xtr, ytr = torch.from_numpy(X_train), torch.from_numpy(y_train)
            Xte, yte = torch.from_numpy(X_test), torch.from_numpy(y_test)
            start, reached, n = time.perf_counter(), None, len(Xtr)
            for _ in range(30):
                order = torch.randperm(n, generator=gen)
                for b in range(0, n, 32):
                    idx = order[b : b + 32]
                    opt.zero_grad()
                    torch.nn.functional.cross_entropy(model(Xtr[idx]), ytr[idx]).backward()
                    opt.step()
                with torch.no_grad():
                    acc = (model(Xte).argmax(1) == yte).double().mean().item()
                if reached is None and acc >= 0.95:
                    reached = time.perf_counter() - start
            total = time.perf_counter() - start
            return (reached if reached is not None else float("nan")), total / 30, acc

        results["PyTorch nn.Linear + SGD, 1 thread"] = [pt() for _ in range(REPEATS)]
    else:
        lines.append("| PyTorch | PyTorch not installed | | |")
    for name, runs in results.items():
        reach = [r[0] for r in runs]
        per = [r[1] for r in runs]
        per_text = "–" if np.isnan(per[0]) else fmt(per)
        lines.append(f"| {name} | {fmt(reach, 1)} | {per_text} | {runs[-1][2]:.4f} |")
    lines.append("")


def _png_shell():
    """An IPython shell that renders figures to PNG, as a notebook front end would ask."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    shell = InteractiveShell.instance()
    shell.display_formatter.formatters["image/png"].for_type(
        Figure, lambda fig: print_figure(fig, "png")
    )
    shell.display_pub.publish = lambda *a, **k: None  # render, but send nowhere
    return shell


def course_section(lines: list[str], run_make_test: bool) -> None:
    from tools.run_notebooks import execute

    lines += [
        "## 4. The course",
        "",
        "Each notebook executed top to bottom in a fresh kernel (`tools/run_notebooks.py`, the same code as `make notebooks`):",
        "",
    ]
    lines += ["| notebook | seconds |", "|---|---|"]
    total = 0.0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        start = time.perf_counter()
        execute(path)
        took = time.perf_counter() - start
        total += took
        lines.append(f"| {path.name} | {took:.1f} |")
    lines += [f"| **all notebooks** | **{total:.1f}** |", ""]

    _png_shell()
    lines += [
        "One update of every widget, kernel side: set a control, recompute, redraw what moved over the cached "
        "background (new curves: the whole figure) and encode the PNG "
        f"(median of {REPEATS}, min–max, ms):",
        "",
        "| widget | control moved | update (ms) |",
        "|---|---|---|",
    ]
    cases = [
        ("surprise_explorer", h.surprise_explorer, "p", [0.2, 0.3]),
        ("entropy_explorer", h.entropy_explorer, "A", [3.0, 5.0]),
        ("cross_entropy_explorer", h.cross_entropy_explorer, "q0", [3.0, 5.0]),
        (
            "cross_entropy_explorer",
            h.cross_entropy_explorer,
            "target",
            ["label: class 0", "soft: [0.1, 0.1, 0.8]"],
        ),
        ("likelihood_explorer", h.likelihood_explorer, "theta", [0.3, 0.6]),
        ("likelihood_explorer", h.likelihood_explorer, "heads", [3, 9]),  # new curves: full render
        ("training_explorer", h.training_explorer, "lr_mse", [0.5, 2.0]),
    ]
    for name, build, control, values in cases:
        e = build()
        ts = []
        for i in range(REPEATS):
            start = time.perf_counter()
            e.controls[control].value = values[i % 2]
            ts.append(time.perf_counter() - start)
        lines.append(f"| {name} | {control} | {fmt(ts)} |")
    lines.append("")
    if run_make_test:
        start = time.perf_counter()
        result = subprocess.run(
            ["make", "--no-print-directory", "test"], cwd=ROOT, capture_output=True, text=True
        )
        took = time.perf_counter() - start
        tail = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
        lines += [
            f"`make test` on a warm environment: {took:.0f} s (exit {result.returncode}; {tail.strip('= ')}).",
            "",
        ]


def cpu_description() -> tuple[str, str]:
    """The CPU's model name and its widest SIMD level, which sets NumPy's exp speed."""
    cpu, flags = platform.processor(), set()
    if Path("/proc/cpuinfo").exists():
        for ln in open("/proc/cpuinfo"):
            if ln.startswith("model name") and cpu in ("", platform.processor()):
                cpu = ln.split(":", 1)[1].strip()
            elif ln.startswith("flags"):
                flags = set(ln.split(":", 1)[1].split())
    if "avx512f" in flags:
        simd = "AVX-512"
    elif "avx2" in flags:
        simd = "AVX2"
    else:
        simd = "below AVX2 (or not reported)"
    return cpu, simd


def main() -> int:
    run_make_test = os.environ.get("BENCH_SKIP_MAKE_TEST") != "1"
    cpu, simd = cpu_description()
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {datetime.date.today().isoformat()}. Machine: {cpu}, "
        f"SIMD level {simd} (ratios to PyTorch and to an exp pass depend on it), "
        f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}. "
        f"Python {platform.python_version()}, NumPy {np.__version__}, SciPy {version('scipy')}, "
        f"scikit-learn {version('scikit-learn')}, PyTorch {version('torch')}, matplotlib {version('matplotlib')}.",
        "",
    ]
    loss_kernel_section(lines)
    coding_section(lines)
    training_section(lines)
    course_section(lines, run_make_test)
    (ROOT / "benchmarks" / "RESULTS.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
