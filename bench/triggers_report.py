#!/usr/bin/env python3
"""Turn bench/triggers.sh's raw outputs into a Markdown report (stdlib only).

Reads, in OUT_DIR, for each call C (SignUp, InitiateAuth) and its run R (C, or C+Trigger) and each
round N: R.N.wrk (wrk --latency), R.N.cpu ("<utime+stime before> <after> <CLK_TCK> <connections>"
of the server) and R.N.invocations (nginx's accepted connections and requests before and after the
run). Prints the report and writes it to --output; exits 1 if a run saw non-2xx answers or socket
errors, or is missing.
"""
import argparse
import statistics
import sys
from pathlib import Path

from report import parse_wrk

PAIRS = [("SignUp", "PreSignUp"), ("InitiateAuth", "PreTokenGeneration")]


def run(out, name, round_number):
    """wrk's figures of one run, with the server's CPU per call (ms) and nginx's counts."""
    stem = out / f"{name}.{round_number}"
    if not Path(f"{stem}.wrk").exists():
        return None
    r = parse_wrk(Path(f"{stem}.wrk").read_text())
    before, after, tck, connections = map(int, Path(f"{stem}.cpu").read_text().split())
    # The server also finishes the ~one request per connection in flight when wrk stops.
    r["cpu_ms"] = (after - before) * 1000 / tck / (r["requests"] + connections) if r["requests"] else None
    accepted_before, requests_before, accepted_after, requests_after = map(int, Path(f"{stem}.invocations").read_text().split())
    # Each reading of nginx's counters is itself a request on a new connection.
    r["connections_opened"] = accepted_after - accepted_before - 1
    r["invocations"] = requests_after - requests_before - 1
    r["valid"] = r["rps"] is not None and not r["non200"] and not r["socket_errors"]
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--rounds", type=int, required=True)
    ap.add_argument("--output", type=Path)
    ap.add_argument("--meta", action="append", default=[], help="Key=Value line for the header")
    a = ap.parse_args()
    lines = ["# What a trigger invocation costs Gatehouse", ""]
    lines += [f"- **{k}**: {v}" for k, v in (m.split("=", 1) for m in a.meta)]
    lines += ["", "| Call | run | CPU per call without | with | added by the invocation | p99 without | with | p99 ratio "
              "| invocations | connections opened |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    problems = []
    for call, trigger in PAIRS:
        added, ratios = [], []
        for n in range(1, a.rounds + 1):
            without, with_trigger = run(a.out_dir, call, n), run(a.out_dir, f"{call}+{trigger}", n)
            if not (without and with_trigger and without["valid"] and with_trigger["valid"]):
                problems.append(f"{call} run {n}: missing, or answers outside 2xx, or socket errors (see the .wrk files)")
                continue
            added.append(with_trigger["cpu_ms"] - without["cpu_ms"])
            ratios.append(with_trigger["p99_ms"] / without["p99_ms"])
            lines.append(f"| {call} + {trigger} | {n} | {without['cpu_ms']:.3f} ms | {with_trigger['cpu_ms']:.3f} ms | {added[-1]:.3f} ms "
                         f"| {without['p99_ms']:.2f} ms | {with_trigger['p99_ms']:.2f} ms | {ratios[-1]:.2f}× "
                         f"| {with_trigger['invocations']:,} | {with_trigger['connections_opened']} |")
        if added:
            lines.append(f"| {call} + {trigger} | **median** | | | **{statistics.median(added):.3f} ms** | | | "
                         f"**{statistics.median(ratios):.2f}×** | | |")
    lines += [""] + ([f"Invalid: {p}." for p in problems] or ["Every run: all answers 2xx, no socket errors."])
    report = "\n".join(lines) + "\n"
    print(report)
    if a.output:
        a.output.write_text(report)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
