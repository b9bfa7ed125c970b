"""Which modules a chain of code blocks reaches by attribute without importing them.

The build runs a snippet in a worker that has imported more than the snippet does
(TensorFlow, Keras, Matplotlib's pyplot, and whatever the snippets before it
imported). There, ``import sklearn`` then ``sklearn.datasets.load_digits()`` works
because ``sklearn.datasets`` is already loaded; in a reader's fresh interpreter it
raises ``AttributeError``. :func:`unimported_modules` finds such uses: each dotted
name rooted at an imported module whose prefix is a submodule that neither the
chain imports nor a fresh interpreter loads when it runs the chain's imports. A
package may still provide such a name lazily (``tf.keras``, ``tf.data``): each
candidate is then looked up for real, in a fresh interpreter that ran the chain's
import statements only.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import json
import subprocess
import sys

# In a fresh interpreter: import one module, print every module then loaded
_LOADED_BY = "import json, sys\nimport {name}\nprint(json.dumps(sorted(sys.modules)))\n"
# In a fresh interpreter, after the chain's import statements: print each expression that does not evaluate
_LOOK_UP = "for _expression in {expressions!r}:\n    try:\n        eval(_expression)\n    except AttributeError:\n        print(_expression)\n"
_ENVIRONMENT = {"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "3"}


@functools.cache
def loaded_by(name: str) -> frozenset[str]:
    """Every module a fresh interpreter has loaded after ``import name`` (nothing if there is no such module)."""
    result = subprocess.run([sys.executable, "-c", _LOADED_BY.format(name=name)], capture_output=True, text=True,
                            env=_ENVIRONMENT, timeout=300)
    return frozenset(json.loads(result.stdout)) if result.returncode == 0 else frozenset()


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a parent that is not a package
        return False


def _dotted(node: ast.Attribute) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else None


def unimported_modules(blocks: tuple[str, ...]) -> list[str]:
    """Submodules the chain uses as ``package.submodule...`` that a fresh interpreter would not have loaded."""
    trees = [ast.parse(code) for code in blocks]
    imported, bound = set(), {}  # modules the chain's import statements name; names bound to a module
    for node in (node for tree in trees for node in ast.walk(tree)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported.add(alias.name)
                bound[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module)
            for alias in node.names:
                if _is_module(f"{node.module}.{alias.name}"):
                    imported.add(f"{node.module}.{alias.name}")
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    loaded = set().union(*(loaded_by(name) for name in imported))  # importing a.b loads a and a.b
    candidates = {}  # expression in the chain -> the submodule it names
    for node in (node for tree in trees for node in ast.walk(tree)):
        dotted = _dotted(node) if isinstance(node, ast.Attribute) else None
        if not dotted or dotted[0] not in bound:
            continue
        module = bound[dotted[0]]
        for depth, attribute in enumerate(dotted[1:], start=2):
            module = f"{module}.{attribute}"
            if not _is_module(module):
                break
            if module not in loaded:
                candidates.setdefault(".".join(dotted[:depth]), module)
    if not candidates:
        return []
    imports = "".join(ast.unparse(node) + "\n" for tree in trees for node in ast.walk(tree)
                      if isinstance(node, (ast.Import, ast.ImportFrom)))
    result = subprocess.run([sys.executable, "-c", imports + _LOOK_UP.format(expressions=sorted(candidates))],
                            capture_output=True, text=True, env=_ENVIRONMENT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return [candidates[expression] for expression in result.stdout.split()]
