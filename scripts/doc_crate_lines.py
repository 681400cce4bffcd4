#!/usr/bin/env python3
"""Adds the first comment line that every doc example in a member crate
carries: which crates it needs, and their paths in the `wattage` facade.

Run from the repository root; idempotent. The rule and its check live in
docs/architecture.md ("Doc examples") and crates/wattage/tests/doc_examples.rs.
"""
import pathlib
import re

ORDER = ["wattage_facility", "wattage_mining", "wattage_hardware", "wattage_units"]
OTHERS = ["rust_decimal", "chrono", "uom"]
FACADE = {
    "rust_decimal": "wattage::rust_decimal",
    "chrono": "wattage::chrono",
    "uom": "wattage::uom",
    "wattage_units": "wattage::units",
    "wattage_hardware": "wattage::hardware",
    "wattage_mining": "wattage::mining",
    "wattage_facility": "wattage::facility",
}
RUST = re.compile(r"^```(rust)?(,?[a-z_]+)*$")
DOC = re.compile(r"^(\s*)(///|//!) ?(.*)$")


def needs_line(crates):
    names = ", ".join(c.replace("_", "-") if c.startswith("wattage") else c for c in crates)
    paths = ", ".join(FACADE[c] for c in crates)
    return f"// Needs {names} (in the wattage facade: {paths})."


def process(path, own):
    lines = path.read_text().split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        m = DOC.match(line)
        fence = m.group(3).strip() if m else ""
        if m and fence.startswith("```") and not (RUST.match(fence) and "text" not in fence):
            # Another language: copy it whole, closing fence included.
            j = i + 1
            while j < len(lines):
                mm = DOC.match(lines[j])
                out.append(lines[j])
                j += 1
                if not mm or mm.group(3).strip().startswith("```"):
                    break
            i = j
            continue
        if m and fence.startswith("```"):
            j = i + 1
            body = []
            while j < len(lines):
                mm = DOC.match(lines[j])
                if not mm or mm.group(3).strip().startswith("```"):
                    break
                body.append(mm.group(3))
                j += 1
            text = "\n".join(body)
            used = [c for c in ORDER if re.search(rf"\b{c}\b", text)] or [own]
            used += [c for c in OTHERS if re.search(rf"\b{c}\b", text)]
            first = body[0].strip() if body else ""
            wanted = needs_line(used)
            marker = f"{m.group(1)}{m.group(2)} "
            if first.startswith("// Needs "):
                lines[i + 1] = marker + wanted
            else:
                out.append(marker + wanted)
            out.extend(lines[i + 1 : j + 1])
            i = j + 1
            continue
        i += 1
    path.write_text("\n".join(out))


for crate in reversed(ORDER):
    root = pathlib.Path("crates") / crate.replace("_", "-") / "src"
    for path in sorted(root.rglob("*.rs")):
        process(path, crate)
