#include "indicators/record_store.h"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_set>

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

std::string Join(const std::vector<std::string>& cols) {
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? ", " : "") + cols[i];
  return out;
}

void OptInt(BulkWriter& w, const std::optional<int64_t>& v) {
  if (v) {
    w.Int(*v);
  } else {
    w.Null();
  }
}

uint64_t KeyHash(std::string_view key) { return std::hash<std::string_view>{}(key); }

std::string DischargeKey(const std::string& bah, int64_t zycs) {
  return bah + "|" + std::to_string(zycs);
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
  auto stage = [&](const std::string& table) {
    return Exec("CREATE TEMP TABLE stage_" + table + " AS SELECT * FROM " + table + " WHERE 1 = 0");
  };
  if (dataset_ == Dataset::kDischarges) {
    // Imports of one dataset are serialized: another process must not take the same ids.
    if (pg) YW_RETURN_IF_ERROR(Exec("LOCK TABLE discharge IN SHARE ROW EXCLUSIVE MODE"));
    try {
      sql_ << "SELECT COALESCE(MAX(id), 0) FROM discharge", soci::into(next_id_);
    } catch (const std::exception& e) {
      return db::StatusFromDbError(e.what());
    }
    for (const char* t : {"discharge", "discharge_diagnosis", "discharge_procedure"})
      YW_RETURN_IF_ERROR(stage(t));
    YW_ASSIGN_OR_RETURN(main_,
                        BulkWriter::Open(sql_, dialect_, "stage_discharge", DischargeColumns()));
    YW_ASSIGN_OR_RETURN(diagnoses_, BulkWriter::Open(sql_, dialect_, "stage_discharge_diagnosis",
                                                     kDiagnosisColumns));
    YW_ASSIGN_OR_RETURN(procedures_, BulkWriter::Open(sql_, dialect_, "stage_discharge_procedure",
                                                      kProcedureColumns));
  } else if (dataset_ == Dataset::kVisits) {
    if (pg) YW_RETURN_IF_ERROR(Exec("LOCK TABLE visit IN SHARE ROW EXCLUSIVE MODE"));
    YW_RETURN_IF_ERROR(stage("visit"));
    YW_ASSIGN_OR_RETURN(main_, BulkWriter::Open(sql_, dialect_, "stage_visit", kVisitColumns));
  } else if (dataset_ == Dataset::kAntibioticUse) {
    YW_ASSIGN_OR_RETURN(main_,
                        BulkWriter::Open(sql_, dialect_, "antibiotic_use", kAntibioticColumns));
  } else {
    YW_ASSIGN_OR_RETURN(main_, BulkWriter::Open(sql_, dialect_, "pathway_case", kPathwayColumns));
  }
  YW_ASSIGN_OR_RETURN(findings_, BulkWriter::Open(sql_, dialect_, "qc_finding", FindingColumns()));
  return Status::Ok();
}

