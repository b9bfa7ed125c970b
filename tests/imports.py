"""Which modules a chain of code blocks reaches by attribute without importing them.

The build runs a snippet in a worker that has imported more than the snippet does
(TensorFlow, Keras, Matplotlib's pyplot, and whatever the snippets before it
imported). There, ``import sklearn`` then ``sklearn.datasets.load_digits()`` works
because ``sklearn.datasets`` is already loaded; in a reader's fresh interpreter it
raises ``AttributeError``. :func:`unimported_modules_of` finds such uses: each dotted
name rooted at an imported module whose prefix is a submodule the chain does not
import (``tf.data``, ``sklearn.datasets``) is looked up for real in a fresh
interpreter, first after the one import statement that binds its first name (one
interpreter per such statement, for all the chains at once: importing more can only
make more names resolve), then, if it is still missing, after all the chain's import
statements. What a package loads on import or provides lazily (``tf.keras``) passes.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

# In a fresh interpreter, after import statements: print each expression that does not evaluate
_LOOK_UP = "for _expression in {expressions!r}:\n    try:\n        eval(_expression)\n    except AttributeError:\n        print(_expression)\n"
_ENVIRONMENT = {"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "3"}


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


@dataclass
class _Candidates:
    """What a chain reaches through a module without importing it, before the look-up."""

    modules: dict[str, str]  # expression in the chain -> the submodule it names
    binding: dict[str, str]  # expression -> the import statement that binds its first name
    imports: str  # every import statement of the chain


def _candidates(blocks: tuple[str, ...]) -> _Candidates:
    trees = [ast.parse(code) for code in blocks]
    imported, bound = set(), {}  # modules the imports name; name -> (the module bound to it, the statement binding it)
    for node in (node for tree in trees for node in ast.walk(tree)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported.add(alias.name)
                module = alias.name if alias.asname else alias.name.split(".")[0]
                bound[alias.asname or module] = (module, ast.unparse(ast.Import(names=[alias])))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module)
            for alias in node.names:
                if _is_module(f"{node.module}.{alias.name}"):
                    imported.add(f"{node.module}.{alias.name}")
                    bound[alias.asname or alias.name] = (f"{node.module}.{alias.name}",
                                                         ast.unparse(ast.ImportFrom(node.module, [alias], 0)))
    found = _Candidates({}, {}, "".join(ast.unparse(node) + "\n" for tree in trees for node in ast.walk(tree)
                                        if isinstance(node, (ast.Import, ast.ImportFrom))))
    for node in (node for tree in trees for node in ast.walk(tree)):
        dotted = _dotted(node) if isinstance(node, ast.Attribute) else None
        if not dotted or dotted[0] not in bound:
            continue
        module, statement = bound[dotted[0]]
        for depth, attribute in enumerate(dotted[1:], start=2):
            module = f"{module}.{attribute}"
            if not _is_module(module):
                break
            if module not in imported:
                expression = ".".join(dotted[:depth])
                found.modules.setdefault(expression, module)
                found.binding[expression] = statement
    return found


def _unresolved(imports: str, expressions: Iterable[str]) -> set[str]:
    """The expressions that raise ``AttributeError`` in a fresh interpreter after ``imports``."""
    result = subprocess.run([sys.executable, "-c", imports + _LOOK_UP.format(expressions=sorted(expressions))],
                            capture_output=True, text=True, env=_ENVIRONMENT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return set(result.stdout.split())


def unimported_modules_of(chains: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], list[str]]:
    """For each chain, the submodules it uses as ``package.submodule...`` that a fresh interpreter would not
    have loaded."""
    found = {blocks: _candidates(blocks) for blocks in chains}
    asked = defaultdict(set)  # import statement -> the expressions to look up after it alone
    for candidates in found.values():
        for expression, statement in candidates.binding.items():
            asked[statement].add(expression)
    unresolved = {statement: _unresolved(statement + "\n", expressions) for statement, expressions in asked.items()}
    result = {}
    for blocks, candidates in found.items():
        left = {expression for expression, statement in candidates.binding.items() if expression in unresolved[statement]}
        if left:  # not there after its own import: maybe after another of the chain's
            left = _unresolved(candidates.imports, left)
        result[blocks] = sorted(candidates.modules[expression] for expression in left)
    return result


def unimported_modules(blocks: tuple[str, ...]) -> list[str]:
    """Submodules one chain uses as ``package.submodule...`` that a fresh interpreter would not have loaded."""
    return unimported_modules_of([blocks])[blocks]
