#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Regenerate the binary fixtures in tests/fixtures/indicators/ used by
tests/api/indicators_import.test.mjs.

The CSV fixtures of that folder are written by hand; this script makes the two that cannot be:

  discharges.xlsx      住院病案首页 as Excel exports it: a shared string table, dates and
                       date-times as Excel serial numbers (CSRQ, RYSJ, CYSJ of sheet row 2) next
                       to dates written as text (rows 3 and 5), money as number cells, sheet row 4
                       missing. 3 discharges of 2023-09 (one death, LYFS 5); sheet row 3 has
                       ZFY 1000 but its items add up to 500 (首页质控 cost.total_mismatch, an error
                       that does not stop the import).
  discharges_gbk.csv   discharges_clean.csv re-encoded as GBK (what Excel saves as "CSV" on a
                       Chinese Windows), which the importer must refuse with a clear message.

The SpreadsheetML writer is the one of tools/gen_xlsx_fixtures.py (imported, not copied), so the
output is deterministic in the same way: fixed timestamps, fixed order, DEFLATE level 9.

usage: python3 tools/gen_indicator_fixtures.py [output_dir]
       (default: tests/fixtures/indicators next to this repo); commit the changed files together
       with the test that reads them. All data is fictional.
"""
import os
import sys

sys.dont_write_bytecode = True  # no tools/__pycache__ left behind
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_xlsx_fixtures import write_xlsx  # noqa: E402  (the sibling script's writer)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "fixtures", "indicators")

HEADER = ["BAH", "ZYCS", "XM", "XB", "CSRQ", "NL", "SFZH", "RYSJ", "RYKB", "CYSJ", "CYKB",
          "SJZYTS", "JBDM", "ZYZD", "LYFS", "BMY", "ZFY", "XYF", "YLFUF"]

# Excel serials (1900 date system): 21276 = 1958-04-01, 45172.333… = 2023-09-03 08:00,
# 45179.604… = 2023-09-10 14:30.
DISCHARGES = [
    (1, HEADER),
    (2, ["X230901", 1, "蒋一鸣", "1", 21276, 65, "530102195804011246", 45172.333333333336, "XNK",
         45179.604166666664, "XNK", 7, "I20.000", "不稳定性心绞痛", "1", "杨丽", 4321.5, 1321.5,
         3000]),
    # Text date-times; ZFY 1000 ≠ XYF 200 + YLFUF 300 (cost.total_mismatch on ZFY).
    (3, ["X230902", 1, "沈二", "2", "1948-02-29", 75, "530102194802291248",
         "2023-09-12 09:00:00", "HXK", "2023-09-20 16:45", "HXK", 8, "J18.900", "肺炎", "5",
         "姜蕾", 1000, 200, 300]),
    # Sheet row 4 is missing: this record's line is 5.
    (5, ["X230903", 2, "韩三", "1", "1980-10-10", 42, "530102198010101250",
         "2023-09-21 10:00:00", "XNK", "2023-09-26 10:00:00", "XNK", 5, "I48.x00", "心房颤动",
         "1", "杨丽", 2500.75, 500.75, 2000]),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "discharges.xlsx")
    write_xlsx(path, "病案首页", DISCHARGES, "shared")
    print("wrote %s (%d bytes)" % (os.path.relpath(path), os.path.getsize(path)))

    src = os.path.join(OUT, "discharges_clean.csv")
    with open(src, encoding="utf-8") as f:
        text = f.read().replace("T2306", "G2306")  # other keys, in case it were ever imported
    path = os.path.join(OUT, "discharges_gbk.csv")
    with open(path, "wb") as f:
        f.write(text.encode("gbk"))
    print("wrote %s (%d bytes)" % (os.path.relpath(path), os.path.getsize(path)))


if __name__ == "__main__":
    main()
