"""python -m index {search,list,delete,correct,councils,stats,check} — search and manage an InspectQA index."""
from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap

from errors import InspectQAError
from index.output.citation import quoted
from index.search.digest import ONLY_OLDER
from models import CORRECTABLE_FIELDS
from ofsted.grades import GRADES
from ofsted.grades import SHORT_GRADES
from ofsted.judgements import ILACS_JUDGEMENTS
from ofsted.report_types import REPORT_TYPES
from text.words import speak


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__.split(" — ")[1])
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--index", help="index folder (default: $INSPECTQA_INDEX or data/index)")
        return sub

    search = command("search", "ranked, cited passages for a question")
    search.add_argument("question", nargs="?", help="the question (omit with --jsonl)")
    search.add_argument("--k", type=int, default=10, help="how many passages (default 10)")
    search.add_argument("--model", help="embedding model (default: the one the index was built with)")
    output = search.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument("--jsonl", action="store_true", help="read questions from stdin, one per line; "
                                                             "print one JSON object per line")
    search.add_argument("--council", action="append", default=[], help="only this council (repeatable)")
    search.add_argument("--year", type=int, action="append", default=[], help="only this year (repeatable)")
    search.add_argument("--type", dest="report_types", action="append", default=[], help="only this report type")
    search.add_argument("--doc", dest="doc_ids", action="append", default=[], help="only this document id")
    search.add_argument("--grade", dest="grades", action="append", default=[], choices=GRADES,
                        help="only reports with this grade (repeatable) for --judgement")
    search.add_argument("--judgement", default="overall_effectiveness", choices=ILACS_JUDGEMENTS,
                        help="the judgement --grade applies to (default overall_effectiveness)")

    listing = command("list", "the documents in the index")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    delete = command("delete", "remove a document (by id, id prefix, file path or file name)")
    delete.add_argument("doc", help="document id, id prefix, file path or file name")
    correct = command("correct", "set a report's council, type or dates where they were read wrongly, as an editor")
    correct.add_argument("doc", help="document id, id prefix, file path or file name")
    correct.add_argument("--by", required=True, help="the name of the editor making the correction (recorded)")
    correct.add_argument("--council", help="the council, as Ofsted prints it")
    correct.add_argument("--type", dest="report_type", choices=REPORT_TYPES, help="the kind of report")
    for field in ("published", "inspection-start", "inspection-end"):
        correct.add_argument(f"--{field}", metavar="YYYY-MM-DD", help=f"the {field.replace('-', ' ')} date")
    councils = command("councils", "councils with their reports and grades")
    councils.add_argument("--json", action="store_true", help="print a JSON array")
    stats = command("stats", "counts and sizes")
    stats.add_argument("--json", action="store_true")
    command("check", "verify the index's integrity (exit 1 if damaged)")
    args = parser.parse_args(argv)
    if args.command == "correct" and not any(getattr(args, f) for f in CORRECTABLE_FIELDS):
        parser.error("give at least one of --council, --type, --published, --inspection-start, --inspection-end")
    if args.command == "search":
        if args.k < 1:
            parser.error("--k must be at least 1")
        if not args.jsonl and not args.question:
            parser.error("give a question, or --jsonl to read questions from stdin")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InspectQAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped early (`… | head -1`): end quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def run_search(args: argparse.Namespace) -> int:
    from index.opening import index_path, open_for_search
    from index.search.searcher import Filters

    searcher = open_for_search(index_path(args.index), args.model)
    filters = Filters(tuple(args.council), tuple(args.year), tuple(args.report_types), tuple(args.doc_ids),
                      tuple(args.grades), args.judgement)

    def answer(question: str) -> dict:
        response = searcher.ask(question, filters, k=args.k)
        return {**response.to_dict(), "latency_ms": round(response.seconds * 1000, 2)}

    if args.jsonl:
        for line in sys.stdin:
            question = line.rstrip("\n")
            print(json_line(answer(question)), flush=True)
        return 0
    result = answer(args.question)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_results(result)
    return 0


def print_results(result: dict) -> None:
    print(f"Read as: {result['read_as']}\n")
    if not result["answerable"]:
        print((result["note"] + " " if result["note"] else "") + "Nothing in the library answers this question."
              + (" The closest passages:\n" if result["results"] else "\n"))
    if result["answer"]:
        answer = result["answer"]
        print(f"Answer: {answer['label']} — {answer['grade']}  ({answer['citation']})\n")
    if result["grade_list"]:
        listing = result["grade_list"]
        if listing["grade"] is None:   # the councils a rating question names, each with its grade
            print(f"{listing['label']} (each council's report for the year named, or its latest):")
        else:
            print(f"Councils judged {listing['grade']} for {listing['label'].lower()} "
                  f"(latest report with that grade):")
        for report in listing["reports"]:
            grade = f"{report['grade']:<22} " if listing["grade"] is None else ""
            print(f"  {report['council']:<28} {grade}{report['citation']}")
        print()
    if result["quote"]:
        quote = result["quote"]
        print("From the report:")
        print(textwrap.indent(textwrap.fill(quoted(' '.join(quote['text'].split())), width=100), "    "))
        print(f"    {quote['citation']}\n")
    if result["timeline"]:
        timeline = result["timeline"]
        print(f"{timeline['council']} over time: {len(timeline['entries'])} of {timeline['reports_searched']} "
              f"reports {speak(len(timeline['entries']))} to it, oldest first:")
        for entry in timeline["entries"]:
            grade = f", {entry['grade']}" if entry["grade"] else ""
            print(f"  {entry['published'] or 'undated'} · {entry['report_label']}{grade}")
            for item in entry["items"]:
                print(textwrap.indent(textwrap.fill(quoted(' '.join(item['text'].split())), width=96), "      "))
                print(f"      {item['citation']}")
        print()
    if result["digest"]:
        digest = result["digest"]
        older = f" ({digest['councils_only_older']} {ONLY_OLDER})" if digest["councils_only_older"] else ""
        print(f"What councils' reports say: {digest['councils_answering']} of {digest['councils_searched']} "
              f"councils searched {speak(digest['councils_answering'])} to it{older}, each from its "
              "latest report that does.")
        for group in digest["groups"]:
            print(f"\n  {group['label']} ({len(group['items'])})")
            for item in group["items"]:
                grade = f", {item['grade']}" if item["grade"] else ""
                print(f"    {item['council']} ({item['published'] or 'undated'}{grade}, {item['stance']})")
                print(textwrap.indent(textwrap.fill(quoted(' '.join(item['text'].split())), width=96), "      "))
                print(f"      {item['citation']}")
        print()
    if not result["results"] and result["answerable"]:
        print("No passages found. Try other words, or check the index with 'python -m index list'.")
    for hit in result["results"]:
        label = f"  [{hit['match']} match]" if hit["match"] else ""   # a report read in order has none
        print(f"{hit['rank']:>2}. {hit['citation']}{label}")
        print(textwrap.indent(textwrap.fill(" ".join(hit["text"].split()), width=100), "    "))
        print(f"    {hit['source']}\n")


