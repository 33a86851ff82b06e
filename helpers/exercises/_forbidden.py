"""Which ``helpers`` functions a learner's answer uses: read from its bytecode, and watched
while it runs (for the exercises that ask the learner to write a helper themselves).
"""

from __future__ import annotations

import dis
import functools
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


def _codes_of(target) -> list:
    """The code objects a call of ``target`` runs first: a function's (each wrapped layer), a
    class's methods (``NgramModel(...)`` runs ``__init__``, its use the others).
    """
    if isinstance(target, type):
        members = [m for c in target.__mro__ if c is not object for m in vars(c).values()]
        members = [getattr(m, "__func__", m) for m in members]  # staticmethod, classmethod
        return [m.__code__ for m in members if getattr(m, "__code__", None) is not None]
    return [
        layer.__code__
        for layer in {target, inspect.unwrap(target)}
        if getattr(layer, "__code__", None) is not None
    ]


def watching(func: Callable, forbidden: Sequence[str], called: set[str]) -> Callable:
    """``func``, recording in ``called`` each forbidden function it calls from outside ``helpers``.

    A plain name is a ``helpers`` function or class, found by its code objects (a class by
    its methods') while ``func`` runs, from a profile hook: whatever route reaches it (an
    alias, ``getattr(h, ...)``, ``from helpers import ...``, a submodule). A dotted name
    (``"scipy.stats.entropy"``) is a library's function: those are handed to
    :func:`library_calls`, the one watcher of library calls, whose hook is stacked on this
    one. A forbidden helper that an allowed helper uses inside ``helpers`` is not the
    learner's call and is not counted.
    """
    package = sys.modules.get("helpers")
    codes = {}
    for name in forbidden:
        target = getattr(package, name, None) if "." not in name and package else None
        for code in _codes_of(target) if target is not None else ():
            codes[code] = name
    dotted = [name for name in forbidden if "." in name]
    inner = library_calls(func, dotted, called) if dotted else func
    if not codes:
        return inner

    def hook(frame, event, arg):
        if event == "call" and frame.f_code in codes and _learners(frame.f_back):
            called.add(codes[frame.f_code])

    def watched(*args):
        previous = sys.getprofile()
        sys.setprofile(hook)
        try:
            return inner(*args)
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

    def __init__(self, target, name: str, called: set[str], counts: Callable):
        self._target, self._name, self._called, self._counts = target, name, called, counts

    def __call__(self, *args, **kwargs):
        if self._counts(sys._getframe(1)):
            self._called.add(self._name)
        return self._target(*args, **kwargs)

    def __getattr__(self, attribute):
        return getattr(self._target, attribute)


def _learner_function(func: Callable):
    function = inspect.unwrap(func)
    return getattr(function, "__func__", function)  # a bound method's function


