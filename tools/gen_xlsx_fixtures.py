#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Regenerate the XLSX fixtures in tests/fixtures/ used by tests/api/import_xlsx.test.mjs.

The workbooks are written by hand as SpreadsheetML parts zipped with the standard library (no
openpyxl, no Excel), so every byte is explained by this script. They open in Excel, WPS and
LibreOffice, and exercise what the importer reads: a shared string table (staff_*.xlsx), inline
strings (prices_drug.xlsx), numbers stored as numbers (phones, prices), date-looking strings,
a missing row and a missing cell in the middle of a row (so row numbers and columns must come
from the cell references, not from counting).

Output is deterministic: fixed timestamps, fixed order, DEFLATE at level 9.

usage: python3 tools/gen_xlsx_fixtures.py [output_dir]   (default: tests/fixtures next to this repo)
       then commit the changed .xlsx files together with the test that reads them.

Fixtures (all data is fictional demo data):
  staff_ok.xlsx     工号,姓名,科室编码,手机,角色,数据范围,初始密码 — 3 valid staff rows (sheet rows
                    2, 3 and 5; row 4 is missing), role given by code, by name and as a|b.
  staff_bad.xlsx    the same header, 3 rows of which sheet row 4 has an unknown 科室编码 (NOPE).
  prices_drug.xlsx  药品编码,药品名称,规格,单位,价格(元),生产企业,生效日期 — 4 drugs, prices as numbers.
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "fixtures")

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# ---------------------------------------------------------------------------------------------
# Sheet content. A row is (sheet row number, [cell, ...]); a cell is None (left out of the XML),
# a str (text) or an int/float (a number cell). Rows not listed are not in the sheet at all.

STAFF_HEADER = ["工号", "姓名", "科室编码", "手机", "角色", "数据范围", "初始密码"]

STAFF_OK = [
    (1, STAFF_HEADER),
    (2, ["xlsx001", "测试甲", "XNK", 13800003001, "staff", "本人", "Xlsx2026pass"]),
    # 手机 left out: the cell is missing, 角色 by its Chinese name.
    (3, ["xlsx002", "测试乙", "YB", None, "职工", "本科室", "Welcome2026ab"]),
    # sheet row 4 is missing; no 初始密码 (the account cannot sign in until one is set).
    (5, ["xlsx003", "测试丙", "HXK", "138-0000-3003", "保密审查员|staff", "本科室及下级", None]),
]

STAFF_BAD = [
    (1, STAFF_HEADER),
    (2, ["xlsxbad1", "坏例甲", "XNK", 13800004001, "staff", "本人", "Xlsx2026pass"]),
    # sheet row 3 is missing, so the bad row is sheet row 4 (the 3rd row of the file's data).
    (4, ["xlsxbad2", "坏例乙", "NOPE", 13800004002, "staff", "本科室", "Xlsx2026pass"]),
    (5, ["xlsxbad3", "坏例丙", "YB", 13800004003, "职工", "本人", "Xlsx2026pass"]),
]

DRUG_HEADER = ["药品编码", "药品名称", "规格", "单位", "价格(元)", "生产企业", "生效日期"]

PRICES_DRUG = [
    (1, DRUG_HEADER),
    (2, ["XY900001", "测试阿司匹林肠溶片（XLSX）", "100mg×30片", "盒", 12.5, "演示制药有限公司（演示）", "2027-01-01"]),
    (3, ["XY900002", "测试氯化钠注射液（XLSX）", "0.9%×250ml", "瓶", 3, "演示制药有限公司（演示）", "2027-01-01"]),
    # 生产企业 (optional) left out in the middle of the row.
    (4, ["XY900003", "测试维生素C片（XLSX）", "0.1g×100片", "瓶", 0.86, None, "2027-01-01"]),
    (6, ["XY900004", "测试布洛芬缓释胶囊（XLSX）", "0.3g×20粒", "盒", 18.75, "华岭医药集团有限公司（演示）", "2027-02-15"]),
]

