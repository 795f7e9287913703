#include "indicators/record_store.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "platform/db/row.h"

namespace yuanwu::indicators {
namespace {

using db::BulkWriter;

const char* Table(Dataset d) {
  switch (d) {
    case Dataset::kDischarges:
      return "discharge";
    case Dataset::kVisits:
      return "visit";
    case Dataset::kAntibioticUse:
      return "antibiotic_use";
    case Dataset::kPathways:
      return "pathway_case";
  }
  return "";
}

std::vector<std::string> DischargeColumns() {
  std::vector<std::string> c = {
      "id",   "batch_id", "line", "bah",  "zycs", "period", "xm",   "xb",     "csrq", "nl",
      "sfzh", "ylfkfs",   "rytj", "rysj", "rykb", "cysj",   "cykb", "sjzyts", "jbdm", "zyzd",
      "rybq", "lyfs",     "bmy",  "kzr",  "zrys", "zzys",   "zyys", "zfy",    "zfje"};
  for (const char* f : kCostFields) c.emplace_back(f);
  c.emplace_back("required_filled");
  c.emplace_back("required_total");
  return c;
}

const std::vector<std::string> kDiagnosisColumns = {"discharge_id", "seq", "code", "name", "rybq"};
const std::vector<std::string> kProcedureColumns = {"discharge_id", "seq",    "code", "name",
                                                    "op_date",      "ssjb",   "sspb", "wcss",
                                                    "qkdj",         "qkyhlb", "mzfs"};
const std::vector<std::string> kVisitColumns = {
    "batch_id", "line", "jzlsh", "jzsj", "period", "ksdm", "jzlx", "yybz", "zfy", "ypf", "kjywbz"};
const std::vector<std::string> kAntibioticColumns = {"batch_id", "line", "bah", "zycs", "ypbm",
                                                     "ypmc",     "atc",  "syl", "dddz", "ddd_e4"};
const std::vector<std::string> kPathwayColumns = {
    "batch_id", "line", "bah", "zycs", "ljdm", "ljmc", "rj", "wc", "bybz", "tc", "byyy"};

void OptInt(BulkWriter& w, const std::optional<int64_t>& v) {
  if (v) {
    w.Int(*v);
  } else {
    w.Null();
  }
}

std::string DischargeKey(const std::string& bah, int64_t zycs) {
  return bah + "|" + std::to_string(zycs);
}

// Findings of failed batches are history of that attempt, not of the records: keep them.
std::string LiveBatches() {
  return " AND batch_id IN (SELECT id FROM import_batch WHERE status IN ('committed', "
         "'replaced'))";
}

}  // namespace

const std::vector<std::string>& FindingColumns() {
  static const std::vector<std::string> kColumns = {
      "batch_id", "dataset", "record_key", "line",     "period",   "dept_code", "coder",
      "field",    "value",   "rule",       "category", "severity", "message",   "message_en"};
  return kColumns;
}

void WriteFinding(db::BulkWriter& f, int64_t batch, std::string_view dataset,
                  const RecordFinding& rf) {
  f.Int(batch), f.Text(dataset), f.Text(rf.key), f.Int(rf.line);
  if (rf.period) {
    f.Int(rf.period);
  } else {
    f.Null();
  }
  f.Text(rf.dept), f.Text(rf.coder), f.Text(rf.finding.field), f.Text(rf.finding.value);
  f.Text(rf.finding.rule), f.Text(QcCategoryName(rf.finding.category));
  f.Text(SeverityName(rf.finding.severity)), f.Text(rf.finding.message);
  f.Text(rf.finding.message_en);
}

RecordStore::~RecordStore() = default;

Status RecordStore::Exec(const std::string& statement) {
  try {
    sql_ << statement;
  } catch (const std::exception& e) {
    return db::StatusFromDbError(e.what());
  }
  return Status::Ok();
}

Result<std::unique_ptr<RecordStore>> RecordStore::Begin(soci::session& sql, db::Dialect dialect,
                                                        Dataset dataset, int64_t batch_id) {
  std::unique_ptr<RecordStore> s(new RecordStore(sql, dialect, dataset, batch_id));
  YW_RETURN_IF_ERROR(s->Open());
  return s;
}

Status RecordStore::Open() {
  const bool pg = dialect_ == db::Dialect::kPostgres;
  by_conflict_ = !pg;
  if (dataset_ == Dataset::kDischarges) {
    // Imports of one dataset are serialized: another process must not take the same ids.
    if (pg) YW_RETURN_IF_ERROR(Exec("LOCK TABLE discharge IN SHARE ROW EXCLUSIVE MODE"));
    try {
      sql_ << "SELECT COALESCE(MAX(id), 0) FROM discharge", soci::into(next_id_);
    } catch (const std::exception& e) {
      return db::StatusFromDbError(e.what());
    }
    YW_RETURN_IF_ERROR(
        Exec("CREATE TEMP TABLE stage_keys (bah TEXT NOT NULL, zycs BIGINT NOT NULL, "
             "line BIGINT NOT NULL)"));
    YW_ASSIGN_OR_RETURN(keys_,
                        BulkWriter::Open(sql_, dialect_, "stage_keys", {"bah", "zycs", "line"}));
    YW_ASSIGN_OR_RETURN(main_, BulkWriter::Open(sql_, dialect_, "discharge", DischargeColumns()));
    YW_ASSIGN_OR_RETURN(diagnoses_,
                        BulkWriter::Open(sql_, dialect_, "discharge_diagnosis", kDiagnosisColumns));
    YW_ASSIGN_OR_RETURN(procedures_,
                        BulkWriter::Open(sql_, dialect_, "discharge_procedure", kProcedureColumns));
  } else if (dataset_ == Dataset::kVisits) {
    if (pg) YW_RETURN_IF_ERROR(Exec("LOCK TABLE visit IN SHARE ROW EXCLUSIVE MODE"));
    YW_RETURN_IF_ERROR(
        Exec("CREATE TEMP TABLE stage_keys (jzlsh TEXT NOT NULL, line BIGINT NOT NULL)"));
    YW_ASSIGN_OR_RETURN(keys_, BulkWriter::Open(sql_, dialect_, "stage_keys", {"jzlsh", "line"}));
    YW_ASSIGN_OR_RETURN(main_, BulkWriter::Open(sql_, dialect_, "visit", kVisitColumns));
  } else if (dataset_ == Dataset::kAntibioticUse) {
    YW_ASSIGN_OR_RETURN(main_,
                        BulkWriter::Open(sql_, dialect_, "antibiotic_use", kAntibioticColumns));
  } else {
    YW_ASSIGN_OR_RETURN(main_, BulkWriter::Open(sql_, dialect_, "pathway_case", kPathwayColumns));
  }
  YW_ASSIGN_OR_RETURN(findings_, BulkWriter::Open(sql_, dialect_, "qc_finding", FindingColumns()));
  return Status::Ok();
}

static RecordFinding DuplicateKey(bool visits, const std::string& key, int64_t line,
                                  int64_t first) {
  RecordFinding rf;
  rf.line = line;
  rf.key = key;
  Finding& f = rf.finding;
  f.field = visits ? "JZLSH" : "BAH";
  f.value = key;
  f.rule = "import.duplicate_key";
  f.severity = Severity::kReject;
  f.category = QcCategory::kParse;
  std::string what = visits ? "就诊流水号" : "病案号+住院次数";
  f.message = what + "「" + key + "」在文件中重复，第" + std::to_string(first) + "行已出现";
  f.message_en = (visits ? std::string("JZLSH ") : std::string("BAH+ZYCS ")) + key +
                 " occurs twice in the file, first on line " + std::to_string(first);
  return rf;
}

// PostgreSQL: before a chunk's discharges or visits are written, which of its keys repeat an
// earlier row of this batch (duplicates in the file: rejections) and which supersede rows of
// earlier batches (deleted now, counted as replaced). The keys go into a small temporary table
// and meet the real table's unique index in one join, so a file that replaces nothing costs
// one probe per record and no copy. (COPY cannot skip a conflicting row, so the keys must be
// known to be free before the rows are sent.)
Status RecordStore::CheckKeys(const ParsedChunk& chunk, std::vector<RecordFinding>* rejects,
                              std::set<std::string>* skip) {
  const bool visits = dataset_ == Dataset::kVisits;
  YW_RETURN_IF_ERROR(Exec("DELETE FROM stage_keys"));
  std::unordered_map<std::string, int64_t> in_chunk;  // key → first line, within this chunk
  auto duplicate = [&](const std::string& key, int64_t line, int64_t first) {
    rejects->push_back(DuplicateKey(visits, key, line, first));
    skip->insert(key);
  };
  auto note = [&](const std::string& key, int64_t line) {
    auto [it, fresh] = in_chunk.emplace(key, line);
    if (!fresh) duplicate(key, line, it->second);
    return fresh;
  };
  for (const Discharge& d : chunk.discharges) {
    if (!note(DischargeKey(d.bah, d.zycs), d.line)) continue;
    StageKey(d.bah, d.zycs, d.line);
    YW_RETURN_IF_ERROR(keys_->EndRow());
  }
  for (const Visit& v : chunk.visits) {
    if (!note(v.jzlsh, v.line)) continue;
    StageKey(v.jzlsh, 0, v.line);
    YW_RETURN_IF_ERROR(keys_->EndRow());
  }
  YW_RETURN_IF_ERROR(keys_->Flush());
  // The planner must know the key table is small and probe the unique index once per key: the
  // batch's own rows are not in the statistics yet (they are uncommitted), and a plan that
  // scans them per chunk makes a million-row import quadratic.
  YW_RETURN_IF_ERROR(Exec("ANALYZE stage_keys"));
  const std::string probe =
      visits ? " FROM stage_keys k JOIN visit r ON r.jzlsh = k.jzlsh"
             : " FROM stage_keys k JOIN discharge r ON r.bah = k.bah AND r.zycs = k.zycs";
  int64_t old = 0;
  try {
    // Keys taken by rows of earlier chunks of this file (repeats: rejected) or of earlier
    // batches (superseded).
    db::ForEachRow(sql_, "SELECT " + StagedKeySql() + ", k.line, r.line, r.batch_id" + probe, {},
                   [&](const soci::row& r) {
                     if (db::Int(r, 3) == batch_) {
                       duplicate(db::Text(r, 0), db::Int(r, 1), db::Int(r, 2));
                     } else {
                       ++old;
                     }
                   });
  } catch (const std::exception& e) {
    return db::StatusFromDbError(e.what());
  }
  return old > 0 ? ReplaceStaged() : Status::Ok();
}

void RecordStore::StageKey(const std::string& key, int64_t zycs, int64_t line) {
  keys_->Text(key);
  if (dataset_ == Dataset::kDischarges) keys_->Int(zycs);
  keys_->Int(line);
}

std::string RecordStore::StagedJoin() const {
  return dataset_ == Dataset::kVisits ? " FROM visit r JOIN stage_keys k ON r.jzlsh = k.jzlsh"
                                      : " FROM discharge r JOIN stage_keys k ON r.bah = k.bah AND "
                                        "r.zycs = k.zycs";
}

std::string RecordStore::StagedKeySql() const {
  return dataset_ == Dataset::kVisits ? "k.jzlsh" : "k.bah || '|' || CAST(k.zycs AS TEXT)";
}

// Deletes the rows of earlier batches whose keys are in stage_keys, with their children and
// findings, and counts them as replaced.
Status RecordStore::ReplaceStaged() {
  const bool visits = dataset_ == Dataset::kVisits;
  const std::string b = std::to_string(batch_);
  const std::string join = StagedJoin();
  try {
    int64_t old = db::ScalarInt(sql_, "SELECT COUNT(*)" + join + " WHERE r.batch_id <> " + b, {});
    if (old == 0) return Status::Ok();
    replaced_ += old;
  } catch (const std::exception& e) {
    return db::StatusFromDbError(e.what());
  }
  const std::string ds(DatasetName(dataset_));
  YW_RETURN_IF_ERROR(Exec("DELETE FROM qc_finding WHERE dataset = '" + ds + "' AND batch_id <> " +
                          b + LiveBatches() + " AND record_key IN (SELECT " + StagedKeySql() +
                          " FROM stage_keys k)"));
  if (visits) {
    return Exec("DELETE FROM visit WHERE batch_id <> " + b +
                " AND jzlsh IN (SELECT jzlsh FROM stage_keys)");
  }
  const std::string old_ids = "(SELECT r.id" + join + " WHERE r.batch_id <> " + b + ")";
  YW_RETURN_IF_ERROR(Exec("DELETE FROM discharge_diagnosis WHERE discharge_id IN " + old_ids));
  YW_RETURN_IF_ERROR(Exec("DELETE FROM discharge_procedure WHERE discharge_id IN " + old_ids));
  return Exec("DELETE FROM discharge WHERE id IN " + old_ids);
}

// SQLite: a row whose key is taken was not written (BulkWriter::EndRow). Either it repeats a
// row of this file (a rejection naming both lines) or it supersedes a row of an earlier batch:
// then it waits in `deferred_` until the chunk's end, when the old rows go in one statement
// and the waiting rows are written. Free keys — nearly all of a first import — cost nothing
// beyond the unique index the insert maintains anyway.
Status RecordStore::OnTakenKey(const std::string& bah, int64_t zycs, int64_t line, size_t index,
                               std::vector<RecordFinding>* rejects) {
  const bool visits = dataset_ == Dataset::kVisits;
  if (!lookup_) {
    lookup_ = std::make_unique<KeyLookup>();
    std::string q = visits ? "SELECT batch_id, line FROM visit WHERE jzlsh = :k"
                           : "SELECT batch_id, line FROM discharge WHERE bah = :k AND zycs = :z";
    try {
      if (visits) {
        lookup_->st = std::make_unique<soci::statement>((sql_.prepare << q, soci::use(lookup_->key),
                                                         soci::into(lookup_->batch),
                                                         soci::into(lookup_->line)));
      } else {
        lookup_->st = std::make_unique<soci::statement>(
            (sql_.prepare << q, soci::use(lookup_->key), soci::use(lookup_->zycs),
             soci::into(lookup_->batch), soci::into(lookup_->line)));
      }
    } catch (const std::exception& e) {
      return db::StatusFromDbError(e.what());
    }
  }
  lookup_->key = bah;
  lookup_->zycs = zycs;
  bool found = false;
  try {
    found = lookup_->st->execute(true);
    // Step to the end: a statement left mid-result keeps SQLite from dropping stage_keys later.
    if (found) lookup_->st->fetch();
  } catch (const std::exception& e) {
    return db::StatusFromDbError(e.what());
  }
  const std::string key = visits ? bah : DischargeKey(bah, zycs);
  if (!found) return Status::Internal("import: key conflict without a row for " + key);
  if (lookup_->batch == batch_) {
    rejects->push_back(DuplicateKey(visits, key, line, lookup_->line));
    return Status::Ok();
  }
  auto [it, fresh] = deferred_keys_.emplace(key, line);
  if (!fresh) {  // twice in this chunk, and both supersede the same old row
    rejects->push_back(DuplicateKey(visits, key, line, it->second));
    return Status::Ok();
  }
  StageKey(bah, zycs, line);
  YW_RETURN_IF_ERROR(keys_->EndRow());
  deferred_.push_back(index);
  return Status::Ok();
}

Result<bool> RecordStore::WriteDischarge(const Discharge& d) {
  BulkWriter& w = *main_;
  int64_t id = ++next_id_;
  DateText csrq = d.csrq ? DateTextOf(*d.csrq) : DateText{};
  DateText rysj = d.rysj ? DateTimeTextOf(*d.rysj) : DateText{};
  DateText cysj = DateTimeTextOf(*d.cysj);
  w.Int(id), w.Int(batch_), w.Int(d.line), w.Text(d.bah), w.Int(d.zycs), w.Int(d.period());
  w.Text(d.xm), w.Text(d.xb), w.Text(csrq.view());
  OptInt(w, d.nl ? std::optional<int64_t>(*d.nl) : std::nullopt);
  w.Text(d.sfzh), w.Text(d.ylfkfs), w.Text(d.rytj), w.Text(rysj.view());
  w.Text(d.rykb), w.Text(cysj.view()), w.Text(d.cykb);
  OptInt(w, d.sjzyts ? std::optional<int64_t>(*d.sjzyts) : std::nullopt);
  w.Text(d.jbdm), w.Text(d.zyzd), w.Text(d.rybq), w.Text(d.lyfs), w.Text(d.bmy);
  w.Text(d.kzr), w.Text(d.zrys), w.Text(d.zzys), w.Text(d.zyys);
  OptInt(w, d.zfy), OptInt(w, d.zfje);
  for (const auto& c : d.costs) OptInt(w, c);
  w.Int(d.required_filled), w.Int(d.required_total);
  Status s = w.EndRow();
  if (s.code() == StatusCode::kAlreadyExists && by_conflict_) return false;
  YW_RETURN_IF_ERROR(s);
  for (const Diagnosis& x : d.diagnoses) {
    diagnoses_->Int(id), diagnoses_->Int(x.seq), diagnoses_->Text(x.code);
    diagnoses_->Text(x.name), diagnoses_->Text(x.rybq);
    YW_RETURN_IF_ERROR(diagnoses_->EndRow());
  }
  for (const Procedure& p : d.procedures) {
    BulkWriter& o = *procedures_;
    DateText date = p.date ? DateTextOf(*p.date) : DateText{};
    o.Int(id), o.Int(p.seq), o.Text(p.code), o.Text(p.name);
    o.Text(p.date ? date.view() : std::string_view(p.date_text)), o.Text(p.ssjb), o.Text(p.sspb);
    o.Text(p.wcss), o.Text(p.qkdj), o.Text(p.qkyhlb), o.Text(p.mzfs);
    YW_RETURN_IF_ERROR(o.EndRow());
  }
  return true;
}

Result<bool> RecordStore::WriteVisit(const Visit& v) {
  BulkWriter& w = *main_;
  DateText jzsj = DateTimeTextOf(v.jzsj);
  w.Int(batch_), w.Int(v.line), w.Text(v.jzlsh), w.Text(jzsj.view());
  w.Int(PeriodOf(v.jzsj.date)), w.Text(v.ksdm), w.Int(v.jzlx), w.Int(v.yybz), w.Int(v.zfy);
  w.Int(v.ypf), w.Int(v.kjywbz);
  Status s = w.EndRow();
  if (s.code() == StatusCode::kAlreadyExists && by_conflict_) return false;
  YW_RETURN_IF_ERROR(s);
  return true;
}

Status RecordStore::Write(const ParsedChunk& chunk, std::vector<RecordFinding>* rejects) {
  BulkWriter& w = *main_;
  std::set<std::string> skip;  // PostgreSQL: duplicate keys, rejected and not written twice
  if (!by_conflict_ && (!chunk.discharges.empty() || !chunk.visits.empty()))
    YW_RETURN_IF_ERROR(CheckKeys(chunk, rejects, &skip));
  deferred_.clear();
  deferred_keys_.clear();
  for (size_t i = 0; i < chunk.discharges.size(); ++i) {
    const Discharge& d = chunk.discharges[i];
    if (!skip.empty() && skip.count(DischargeKey(d.bah, d.zycs))) continue;
    YW_ASSIGN_OR_RETURN(bool written, WriteDischarge(d));
    if (!written) YW_RETURN_IF_ERROR(OnTakenKey(d.bah, d.zycs, d.line, i, rejects));
  }
  for (size_t i = 0; i < chunk.visits.size(); ++i) {
    const Visit& v = chunk.visits[i];
    if (!skip.empty() && skip.count(v.jzlsh)) continue;
    YW_ASSIGN_OR_RETURN(bool written, WriteVisit(v));
    if (!written) YW_RETURN_IF_ERROR(OnTakenKey(v.jzlsh, 0, v.line, i, rejects));
  }
  if (!deferred_.empty()) {
    YW_RETURN_IF_ERROR(keys_->Flush());
    YW_RETURN_IF_ERROR(ReplaceStaged());
    YW_RETURN_IF_ERROR(Exec("DELETE FROM stage_keys"));
    for (size_t i : deferred_) {
      Result<bool> written = dataset_ == Dataset::kVisits ? WriteVisit(chunk.visits[i])
                                                          : WriteDischarge(chunk.discharges[i]);
      if (!written.ok()) return written.status();
      if (!*written) return Status::Internal("import: a replaced key is still taken");
    }
  }
  for (const AntibioticUse& a : chunk.antibiotics) {
    w.Int(batch_), w.Int(a.line), w.Text(a.bah), w.Int(a.zycs), w.Text(a.ypbm), w.Text(a.ypmc);
    w.Text(a.atc), w.Real(a.syl), w.Real(a.dddz), w.Int(a.ddd_e4);
    YW_RETURN_IF_ERROR(w.EndRow());
  }
  for (const PathwayCase& c : chunk.pathways) {
    w.Int(batch_), w.Int(c.line), w.Text(c.bah), w.Int(c.zycs), w.Text(c.ljdm), w.Text(c.ljmc);
    w.Int(c.rj), w.Int(c.wc), w.Int(c.bybz), w.Int(c.tc), w.Text(c.byyy);
    YW_RETURN_IF_ERROR(w.EndRow());
  }
  std::string_view ds = DatasetName(dataset_);
  for (const RecordFinding& rf : chunk.findings) {
    if (rf.finding.severity == Severity::kReject) continue;  // the batch fails; report only
    WriteFinding(*findings_, batch_, ds, rf);
    YW_RETURN_IF_ERROR(findings_->EndRow());
  }
  return FlushAll();
}

Status RecordStore::FlushAll() {
  for (auto* w : {main_.get(), diagnoses_.get(), procedures_.get(), findings_.get()})
    if (w) YW_RETURN_IF_ERROR(w->Flush());
  return Status::Ok();
}

Result<CommitCounts> RecordStore::Commit() {
  YW_RETURN_IF_ERROR(FlushAll());
  CommitCounts n;
  const std::string b = std::to_string(batch_);
  const std::string ds = std::string(DatasetName(dataset_));
  const std::string kLive = LiveBatches();
  auto count = [&](const std::string& q) -> Result<int64_t> {
    try {
      return db::ScalarInt(sql_, q, {});
    } catch (const std::exception& e) {
      return db::StatusFromDbError(e.what());
    }
  };
  if (dataset_ == Dataset::kDischarges || dataset_ == Dataset::kVisits) {
    // Rows are in place and superseded ones already gone (CheckKeys, chunk by chunk).
    n.replaced = replaced_;
    YW_ASSIGN_OR_RETURN(n.inserted, count("SELECT COUNT(*) FROM " + std::string(Table(dataset_)) +
                                          " WHERE batch_id = " + b));
    YW_RETURN_IF_ERROR(Exec("DROP TABLE stage_keys"));
  } else {
    // Group replacement: the new batch's rows of a discharge supersede all earlier ones.
    const std::string t = Table(dataset_);
    const std::string others = " FROM " + t + " WHERE batch_id <> " + b +
                               " AND EXISTS (SELECT 1 FROM " + t + " n WHERE n.batch_id = " + b +
                               " AND n.bah = " + t + ".bah AND n.zycs = " + t + ".zycs)";
    YW_ASSIGN_OR_RETURN(n.replaced, count("SELECT COUNT(*)" + others));
    YW_RETURN_IF_ERROR(Exec("DELETE" + others));
    YW_RETURN_IF_ERROR(Exec("DELETE FROM qc_finding WHERE dataset = '" + ds + "' AND batch_id <> " +
                            b + kLive +
                            " AND record_key IN (SELECT bah || '|' || "
                            "CAST(zycs AS TEXT) FROM " +
                            t + " WHERE batch_id = " + b + ")"));
    YW_ASSIGN_OR_RETURN(n.inserted, count("SELECT COUNT(*) FROM " + t + " WHERE batch_id = " + b));
  }
  // Earlier batches that no longer own a row were wholly replaced.
  YW_RETURN_IF_ERROR(Exec("UPDATE import_batch SET status = 'replaced' WHERE dataset = '" + ds +
                          "' AND status = 'committed' AND id <> " + b +
                          " AND NOT EXISTS (SELECT 1 FROM " + Table(dataset_) +
                          " r WHERE r.batch_id = import_batch.id)"));
  return n;
}

}  // namespace yuanwu::indicators
