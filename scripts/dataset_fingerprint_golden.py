#!/usr/bin/python3
"""Dataset fingerprints computed in Python from the layout DatasetFingerprint's Javadoc documents, for
data.DatasetFingerprintTest.

Run from the project root:

    /usr/bin/python3 scripts/dataset_fingerprint_golden.py

It builds the dataset of src/test/resources/data/fingerprint-fixture.json in a temp folder (each file with its
content as UTF-8 and its modification time; a null content is a missing file), computes both fingerprints with
hashlib and os.stat, and writes src/test/resources/data/fingerprint-golden.json. Nothing here reads Java's output.
"""
import hashlib
import json
import os
import tempfile

FIXTURE = "src/test/resources/data/fingerprint-fixture.json"
GOLDEN = "src/test/resources/data/fingerprint-golden.json"
SPLITS = ["train", "valid", "test"]


def escaped(name):
    return name.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def file_field(path, method):
    if not os.path.exists(path):
        return "missing"
    if method == "sha256":
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    st = os.stat(path)
    return "%d\t%d" % (st.st_size, st.st_mtime_ns // 10**9)


def split_fingerprint(fixture, root, split, method):
    head = "tagbench-dataset-fingerprint\t1\t%s\n" % method
    head += "tags" + "".join("\t" + escaped(t) for t in fixture["tags"]) + "\n"
    head += "split\t%s\n" % split
    lines = []
    for track in fixture["tracks"]:
        if track["split"] != split:
            continue
        labels = "".join("1" if v else "0" for v in track["labels"])
        line = "%s\t%s\t%s\n" % (escaped(track["id"]), labels, file_field(os.path.join(root, track["file"]), method))
        lines.append(line.encode("utf-8"))
    data = head.encode("utf-8") + b"".join(sorted(lines))
    return hashlib.sha256(data).hexdigest()


def fingerprint(fixture, root, method):
    splits = {s: split_fingerprint(fixture, root, s, method) for s in SPLITS}
    overall = "".join("%s\t%s\n" % (s, splits[s]) for s in SPLITS)
    return {"method": method, "dataset": hashlib.sha256(overall.encode("utf-8")).hexdigest(), "splits": splits}


def main():
    with open(FIXTURE, encoding="utf-8") as f:
        fixture = json.load(f)
    with tempfile.TemporaryDirectory() as root:
        for track in fixture["tracks"]:
            if track["content"] is None:
                continue
            path = os.path.join(root, track["file"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(track["content"].encode("utf-8"))
            os.utime(path, ns=(track["mtime"] * 10**9 + 123456789, track["mtime"] * 10**9 + 987654321))
        golden = {m: fingerprint(fixture, root, m) for m in ["size-mtime", "sha256"]}
    with open(GOLDEN, "w", encoding="utf-8") as f:
        json.dump(golden, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
