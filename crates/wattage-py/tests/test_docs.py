"""Every public name has a docstring; the stubs cover the native module."""

import inspect
import pathlib

import wattage as w
from wattage import _wattage


def test_every_public_name_has_a_docstring():
    missing = []
    for name in w.__all__:
        obj = getattr(w, name)
        if isinstance(obj, (list, str)):
            continue
        if not (inspect.getdoc(obj) or "").strip():
            missing.append(name)
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if callable(member) or isinstance(member, (staticmethod, property)) or hasattr(member, "__get__"):
                    doc = getattr(getattr(obj, attr), "__doc__", None)
                    if not isinstance(getattr(obj, attr), (str, list)) and not (doc or "").strip():
                        missing.append(f"{name}.{attr}")
    assert not missing, missing


def test_stubs_name_every_native_export():
    stub = (pathlib.Path(w.__file__).parent / "_wattage.pyi").read_text()
    native = [n for n in dir(_wattage) if not n.startswith("_")]
    missing = [n for n in native if f"def {n}(" not in stub and f"class {n}(" not in stub and f"class {n}:" not in stub and f"{n}:" not in stub]
    assert not missing, missing