# ---------------------------------------------------------------------------------------------
# SpreadsheetML


def col_letter(i):
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(ord("A") + r) + s
    return s


def number_text(v):
    if isinstance(v, bool):
        raise TypeError("no booleans in fixtures")
    if isinstance(v, int):
        return str(v)
    return repr(v)  # shortest round-trip form, as Excel writes it: 12.5, 0.86


def t_element(text):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return "<t%s>%s</t>" % (space, escape(text))


def sheet_xml(rows, strings):
    """strings: 'shared' or 'inline'. Returns (sheet1.xml, list of shared strings)."""
    shared, index = [], {}
    out = [XML_DECL, '<worksheet xmlns="%s" xmlns:r="%s">' % (NS, NS_R)]
    last_row = max(r for r, _ in rows)
    last_col = max(len(cells) for _, cells in rows)
    out.append('<dimension ref="A1:%s%d"/>' % (col_letter(last_col - 1), last_row))
    out.append("<sheetData>")
    for rnum, cells in rows:
        present = [i for i, v in enumerate(cells) if v is not None]
        out.append('<row r="%d" spans="%d:%d">' % (rnum, present[0] + 1, present[-1] + 1))
        for i, v in enumerate(cells):
            if v is None:
                continue
            ref = "%s%d" % (col_letter(i), rnum)
            if isinstance(v, str):
                if strings == "shared":
                    if v not in index:
                        index[v] = len(shared)
                        shared.append(v)
                    out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
                else:
                    out.append('<c r="%s" t="inlineStr"><is>%s</is></c>' % (ref, t_element(v)))
            else:
                out.append('<c r="%s"><v>%s</v></c>' % (ref, number_text(v)))
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out), shared


def shared_strings_xml(shared, count):
    items = "".join("<si>%s</si>" % t_element(s) for s in shared)
    return '%s<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (XML_DECL, NS, count, len(shared), items)


def write_xlsx(path, sheet_name, rows, strings):
    sheet, shared = sheet_xml(rows, strings)
    n_strings = sum(1 for _, cells in rows for v in cells if isinstance(v, str))
    has_sst = strings == "shared"
    content_types = (
        XML_DECL
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + ('<Override PartName="/xl/sharedStrings.xml" '
           'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
           if has_sst else "")
        + "</Types>"
    )
    root_rels = (
        XML_DECL + '<Relationships xmlns="%s">' % NS_PKG_R
        + '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>' % NS_R
        + "</Relationships>"
    )
    workbook = (
        XML_DECL + '<workbook xmlns="%s" xmlns:r="%s">' % (NS, NS_R)
        + '<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>' % escape(sheet_name)
    )
    workbook_rels = (
        XML_DECL + '<Relationships xmlns="%s">' % NS_PKG_R
        + '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>' % NS_R
        + '<Relationship Id="rId2" Type="%s/styles" Target="styles.xml"/>' % NS_R
        + ('<Relationship Id="rId3" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % NS_R if has_sst else "")
        + "</Relationships>"
    )
    # The smallest styles part Excel accepts without a repair prompt.
    styles = (
        XML_DECL + '<styleSheet xmlns="%s">' % NS
        + '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
    parts = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    if has_sst:
        parts.append(("xl/sharedStrings.xml", shared_strings_xml(shared, n_strings)))
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"), compresslevel=9)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, sheet_name, rows, strings in [
        ("staff_ok.xlsx", "人员", STAFF_OK, "shared"),
        ("staff_bad.xlsx", "人员", STAFF_BAD, "shared"),
        ("prices_drug.xlsx", "药品价格", PRICES_DRUG, "inline"),
    ]:
        path = os.path.join(OUT, name)
        write_xlsx(path, sheet_name, rows, strings)
        print("wrote %s (%d bytes)" % (os.path.relpath(path), os.path.getsize(path)))


if __name__ == "__main__":
    main()
