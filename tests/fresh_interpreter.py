"""Run code blocks the way a reader does: each in a brand-new interpreter state.

Reads a JSON list of {"code", "filename"} on stdin and writes a JSON list of
{"stdout", "error"} to stdout. One interpreter imports torch and numpy once (the slow part), then
forks a child per block, so each block starts from that pristine state with an empty namespace.
"""

import io
import json
import os
import sys
import traceback

import numpy  # noqa: F401  imported once so every forked child starts warm
import torch  # noqa: F401


def run_in_child(code: str, filename: str) -> dict:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        captured = io.StringIO()
        sys.stdout = captured
        error = None
        try:
            exec(compile(code, filename, "exec"), {"__name__": "__main__"})
        except BaseException:
            error = traceback.format_exc()
        with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
            json.dump({"stdout": captured.getvalue(), "error": error}, pipe)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        result = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(result) if result else {"stdout": "", "error": "the child died"}


if __name__ == "__main__":
    blocks = json.load(sys.stdin)
    results = [run_in_child(block["code"], block["filename"]) for block in blocks]
    sys.__stdout__.write(json.dumps(results))
