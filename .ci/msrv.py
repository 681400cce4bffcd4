#!/usr/bin/env python3
"""Check that the libraries' declared MSRV is honest for their dependencies.

Walks the locked dependency graph (all features, every target platform) from
the published workspace libraries along normal and build edges only (not
dev-dependencies: tests, benches and examples are not covered by the MSRV)
and fails if any dependency declares a `rust-version` newer than the
workspace's. Dependencies that declare none are listed, not failed: their
MSRV is unknown, and only a build with that toolchain could tell.

Usage: python3 .ci/msrv.py   (from anywhere in the repository)
"""

import json
import subprocess
import sys


def padded(version):
    """`1.85` and `1.85.0` as the same (1, 85, 0)."""
    parts = [int(part) for part in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    packages = {p["id"]: p for p in metadata["packages"]}
    members = set(metadata["workspace_members"])
    # Published libraries: `publish = false` shows as an empty list.
    roots = [i for i in members if packages[i].get("publish") != []]
    declared = {packages[i].get("rust_version") for i in roots}
    if len(declared) != 1 or None in declared:
        sys.exit(f"msrv: the libraries should share one rust-version, found {declared}")
    msrv = declared.pop()
    # The graph as builds see it: `cargo tree` applies the feature resolver
    # (the `resolve` of `cargo metadata` also holds optional dependencies that
    # only a weak `dep?/feature` names, which no build compiles).
    tree = subprocess.run(
        ["cargo", "tree", "--locked", "--workspace", "--all-features", "--target", "all",
         "--edges", "normal,build", "--prefix", "none", "--format", "{p}"]
        + [arg for i in members - set(roots) for arg in ("--exclude", packages[i]["name"])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    by_name = {(p["name"], "v" + p["version"]): p["id"] for p in packages.values()}
    seen = set()
    for line in tree.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            seen.add(by_name[(fields[0], fields[1])])

    too_new, undeclared = [], []
    for pkg_id in sorted(seen - members, key=lambda i: packages[i]["name"]):
        p = packages[pkg_id]
        name = f"{p['name']} {p['version']}"
        rv = p.get("rust_version")
        if rv is None:
            undeclared.append(name)
        elif padded(rv) > padded(msrv):
            too_new.append(f"{name} needs Rust {rv}")
    print(f"msrv: {len(seen - members)} locked normal and build dependencies of the libraries checked against rust-version {msrv}")
    if undeclared:
        print(f"msrv: declare no rust-version (not checked): {', '.join(undeclared)}")
    if too_new:
        sys.exit("msrv: newer than rust-version " + msrv + ":\n  " + "\n  ".join(too_new))


if __name__ == "__main__":
    main()
