#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Keep docs/indicators.md and docs/indicators-reference.sql in step with the code.

The generated parts of docs/indicators.md sit between marker lines

    <!-- BEGIN GENERATED name (tools/gen_indicator_docs.py) -->
    <!-- END GENERATED name -->

and are rewritten from the sources that define them:

  columns-<dataset>   the canonical import columns       src/indicators/dataset.cc (+ record.h)
  filter-columns      columns a definition may filter on  src/indicators/definition.cc
  indicators          every shipped indicator             data/indicators/definitions.json
  figures             the hospital-entered figures        data/indicators/figures.json

docs/indicators-reference.sql is the output of `yuanwu indicators --reference-sql` on a fresh
database (the shipped definitions), so it needs a built binary. Everything else is read from
the source tree; the script parses the C++ tables with regular expressions and fails loudly if
their shape changes.

usage:
  python3 tools/gen_indicator_docs.py [--yuanwu build/yuanwu]          rewrite the files
  python3 tools/gen_indicator_docs.py --check [--yuanwu build/yuanwu]  exit 1 if any is stale
  --no-sql   skip docs/indicators-reference.sql (no binary needed)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "indicators.md")
SQL = os.path.join(ROOT, "docs", "indicators-reference.sql")


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def read_cc(rel):
    """A C++ source with // comments dropped and all whitespace runs made one space, so the
    patterns below do not depend on how clang-format wrapped the tables."""
    src = re.sub(r"(^|\s)//[^\n]*", r"\1", read(rel))
    return re.sub(r"\s+", " ", src)


class ShapeError(Exception):
    pass


def need(cond, what):
    if not cond:
        raise ShapeError(what)


# ---------------------------------------------------------------------------------------------
# src/indicators/dataset.cc

SPEC = re.compile(r'\{"(\w+)", T::k(\w+), (true|false), "([^"]*)"\}')
NUMBERED = re.compile(
    r'f\.push_back\(\{b\.Name\("(\w+)" \+ n\), T::k(\w+), (true|false), b\.Name\("([^"]*)" \+ n\)\}\)')
LOOP = re.compile(r"for \(int i = 1; i <= (\d+); \+\+i\) \{(.*?\}\);) \}")


def c_strings(block):
    return re.findall(r'"([^"]*)"', block)


def cost_fields():
    m = re.search(r"kCostFields = \{(.*?)\};", read_cc("src/indicators/record.h"))
    need(m, "record.h: kCostFields")
    return c_strings(m.group(1))


def parse_datasets():
    """→ names, labels, columns: per dataset a list of rows (name, type, key, label, count),
    count = None for a single column, n for a numbered group member (name and label without
    the number; the group repeats for 1..n)."""
    src = read_cc("src/indicators/dataset.cc")
    names = dict(re.findall(r'case Dataset::k(\w+): return "([a-z_]+)";', src))
    labels = dict(re.findall(r'case Dataset::k(\w+): return "([^"a-z_][^"]*)";', src))
    need(len(names) == 4 and len(labels) == 4, "dataset.cc: DatasetName / DatasetLabel")
    columns = {}

    body = re.search(r"std::vector<FieldSpec> BuildDischarges\(Built& b\) \{(.*?) return f; \}", src)
    need(body, "dataset.cc: BuildDischarges")
    body = body.group(1)
    rows = []
    head = re.search(r"std::vector<FieldSpec> f = \{(.*?)\};", body)
    need(head, "dataset.cc: the first discharge columns")
    rows += [(n, t, k == "true", l, None) for n, t, k, l in SPEC.findall(head.group(1))]
    need(len(rows) == head.group(1).count("{"), "dataset.cc: the first discharge columns")
    for count, loop in LOOP.findall(body):
        members = NUMBERED.findall(loop)
        need(members and len(members) == loop.count("f.push_back("), "dataset.cc: a numbered group")
        rows += [(n, t, k == "true", l, int(count)) for n, t, k, l in members]
    tail = re.search(r"f\.insert\(f\.end\(\), \{(.*?)\}\);", body)
    need(tail, "dataset.cc: the columns after the numbered groups")
    tail_rows = SPEC.findall(tail.group(1))
    need(len(tail_rows) == tail.group(1).count("{"), "dataset.cc: the columns after the groups")
    rows += [(n, t, k == "true", l, None) for n, t, k, l in tail_rows]
    labels_block = re.search(r"kCostLabels\[\] = \{(.*?)\};", body)
    need(labels_block, "dataset.cc: kCostLabels")
    cost_labels = c_strings(labels_block.group(1))
    costs = cost_fields()
    need(len(costs) == len(cost_labels) == 28, "28 cost items with labels")
    rows += [(c.upper(), "Money", False, l, None) for c, l in zip(costs, cost_labels)]
    columns["Discharges"] = rows

    for key, var in (("Visits", "kVisits"), ("AntibioticUse", "kAntibiotic"),
                     ("Pathways", "kPathways")):
        m = re.search(r"constexpr FieldSpec %s\[\] = \{(.*?)\};" % var, src)
        need(m, "dataset.cc: " + var)
        columns[key] = [(n, t, k == "true", l, None) for n, t, k, l in SPEC.findall(m.group(1))]
        need(columns[key] and len(columns[key]) == m.group(1).count("{"),
             "dataset.cc: columns of " + var)
    return names, labels, columns


