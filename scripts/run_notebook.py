#!/usr/bin/python3
"""Execute one notebook on the tslab kernel and print a JSON report on stdout.

Usage: run_notebook.py NOTEBOOK [--cwd DIR] [--output EXECUTED.ipynb] [--cell-timeout SECONDS]

The kernel's working directory is --cwd (default: the notebook's folder); JUPYTER_PATH must name
the folder where the tslab kernel is registered (scripts/setup.sh does it under .jupyter/).

tslab reports an error only as stderr text with an execute_reply of status "error", and answers
requests arriving within 200 ms of a failed cell with status "abort" without running them (or
runs them, when the machine is slow: timing decides). So the runner stops at the first cell whose
reply is not "ok" and reports the cells after it as "not-sent"; and a code cell counts as run only
if its reply says "ok" or "error" and the kernel's execution counter advanced by one. A cell that
wrote to stderr, or produced an error output, counts as failed.

Report: {"notebook", "ok", "kernel_start_s", "total_s", "problems": [str], "cells": [{"index",
"first_line", "status": ok|error|abort|no-reply|timeout|not-sent|empty, "ran", "ok", "execution_count",
"stdout", "stderr", "errors", "elapsed_s"}]}. Exit status 0 when ok, 1 when not.
"""

import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()
    return ""


def run(path, cwd, output, cell_timeout):
    started = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    replies = {}

    def on_executed(cell, cell_index, execute_reply):
        replies[cell_index] = execute_reply.get("content", {})

    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=cell_timeout,
        allow_errors=True,
        resources={"metadata": {"path": cwd}},
        on_cell_executed=on_executed,
    )
    cells, problems = [], []
    kernel_start = None
    with client.setup_kernel():
        kernel_start = time.monotonic() - started
        stop = False
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            entry = {"index": index, "first_line": first_line(cell.source), "status": "no-reply",
                     "ran": False, "ok": False, "execution_count": None,
                     "stdout": "", "stderr": "", "errors": [], "elapsed_s": 0.0}
            cells.append(entry)
            if not cell.source.strip():
                entry.update(status="empty", ok=True)
                continue
            if stop:
                entry["status"] = "not-sent"
                continue
            t0 = time.monotonic()
            try:
                client.execute_cell(cell, index)
            except CellTimeoutError:
                entry["status"] = "timeout"
                entry["errors"].append(f"cell timed out after {cell_timeout} s")
                stop = True
            except DeadKernelError as exc:
                entry["status"] = "no-reply"
                entry["errors"].append(f"kernel died: {exc}")
                stop = True
            entry["elapsed_s"] = round(time.monotonic() - t0, 3)
            reply = replies.get(index)
            if reply is not None:
                entry["status"] = reply.get("status", "no-reply")
                entry["execution_count"] = reply.get("execution_count")
                cell.execution_count = entry["execution_count"]  # tslab sends no execute_input
            stop = stop or entry["status"] != "ok"
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream":
                    entry[out.get("name") == "stderr" and "stderr" or "stdout"] += out.get("text", "")
                elif out.get("output_type") == "error":
                    entry["errors"].append(f"{out.get('ename', '')}: {out.get('evalue', '')}".strip(": "))
            if entry["status"] == "error" and not entry["errors"] and not entry["stderr"]:
                entry["errors"].append("the kernel reported an error without any message")

    # A cell ran only if the kernel's counter advanced by exactly one from the previous run cell.
    expected_count = 1
    for entry in cells:
        if entry["status"] not in ("ok", "error"):
            continue
        if entry["execution_count"] == expected_count:
            entry["ran"] = True
            expected_count += 1
        else:
            problems.append(f"cell {entry['index']}: execution_count {entry['execution_count']}, "
                            f"expected {expected_count}")
            if entry["execution_count"] is not None:
                expected_count = entry["execution_count"] + 1
    for entry in cells:
        if entry["status"] != "empty":
            entry["ok"] = entry["ran"] and entry["status"] == "ok" and not entry["stderr"] \
                and not entry["errors"]

    if output:
        nbformat.write(nb, output)
    return {
        "notebook": path,
        "ok": all(c["ok"] for c in cells) and not problems,
        "kernel_start_s": round(kernel_start or 0.0, 3),
        "total_s": round(time.monotonic() - started, 3),
        "problems": problems,
        "cells": cells,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--cwd", help="kernel working directory (default: the notebook's folder)")
    parser.add_argument("--output", help="write the executed notebook here")
    parser.add_argument("--cell-timeout", type=int, default=60)
    args = parser.parse_args()
    if not os.environ.get("JUPYTER_PATH"):
        print("run_notebook.py: JUPYTER_PATH is not set (run scripts/setup.sh)", file=sys.stderr)
        return 2
    cwd = os.path.abspath(args.cwd or os.path.dirname(os.path.abspath(args.notebook)))
    report = run(args.notebook, cwd, args.output, args.cell_timeout)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
