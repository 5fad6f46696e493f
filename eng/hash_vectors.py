"""Computes the content-hash test vectors in test/AzureMlflow.Deploy.Tests/Upload/ContentHashTests.cs.

An independent implementation of the hash the Python SDK (azure-ai-ml get_object_hash) and CLI v2 name uploads with:
MD5 seeded with a fixed phrase; a file contributes its bytes; a folder contributes, for each entry in order of the
lower-cased path, the entry's name and then its bytes (file) or its own entries (folder), skipping ignored entries;
ignore rules are gitwildmatch patterns matched against the path relative to the root. It builds the same folder as the
test's CreateVectorFolder and prints one line per vector.

Run with Debian's Python and pathspec: apt-get install -y python3-pathspec; /usr/bin/python3 eng/hash_vectors.py
"""
import hashlib
import tempfile
from pathlib import Path

import pathspec

SEED = b"Initialize for october 2021 AML CLI version"


def object_hash(path: Path, root: Path, spec) -> str:
    digest = hashlib.md5(SEED)
    if path.is_dir():
        _hash_dir(digest, path, root, spec)
    else:
        _hash_file(digest, path)
    return digest.hexdigest()


def _hash_dir(digest, directory: Path, root: Path, spec) -> None:
    for entry in sorted(directory.iterdir(), key=lambda p: str(p).lower()):
        if spec is not None and spec.match_file(str(entry.relative_to(root))):
            continue
        digest.update(entry.name.encode())
        if entry.is_file():
            _hash_file(digest, entry)
        elif entry.is_dir():
            _hash_dir(digest, entry, root, spec)


def _hash_file(digest, file: Path) -> None:
    with open(file, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024), b""):
            digest.update(chunk)


def build(root: Path) -> Path:
    model = root / "model"
    (model / "sub" / "deeper").mkdir(parents=True)
    (model / "Zeta").mkdir()
    (model / "MLmodel").write_text("flavors: {}\n")
    (model / "B.txt").write_text("upper")
    (model / "a.txt").write_text("lower")
    (model / "conda.yaml").write_bytes(b"")
    (model / "sub" / "Nested.bin").write_bytes(bytes(range(256)))
    (model / "sub" / "deeper" / "é.txt").write_text("accent", encoding="utf-8")
    (model / "Zeta" / "x").write_text("z")
    return model


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        model = build(Path(temp))
        gitignore = lambda *patterns: pathspec.PathSpec.from_lines("gitwildmatch", patterns)
        print("folder, no ignore rules:", object_hash(model, model, None))
        print("sub/Nested.bin alone:   ", object_hash(model / "sub" / "Nested.bin", model, None))
        print("folder, ignore 'sub/':  ", object_hash(model, model, gitignore("sub/")))
        print("folder, ignore 'sub':   ", object_hash(model, model, gitignore("sub")))


if __name__ == "__main__":
    main()
