"""Which ``helpers`` functions a learner's answer uses: read from its bytecode, and watched
while it runs (for the exercises that ask the learner to write a helper themselves).
"""

from __future__ import annotations

import dis
import inspect
import sys
import types
from collections.abc import Callable, Sequence

__all__ = ["helpers_called", "watching"]


def helpers_called(func: Callable) -> set[str]:
    """The ``helpers`` functions ``func`` calls or is: ``h.name``, ``helpers.name``, ``from helpers import name``.

    Read from the bytecode (nested functions included), so a call the learner wrote
    is found whether or not it runs.
    """
    func = inspect.unwrap(func)
    if (getattr(func, "__module__", None) or "").startswith("helpers"):
        return {func.__name__}
    code = getattr(func, "__code__", None)
    found: set[str] = set()
    stack = [code] if code is not None else []
    while stack:
        current = stack.pop()
        after_helpers = importing = False
        for ins in dis.get_instructions(current):
            if after_helpers and ins.opname in ("LOAD_ATTR", "LOAD_METHOD"):
                found.add(ins.argval)  # h.name
            if importing and ins.opname == "IMPORT_FROM":
                found.add(ins.argval)  # from helpers import name
            after_helpers = ins.opname.startswith("LOAD") and ins.argval in ("h", "helpers")
            if ins.opname == "IMPORT_NAME":
                importing = ins.argval == "helpers"
            elif ins.opname == "POP_TOP":
                importing = False
        stack += [c for c in current.co_consts if isinstance(c, types.CodeType)]
    return found


def watching(func: Callable, forbidden: Sequence[str], called: set[str]) -> Callable:
    """``func``, recording in ``called`` each forbidden helper it calls from outside ``helpers``.

    A dotted name (``"scipy.stats.entropy"``) is a library's function, watched the same way
    when its module is imported.

    The calls are found by the functions' code objects while ``func`` runs (a profile hook),
    so an alias (``f = h.average_nll``), a default argument, ``getattr(h, ...)`` or an import
    from a submodule is caught too; a forbidden helper that an allowed helper uses inside
    ``helpers`` is not the learner's call and is not counted.
    """
    package = sys.modules.get("helpers")
    codes = {}
    for name in forbidden:
        if "." in name:  # a library's function, "scipy.stats.entropy": watched if it is imported
            module, _, attribute = name.rpartition(".")
            target = getattr(sys.modules.get(module), attribute, None)
            target = inspect.unwrap(target) if target is not None else None
        else:
            target = inspect.unwrap(getattr(package, name, None)) if package is not None else None
        if getattr(target, "__code__", None) is not None:
            codes[target.__code__] = name
    if not codes:
        return func

    def hook(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            caller = frame.f_back
            module = caller.f_globals.get("__name__", "") if caller is not None else ""
            if not (module == "helpers" or module.startswith("helpers.")) or module.startswith(
                "helpers.exercises"
            ):
                called.add(codes[frame.f_code])

    def watched(*args):
        previous = sys.getprofile()
        sys.setprofile(hook)
        try:
            return func(*args)
        finally:
            sys.setprofile(previous)

    watched.__wrapped__ = func
    return watched