TYPE_DOC = {
    "Text": "text 文本",
    "Int": "integer 整数",
    "Date": "date 日期",
    "DateTime": "date-time 日期时间",
    "Money": "money 金额（元→分）",
    "Decimal": "decimal ≥ 0 非负数",
    "Flag": "0 / 1",
}

# A few words on columns whose meaning the label alone does not carry, per dataset.
COLUMN_NOTES = {
    "Discharges": {
        "BAH": "with ZYCS the identity of a discharge",
        "ZYCS": "with BAH the identity of a discharge",
        "CYSJ": "its month is the record's period 统计月份",
        "CYKB": "the department the discharge counts for 归属科室",
        "SJZYTS": "summed for 平均住院日 and 抗菌药物使用强度",
        "JBDM": "ICD-10 国家临床版 2.0",
        "SSJCZBM": "手术操作分类代码 国家临床版 3.0",
        "SSJCZRQ": "read as a date; a time after it is kept as written",
        "SSJB": "1–4",
        "SSPB": "1 手术 2 诊断性操作 3 治疗性操作 4 介入治疗",
        "WCSS": "0 / 1; empty = derived from the 微创 code list",
        "LYFS": "5 = 死亡",
        "BMY": "for 质控 by coder",
        "ZFY": "= Σ of the 24 top-level cost items",
        "WLZLF": "其中 item of FSSZLXMF",
        "MAF": "其中 item of SSZLF",
        "SSF": "其中 item of SSZLF",
        "KJYWF": "其中 item of XYF",
    },
    "Visits": {
        "JZLSH": "the identity of a visit",
        "JZSJ": "its month is the record's period",
        "KSDM": "the department the visit counts for",
        "JZLX": "1 门诊 2 急诊 3 健康体检; anything else is rejected",
        "YPF": "part of ZFY",
    },
    "AntibioticUse": {
        "BAH": "with ZYCS: the discharge the rows belong to",
        "ZYCS": "with BAH: the discharge the rows belong to",
        "ATC": "J01… = 全身用抗菌药物",
        "SYL": "in the unit of DDDZ",
        "DDDZ": "> 0; DDD数 = SYL / DDDZ",
    },
    "Pathways": {
        "BAH": "with ZYCS: the discharge the rows belong to",
        "ZYCS": "with BAH: the discharge the rows belong to",
        "WC": "needs RJ = 1",
        "BY": "needs BYYY; stored as bybz (BY is an SQL word)",
        "TC": "needs RJ = 1",
    },
}


def column_table(dataset, rows):
    out = ["| column 列 | 中文 | type 类型 | key 必需 | note |", "|---|---|---|---|---|"]
    for name, typ, key, label, count in rows:
        note = COLUMN_NOTES[dataset].get(name, "")
        if count is not None:
            name, label = "%s*n*" % name, "%s*n*" % label
            note = "n = 1–%d" % count + ("; " + note if note else "")
        out.append("| `%s` | %s | %s | %s | %s |" % (
            name, label, TYPE_DOC[typ], "**key**" if key else "", note))
    return "\n".join(out)


def dataset_sections(names, labels, columns):
    parts = {}
    for key, rows in columns.items():
        expanded = sum(r[4] or 1 for r in rows)
        keys = ", ".join("`%s`" % r[0] for r in rows if r[2])
        text = ("`%s` — %s: %d canonical columns; key columns %s.\n\n%s" % (
            names[key], labels[key], expanded, keys, column_table(key, rows)))
        parts["columns-" + names[key]] = text
    return parts


# ---------------------------------------------------------------------------------------------
# src/indicators/definition.cc

COLUMN_INFO = re.compile(r'\{"(\w+)", "[^"]*", (true|false)\}')


