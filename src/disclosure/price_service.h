// PriceService: 价格公示 — the medical-service and drug price lists, imported from CSV/XLSX
// (all rows or none) and searched by the public portal and the console.
#pragma once

#include "disclosure/disclosure.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/tabular/table.h"

namespace yuanwu::disclosure {

struct PriceFilter {
  std::string kind;  // service | drug | "" for both
  std::string q;     // code or name substring (two-character words work)
  int64_t offset = 0;
  int64_t limit = 20;
};

// Parses "12.5" / "12.50" / "12" yuan into fen; false on anything else (negative, 3 decimals…).
bool ParseYuan(std::string_view text, int64_t* fen);
std::string FormatYuan(int64_t fen);  // 1250 → "12.50"

class PriceService {
 public:
  PriceService(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Replaces the whole list of `kind` with the table's rows. Every bad cell is reported as
  // "第N行「列」…"; nothing is saved unless every row is valid.
  Result<int> Import(const auth::Actor& actor, const std::string& kind,
                     const tabular::Table& table);
  Result<std::pair<std::vector<PriceItem>, int64_t>> List(const PriceFilter& f);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace yuanwu::disclosure
