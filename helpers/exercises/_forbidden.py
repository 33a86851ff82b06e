"""Which ``helpers`` functions a learner's answer uses: read from its bytecode, and watched
while it runs (for the exercises that ask the learner to write a helper themselves).
"""

from __future__ import annotations

import dis
import inspect
import sys
import types
from collections.abc import Callable, Sequence

__all__ = ["helpers_called", "watching", "library_calls"]


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


def _learners(frame) -> bool:
    """Whether ``frame`` is the learner's code (or an exercise's), not ``helpers``' own."""
    module = (frame.f_globals.get("__name__", "") if frame is not None else "") or ""
    inside = module == "helpers" or module.startswith("helpers.")
    return not inside or module.startswith("helpers.exercises")


def _resolve(name: str):
    """The object a dotted name reaches through the modules already imported, or ``None``."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        target = sys.modules.get(".".join(parts[:cut]))
        if target is not None:
            for attribute in parts[cut:]:
                target = getattr(target, attribute, None)
            return target
    return None


class _Recorder:
    """A compiled library function (a ufunc) standing in for itself during a run: records each call.

    Not a function, so as a class attribute it is not bound to an instance; its attributes are
    the function's own (``np.logaddexp.reduce`` still works, and is seen as a compiled call).
    """

    def __init__(self, target, name: str, called: set[str]):
        self._target, self._name, self._called = target, name, called

    def __call__(self, *args, **kwargs):
        if _learners(sys._getframe(1)):
            self._called.add(self._name)
        return self._target(*args, **kwargs)

    def __getattr__(self, attribute):
        return getattr(self._target, attribute)


def library_calls(func: Callable, names: Sequence[str], called: set[str]) -> Callable:
    """``func``, recording in ``called`` each library function of ``names`` it calls while it runs.

    ``names`` are dotted (``"scipy.special.logsumexp"``, ``"numpy.logaddexp.reduce"``,
    ``"torch.logsumexp"``), looked up among the modules imported when each run starts (and
    again as the run goes, for an import inside ``func``). Found whatever route reaches them
    (an alias, the learner's own helper function, a dict entry, a class attribute):

    - a Python function by its code object, a compiled function or method (PyTorch's, a
      ufunc's ``.reduce``) by identity, both from a profile hook that passes every event on
      to the hook already set (the engine's ``watching``), so the two can be stacked;
    - a ufunc called directly (``np.logaddexp(a, b)``), which no hook sees, is replaced for
      the run by a recording stand-in in its module and wherever the learner's globals hold
      it: at the top level, in a dict, or as a class attribute (a reference captured before
      the run elsewhere, such as a default argument, is not seen).

    Calls made from inside ``helpers`` (not ``helpers.exercises``) are not the learner's and
    are not counted.
    """
    learner_globals = getattr(inspect.unwrap(func), "__globals__", None) or {}

    def watched(*args):
        codes, compiled, pending, patched = {}, [], list(names), []

        def resolve():
            for name in list(pending):
                target = _resolve(name)
                if target is None:
                    continue
                pending.remove(name)
                for layer in {target, inspect.unwrap(target)}:
                    if getattr(layer, "__code__", None) is not None:
                        codes[layer.__code__] = name
                if getattr(target, "__code__", None) is None:
                    if type(target).__name__ == "builtin_function_or_method":
                        compiled.append((target, name))
                    elif callable(target):
                        patch(target, _Recorder(target, name, called), name)

        def patch(target, stand_in, name):
            module = sys.modules.get(name.rpartition(".")[0])
            places = [vars(module)] if module is not None else []
            places.append(learner_globals)
            for value in list(learner_globals.values()):
                if isinstance(value, dict) and value is not learner_globals:
                    places.append(value)
                elif isinstance(value, type) and value.__module__ == learner_globals.get(
                    "__name__"
                ):
                    places.append(value)
            for place in places:
                items = vars(place).items() if isinstance(place, type) else place.items()
                for key, value in list(items):
                    if value is target:
                        patched.append((place, key, value))
                        if isinstance(place, type):
                            setattr(place, key, stand_in)
                        else:
                            place[key] = stand_in

        previous = sys.getprofile()

        def hook(frame, event, arg):
            if previous is not None:
                previous(frame, event, arg)
            if event == "call":
                if pending:
                    resolve()
                if frame.f_code in codes and _learners(frame.f_back):
                    called.add(codes[frame.f_code])
            elif event == "c_call" and _learners(frame):
                for target, name in compiled:
                    if arg == target:
                        called.add(name)

        resolve()
        sys.setprofile(hook)
        try:
            return func(*args)
        finally:
            sys.setprofile(previous)
            while patched:
                place, key, value = patched.pop()
                if isinstance(place, type):
                    setattr(place, key, value)
                else:
                    place[key] = value

    watched.__wrapped__ = func
    return watched