def parse_filter_columns():
    src = read_cc("src/indicators/definition.cc")
    lists = {}
    for var in ("kDischargeColumns", "kVisitColumns", "kProcedureColumns", "kDiagnosisColumns",
                "kAntibioticColumns", "kPathwayColumns", "kFindingColumns"):
        m = re.search(r"const std::vector<ColumnInfo> %s = (.*?);" % var, src)
        need(m, "definition.cc: " + var)
        lists[var] = [(n, num == "true") for n, num in COLUMN_INFO.findall(m.group(1))]
        need(lists[var] and len(lists[var]) == m.group(1).count("{\""),
             "definition.cc: columns of " + var)
    need("kCostFields[i], kCostSql[i], true" in src, "definition.cc: the cost columns")
    lists["kDischargeColumns"] += [(c, True) for c in cost_fields()]
    children = dict(re.findall(r'if \(child == "(\w+)"\) return &(\w+);', src))
    need(len(children) == 5, "definition.cc: ChildColumns")
    return lists, children


CHILD_DOC = {
    "procedures": "手术及操作 n of the discharge (discharge_procedure)",
    "diagnoses": "其他诊断 n of the discharge (discharge_diagnosis)",
    "antibiotics": "住院抗菌药物使用 rows with the same BAH + ZYCS (antibiotic_use)",
    "pathways": "临床路径 rows with the same BAH + ZYCS (pathway_case)",
    "findings": "首页质控 findings of the discharge in its own batch (qc_finding)",
}


def filter_columns_section(lists, children):
    def cols(var):
        return ", ".join("`%s`%s" % (n, " Σ" if num else "") for n, num in lists[var])

    out = ["| rows | columns (Σ = numeric, may be summed) |", "|---|---|",
           "| `discharges` (the row) | %s |" % cols("kDischargeColumns"),
           "| `visits` (the row) | %s |" % cols("kVisitColumns")]
    for child, var in children.items():
        out.append("| child `%s`: %s | %s |" % (child, CHILD_DOC.get(child, ""), cols(var)))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# data/indicators/definitions.json

DIRECTION_DOC = {"up": "↑ 逐步提高", "down": "↓ 逐步降低", "monitor": "— 监测比较"}


def cond_text(c):
    if "any" in c or "none" in c:
        child = c.get("any", c.get("none"))
        inner = " ∧ ".join(cond_text(w) for w in c.get("where", [])) or "any row"
        return "%s %s(%s)" % ("∃" if "any" in c else "∄", child, inner)
    if "in" in c:
        vals = [str(v) for v in c["in"]]
        return "%s = %s" % (c["field"], vals[0]) if len(vals) == 1 else \
            "%s ∈ {%s}" % (c["field"], ", ".join(vals))
    vals = [str(v) + "…" if str(v) else "*" for v in c["prefix"]]
    return "%s ~ %s" % (c["field"], " | ".join(vals))


def measure_text(m):
    if m["dataset"] == "figures":
        terms = ""
        for i, t in enumerate(m["figures"]):
            sign = t.get("sign", 1)
            if i == 0:
                terms += ("−" if sign < 0 else "") + t["code"]
            else:
                terms += (" − " if sign < 0 else " + ") + t["code"]
        return "figures " + terms
    where = " ∧ ".join(cond_text(c) for c in m.get("where", []))
    rows = m["dataset"] + ("[" + where + "]" if where else "")
    if m.get("agg", "count") == "count":
        return "count " + rows
    if "child" in m:
        cw = " ∧ ".join(cond_text(c) for c in m.get("child_where", []))
        return "Σ %s.%s%s over %s" % (m["child"], m["child_field"], "[" + cw + "]" if cw else "",
                                      rows)
    fields = m.get("fields") or [m.get("field")]
    return "Σ %s over %s" % (" + ".join(fields), rows)


def formula_text(i):
    num = measure_text(i["numerator"])
    mult = i.get("multiplier", 1)
    mult_s = "" if mult == 1 else " × %s" % (int(mult) if float(mult).is_integer() else mult)
    if i.get("denominator"):
        return "(%s) ÷ (%s)%s" % (num, measure_text(i["denominator"]), mult_s)
    return num + mult_s


def cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def indicators_section(defs):
    out = ["Edition 版本: %s — %d indicators. ▲ = 国家监测指标 (national)." % (
        defs.get("edition", ""), len(defs["indicators"]))]
    category = None
    for i in defs["indicators"]:
        if i.get("category") != category:
            category = i.get("category")
            out += ["", "#### %s" % category, "",
                    "| code | 指标 / indicator | unit 单位 | 导向 | formula 计算 | source 出处 | 口径 notes |",
                    "|---|---|---|---|---|---|---|"]
        name = "%s%s<br>%s" % (i["name"], " ▲" if i.get("national") else "", i.get("name_en", ""))
        unit = i.get("unit", "") or "—"
        out.append("| `%s` | %s | %s | %s | %s | %s | %s |" % (
            i["code"], cell(name), cell(unit), DIRECTION_DOC[i.get("direction", "monitor")],
            cell(formula_text(i)), cell(i.get("source", "")), cell(i.get("notes", ""))))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# data/indicators/figures.json

