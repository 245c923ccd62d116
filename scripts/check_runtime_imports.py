"""Install requirements.txt alone in a fresh venv and import every module of quotes/ and newsroom/.

A module that needs a package only requirements-dev.txt installs works in the development venv
and fails in production; this catches it before the suite runs. Usage (from .ci/run):
    python3 scripts/check_runtime_imports.py
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
import tempfile
import traceback
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("newsroom", "quotes")
INSIDE = "--inside-runtime-venv"


def import_every_module() -> int:
    """Import each module of PACKAGES; print the failures; return how many failed."""
    import django

    django.setup()
    names = list(PACKAGES)
    for package in PACKAGES:
        path = [str(ROOT / package)]
        names += [info.name for info in pkgutil.walk_packages(path, prefix=f"{package}.")]
    failures = 0
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            failures += 1
            print(f"cannot import {name} with requirements.txt alone:", file=sys.stderr)
            traceback.print_exc()
    print(f"{len(names) - failures} of {len(names)} modules import with requirements.txt alone")
    return failures


def main() -> int:
    if INSIDE in sys.argv:
        return 1 if import_every_module() else 0
    with tempfile.TemporaryDirectory(prefix="runtime-venv-") as folder:
        venv.create(folder, with_pip=True)
        python = str(Path(folder) / "bin" / "python")
        install = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*install, "-r", str(ROOT / "requirements.txt")], check=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "true",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("DATABASE_URL", None)
        return subprocess.run([python, __file__, INSIDE], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
