#include "disclosure/price_service.h"

#include <set>

#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/row.h"

namespace yuanwu::disclosure {

bool ParseYuan(std::string_view text, int64_t* fen) {
  std::string s = Trim(text);
  if (s.empty() || s.size() > 12) return false;
  int64_t whole = 0, frac = 0;
  size_t i = 0, digits = 0;
  for (; i < s.size() && s[i] != '.'; ++i, ++digits) {
    if (s[i] < '0' || s[i] > '9') return false;
    whole = whole * 10 + (s[i] - '0');
  }
  if (digits == 0) return false;
  if (i < s.size()) {
    size_t decimals = s.size() - i - 1;
    if (decimals == 0 || decimals > 2) return false;
    for (size_t k = i + 1; k < s.size(); ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      frac = frac * 10 + (s[k] - '0');
    }
    if (decimals == 1) frac *= 10;
  }
  *fen = whole * 100 + frac;
  return true;
}

std::string FormatYuan(int64_t fen) {
  std::string cents = std::to_string(fen % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return std::to_string(fen / 100) + "." + cents;
}

namespace {

struct ColumnSpec {
  const char* header;
  bool required;
};

const ColumnSpec kServiceColumns[] = {{"项目编码", true}, {"项目名称", true},  {"计价单位", true},
                                      {"价格(元)", true}, {"项目内涵", false}, {"除外内容", false},
                                      {"说明", false},    {"生效日期", true}};
const ColumnSpec kDrugColumns[] = {{"药品编码", true}, {"药品名称", true}, {"规格", true},
                                   {"单位", true},     {"价格(元)", true}, {"生产企业", false},
                                   {"生效日期", true}};

}  // namespace

Result<int> PriceService::Import(const auth::Actor& actor, const std::string& kind,
                                 const tabular::Table& table) {
  if (kind != "service" && kind != "drug") {
    return Status::Invalid("kind", "价格类别必须是 service（医疗服务）或 drug（药品）",
                           "kind must be service or drug");
  }
  bool service = kind == "service";
  Validation v;
  auto specs = service
                   ? std::vector<ColumnSpec>(std::begin(kServiceColumns), std::end(kServiceColumns))
                   : std::vector<ColumnSpec>(std::begin(kDrugColumns), std::end(kDrugColumns));
  for (const ColumnSpec& c : specs) {
    if (c.required && table.Column(c.header) < 0) {
      v.Fail(std::string("表头/") + c.header, std::string("缺少列：") + c.header,
             std::string("missing column: ") + c.header);
    }
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  if (table.rows.empty())
    return Status::Invalid("file", "文件中没有数据行", "the file has no data rows");
  if (table.rows.size() > 200000) {
    return Status::Invalid("file", "一次最多导入20万行", "at most 200,000 rows per import");
  }
  auto cell = [&](const tabular::Row& r, const char* col) -> std::string {
    int i = table.Column(col);
    return i >= 0 && static_cast<size_t>(i) < r.cells.size() ? Trim(r.cells[i]) : "";
  };
  std::vector<PriceItem> items;
  std::set<std::string> codes;
  for (const tabular::Row& r : table.rows) {
    std::string where = "第" + std::to_string(r.line) + "行";
    std::string where_en = "row " + std::to_string(r.line);
    auto fail = [&](const char* col, const std::string& zh, const std::string& en) {
      v.Fail(where_en + " / " + col, where + "「" + col + "」" + zh,
             where_en + " " + col + ": " + en);
    };
    PriceItem p;
    p.kind = kind;
    const char* code_col = service ? "项目编码" : "药品编码";
    const char* name_col = service ? "项目名称" : "药品名称";
    p.code = cell(r, code_col);
    p.name = cell(r, name_col);
    p.unit = cell(r, service ? "计价单位" : "单位");
    p.spec = service ? "" : cell(r, "规格");
    p.connotation = service ? cell(r, "项目内涵") : "";
    p.exclusions = service ? cell(r, "除外内容") : "";
    p.note = service ? cell(r, "说明") : "";
    p.manufacturer = service ? "" : cell(r, "生产企业");
    p.effective_from = tabular::NormalizeDateCell(cell(r, "生效日期"));
    for (const std::string* s : {&p.code, &p.name, &p.unit, &p.spec, &p.connotation, &p.exclusions,
                                 &p.note, &p.manufacturer}) {
      if (!IsCleanUtf8(*s) || Utf8Length(*s) > 1000)
        fail(code_col, "含非法字符或过长", "invalid or too long text");
    }
    if (p.code.empty() || p.code.size() > 40)
      fail(code_col, "不能为空且不超过40位", "required, at most 40 characters");
    else if (!codes.insert(p.code).second)
      fail(code_col, "在文件中重复：" + p.code, "duplicated in the file: " + p.code);
    if (p.name.empty()) fail(name_col, "不能为空", "is required");
    if (p.unit.empty()) fail(service ? "计价单位" : "单位", "不能为空", "is required");
    if (!service && p.spec.empty()) fail("规格", "不能为空", "is required");
    std::string price = cell(r, "价格(元)");
    if (!ParseYuan(price, &p.price_fen)) {
      fail("价格(元)", "应为不小于0、最多两位小数的金额，实际为「" + price + "」",
           "must be a non-negative amount with at most 2 decimals, got \"" + price + "\"");
    }
    std::optional<Date> eff = ParseDate(p.effective_from);
    if (!eff) {
      fail("生效日期", "格式应为 YYYY-MM-DD，实际为「" + p.effective_from + "」",
           "must be YYYY-MM-DD, got \"" + p.effective_from + "\"");
    }
    items.push_back(std::move(p));
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string now = FormatTimestamp(clock_.NowSeconds());
  Status s = db_.Transact([&](soci::session& sql) -> Status {
    long long before = 0;
    sql << "SELECT COUNT(*) FROM price_item WHERE kind = :k", soci::use(kind), soci::into(before);
    sql << "DELETE FROM price_item WHERE kind = :k", soci::use(kind);
    PriceItem row;
    long long fen = 0;
    soci::statement st =
        (sql.prepare
             << "INSERT INTO price_item (kind, code, name, unit, spec, price_fen, category, "
                "connotation, exclusions, note, manufacturer, effective_from, imported_at) "
                "VALUES (:kind, :code, :name, :unit, :spec, :fen, :cat, :con, :exc, :note, "
                ":man, :eff, :now)",
         soci::use(row.kind), soci::use(row.code), soci::use(row.name), soci::use(row.unit),
         soci::use(row.spec), soci::use(fen), soci::use(row.category), soci::use(row.connotation),
         soci::use(row.exclusions), soci::use(row.note), soci::use(row.manufacturer),
         soci::use(row.effective_from), soci::use(now));
    for (const PriceItem& p : items) {
      row = p;
      fen = p.price_fen;
      st.execute(true);
    }
    return audit::Append(
        sql, db_.dialect(), clock_, actor,
        {"disclosure.price.import", "price_item", kind, "{\"rows\":" + std::to_string(before) + "}",
         "{\"rows\":" + std::to_string(items.size()) + "}"});
  });
  if (!s.ok()) return s;
  return static_cast<int>(items.size());
}

Result<std::pair<std::vector<PriceItem>, int64_t>> PriceService::List(const PriceFilter& f) {
  return db_.Query<std::pair<std::vector<PriceItem>,
                             int64_t>>([&](soci::session& sql)
                                           -> Result<std::pair<std::vector<PriceItem>, int64_t>> {
    std::string where = " WHERE 1=1";
    db::Params p;
    if (!f.kind.empty()) {
      where += " AND kind = :kind";
      p.Add("kind", f.kind);
    }
    if (!f.q.empty()) {
      // LIKE finds two-character Chinese words on both engines over a plain table.
      where += " AND (name LIKE :q1 OR code LIKE :q2 OR connotation LIKE :q3)";
      p.Add("q1", "%" + f.q + "%");
      p.Add("q2", "%" + f.q + "%");
      p.Add("q3", "%" + f.q + "%");
    }
    int64_t total = db::ScalarInt(sql, "SELECT COUNT(*) FROM price_item" + where, p);
    p.Add("lim", static_cast<long long>(f.limit));
    p.Add("off", static_cast<long long>(f.offset));
    std::vector<PriceItem> out;
    db::ForEachRow(
        sql,
        "SELECT id, kind, code, name, unit, spec, price_fen, category, connotation, exclusions, "
        "note, manufacturer, effective_from FROM price_item" +
            where + " ORDER BY kind DESC, code LIMIT :lim OFFSET :off",
        p, [&](const soci::row& r) {
          PriceItem x;
          x.id = db::Int(r, 0);
          x.kind = db::Text(r, 1);
          x.code = db::Text(r, 2);
          x.name = db::Text(r, 3);
          x.unit = db::Text(r, 4);
          x.spec = db::Text(r, 5);
          x.price_fen = db::Int(r, 6);
          x.category = db::Text(r, 7);
          x.connotation = db::Text(r, 8);
          x.exclusions = db::Text(r, 9);
          x.note = db::Text(r, 10);
          x.manufacturer = db::Text(r, 11);
          x.effective_from = db::Text(r, 12);
          out.push_back(std::move(x));
        });
    return std::make_pair(std::move(out), total);
  });
}

}  // namespace yuanwu::disclosure
