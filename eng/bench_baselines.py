#!/usr/bin/env python3
"""Python baselines of the payload benchmarks (issue 7), run by eng/bench.sh with Debian's python3 and python3-pandas.

Reads the data the benchmark program exported (--export-data DIR) and times, for each workload, building the same
request body as the SDK: json.dumps of the same lists (what a Python client writes by hand) and pandas
DataFrame.to_json(orient="split", double_precision=15) (15 is pandas' maximum). The lists and DataFrames are built
before timing, as the .NET baselines' object graphs are. Writes DIR/python.json: seconds (best of a few runs) and
body sizes per workload and baseline.

usage: bench_baselines.py DATA_DIR [--quick]
"""
import json
import platform
import sys
import time

import numpy as np
import pandas as pd

COLUMNS = 10


def best_of(runs, fn):
    best, size = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
        size = len(out)
    return {"seconds": best, "bytes": size}


def dataframe(path, runs):
    values = np.fromfile(path, dtype="<f8").reshape(-1, COLUMNS)
    names = ["f%d" % i for i in range(COLUMNS)]
    rows = values.tolist()
    index = list(range(len(rows)))
    frame = pd.DataFrame(values, columns=names)
    return {
        "json_dumps": best_of(runs, lambda: json.dumps({"input_data": {"columns": names, "data": rows, "index": index}}, separators=(",", ":"))),
        "pandas": best_of(runs, lambda: '{"input_data":' + frame.to_json(orient="split", double_precision=15) + "}"),
    }


def tensor(path, runs):
    values = np.fromfile(path, dtype="<f4").reshape(-1, 28, 28)
    nested = values.tolist()  # what MLflow clients send: float32 widened to Python floats
    return {"json_dumps": best_of(runs, lambda: json.dumps({"input_data": nested}, separators=(",", ":")))}


def records(path, runs):
    frame = pd.read_csv(path)
    names = list(frame.columns)
    rows = [list(r) for r in frame.itertuples(index=False, name=None)]
    rows = [[v.item() if hasattr(v, "item") else v for v in r] for r in rows]
    index = list(range(len(rows)))
    return {
        "json_dumps": best_of(runs, lambda: json.dumps({"input_data": {"columns": names, "data": rows, "index": index}}, separators=(",", ":"))),
        "pandas": best_of(runs, lambda: '{"input_data":' + frame.to_json(orient="split", double_precision=15) + "}"),
    }


def main():
    directory = sys.argv[1]
    quick = "--quick" in sys.argv
    results = {"versions": "Python %s, pandas %s, numpy %s" % (platform.python_version(), pd.__version__, np.__version__)}
    for name, fn, runs in [("df100k", lambda r: dataframe(directory + "/df100k.f64", r), 5),
                           ("records", lambda r: records(directory + "/records.csv", r), 5),
                           ("df1m", lambda r: dataframe(directory + "/df1m.f64", r), 3),
                           ("tensor", lambda r: tensor(directory + "/tensor.f32", r), 3)]:
        results[name] = fn(1 if quick else runs)
        print("  python %-8s %s" % (name, ", ".join("%s %.3f s (%d bytes)" % (k, v["seconds"], v["bytes"]) for k, v in results[name].items())), flush=True)
    with open(directory + "/python.json", "w") as out:
        json.dump(results, out, indent=1)


if __name__ == "__main__":
    main()