Status RecordStore::Write(const ParsedChunk& chunk) {
  BulkWriter& w = *main_;
  for (const Discharge& d : chunk.discharges) {
    key_hashes_.push_back(KeyHash(DischargeKey(d.bah, d.zycs)));
    int64_t id = ++next_id_;
    w.Int(id), w.Int(batch_), w.Int(d.line), w.Text(d.bah), w.Int(d.zycs), w.Int(d.period());
    w.Text(d.xm), w.Text(d.xb), w.Text(d.csrq ? d.csrq->ToString() : "");
    OptInt(w, d.nl ? std::optional<int64_t>(*d.nl) : std::nullopt);
    w.Text(d.sfzh), w.Text(d.ylfkfs), w.Text(d.rytj), w.Text(d.rysj ? d.rysj->ToString() : "");
    w.Text(d.rykb), w.Text(d.cysj->ToString()), w.Text(d.cykb);
    OptInt(w, d.sjzyts ? std::optional<int64_t>(*d.sjzyts) : std::nullopt);
    w.Text(d.jbdm), w.Text(d.zyzd), w.Text(d.rybq), w.Text(d.lyfs), w.Text(d.bmy);
    w.Text(d.kzr), w.Text(d.zrys), w.Text(d.zzys), w.Text(d.zyys);
    OptInt(w, d.zfy), OptInt(w, d.zfje);
    for (const auto& c : d.costs) OptInt(w, c);
    w.Int(d.required_filled), w.Int(d.required_total);
    YW_RETURN_IF_ERROR(w.EndRow());
    for (const Diagnosis& x : d.diagnoses) {
      diagnoses_->Int(id), diagnoses_->Int(x.seq), diagnoses_->Text(x.code);
      diagnoses_->Text(x.name), diagnoses_->Text(x.rybq);
      YW_RETURN_IF_ERROR(diagnoses_->EndRow());
    }
    for (const Procedure& p : d.procedures) {
      BulkWriter& o = *procedures_;
      o.Int(id), o.Int(p.seq), o.Text(p.code), o.Text(p.name);
      o.Text(p.date ? p.date->ToString() : p.date_text), o.Text(p.ssjb), o.Text(p.sspb);
      o.Text(p.wcss), o.Text(p.qkdj), o.Text(p.qkyhlb), o.Text(p.mzfs);
      YW_RETURN_IF_ERROR(o.EndRow());
    }
  }
  for (const Visit& v : chunk.visits) {
    key_hashes_.push_back(KeyHash(v.jzlsh));
    w.Int(batch_), w.Int(v.line), w.Text(v.jzlsh), w.Text(v.jzsj.ToString());
    w.Int(PeriodOf(v.jzsj.date)), w.Text(v.ksdm), w.Int(v.jzlx), w.Int(v.yybz), w.Int(v.zfy);
    w.Int(v.ypf), w.Int(v.kjywbz);
    YW_RETURN_IF_ERROR(w.EndRow());
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

Result<std::vector<RecordFinding>> RecordStore::Duplicates() {
  std::vector<RecordFinding> out;
  if (dataset_ != Dataset::kDischarges && dataset_ != Dataset::kVisits) return out;
  std::sort(key_hashes_.begin(), key_hashes_.end());
  std::unordered_set<uint64_t> suspects;
  for (size_t i = 1; i < key_hashes_.size(); ++i)
    if (key_hashes_[i] == key_hashes_[i - 1]) suspects.insert(key_hashes_[i]);
  if (suspects.empty()) return out;
  const bool visits = dataset_ == Dataset::kVisits;
  std::string q = visits ? "SELECT jzlsh, line FROM stage_visit ORDER BY line"
                         : "SELECT bah, zycs, line FROM stage_discharge ORDER BY line";
  std::map<std::string, int64_t> first;
  try {
    db::ForEachRow(sql_, q, {}, [&](const soci::row& r) {
      std::string key = visits ? db::Text(r, 0) : DischargeKey(db::Text(r, 0), db::Int(r, 1));
      int64_t line = db::Int(r, visits ? 1 : 2);
      if (!suspects.count(KeyHash(key))) return;
      auto [it, fresh] = first.emplace(key, line);
      if (fresh) return;
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
      f.message =
          what + "「" + key + "」在文件中重复，第" + std::to_string(it->second) + "行已出现";
      f.message_en = (visits ? std::string("JZLSH ") : std::string("BAH+ZYCS ")) + key +
                     " occurs twice in the file, first on line " + std::to_string(it->second);
      out.push_back(std::move(rf));
    });
  } catch (const std::exception& e) {
    return db::StatusFromDbError(e.what());
  }
  return out;
}

Result<CommitCounts> RecordStore::Commit() {
  YW_RETURN_IF_ERROR(FlushAll());
  CommitCounts n;
  const std::string b = std::to_string(batch_);
  const std::string ds = std::string(DatasetName(dataset_));
  // Findings of failed batches are history of that attempt, not of the records: keep them.
  const std::string kLive =
      " AND batch_id IN (SELECT id FROM import_batch WHERE status IN ('committed', 'replaced'))";
  auto count = [&](const std::string& q) -> Result<int64_t> {
    try {
      return db::ScalarInt(sql_, q, {});
    } catch (const std::exception& e) {
      return db::StatusFromDbError(e.what());
    }
  };
  if (dataset_ == Dataset::kDischarges) {
    YW_RETURN_IF_ERROR(
        Exec("CREATE TEMP TABLE stage_replaced AS SELECT d.id AS id FROM discharge d "
             "JOIN stage_discharge s ON d.bah = s.bah AND d.zycs = s.zycs"));
    YW_ASSIGN_OR_RETURN(n.replaced, count("SELECT COUNT(*) FROM stage_replaced"));
    for (const char* child : {"discharge_diagnosis", "discharge_procedure"})
      YW_RETURN_IF_ERROR(Exec(std::string("DELETE FROM ") + child +
                              " WHERE discharge_id IN (SELECT id FROM stage_replaced)"));
    YW_RETURN_IF_ERROR(Exec("DELETE FROM discharge WHERE id IN (SELECT id FROM stage_replaced)"));
    YW_RETURN_IF_ERROR(
        Exec("DELETE FROM qc_finding WHERE dataset = 'discharges' AND batch_id <> " + b + kLive +
             " AND record_key IN (SELECT bah || '|' || CAST(zycs AS TEXT) FROM stage_discharge)"));
    std::string cols = Join(DischargeColumns());
    YW_RETURN_IF_ERROR(
        Exec("INSERT INTO discharge (" + cols + ") SELECT " + cols + " FROM stage_discharge"));
    YW_RETURN_IF_ERROR(
        Exec("INSERT INTO discharge_diagnosis SELECT * FROM stage_discharge_diagnosis"));
    YW_RETURN_IF_ERROR(
        Exec("INSERT INTO discharge_procedure SELECT * FROM stage_discharge_procedure"));
    YW_ASSIGN_OR_RETURN(n.inserted, count("SELECT COUNT(*) FROM stage_discharge"));
    if (dialect_ == db::Dialect::kPostgres) {
      // Ids were assigned here, not by the identity sequence: move the sequence past them.
      YW_RETURN_IF_ERROR(
          Exec("SELECT setval(pg_get_serial_sequence('discharge', 'id'), "
               "(SELECT GREATEST(COALESCE(MAX(id), 0), 1) FROM discharge))"));
    }
    for (const char* t : {"stage_replaced", "stage_discharge", "stage_discharge_diagnosis",
                          "stage_discharge_procedure"})
      YW_RETURN_IF_ERROR(Exec(std::string("DROP TABLE ") + t));
  } else if (dataset_ == Dataset::kVisits) {
    YW_ASSIGN_OR_RETURN(
        n.replaced,
        count("SELECT COUNT(*) FROM visit WHERE jzlsh IN (SELECT jzlsh FROM stage_visit)"));
    YW_RETURN_IF_ERROR(Exec("DELETE FROM visit WHERE jzlsh IN (SELECT jzlsh FROM stage_visit)"));
    YW_RETURN_IF_ERROR(Exec("DELETE FROM qc_finding WHERE dataset = 'visits' AND batch_id <> " + b +
                            kLive + " AND record_key IN (SELECT jzlsh FROM stage_visit)"));
    std::string cols = Join(kVisitColumns);
    YW_RETURN_IF_ERROR(
        Exec("INSERT INTO visit (" + cols + ") SELECT " + cols + " FROM stage_visit"));
    YW_ASSIGN_OR_RETURN(n.inserted, count("SELECT COUNT(*) FROM stage_visit"));
    YW_RETURN_IF_ERROR(Exec("DROP TABLE stage_visit"));
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
