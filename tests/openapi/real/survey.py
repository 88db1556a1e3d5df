#!/usr/bin/env python3
"""Counts the conventions of the real OpenAPI documents beside this script.

    python3 tests/openapi/real/survey.py [FILE.gz ...]   # default: every *.gz here

Reads the gzip-compressed documents as they are (JSON, or YAML with PyYAML),
needs no network, and prints one section per document: the figures quoted in
README.md. `--json` prints the same figures as JSON.
"""

import collections
import gzip
import json
import os
import re
import sys

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def load(path):
    text = gzip.open(path, "rt", encoding="utf-8").read()
    if path.endswith((".yaml.gz", ".yml.gz")):
        import yaml  # PyYAML; only the YAML documents need it

        return yaml.safe_load(text), len(text.encode("utf-8"))
    return json.loads(text), len(text.encode("utf-8"))


def walk(node, pointer=""):
    """Every (pointer, dict) in the document."""
    stack = [(pointer, node)]
    while stack:
        ptr, n = stack.pop()
        if isinstance(n, dict):
            yield ptr, n
            for k, v in n.items():
                stack.append((f"{ptr}/{str(k).replace('~', '~0').replace('/', '~1')}", v))
        elif isinstance(n, list):
            for i, v in enumerate(n):
                stack.append((f"{ptr}/{i}", v))


