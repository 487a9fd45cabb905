"""python -m ingest PATH [PATH ...] --index DIR [--ray [ADDRESS]] — add reports to an index.

Exit status: 0 when every file went in (or was already there), 1 when some file failed, 2 when
nothing could start or go on (bad arguments, an index built with another model, another writer holding
the index past the wait).
"""
from __future__ import annotations

import argparse
import sys

from errors import InspectQAError, shown_path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="files (.pdf .docx .txt .md) or folders, searched recursively")
    parser.add_argument("--index", help="index folder (default: $INSPECTQA_INDEX or data/index)")
    parser.add_argument("--model", help="embedding model (default: the index's own, else $INSPECTQA_MODEL, "
                                        "else the bundled all-MiniLM-L6-v2)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--ray", nargs="?", const="local", metavar="ADDRESS",
                        help="read and embed on Ray workers: a local Ray without ADDRESS; 'auto' or "
                             "ray://host:10001 to join a cluster (needs requirements-ray.txt)")
    parser.add_argument("--workers", type=int, help="with --ray: how many workers (default: one per CPU)")
    args = parser.parse_args(argv)
    if args.workers is not None and (args.ray is None or args.workers < 1):
        parser.error("--workers needs --ray and a number of at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from tqdm import tqdm

    from index.opening import index_path, open_for_writing
    from ingest.pipeline import FileStatus, find_files, ingest_paths

    try:
        store, embedder = open_for_writing(index_path(args.index), args.model)
    except InspectQAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total = sum(1 for _ in find_files(args.paths))
    with tqdm(total=total, unit="file", disable=args.quiet, file=sys.stderr, dynamic_ncols=True) as bar:
        def on_file(outcome):
            bar.update(1)
            bar.set_postfix_str(shown_path(outcome.path.rsplit("/", 1)[-1][-40:]))
            if outcome.status == FileStatus.FAILED:
                bar.write(f"failed: {outcome.message}", file=sys.stderr)

        try:
            if args.ray is None:
                report = ingest_paths(args.paths, store, embedder, on_file=on_file)
            else:
                from ingest.distributed import ingest_paths_on_ray

                report = ingest_paths_on_ray(args.paths, store, embedder.name, None if args.ray == "local" else args.ray,
                                             args.workers, on_file=on_file)
        except InspectQAError as exc:  # the index is busy past the wait, or no reader process could start
            bar.write(f"error: {exc}", file=sys.stderr)
            return 2
    print(report.summary())
    if (path := getattr(embedder, "passage_path", None)) is not None:
        print(f"passages embedded with {path.describe()}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