def library_calls(func: Callable, names: Sequence[str], called: set[str]) -> Callable:
    """``func``, recording in ``called`` each library function of ``names`` it calls while it runs.

    ``names`` are dotted (``"scipy.special.logsumexp"``, ``"numpy.logaddexp.reduce"``,
    ``"torch.logsumexp"``), looked up among the modules imported when each run starts (and
    again as the run goes, for an import inside ``func``). What is watched:

    - a Python function by its code object (a class by its methods'), a compiled function or
      method (PyTorch's, a ufunc's ``.reduce``) by identity, both from a profile hook that
      passes every event on to the hook already set (the engine's ``watching``), so the two
      can be stacked: any route that reaches them is seen;
    - a ufunc called directly (``np.logaddexp(a, b)``, ``scipy.special.entr(p)``), which no
      hook sees, is replaced for the run by a recording stand-in, by identity, in every
      imported module (``scipy.special._ufuncs``, ``sklearn._loss.loss``, ...), the learner's
      globals, the dicts, classes and objects those hold (one level down), ``functools.partial``
      objects there, and the default arguments, keyword defaults and closures of the
      learner's function and of the functions in its globals; all is restored after the run.
      A reference hidden deeper (a dict inside a dict, a list) is not seen.

    Calls made from inside ``helpers`` (not ``helpers.exercises``), or from inside another
    watched function (``scipy.stats.entropy`` calling ``scipy.special.entr``), are not the
    learner's own and are not counted.
    """
    learner = _learner_function(func)
    learner_globals = getattr(learner, "__globals__", None) or {}

    packages = [name[:-2] for name in names if name.endswith(".*")]  # "scipy.*": all of SciPy

    def watched(*args):
        codes, compiled, undo = {}, [], []
        pending = [name for name in names if not name.endswith(".*")]
        seen_ufuncs: set[int] = set()
        modules_seen = [0]

        def counts(frame, package: str = "") -> bool:  # the learner's call, not a library's own
            if package and frame is not None:
                module = frame.f_globals.get("__name__", "") or ""
                if module == package or module.startswith(package + "."):
                    return False  # SciPy using SciPy
            return _learners(frame) and (frame is None or frame.f_code not in codes)

        def resolve():
            found = {}  # id -> (target, stand-in): patched in one pass over the namespaces
            if packages and len(sys.modules) != modules_seen[0]:  # new modules: their ufuncs
                modules_seen[0] = len(sys.modules)
                numpys = {id(v) for v in vars(sys.modules["numpy"]).values()}  # np.log2 is NumPy's
                for key, module in list(sys.modules.items()):
                    package = next((p for p in packages if key == p or key.startswith(p + ".")), "")
                    for value in list(getattr(module, "__dict__", {}).values()) if package else ():
                        if (
                            type(value).__name__ == "ufunc"
                            and id(value) not in seen_ufuncs
                            and id(value) not in numpys
                        ):
                            seen_ufuncs.add(id(value))
                            stand_in = _Recorder(
                                value,
                                package + ".*",
                                called,
                                functools.partial(counts, package=package),
                            )
                            found[id(value)] = (value, stand_in)
            for name in list(pending):
                target = _resolve(name)
                if target is None:
                    continue
                pending.remove(name)
                for code in _codes_of(target):
                    codes[code] = name
                if getattr(target, "__code__", None) is None and not isinstance(target, type):
                    if type(target).__name__ == "builtin_function_or_method":
                        compiled.append((target, name))
                    elif callable(target):
                        seen_ufuncs.add(id(target))
                        found[id(target)] = (target, _Recorder(target, name, called, counts))
            if found:
                patch(found)

        def swap(place, key, stand_in):
            if isinstance(place, dict):
                undo.append(functools.partial(place.__setitem__, key, place[key]))
                place[key] = stand_in
            else:  # a class or an object: its attribute
                undo.append(functools.partial(setattr, place, key, place.__dict__[key]))
                setattr(place, key, stand_in)

        def patch(found):
            mine = learner_globals.get("__name__")
            ids = set(found)
            for module in list(
                sys.modules.values()
            ):  # every module that holds one (a C-speed test)
                space = getattr(module, "__dict__", None)
                if isinstance(space, dict) and not ids.isdisjoint(map(id, space.values())):
                    for key, value in list(space.items()):
                        if _stand_in(value, found) is not value:
                            swap(space, key, found[id(value)][1])
            places = [learner_globals]
            functions = [learner] if isinstance(learner, types.FunctionType) else []
            for value in list(learner_globals.values()):
                if isinstance(value, dict) and value is not learner_globals:
                    places.append(value)
                elif isinstance(value, type) and value.__module__ == mine:
                    places.append(value)
                elif isinstance(value, types.FunctionType) and value.__module__ == mine:
                    functions.append(value)
                elif hasattr(value, "__dict__") and not isinstance(
                    value, (types.ModuleType, type, types.FunctionType, types.MethodType, _Recorder)
                ):
                    places.append(value)  # an instance: its attributes
            for place in places:
                items = place if isinstance(place, dict) else getattr(place, "__dict__", None)
                if not isinstance(items, (dict, types.MappingProxyType)):
                    continue  # an object whose __dict__ is not a namespace
                for key, value in list(items.items()):
                    if id(value) in found and found[id(value)][0] is value:
                        swap(place, key, found[id(value)][1])
                    elif isinstance(value, functools.partial):
                        swap(place, key, _partial_with(value, found)) if _holds(
                            value, found
                        ) else None
            layer = func  # the wrappers around a partial the learner passed (quietly's closure)
            while isinstance(layer, types.FunctionType) and layer not in functions:
                functions.append(layer)
                layer = getattr(layer, "__wrapped__", None)
            for function in functions:
                defaults = function.__defaults__ or ()
                if any(id(d) in found for d in defaults):
                    undo.append(functools.partial(setattr, function, "__defaults__", defaults))
                    function.__defaults__ = tuple(_stand_in(d, found) for d in defaults)
                for key, value in list((function.__kwdefaults__ or {}).items()):
                    if id(value) in found:
                        swap(function.__kwdefaults__, key, found[id(value)][1])
                for cell in function.__closure__ or ():
                    try:
                        value = cell.cell_contents
                    except ValueError:  # an empty cell
                        continue
                    if isinstance(value, functools.partial) and _holds(value, found):
                        stand_in = _partial_with(value, found)
                    elif id(value) in found:
                        stand_in = found[id(value)][1]
                    else:
                        continue
                    undo.append(functools.partial(setattr, cell, "cell_contents", value))
                    cell.cell_contents = stand_in

        previous = sys.getprofile()

        def hook(frame, event, arg):
            if previous is not None:
                previous(frame, event, arg)
            if event == "call":
                if pending or (packages and len(sys.modules) != modules_seen[0]):
                    resolve()
                if frame.f_code in codes and counts(frame.f_back):
                    called.add(codes[frame.f_code])
                elif packages and frame.f_code.co_name != "<module>":  # importing is no call
                    module = frame.f_globals.get("__name__", "") or ""
                    for package in packages:
                        if (module == package or module.startswith(package + ".")) and counts(
                            frame.f_back, package
                        ):
                            called.add(package + ".*")
            elif event == "c_call" and counts(frame):
                for target, name in compiled:
                    if arg == target:
                        called.add(name)

        resolve()
        sys.setprofile(hook)
        try:
            return func(*args)
        finally:
            sys.setprofile(previous)
            while undo:
                undo.pop()()

    watched.__wrapped__ = func
    return watched


def _stand_in(value, found: dict):
    """``value``'s stand-in if it is one of the ``found`` targets, else ``value``."""
    target, stand_in = found.get(id(value), (None, None))
    return stand_in if target is value else value


def _holds(value: functools.partial, found: dict) -> bool:
    return any(_stand_in(v, found) is not v for v in (value.func, *value.args))


def _partial_with(value: functools.partial, found: dict) -> functools.partial:
    """``value`` with a stand-in wherever it holds a ``found`` target (its function or an argument)."""
    args = tuple(_stand_in(a, found) for a in value.args)
    return functools.partial(_stand_in(value.func, found), *args, **value.keywords)
