"""The queue's data and pure modules work without the UI, like the rest of the store."""

from __future__ import annotations

import subprocess
import sys

BLOCK_TEXTUAL = """
import sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("blocked: " + name)
        return None

sys.meta_path.insert(0, Block())
import sms_tui.queue_views, sms_tui.clock_text, sms_tui.store.queue
print("ok")
"""


def test_queue_views_clock_text_and_store_queue_import_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
