// RecordParser: one source row (cells + line) → one typed record of a dataset, with every
// finding about it. Built once per file from its header; Parse() is const and thread-safe, so
// the importer runs it on both cores over different chunks.
//
// A row is *rejected* (Severity::kReject) when a key column is empty or unreadable or any typed
// column cannot be read; a rejected row fails the whole batch. Discharges then go through
// 首页质控 (qc.h), whose findings are errors or warnings and never reject.
#pragma once

#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indicators/dataset.h"
#include "indicators/qc.h"
#include "indicators/record.h"
#include "platform/base/result.h"

namespace yuanwu::indicators {

struct RecordFinding {
  int64_t line = 0;
  std::string key;    // "bah|zycs" for discharges, jzlsh for visits, … ("" if unreadable)
  int period = 0;     // YYYYMM when known
  std::string dept;   // department code when known
  std::string coder;  // 编码员 (discharges)
  Finding finding;
};

// The cells of a row with findings, kept for the error report (the offending cells are marked).
struct FlaggedRow {
  int64_t line = 0;
  std::vector<std::string> cells;
};

struct ParsedChunk {
  std::vector<Discharge> discharges;
  std::vector<Visit> visits;
  std::vector<AntibioticUse> antibiotics;
  std::vector<PathwayCase> pathways;
  std::vector<RecordFinding> findings;
  std::vector<FlaggedRow> flagged;
  int64_t records = 0;
  int64_t rejects = 0;
  int64_t bytes = 0;  // source bytes of the chunk, for progress

  // Room for `records` records of `dataset`.
  void Reserve(Dataset dataset, size_t records);
};

class RecordParser {
 public:
  // `header`: the file's header cells. `mapping`: source header → canonical column (from a
  // saved column mapping; a header already canonical needs no entry; matching is
  // case-insensitive). `known_departments`: department codes of the hospital (unknown codes
  // are warnings). Fails, naming the columns, when a key column is missing or two source
  // columns map to the same canonical one.
  static Result<RecordParser> Create(Dataset dataset, const std::vector<std::string>& header,
                                     const std::map<std::string, std::string>& mapping,
                                     const QcRules* qc,
                                     const std::set<std::string>* known_departments);

  Dataset dataset() const { return dataset_; }
  // Canonical name per source column ("" = not used).
  const std::vector<std::string>& canonical_header() const { return canonical_; }
  // Source columns that map to nothing (reported once per file as a notice).
  const std::vector<std::string>& ignored_columns() const { return ignored_; }
  // 首页 required columns the file does not have at all. They count as unfilled in every
  // record's completeness, but are reported once per file, not once per record.
  const std::vector<std::string>& absent_required() const { return absent_required_; }

  void Parse(int64_t line, std::span<const std::string_view> cells, ParsedChunk* out) const;

 private:
  RecordParser() = default;
  std::string_view Cell(std::span<const std::string_view> cells, int field) const;

  void ParseDischarge(int64_t line, std::span<const std::string_view> cells,
                      ParsedChunk* out) const;
  void ParseVisit(int64_t line, std::span<const std::string_view> cells, ParsedChunk* out) const;
  void ParseAntibiotic(int64_t line, std::span<const std::string_view> cells,
                       ParsedChunk* out) const;
  void ParsePathway(int64_t line, std::span<const std::string_view> cells, ParsedChunk* out) const;

  Dataset dataset_ = Dataset::kDischarges;
  std::vector<int> source_of_;  // per Fields(dataset) index → source column, -1 = absent
  // Every canonical source column → index. Hashed, with string_view lookups: the 首页
  // completeness check asks for ~100 columns per record.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int, NameHash, std::equal_to<>> by_name_;
  std::vector<std::string> canonical_;
  std::vector<std::string> ignored_;
  std::vector<std::string> absent_required_;
  std::vector<int> filled_source_;  // per QcRules::filled_columns(): source column, -1 = absent
  const QcRules* qc_ = nullptr;
  const std::set<std::string>* departments_ = nullptr;
};

}  // namespace yuanwu::indicators
