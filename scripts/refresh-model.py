#!/usr/bin/env python3
"""Refreshes Models/cognito-idp.json (and Models/cognito-idp.paginators.json, botocore's paginator
configuration, which the command line pages with) from the botocore package installed with this Python.

The model keeps shapes, constraints, enums, errors and operation metadata; every
`documentation` string is stripped. Run it, then regenerate the Swift code:

    python3 scripts/refresh-model.py && swift run ModelGenerator Models/cognito-idp.json Sources/CognitoModel/Generated
"""
import gzip
import json
import os
import sys

import botocore


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("documentation", "deprecatedMessage")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    source = os.path.join(os.path.dirname(botocore.__file__), "data", "cognito-idp", "2016-04-18", "service-2.json.gz")
    with gzip.open(source) as handle:
        model = json.load(handle)
    model = strip(model)
    model["metadata"]["botocoreVersion"] = botocore.__version__
    target = os.path.join(os.path.dirname(__file__), "..", "Models", "cognito-idp.json")
    with open(target, "w") as handle:
        json.dump(model, handle, indent=1)
        handle.write("\n")
    paginators = os.path.join(os.path.dirname(source), "paginators-1.json")
    with open(paginators) as handle:
        pagination = json.load(handle)
    with open(os.path.join(os.path.dirname(target), "cognito-idp.paginators.json"), "w") as handle:
        json.dump(pagination, handle, indent=1)
        handle.write("\n")
    print(f"wrote {os.path.normpath(target)} from botocore {botocore.__version__}: {len(model['operations'])} operations, {len(model['shapes'])} shapes", file=sys.stderr)


if __name__ == "__main__":
    main()
