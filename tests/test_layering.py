"""The data layer must work without the UI: store/ and the pure modules never import Textual."""

from __future__ import annotations

import subprocess
import sys

BLOCK_TEXTUAL = """
import importlib, pkgutil, sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("blocked: " + name)
        return None

sys.meta_path.insert(0, Block())
import sms_tui.store as store
for module in pkgutil.walk_packages(store.__path__, "sms_tui.store."):
    importlib.import_module(module.name)
for name in ("sms_tui.models", "sms_tui.sla", "sms_tui.changes", "sms_tui.scheduling", "sms_tui.impact", "sms_tui.matching", "sms_tui.safe_text", "sms_tui.identity", "sms_tui.config", "sms_tui.demo"):
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
print("ok")
"""


def test_store_and_pure_modules_import_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