# Line separators that JSON allows raw inside strings but that many line readers split on (str.splitlines,
# JSON-lines readers): escaped, so one result is always one line.
_LINE_BREAKERS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def json_line(value) -> str:
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKERS)


def run_list(args: argparse.Namespace) -> int:
    from index.opening import index_path
    from index.output.results import document_to_dict
    from index.storage.store import Store

    documents = Store.open(index_path(args.index)).documents()
    if args.json:
        print(json.dumps([document_to_dict(d) for d in documents], ensure_ascii=False, indent=2))
        return 0
    for d in documents:
        meta = d.metadata
        print(f"{d.doc_id}  {meta.published or '----------'}  {(meta.council or '-')[:24]:<24}  "
              f"{d.n_pages:>3} p  {d.n_chunks:>4} chunks  {meta.title[:70]}")
    print(f"{len(documents)} documents")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from index.opening import index_path
    from index.storage.store import Store

    store = Store.open(index_path(args.index))
    document = store.find_document(args.doc)
    with store.writer():
        store.delete_document(document.doc_id)
        store.flush_vectors()
    print(f"Deleted {document.doc_id} ({document.display_title}).")
    return 0


def run_correct(args: argparse.Namespace) -> int:
    from index.opening import index_path
    from index.output.citation import readable_date, readable_dates, set_by_editor
    from index.storage.store import Store

    store = Store.open(index_path(args.index))
    document = store.find_document(args.doc)
    with store.writer():
        document = store.correct(document.doc_id, {f: getattr(args, f) for f in CORRECTABLE_FIELDS if getattr(args, f)},
                                 args.by)
    meta = document.metadata
    print(f"Corrected {document.doc_id} ({document.display_title}): council {meta.council or 'not identified'}, "
          f"{meta.report_type}, published {readable_date(meta.published)}, inspected "
          f"{readable_dates(meta.inspection_start, meta.inspection_end) or 'on dates unknown'}; {set_by_editor(meta)}.")
    return 0


def run_councils(args: argparse.Namespace) -> int:
    from index.opening import index_path
    from index.output.compare import graded_reports
    from index.storage.store import Store

    table = []
    councils = graded_reports(Store.open(index_path(args.index)).documents())  # as the Compare page reads them
    for reports in sorted(councils.values(), key=lambda reports: reports[-1].document.metadata.council):
        table.append({"council": reports[-1].document.metadata.council, "reports": [
            {"doc_id": r.document.doc_id, "published": r.document.metadata.published,
             "report_type": r.document.metadata.report_type,
             "grades": {key: cell.grade for key, cell in r.cells.items()}} for r in reversed(reports)]})
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=2))
        return 0
    print(f"{'council':<28}{'published':<12}" + "".join(f"{k[:14]:<16}" for k in ILACS_JUDGEMENTS))
    for row in table:
        for i, report in enumerate(row["reports"]):
            name = row["council"] if i == 0 else ""
            print(f"{name[:27]:<28}{report['published'] or '-':<12}"
                  + "".join(f"{SHORT_GRADES.get(report['grades'].get(k), '-'):<16}" for k in ILACS_JUDGEMENTS))
    print(f"{len(table)} councils")
    return 0


def _passage_embedding(model: str) -> str:
    """How this machine embeds passages for new documents: measured at its first ingest (passage_path)."""
    from index.storage import onnx_model, passage_path

    files = onnx_model.model_files(model)
    if files is None:
        return "torch fp32 (sentence-transformers; only the bundled model has faster ways)"
    chosen = passage_path.remembered(files[0].parent)
    return chosen.describe() if chosen else "not measured yet on this machine (the next ingest measures it)"


def run_stats(args: argparse.Namespace) -> int:
    from index.opening import index_path
    from index.storage.store import Store

    stats = Store.open(index_path(args.index)).stats()
    stats["passage_embedding"] = _passage_embedding(stats["model"])
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():
            print(f"{key:>17}: {value}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from index.opening import index_path
    from index.storage.store import Store

    problems = Store.open(index_path(args.index)).check()
    for problem in problems:
        print(f"problem: {problem}")
    print("The index is sound." if not problems else f"{len(problems)} problems found; rebuild the index.")
    return 1 if problems else 0


COMMANDS = {"search": run_search, "list": run_list, "delete": run_delete, "correct": run_correct, "councils": run_councils,
            "stats": run_stats, "check": run_check}

if __name__ == "__main__":
    sys.exit(main())
