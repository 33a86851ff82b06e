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
    """``func``, recording in ``called`` each forbidden function it calls from outside ``helpers``.

    A dotted name (``"scipy.stats.entropy"``, ``"scipy.special.entr"``) is a library's function.

    The calls are found while ``func`` runs. A Python function is found by its code object
    (a profile hook), whatever name reaches it: an alias (``f = h.average_nll``), a default
    argument, ``getattr(h, ...)``, a dict or an import from a submodule. A compiled one (a
    ufunc such as ``scipy.special.entr``, which the hook cannot see) is replaced, for the
    run, by a recording wrapper wherever the usual ways reach it: its module and its
    submodules (``scipy.special._ufuncs``), the learner's globals, default arguments and
    closure; held in a dict or a ``functools.partial`` it is not seen. A library imported
    only inside ``func`` is looked up again as the run goes (the hook sees the import's own
    calls), so a first run is watched too. A forbidden
    helper that an allowed helper uses inside ``helpers`` is not the learner's call and is
    not counted.
    """
    package = sys.modules.get("helpers")
    codes: dict = {}  # code object -> forbidden name
    pending: dict[str, tuple[str, str]] = {}  # library names whose module is not imported yet
    patched: list[tuple[dict, str, object]] = []  # (namespace, key, original) to restore
    restore_defaults: list[tuple[Callable, tuple]] = []
    restore_cells: list = []
    learner_globals = getattr(inspect.unwrap(func), "__globals__", {})

    def not_helpers(module: str) -> bool:
        inside = module == "helpers" or module.startswith("helpers.")
        return not inside or module.startswith("helpers.exercises")

    def recording(target, name):
        library = name.partition(".")[0]

        def wrapper(*args, **kwargs):
            caller = sys._getframe(1).f_globals.get("__name__", "") or ""
            if not_helpers(caller) and caller.partition(".")[0] != library:  # not scipy's own use
                called.add(name)
            return target(*args, **kwargs)

        return wrapper

    compiled: list[tuple[str, Callable]] = []  # ufuncs and builtins: patched for each run

    def patch(name, target) -> None:
        wrapper = recording(target, name)
        module = name.rpartition(".")[0]
        namespaces = [  # the module, its private submodules (scipy.special._ufuncs), the learner's
            vars(m)
            for key, m in list(sys.modules.items())
            if (key == module or key.startswith(module + ".")) and m is not None
        ] + [learner_globals]
        for namespace in namespaces:
            for key, value in list(namespace.items()):
                if value is target:
                    patched.append((namespace, key, value))
                    namespace[key] = wrapper
        learner = inspect.unwrap(func)  # its default arguments and closure: def f(p, e=entr)
        learner = getattr(learner, "__func__", learner)  # a bound method's function
        defaults = getattr(learner, "__defaults__", None)
        if defaults and any(d is target for d in defaults):
            restore_defaults.append((learner, defaults))
            learner.__defaults__ = tuple(wrapper if d is target else d for d in defaults)
        kwdefaults = getattr(learner, "__kwdefaults__", None) or {}
        for key, value in list(kwdefaults.items()):
            if value is target:
                patched.append((kwdefaults, key, value))
                kwdefaults[key] = wrapper
        for cell in getattr(learner, "__closure__", None) or ():
            try:
                if cell.cell_contents is target:
                    restore_cells.append((cell, target))
                    cell.cell_contents = wrapper
            except ValueError:  # an empty cell
                pass

    def watch(name, target) -> None:
        target = inspect.unwrap(target)
        if getattr(target, "__code__", None) is not None:
            codes[target.__code__] = name
        elif callable(target) and "." in name:
            compiled.append((name, target))
            patch(name, target)

    def resolve() -> None:
        for name, (module, attribute) in list(pending.items()):
            target = getattr(sys.modules.get(module), attribute, None)
            if target is not None:
                del pending[name]
                watch(name, target)

    for name in forbidden:
        if "." in name:
            module, _, attribute = name.rpartition(".")
            pending[name] = (module, attribute)
        elif package is not None and getattr(package, name, None) is not None:
            watch(name, getattr(package, name))

    def hook(frame, event, arg):
        if event != "call":
            return
        if pending:  # a library the learner imports inside the function, as it arrives
            resolve()
        if frame.f_code in codes:
            caller = frame.f_back
            if not_helpers(caller.f_globals.get("__name__", "") if caller is not None else ""):
                called.add(codes[frame.f_code])

    def watched(*args):
        previous = sys.getprofile()
        for name, target in compiled:
            patch(name, target)
        resolve()
        sys.setprofile(hook)
        try:
            return func(*args)
        finally:
            sys.setprofile(previous)
            while patched:
                namespace, key, original = patched.pop()
                namespace[key] = original
            while restore_defaults:
                learner, defaults = restore_defaults.pop()
                learner.__defaults__ = defaults
            while restore_cells:
                cell, original = restore_cells.pop()
                cell.cell_contents = original

    watched.__wrapped__ = func
    return watched
