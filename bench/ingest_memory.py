"""Ingest memory and speed, the whole process tree: driver, reader child, Ray workers and services.

    .venv/bin/python -m bench.ingest_memory FOLDER [FOLDER ...] [--ray 1 2] [--peer] [--repeat 2]
    .venv/bin/python -m bench.ingest_memory --hostile        # the files of tests/hostile.py, built in a temporary folder

Each run is `python -m ingest FOLDER --index NEW_DIR` (plus `--ray --workers N`) in a subprocess; every
SAMPLE_S the resident memory of it and all its descendants is read from /proc and summed, in total and
per role. A process's role is read from its command line; one of no known kind counts in its parent's
role (tesseract in the reader's, a Ray helper in Ray's), or as "other" under the driver (multiprocessing's
resource tracker). RSS counts pages shared between processes once per process, so
the totals are an upper bound. `--peer` also builds the naive dense peer (bench.peers_systems dense:
pypdf, 1000/200-character chunks, torch fp32) on the same folder, alternating with ours, so both see the
same machine load. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT
from index.storage.passage_path import cpu_model_and_flags

SAMPLE_S = 0.2
SCANNED_PAGES = 2
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20
ROLES = ("driver", "reader", "ray worker", "ray services", "other")
SUMMARY = re.compile(r"(\d+) pages, (\d+) chunks in ([\d.]+) s")


@dataclass
class Run:
    label: str
    folder: str
    pages: int = 0
    chunks: int = 0
    seconds: float = 0.0
    wall_s: float = 0.0
    cpu_s: float = 0.0            # user + system seconds of the whole tree: less noisy than time on a shared machine
    peak_total_mb: float = 0.0
    peak_by_role: dict[str, float] = field(default_factory=dict)
    failed_lines: int = 0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def _children() -> dict[int, list[int]]:
    """Every process's children, read from /proc in one pass."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rfind(")") + 2:].split()[1])
            tree.setdefault(parent, []).append(int(entry))
    return tree


def _role(pid: int, root: int, inherited: str) -> str:
    if pid == root:
        return "driver"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return inherited
    if "spawn_main" in command:
        return "reader"
    if "ray::" in command or "default_worker.py" in command:
        return "ray worker"
    if "raylet" in command or "gcs_server" in command or "/ray/" in command:
        return "ray services"
    return inherited


def _rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_MB
    except (OSError, IndexError, ValueError):
        return 0.0


def sample(root: int) -> dict[str, float]:
    """Resident MB per role of root and all its descendants, now."""
    tree, totals = _children(), dict.fromkeys(ROLES, 0.0)
    stack = [(root, "driver")]
    while stack:
        pid, parent_role = stack.pop()
        role = _role(pid, root, "other" if parent_role == "driver" else parent_role)
        totals[role] += _rss_mb(pid)
        stack += [(child, role) for child in tree.get(pid, [])]
    return totals


def measure(command: list[str], label: str, folder: str) -> tuple[Run, str]:
    """Run command, sampling its process tree until it ends; the run's figures and its output."""
    run = Run(label, folder)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "HF_HUB_OFFLINE": "1"})
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    while process.poll() is None:
        now = sample(process.pid)
        run.peak_total_mb = max(run.peak_total_mb, sum(now.values()))
        for role, mb in now.items():
            run.peak_by_role[role] = max(run.peak_by_role.get(role, 0.0), mb)
        time.sleep(SAMPLE_S)
    reader.join()
    run.wall_s = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run.cpu_s = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    text = "".join(output)
    run.failed_lines = text.count("failed: ")
    return run, text


def ours(folder: str, workers: int | None, scratch: Path) -> Run:
    index = Path(tempfile.mkdtemp(dir=scratch)) / "index"
    command = [sys.executable, "-m", "ingest", folder, "--index", str(index), "--quiet"]
    if workers:
        command += ["--ray", "--workers", str(workers)]
    run, text = measure(command, f"ours, Ray {workers} worker{'s' * (workers > 1)}" if workers else "ours", folder)
    if (found := SUMMARY.search(text)) is None:
        raise RuntimeError(f"no summary from {' '.join(command)}:\n{text[-2000:]}")
    run.pages, run.chunks, run.seconds = int(found[1]), int(found[2]), float(found[3])
    return run