AGGREGATE_DOC = {"sum": "sum 期间相加", "last": "last 期末（最后有数的月份）"}
LEVEL_DOC = {"department": "department 科室/院区/全院", "hospital": "hospital 仅全院"}


def figures_section(cat):
    out = ["Edition 版本: %s — %d figures." % (cat.get("edition", ""), len(cat["figures"])), "",
           "| code | 项目 / figure | unit 单位 | decimals 小数 | aggregate 汇总 | level 填报层级 | category | source 出处 |",
           "|---|---|---|---|---|---|---|---|"]
    for f in cat["figures"]:
        out.append("| `%s` | %s<br>%s | %s | %d | %s | %s | %s | %s |" % (
            f["code"], cell(f["name"]), cell(f["name_en"]), cell(f["unit"]), f["decimals"],
            AGGREGATE_DOC[f["aggregate"]], LEVEL_DOC[f["level"]], cell(f.get("category", "")),
            cell(f.get("source", ""))))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------

MARK = re.compile(
    r"(<!-- BEGIN GENERATED ([\w-]+) \(tools/gen_indicator_docs\.py\) -->\n)(.*?)"
    r"(<!-- END GENERATED \2 -->)", re.S)


def generated_parts():
    names, labels, columns = parse_datasets()
    parts = dataset_sections(names, labels, columns)
    lists, children = parse_filter_columns()
    parts["filter-columns"] = filter_columns_section(lists, children)
    parts["indicators"] = indicators_section(json.loads(read("data/indicators/definitions.json")))
    parts["figures"] = figures_section(json.loads(read("data/indicators/figures.json")))
    return parts


def rewrite_doc(text, parts):
    seen = set()

    def sub(m):
        name = m.group(2)
        if name not in parts:
            raise ShapeError("docs/indicators.md: unknown generated part " + name)
        seen.add(name)
        # Blank lines around the part: Markdown tables must not touch the marker comments.
        return m.group(1) + "\n" + parts[name] + "\n\n" + m.group(4)

    out = MARK.sub(sub, text)
    missing = set(parts) - seen
    if missing:
        raise ShapeError("docs/indicators.md lacks the markers of " + ", ".join(sorted(missing)))
    return out


def reference_sql(binary):
    with tempfile.TemporaryDirectory(prefix="yw-refsql-") as tmp:
        base = [binary, "--db", os.path.join(tmp, "y.db"), "--data-dir", tmp]
        # Migrate first: the log lines of a first start go to standard output.
        # --from / --to are not used by --reference-sql, but the option parser asks for them.
        for cmd in (base + ["migrate"],
                    base + ["indicators", "--reference-sql", "--from", "2025-01", "--to", "2025-01"]):
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("gen_indicator_docs: %s failed:\n%s" % (" ".join(cmd), r.stderr))
        if not r.stdout.startswith("-- "):
            sys.exit("gen_indicator_docs: unexpected output of --reference-sql:\n" + r.stdout[:500])
        return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    ap.add_argument("--yuanwu", default=os.environ.get("YUANWU_BIN", os.path.join(ROOT, "build", "yuanwu")),
                    help="the yuanwu binary for the reference SQL (default: build/yuanwu)")
    ap.add_argument("--no-sql", action="store_true", help="leave docs/indicators-reference.sql alone")
    args = ap.parse_args()

    try:
        parts = generated_parts()
        with open(DOC, encoding="utf-8") as f:
            doc = f.read()
        new_doc = rewrite_doc(doc, parts)
    except ShapeError as e:
        sys.exit("gen_indicator_docs: cannot read " + str(e) + " (update tools/gen_indicator_docs.py)")

    stale = []
    if new_doc != doc:
        stale.append(DOC)
        if not args.check:
            with open(DOC, "w", encoding="utf-8") as f:
                f.write(new_doc)
    if not args.no_sql:
        if not os.access(args.yuanwu, os.X_OK):
            sys.exit("gen_indicator_docs: no yuanwu binary at %s (build it, pass --yuanwu, or "
                     "use --no-sql)" % args.yuanwu)
        sql = reference_sql(args.yuanwu)
        old = open(SQL, encoding="utf-8").read() if os.path.exists(SQL) else None
        if sql != old:
            stale.append(SQL)
            if not args.check:
                with open(SQL, "w", encoding="utf-8") as f:
                    f.write(sql)
    rel = [os.path.relpath(p, ROOT) for p in stale]
    if args.check:
        if rel:
            print("stale: %s — run python3 tools/gen_indicator_docs.py" % ", ".join(rel))
            return 1
        print("up to date: docs/indicators.md" + ("" if args.no_sql else ", docs/indicators-reference.sql"))
        return 0
    print("rewrote: " + (", ".join(rel) if rel else "nothing (already up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
