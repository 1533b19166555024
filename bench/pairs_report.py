#!/usr/bin/env python3
"""Turn the outputs of a benchmark of pairs of runs (bench/triggers.sh, bench/admin-auth.sh) into a
Markdown report (stdlib only): the same call without and with something, back to back: the server's
CPU per call with and without, the difference, the p99s' ratio and the throughputs' ratio (with
both cores saturated, p99 follows the throughput), per pair and as medians.

Reads, in OUT_DIR, for each pair (--pair LABEL:WITHOUT:WITH) and each round N: WITHOUT.N.wrk and
WITH.N.wrk (wrk --latency), their .cpu ("<utime+stime before> <after> <CLK_TCK> <connections>" of
the server that answered) and, when the pair's runs invoke functions, WITH.N.invocations (nginx's
accepted connections and requests before and after the run). Prints the report and writes it to
--output; exits 1 if a run saw non-2xx answers or socket errors, or is missing.
"""
import argparse
import statistics
import sys
from pathlib import Path

from report import parse_wrk

def run(out, name, round_number):
    """wrk's figures of one run, with the server's CPU per call (ms) and nginx's counts."""
    stem = out / f"{name}.{round_number}"
    if not Path(f"{stem}.wrk").exists():
        return None
    r = parse_wrk(Path(f"{stem}.wrk").read_text())
    before, after, tck, connections = map(int, Path(f"{stem}.cpu").read_text().split())
    # The server also finishes the ~one request per connection in flight when wrk stops.
    r["cpu_ms"] = (after - before) * 1000 / tck / (r["requests"] + connections) if r["requests"] else None
    counts = Path(f"{stem}.invocations")
    if counts.exists():
        accepted_before, requests_before, accepted_after, requests_after = map(int, counts.read_text().split())
        # Each reading of nginx's counters is itself a request on a new connection.
        r["connections_opened"] = accepted_after - accepted_before - 1
        r["invocations"] = requests_after - requests_before - 1
    r["valid"] = r["rps"] is not None and not r["non200"] and not r["socket_errors"]
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--rounds", type=int, required=True)
    ap.add_argument("--pair", action="append", required=True, help="LABEL:WITHOUT:WITH, the runs' names")
    ap.add_argument("--title", required=True)
    ap.add_argument("--output", type=Path)
    ap.add_argument("--meta", action="append", default=[], help="Key=Value line for the header")
    a = ap.parse_args()
    pairs = [pair.split(":") for pair in a.pair]
    invoking = any((a.out_dir / f"{with_name}.1.invocations").exists() for _, _, with_name in pairs)
    lines = [f"# {a.title}", ""]
    lines += [f"- **{k}**: {v}" for k, v in (m.split("=", 1) for m in a.meta)]
    lines += ["", "| Call | run | CPU per call without | with | added | p99 without | with | p99 ratio | req/s without / with |"
              + (" invocations | connections opened |" if invoking else ""),
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if invoking else "")]
    problems = []
    for label, without_name, with_name in pairs:
        added, ratios, slowdowns = [], [], []
        for n in range(1, a.rounds + 1):
            without, with_it = run(a.out_dir, without_name, n), run(a.out_dir, with_name, n)
            if not (without and with_it and without["valid"] and with_it["valid"]):
                problems.append(f"{label} run {n}: missing, or answers outside 2xx, or socket errors (see the .wrk files)")
                continue
            added.append(with_it["cpu_ms"] - without["cpu_ms"])
            ratios.append(with_it["p99_ms"] / without["p99_ms"])
            slowdowns.append(without["rps"] / with_it["rps"])
            lines.append(f"| {label} | {n} | {without['cpu_ms']:.3f} ms | {with_it['cpu_ms']:.3f} ms | {added[-1]:.3f} ms "
                         f"| {without['p99_ms']:.2f} ms | {with_it['p99_ms']:.2f} ms | {ratios[-1]:.2f}× | {slowdowns[-1]:.2f}× |"
                         + (f" {with_it['invocations']:,} | {with_it['connections_opened']} |" if invoking else ""))
        if added:
            lines.append(f"| {label} | **median** | | | **{statistics.median(added):.3f} ms** | | | "
                         f"**{statistics.median(ratios):.2f}×** | **{statistics.median(slowdowns):.2f}×** |"
                         + (" | |" if invoking else ""))
    lines += [""] + ([f"Invalid: {p}." for p in problems] or ["Every run: all answers 2xx, no socket errors."])
    report = "\n".join(lines) + "\n"
    print(report)
    if a.output:
        a.output.write_text(report)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