def resolve(doc, node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return node
        cur = doc
        for part in ref[2:].split("/"):
            cur = cur.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(cur, dict) else {}
        node = cur
        seen += 1
    return node


def survey(path):
    doc, raw = load(path)
    s = collections.OrderedDict()
    s["file"] = os.path.basename(path)
    s["bytes"] = raw
    s["bytes_gz"] = os.path.getsize(path)
    s["openapi"] = doc.get("openapi") or doc.get("swagger")
    s["title"] = doc.get("info", {}).get("title")
    s["info_version"] = str(doc.get("info", {}).get("version"))
    s["licence_in_info"] = doc.get("info", {}).get("license")
    comps = doc.get("components", {}) or {}
    s["schemas"] = len(comps.get("schemas", {}) or {})
    s["components"] = {k: len(v) for k, v in comps.items() if isinstance(v, dict)}
    s["servers"] = [
        {"url": sv.get("url"), "variables": sorted((sv.get("variables") or {}).keys())}
        for sv in doc.get("servers", []) or []
    ]
    s["security_schemes"] = {
        name: {k: v for k, v in sch.items() if k in ("type", "in", "name", "scheme", "bearerFormat")}
        | ({"flows": sorted(sch["flows"])} if "flows" in sch else {})
        for name, sch in (comps.get("securitySchemes") or {}).items()
    }
    s["top_level_security"] = doc.get("security")

    ops = []
    for p, item in (doc.get("paths") or {}).items():
        for m in METHODS:
            if m in item:
                ops.append((p, m, item[m], item))
    s["paths"] = len(doc.get("paths") or {})
    s["operations"] = len(ops)
    s["methods"] = dict(collections.Counter(m for _, m, _, _ in ops))
    ids = [o.get("operationId") for _, _, o, _ in ops]
    s["missing_operation_id"] = sum(1 for i in ids if i is None)
    dup = {i: c for i, c in collections.Counter(i for i in ids if i).items() if c > 1}
    s["duplicate_operation_ids"] = dup
    s["operation_ids_not_identifiers"] = sum(1 for i in ids if i and not IDENT.match(i))
    s["operation_id_examples_not_identifiers"] = sorted({i for i in ids if i and not IDENT.match(i)})[:8]
    s["operation_id_chars"] = "".join(sorted({c for i in ids if i for c in i if not c.isalnum()}))
    s["operations_with_own_security"] = sum(1 for _, _, o, _ in ops if "security" in o)
    s["operations_with_security_none"] = sum(1 for _, _, o, _ in ops if o.get("security") == [] or {} in (o.get("security") or []))
    s["deprecated_operations"] = sum(1 for _, _, o, _ in ops if o.get("deprecated"))
    s["operations_with_servers"] = sum(1 for _, _, o, item in ops if "servers" in o or "servers" in item)

    # Path templates.
    seg_odd = set()
    for p in doc.get("paths") or {}:
        for seg in p.split("/"):
            if "{" in seg and not re.fullmatch(r"\{[^{}]+\}", seg):
                seg_odd.add(seg)
    s["path_segments_mixing_params_and_text"] = len(seg_odd)
    s["path_segment_examples"] = sorted(seg_odd)[:10]
    names = {n for p in doc.get("paths") or {} for n in re.findall(r"\{([^}]+)\}", p)}
    s["path_param_names_not_identifiers"] = sorted(n for n in names if not IDENT.match(n))[:10]
    s["paths_with_trailing_slash"] = sum(1 for p in doc.get("paths") or {} if len(p) > 1 and p.endswith("/"))
    s["path_level_parameters"] = sum(1 for item in (doc.get("paths") or {}).values() if "parameters" in item)

    # Parameters.
    loc = collections.Counter()
    odd_names = collections.Counter()
    styles = collections.Counter()
    for p, m, o, item in ops:
        for prm in (item.get("parameters") or []) + (o.get("parameters") or []):
            prm = resolve(doc, prm)
            if not isinstance(prm, dict):
                continue
            loc[prm.get("in")] += 1
            n = prm.get("name", "")
            if not IDENT.match(n):
                odd_names[(prm.get("in"), n)] += 1
            if "style" in prm or "explode" in prm:
                styles[(prm.get("in"), prm.get("style"), prm.get("explode"))] += 1
            if "content" in prm:
                styles[(prm.get("in"), "content", None)] += 1
    s["parameter_locations"] = dict(loc)
    s["parameter_names_not_identifiers"] = len(odd_names)
    s["parameter_name_examples"] = [f"{i}:{n}" for (i, n) in sorted(odd_names, key=str)[:14]]
    s["parameter_styles"] = {f"{a}/{b}/{c}": v for (a, b, c), v in styles.items()}

    # Bodies and media types.
    req = collections.Counter()
    resp = collections.Counter()
    status = collections.Counter()
    no_body_2xx = 0
    for p, m, o, _ in ops:
        rb = resolve(doc, o.get("requestBody"))
        if isinstance(rb, dict):
            for mt in rb.get("content") or {}:
                req[mt] += 1
        oks = 0
        for code, r in (o.get("responses") or {}).items():
            code = str(code)
            status[code if not re.fullmatch(r"[1-5]\d\d", code) else code[0] + "xx(literal)"] += 1
            r = resolve(doc, r)
            if isinstance(r, dict):
                for mt in r.get("content") or {}:
                    resp[mt] += 1
                if code.startswith("2") and r.get("content"):
                    oks += 1
        if oks == 0:
            no_body_2xx += 1
    s["request_media_types"] = dict(req)
    s["form_urlencoded_bodies"] = req.get("application/x-www-form-urlencoded", 0)
    s["multipart_bodies"] = req.get("multipart/form-data", 0)
    s["response_media_types"] = dict(resp)
    s["response_status_keys"] = dict(status)
    s["operations_without_2xx_body"] = no_body_2xx

    # Schemas.
    kw = collections.Counter()
    enum_odd = set()
    type_arrays = 0
    types = collections.Counter()
    formats = collections.Counter()
    for ptr, n in walk(doc):
        if "/examples/" in ptr or ptr.endswith("/example") or "/example/" in ptr:
            continue
        for k in ("oneOf", "anyOf", "allOf", "not", "discriminator", "nullable", "const",
                  "additionalProperties", "patternProperties", "readOnly", "writeOnly",
                  "prefixItems", "$defs", "if"):
            if k in n and not (k == "additionalProperties" and n[k] is False):
                kw[k] += 1
        t = n.get("type")
        if isinstance(t, list):
            type_arrays += 1
            types["[" + ",".join(map(str, t)) + "]"] += 1
        elif isinstance(t, str) and ("properties" in n or t in ("string", "integer", "number", "boolean", "array", "object", "null")):
            types[t] += 1
        if isinstance(n.get("format"), str) and isinstance(t, (str, list)):
            formats[n["format"]] += 1
        if isinstance(n.get("enum"), list):
            for v in n["enum"]:
                if not (isinstance(v, str) and IDENT.match(v)):
                    enum_odd.add(json.dumps(v))
        if "$ref" in n and len(n) > 1:
            kw["$ref_with_siblings"] += 1
        if "$ref" in n and isinstance(n["$ref"], str) and not n["$ref"].startswith("#"):
            kw["$ref_external"] += 1
    s["schema_keywords"] = dict(kw)
    s["type_arrays_3_1"] = type_arrays
    s["types"] = dict(types.most_common(12))
    s["formats"] = dict(formats.most_common(15))
    s["enum_values_not_identifiers"] = len(enum_odd)
    s["enum_value_examples"] = sorted(enum_odd, key=lambda v: (len(v), v))[:24]

    # Error responses with a `code` property (vook's code-keyed errors).
    coded = 0
    for p, m, o, _ in ops:
        for code, r in (o.get("responses") or {}).items():
            if str(code)[0] in "45" or str(code) == "default":
                r = resolve(doc, r)
                for media in (r.get("content") or {}).values() if isinstance(r, dict) else []:
                    sch = resolve(doc, media.get("schema"))
                    if isinstance(sch, dict) and "code" in (sch.get("properties") or {}):
                        coded += 1
                        break
    s["error_responses_with_code_property"] = coded
    s["error_responses_by_ref"] = sum(
        1 for _, _, o, _ in ops for c, r in (o.get("responses") or {}).items()
        if (str(c)[0] in "45" or str(c) == "default") and isinstance(r, dict) and "$ref" in r
    )
    s["x_extensions_top"] = dict(collections.Counter(
        k for _, n in walk(doc) for k in n if isinstance(k, str) and k.startswith("x-")
    ).most_common(8))
    return s


def main(argv):
    as_json = "--json" in argv
    files = [a for a in argv if not a.startswith("--")]
    if not files:
        here = os.path.dirname(os.path.abspath(__file__))
        files = sorted(os.path.join(here, f) for f in os.listdir(here) if f.endswith(".gz"))
    out = [survey(f) for f in files]
    if as_json:
        json.dump(out, sys.stdout, indent=1, default=str)
        print()
        return
    for s in out:
        print(f"== {s['file']}")
        for k, v in s.items():
            if k != "file":
                print(f"  {k}: {json.dumps(v, default=str) if not isinstance(v, str) else v}")


if __name__ == "__main__":
    main(sys.argv[1:])