def peer(folder: str, scratch: Path) -> Run:
    """The naive dense peer's build, timed as bench.peers times it (model loaded before the clock)."""
    out = Path(tempfile.mkdtemp(dir=scratch))
    questions = out / "one.txt"
    questions.write_text("how is supervision of social workers?\n")
    command = [sys.executable, "-m", "bench.peers_systems", "dense", "--corpus", folder,
               "--questions", str(questions), "--out", str(out)]
    run, text = measure(command, "naive dense peer", folder)
    stats = json.loads((out / "stats.json").read_text())
    run.pages, run.chunks, run.seconds = stats["pages"], stats["chunks"], stats["ingest_s"]
    return run


def hostile_folder(scratch: Path) -> str:
    """tests/hostile.py's files, plus the largest inputs that go in: text just under the reader's limit (its
    paragraphs repeat, so it costs memory rather than embedding time) and scanned A4 pages for Tesseract."""
    from tests import hostile
    from ingest.worker import MAX_TEXT_CHARS

    folder = scratch / "hostile"
    hostile.build(folder)
    (folder / "good.pdf").write_bytes(hostile.good_pdf())
    paragraph = (hostile.BODY + "\n\n").encode()
    (folder / "just-under-the-text-limit.txt").write_bytes(paragraph * (MAX_TEXT_CHARS // len(paragraph) - 1))
    (folder / "scanned-a4-300dpi.pdf").write_bytes(scanned_a4(SCANNED_PAGES))
    return str(folder)


def scanned_a4(pages: int) -> bytes:
    """Image-only A4 pages at 300 dpi, as an office scanner makes them: 60 lines of text each."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    font, images = ImageFont.load_default(size=40), []
    for number in range(1, pages + 1):
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        for row in range(60):
            draw.text((150, 150 + row * 54), f"Page {number}, line {row}: social workers receive regular "
                                             "supervision and care leavers have personal advisers.", fill=0, font=font)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=300, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def table(runs: list[Run]) -> str:
    roles = [role for role in ROLES if any(r.peak_by_role.get(role, 0) >= 1 for r in runs)]
    lines = ["| folder | run | pages | passages | ingest s | pages/s | CPU s | peak total MB | "
             + " | ".join(f"peak {role} MB" for role in roles) + " |",
             "|---|---|---|---|---|---|---|---|" + "---|" * len(roles)]
    for r in runs:
        lines.append(f"| {Path(r.folder).name} | {r.label} | {r.pages} | {r.chunks} | {r.seconds:.1f} | "
                     f"{r.pages_per_s:.1f} | {r.cpu_s:.0f} | {r.peak_total_mb:.0f} | "
                     + " | ".join(f"{r.peak_by_role.get(role, 0):.0f}" for role in roles) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest_memory", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", help="folders to ingest, each into a new index")
    parser.add_argument("--hostile", action="store_true", help="also the hostile files of tests/hostile.py")
    parser.add_argument("--ray", type=int, nargs="*", default=[], metavar="WORKERS",
                        help="also ingest with --ray and this many workers (several numbers: one run each)")
    parser.add_argument("--no-plain", action="store_true", help="only the --ray runs")
    parser.add_argument("--peer", action="store_true", help="also build the naive dense peer, alternating with ours")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (timings on a shared machine wander)")
    parser.add_argument("--out", type=Path, help="also write the runs as JSON here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="inspectqa-ingest-memory-") as scratch_name:
        scratch = Path(scratch_name)
        folders = [str(Path(f).resolve()) for f in args.folders] + ([hostile_folder(scratch)] if args.hostile else [])
        runs = []
        for folder in folders:
            for _ in range(args.repeat):
                for workers in ([] if args.no_plain else [None]) + args.ray:
                    runs.append(ours(folder, workers, scratch))
                    print(table(runs[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
                if args.peer:
                    runs.append(peer(folder, scratch))
                    print(table(runs[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(f"CPU: {cpu_model_and_flags()[0]}, {os.cpu_count()} cores")
    print(table(runs))
    if args.out:
        args.out.write_text(json.dumps([{**vars(r), "pages_per_s": r.pages_per_s} for r in runs], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
