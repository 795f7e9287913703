#include "indicators/engine.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "indicators/engine_figures.h"
#include "platform/db/row.h"

namespace yuanwu::indicators {
namespace {

constexpr int kDatasets = 2;  // measures run over discharges (0) and visits (1)
// Rows per fetch when reading records: PostgreSQL's client would otherwise hold a whole table's
// result (1.9 GB for 10 million visits) before the first row is seen.
constexpr size_t kChunkRows = 50000;
int Slot(Dataset d) { return d == Dataset::kVisits ? 1 : 0; }

int MonthIndex(int yyyymm) { return (yyyymm / 100) * 12 + (yyyymm % 100) - 1; }
int FromMonthIndex(int m) { return (m / 12) * 100 + m % 12 + 1; }

// A sum column: dataset fields added together, or a child quantity summed per record.
struct SumSpec {
  std::vector<std::string> fields;
  std::string child, child_field;
  std::vector<Condition> child_where;
  std::string key;
};

struct CompiledMeasure {
  int slot = 0;                 // dataset slot; -1 for a figure measure (figure_measure)
  uint64_t set = 0, clear = 0;  // atoms that must hold / must not hold
  int sum = -1;                 // SumSpec index, -1 = count
  int figure_measure = -1;      // index in Compiled::figure_measures
};

struct Compiled {
  std::vector<Condition> atoms[kDatasets];  // kIn / kPrefix on a row column, or kAny child
  std::vector<std::string> atom_keys[kDatasets];
  std::vector<SumSpec> sums[kDatasets];
  std::vector<CompiledMeasure> measures;
  std::map<std::string, int> measure_index;
  std::vector<std::pair<int, int>> of_indicator;  // numerator, denominator (-1) measure
  std::vector<Measure> figure_measures;           // computed from FigureData, not the cube
  std::set<std::string> figure_codes;             // the figures they use
};

struct Table {
  std::vector<uint16_t> month, dept;
  std::vector<uint64_t> bits;
  std::vector<std::vector<int64_t>> sums;
  size_t Bytes() const {
    size_t b = month.size() * 2 + dept.size() * 2 + bits.size() * 8;
    for (const auto& s : sums) b += s.size() * 8;
    return b;
  }
};

std::string AtomKey(const Condition& c) {
  std::string k = std::to_string(c.kind) + "|" + c.field + "|" + c.child + "|";
  for (const auto& v : c.values) k += v + ",";
  for (const auto& w : c.where) k += "(" + AtomKey(w) + ")";
  return k;
}

bool Matches(const Condition& c, std::string_view value) {
  if (c.kind == Condition::kIn) {
    for (const auto& v : c.values)
      if (value == v) return true;
    return false;
  }
  for (const auto& v : c.values)
    if (value.starts_with(v)) return true;
  return false;
}

Compiled Compile(const std::vector<Indicator>& indicators) {
  Compiled c;
  auto atom = [&](int slot, const Condition& cond) -> int {
    Condition a = cond;
    if (a.kind == Condition::kNone) a.kind = Condition::kAny;
    std::string key = AtomKey(a);
    auto& keys = c.atom_keys[slot];
    auto it = std::find(keys.begin(), keys.end(), key);
    if (it != keys.end()) return static_cast<int>(it - keys.begin());
    keys.push_back(key);
    c.atoms[slot].push_back(a);
    return static_cast<int>(keys.size() - 1);
  };
  auto measure = [&](const Measure& m) -> int {
    std::string key = m.Key();
    auto found = c.measure_index.find(key);
    if (found != c.measure_index.end()) return found->second;
    CompiledMeasure cm;
    if (m.IsFigures()) {
      cm.slot = -1;
      cm.figure_measure = static_cast<int>(c.figure_measures.size());
      c.figure_measures.push_back(m);
      for (const FigureTerm& t : m.figures) c.figure_codes.insert(t.code);
      c.measures.push_back(cm);
      return c.measure_index[key] = static_cast<int>(c.measures.size() - 1);
    }
    cm.slot = Slot(m.dataset);
    for (const Condition& w : m.where) {
      int a = atom(cm.slot, w);
      (w.kind == Condition::kNone ? cm.clear : cm.set) |= uint64_t{1} << a;
    }
    if (m.sum) {
      SumSpec s{m.fields, m.child, m.child_field, m.child_where, ""};
      Measure bare = m;
      bare.where.clear();
      s.key = bare.Key();
      auto& sums = c.sums[cm.slot];
      auto it =
          std::find_if(sums.begin(), sums.end(), [&](const SumSpec& x) { return x.key == s.key; });
      if (it == sums.end()) {
        sums.push_back(s);
        it = sums.end() - 1;
      }
      cm.sum = static_cast<int>(it - sums.begin());
    }
    c.measures.push_back(cm);
    int idx = static_cast<int>(c.measures.size() - 1);
    c.measure_index[key] = idx;
    return idx;
  };
  for (const Indicator& i : indicators) {
    int num = measure(i.numerator);
    int den = i.denominator ? measure(*i.denominator) : -1;
    c.of_indicator.emplace_back(num, den);
  }
  return c;
}

}  // namespace

std::optional<Grain> ParseGrain(std::string_view s) {
  if (s == "month") return Grain::kMonth;
  if (s == "quarter") return Grain::kQuarter;
  if (s == "year") return Grain::kYear;
  return std::nullopt;
}

std::optional<Grouping> ParseGrouping(std::string_view s) {
  if (s == "hospital") return Grouping::kHospital;
  if (s == "campus") return Grouping::kCampus;
  if (s == "department") return Grouping::kDepartment;
  return std::nullopt;
}

std::string PeriodLabel(int month, Grain g) {
  int y = month / 100, m = month % 100;
  char buf[16];
  switch (g) {
    case Grain::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
      break;
    case Grain::kQuarter:
      std::snprintf(buf, sizeof buf, "%04d-Q%d", y, (m + 2) / 3);
      break;
    case Grain::kYear:
      std::snprintf(buf, sizeof buf, "%04d", y);
      break;
  }
  return buf;
}

struct Engine::State {
  std::vector<Indicator> indicators;
  Compiled compiled;
  Table tables[kDatasets];
  std::vector<std::string> dept_codes;
  std::unordered_map<std::string, int> dept_index;
  std::map<std::string, std::string> campus_of;  // department code → campus code
  int base = 0;                                  // month index of month 0
  int months = 0;                                // months covered
  // cube[measure][month * depts + dept]; empty for figure measures
  std::vector<std::vector<Figures>> cube;
  FigureData figures;               // 医院填报数据 of the figures the definitions use
  bool loaded = false;              // Load ran for these definitions
  std::set<int64_t> visit_batches;  // import batches whose visit rows are in tables[1]
  bool visits_appended = false;     // the last reload appended visits instead of reading all

  int Dept(const std::string& code) {
    auto it = dept_index.find(code);
    if (it != dept_index.end()) return it->second;
    dept_codes.push_back(code);
    return dept_index[code] = static_cast<int>(dept_codes.size() - 1);
  }
};

Engine::Engine(int threads)
    : state_(std::make_unique<State>()),
      threads_(threads > 0 ? threads
                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {}
Engine::~Engine() = default;

Status Engine::SetIndicators(std::vector<Indicator> indicators) {
  Compiled c = Compile(indicators);
  for (int s = 0; s < kDatasets; ++s) {
    if (c.atoms[s].size() > 64)
      return Status::Invalid("definitions", "指标定义中的不同筛选条件超过 64 个",
                             "more than 64 distinct filter conditions per dataset");
  }
  std::unique_lock<std::shared_mutex> l(mu_);
  // Loaded columns were evaluated for the old filters: drop them until the next Load.
  state_ = std::make_unique<State>();
  state_->indicators = std::move(indicators);
  state_->compiled = std::move(c);
  return Status::Ok();
}

std::vector<Indicator> Engine::indicators() const {
  std::shared_lock<std::shared_mutex> l(mu_);
  return state_->indicators;
}

namespace {

// Reads one dataset's rows into `t`. `month_of` collects the YYYYMM of each row.
struct Loader {
  soci::session& sql;
  const Compiled& c;
  std::function<int(const std::string&)> dept;

  // Appends the visit rows `where` selects (all when empty) to `t`; `batches` gets their
  // import batches.
  Status Visits(Table& t, std::vector<int>& months, const std::string& where,
                std::set<int64_t>* batches) {
    const auto& atoms = c.atoms[1];
    const auto& sums = c.sums[1];
    std::vector<std::string> cols;  // distinct columns to read
    auto col = [&](const std::string& name) {
      auto it = std::find(cols.begin(), cols.end(), name);
      if (it != cols.end()) return static_cast<int>(it - cols.begin());
      cols.push_back(name);
      return static_cast<int>(cols.size() - 1);
    };
    std::vector<int> atom_col;
    for (const auto& a : atoms) atom_col.push_back(col(a.field));
    std::vector<std::vector<int>> sum_cols;
    for (const auto& s : sums) {
      sum_cols.emplace_back();
      for (const auto& f : s.fields) sum_cols.back().push_back(col(f));
    }
    std::string q = "SELECT v.period, v.ksdm, v.batch_id";
    for (const auto& name : cols)
      q += ", " + std::string(FindColumn(Columns(Dataset::kVisits), name)->sql);
    q += " FROM visit v" + where;
    if (t.sums.size() != sums.size()) t.sums.assign(sums.size(), {});
    std::vector<std::string> vals(cols.size());
    int64_t last_batch = -1;
    db::ForEachRowStreamed(sql, q, kChunkRows, [&](const soci::row& r) {
      months.push_back(static_cast<int>(db::Int(r, 0)));
      t.dept.push_back(static_cast<uint16_t>(dept(db::Text(r, 1))));
      if (int64_t b = db::Int(r, 2); b != last_batch) batches->insert(last_batch = b);
      for (size_t i = 0; i < cols.size(); ++i) vals[i] = db::Text(r, i + 3);
      uint64_t bits = 0;
      for (size_t a = 0; a < atoms.size(); ++a)
        if (Matches(atoms[a], vals[atom_col[a]])) bits |= uint64_t{1} << a;
      t.bits.push_back(bits);
      for (size_t s = 0; s < sums.size(); ++s) {
        int64_t v = 0;
        for (int ci : sum_cols[s]) v += std::stoll(vals[ci].empty() ? "0" : vals[ci]);
        t.sums[s].push_back(v);
      }
    });
    return Status::Ok();
  }

  Status Discharges(Table& t, std::vector<int>& months) {
    const auto& atoms = c.atoms[0];
    const auto& sums = c.sums[0];
    std::vector<std::string> cols;
    auto col = [&](const std::string& name) {
      auto it = std::find(cols.begin(), cols.end(), name);
      if (it != cols.end()) return static_cast<int>(it - cols.begin());
      cols.push_back(name);
      return static_cast<int>(cols.size() - 1);
    };
    std::vector<int> atom_col(atoms.size(), -1);
    for (size_t a = 0; a < atoms.size(); ++a)
      if (atoms[a].kind != Condition::kAny) atom_col[a] = col(atoms[a].field);
    std::vector<std::vector<int>> sum_cols(sums.size());
    for (size_t s = 0; s < sums.size(); ++s)
      for (const auto& f : sums[s].fields) sum_cols[s].push_back(col(f));
    std::string q = "SELECT d.id, d.bah, d.zycs, d.batch_id, d.period, d.cykb";
    for (const auto& name : cols)
      q += ", " + std::string(FindColumn(Columns(Dataset::kDischarges), name)->sql);
    q += " FROM discharge d";
    t.sums.assign(sums.size(), {});
    std::unordered_map<int64_t, uint32_t> by_id;
    std::unordered_map<std::string, uint32_t> by_key;        // bah|zycs
    std::unordered_map<std::string, uint32_t> by_batch_key;  // batch|bah|zycs
    std::vector<std::string> vals(cols.size());
    db::ForEachRowStreamed(sql, q, kChunkRows, [&](const soci::row& r) {
      uint32_t idx = static_cast<uint32_t>(t.bits.size());
      std::string key = db::Text(r, 1) + "|" + std::to_string(db::Int(r, 2));
      by_id[db::Int(r, 0)] = idx;
      by_batch_key[std::to_string(db::Int(r, 3)) + "|" + key] = idx;
      by_key[std::move(key)] = idx;
      months.push_back(static_cast<int>(db::Int(r, 4)));
      t.dept.push_back(static_cast<uint16_t>(dept(db::Text(r, 5))));
      for (size_t i = 0; i < cols.size(); ++i) vals[i] = db::Text(r, i + 6);
      uint64_t bits = 0;
      for (size_t a = 0; a < atoms.size(); ++a)
        if (atom_col[a] >= 0 && Matches(atoms[a], vals[atom_col[a]])) bits |= uint64_t{1} << a;
      t.bits.push_back(bits);
      for (size_t s = 0; s < sums.size(); ++s) {
        int64_t v = 0;
        for (int ci : sum_cols[s]) v += std::stoll(vals[ci].empty() ? "0" : vals[ci]);
        t.sums[s].push_back(v);
      }
    });
    // Children: set the "any" atoms and add child sums.
    std::set<std::string> children;
    for (const auto& a : atoms)
      if (a.kind == Condition::kAny) children.insert(a.child);
    for (const auto& s : sums)
      if (!s.child.empty()) children.insert(s.child);
    for (const std::string& child : children) {
      const auto& ccols = *ChildColumns(child);
      std::string key_sql, from;
      if (child == "procedures" || child == "diagnoses") {
        key_sql = "c.discharge_id";
        from = child == "procedures" ? "discharge_procedure c" : "discharge_diagnosis c";
      } else if (child == "findings") {
        key_sql = "CAST(c.batch_id AS TEXT) || '|' || c.record_key";
        from = "qc_finding c WHERE c.dataset = 'discharges'";
      } else {
        key_sql = "c.bah || '|' || CAST(c.zycs AS TEXT)";
        from = child == "antibiotics" ? "antibiotic_use c" : "pathway_case c";
      }
      std::string cq = "SELECT " + key_sql;
      for (const ColumnInfo& ci : ccols) cq += ", " + std::string(ci.sql);
      cq += " FROM " + from;
      auto cidx = [&](const std::string& name) {
        for (size_t i = 0; i < ccols.size(); ++i)
          if (name == ccols[i].name) return static_cast<int>(i) + 1;
        return -1;
      };
      std::vector<std::string> cv(ccols.size() + 1);
      db::ForEachRowStreamed(sql, cq, kChunkRows, [&](const soci::row& r) {
        for (size_t i = 0; i <= ccols.size(); ++i) cv[i] = db::Text(r, i);
        uint32_t idx;
        if (child == "procedures" || child == "diagnoses") {
          auto it = by_id.find(std::stoll(cv[0]));
          if (it == by_id.end()) return;
          idx = it->second;
        } else {
          auto& map = child == "findings" ? by_batch_key : by_key;
          auto it = map.find(cv[0]);
          if (it == map.end()) return;  // rows of a discharge not (yet) imported
          idx = it->second;
        }
        auto all = [&](const std::vector<Condition>& where) {
          for (const Condition& w : where)
            if (!Matches(w, cv[cidx(w.field)])) return false;
          return true;
        };
        for (size_t a = 0; a < atoms.size(); ++a)
          if (atoms[a].kind == Condition::kAny && atoms[a].child == child && all(atoms[a].where))
            t.bits[idx] |= uint64_t{1} << a;
        for (size_t s = 0; s < sums.size(); ++s)
          if (sums[s].child == child && all(sums[s].child_where)) {
            const std::string& v = cv[cidx(sums[s].child_field)];
            t.sums[s][idx] += v.empty() ? 0 : std::stoll(v);
          }
      });
    }
    return Status::Ok();
  }
};

}  // namespace

Status Engine::Load(db::Database& db) { return LoadTables(db, true, true); }

Status Engine::LoadTables(db::Database& db, bool discharges, bool visits) {
  std::shared_lock<std::shared_mutex> rl(mu_);
  if (!state_->loaded) discharges = visits = true;  // nothing to keep
  auto next = std::make_unique<State>();
  next->indicators = state_->indicators;
  next->compiled = state_->compiled;
  std::vector<int> months[kDatasets];
  // A visit import that replaced nothing only adds rows: then the loaded visits are kept and
  // the new batches' rows appended (decided below, from import_batch). Discharges are always
  // read whole: a new discharge picks up antibiotic and pathway rows imported before it.
  const bool may_append_visits = visits && !discharges && state_->loaded;
  const bool keep_slot[kDatasets] = {!discharges, !visits || may_append_visits};
  Table old_visits;
  std::vector<int> old_visit_months;
  for (int d = 0; d < kDatasets; ++d) {
    if (!keep_slot[d]) continue;
    // Kept as loaded: its filter bits and sums were evaluated for the same definitions; its
    // department indices stay valid because the department list is copied and only grows.
    next->dept_codes = state_->dept_codes;
    next->dept_index = state_->dept_index;
    Table& t = d == 1 && may_append_visits ? old_visits : next->tables[d];
    std::vector<int>& m = d == 1 && may_append_visits ? old_visit_months : months[d];
    t = state_->tables[d];
    const std::vector<uint16_t>& offsets = state_->tables[d].month;
    m.resize(offsets.size());
    for (size_t i = 0; i < offsets.size(); ++i) m[i] = FromMonthIndex(state_->base + offsets[i]);
  }
  const std::set<int64_t> old_visit_batches = state_->visit_batches;
  if (!visits) next->visit_batches = old_visit_batches;
  rl.unlock();
  // On PostgreSQL the rows are streamed through cursors, which live in a transaction: a
  // read-only one with one snapshot for every table (an import committing meanwhile is seen
  // whole or not at all). SQLite steps rows without one.
  auto read = [&](const std::function<Status(soci::session&)>& fn) {
    if (db.dialect() != db::Dialect::kPostgres) return db.Read(fn);
    return db.Transact([&](soci::session& sql) {
      try {
        sql << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
      } catch (const std::exception& e) {
        return db::StatusFromDbError(e.what());
      }
      return fn(sql);
    });
  };
  Status s = read([&](soci::session& sql) {
    try {
      db::ForEachRow(
          sql, "SELECT d.code, c.code FROM department d JOIN campus c ON c.id = d.campus_id", {},
          [&](const soci::row& r) { next->campus_of[db::Text(r, 0)] = db::Text(r, 1); });
      Loader loader{sql, next->compiled, [&](const std::string& code) { return next->Dept(code); }};
      if (discharges) YW_RETURN_IF_ERROR(loader.Discharges(next->tables[0], months[0]));
      if (visits) {
        // Batches not loaded yet; if one of them replaced earlier rows, read the visits anew.
        std::vector<int64_t> fresh;
        bool append = may_append_visits;
        if (append)
          db::ForEachRow(sql,
                         "SELECT id, replaced_count FROM import_batch WHERE dataset = 'visits' "
                         "AND status IN ('committed', 'replaced')",
                         {}, [&](const soci::row& r) {
                           if (old_visit_batches.count(db::Int(r, 0))) return;
                           fresh.push_back(db::Int(r, 0));
                           if (db::Int(r, 1) != 0) append = false;
                         });
        if (append) {
          next->tables[1] = std::move(old_visits);
          months[1] = std::move(old_visit_months);
          next->visit_batches = old_visit_batches;
          std::string in;
          for (int64_t b : fresh) in += (in.empty() ? "" : ", ") + std::to_string(b);
          if (!in.empty())
            YW_RETURN_IF_ERROR(loader.Visits(next->tables[1], months[1],
                                             " WHERE v.batch_id IN (" + in + ")",
                                             &next->visit_batches));
          next->visits_appended = true;
        } else {
          YW_RETURN_IF_ERROR(loader.Visits(next->tables[1], months[1], "", &next->visit_batches));
        }
      }
      if (!next->compiled.figure_codes.empty())
        next->figures = FigureData::Read(sql, next->compiled.figure_codes);
    } catch (const std::exception& e) {
      return db::StatusFromDbError(e.what());
    }
    return Status::Ok();
  });
  YW_RETURN_IF_ERROR(s);
  if (next->dept_codes.size() > 65535)
    return Status::Precondition("科室代码超过 65535 个", "more than 65535 department codes");
  int lo = 0, hi = -1;
  for (auto& ms : months)
    for (int m : ms) {
      int i = MonthIndex(m);
      if (hi < lo) lo = hi = i;
      lo = std::min(lo, i), hi = std::max(hi, i);
    }
  next->base = lo;
  next->months = hi >= lo ? hi - lo + 1 : 0;
  for (int d = 0; d < kDatasets; ++d) {
    auto& t = next->tables[d];
    t.month.resize(months[d].size());
    for (size_t i = 0; i < months[d].size(); ++i)
      t.month[i] = static_cast<uint16_t>(MonthIndex(months[d][i]) - lo);
  }
  // The cube is built before the swap, so a query never sees loaded columns without it.
  ComputeCube(*next);
  next->loaded = true;
  std::unique_lock<std::shared_mutex> wl(mu_);
  state_ = std::move(next);
  return Status::Ok();
}

Status Engine::ReloadFigures(db::Database& db) {
  std::set<std::string> codes;
  {
    std::shared_lock<std::shared_mutex> rl(mu_);
    codes = state_->compiled.figure_codes;
  }
  FigureData figures;
  if (!codes.empty()) {
    Status s = db.Read([&](soci::session& sql) {
      try {
        figures = FigureData::Read(sql, codes);
      } catch (const std::exception& e) {
        return db::StatusFromDbError(e.what());
      }
      return Status::Ok();
    });
    YW_RETURN_IF_ERROR(s);
  }
  std::unique_lock<std::shared_mutex> wl(mu_);
  // SetIndicators may have changed the figures in use meanwhile; its next Load reads them.
  if (state_->compiled.figure_codes == codes) state_->figures = std::move(figures);
  return Status::Ok();
}

Status Engine::Reload(db::Database& db, Dataset dataset) {
  // Visits stand alone; discharge columns depend on the antibiotic and pathway rows (children)
  // and the discharge's 首页质控 findings, so any of those re-reads the discharges. The other
  // table is kept as loaded (after a discharge import the 10 million visits are not re-read).
  const bool visits = dataset == Dataset::kVisits;
  return LoadTables(db, !visits, visits);
}

Status Engine::Compute() {
  std::unique_lock<std::shared_mutex> l(mu_);
  ComputeCube(*state_);
  return Status::Ok();
}

void Engine::ComputeCube(State& st) const {
  const Compiled& c = st.compiled;
  const size_t depts = std::max<size_t>(st.dept_codes.size(), 1);
  const size_t cells = static_cast<size_t>(st.months) * depts;
  const size_t nm = c.measures.size();
  // Each thread accumulates its own cube over a slice of rows; slices are then added.
  std::vector<std::vector<std::vector<Figures>>> partial(
      threads_, std::vector<std::vector<Figures>>(nm, std::vector<Figures>(cells)));
  std::vector<std::vector<int>> by_slot(kDatasets);
  for (size_t m = 0; m < nm; ++m)
    if (c.measures[m].slot >= 0) by_slot[c.measures[m].slot].push_back(static_cast<int>(m));
  std::vector<std::thread> pool;
  for (int th = 0; th < threads_; ++th) {
    pool.emplace_back([&, th] {
      auto& cube = partial[th];
      for (int slot = 0; slot < kDatasets; ++slot) {
        const Table& t = st.tables[slot];
        size_t n = t.bits.size();
        size_t begin = n * th / threads_, end = n * (th + 1) / threads_;
        for (int m : by_slot[slot]) {
          const CompiledMeasure& cm = c.measures[m];
          Figures* out = cube[m].data();
          const uint64_t set = cm.set, clear = cm.clear;
          const int64_t* sum = cm.sum >= 0 ? t.sums[cm.sum].data() : nullptr;
          // Branch-free: whether a row matches is data, not control flow (the filters are
          // unpredictable per row; the cube slice a thread writes stays in cache).
          const uint64_t* bits = t.bits.data();
          const uint16_t* month = t.month.data();
          const uint16_t* dept = t.dept.data();
          for (size_t i = begin; i < end; ++i) {
            const uint64_t b = bits[i];
            const int64_t hit = static_cast<int64_t>(((b & set) == set) & ((b & clear) == 0));
            Figures& f = out[static_cast<size_t>(month[i]) * depts + dept[i]];
            f.rows += hit;
            f.value += sum ? hit * sum[i] : hit;
          }
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  st.cube.assign(nm, std::vector<Figures>(cells));
  for (int th = 0; th < threads_; ++th)
    for (size_t m = 0; m < nm; ++m)
      for (size_t i = 0; i < cells; ++i) {
        st.cube[m][i].rows += partial[th][m][i].rows;
        st.cube[m][i].value += partial[th][m][i].value;
      }
}

Result<std::vector<ResultRow>> Engine::Run(const Query& q) const {
  std::shared_lock<std::shared_mutex> l(mu_);
  const State& st = *state_;
  if (st.cube.size() != st.compiled.measures.size()) return std::vector<ResultRow>{};  // not loaded
  const size_t depts = std::max<size_t>(st.dept_codes.size(), 1);
  // Org unit of each department index for the grouping.
  std::vector<std::string> org_of(st.dept_codes.size());
  std::vector<bool> visible(st.dept_codes.size(), true);
  for (size_t d = 0; d < st.dept_codes.size(); ++d) {
    const std::string& code = st.dept_codes[d];
    switch (q.grouping) {
      case Grouping::kHospital:
        org_of[d] = "hospital";
        break;
      case Grouping::kDepartment:
        org_of[d] = code;
        break;
      case Grouping::kCampus: {
        auto it = st.campus_of.find(code);
        org_of[d] = it == st.campus_of.end() ? kUnassignedCampus : it->second;
        break;
      }
    }
    if (q.departments)
      visible[d] =
          std::find(q.departments->begin(), q.departments->end(), code) != q.departments->end();
  }
  std::map<std::string, std::vector<size_t>> orgs;  // org unit → its visible departments
  for (size_t d = 0; d < st.dept_codes.size(); ++d)
    if (visible[d]) orgs[org_of[d]].push_back(d);
  // Org units that only figures know (a department with bed-days but no record, a campus row).
  FigureView figures(st.figures, q.grouping, q.departments);
  {
    std::set<std::string> figure_orgs;
    for (const Measure& m : st.compiled.figure_measures) figures.AddOrgUnits(m, &figure_orgs);
    for (const std::string& org : figure_orgs) orgs[org];
  }
  // A measure over the months [m0, m1] (YYYYMM) for one org unit.
  auto total = [&](int measure, int m0, int m1, const std::string& org) {
    Figures f;
    if (measure < 0) return f;
    const CompiledMeasure& cm = st.compiled.measures[measure];
    if (cm.figure_measure >= 0)
      return figures.Total(st.compiled.figure_measures[cm.figure_measure], m0, m1, org);
    int a = std::max(MonthIndex(m0) - st.base, 0);
    int b = std::min(MonthIndex(m1) - st.base, st.months - 1);
    const auto& cube = st.cube[measure];
    const std::vector<size_t>& members = orgs.at(org);
    for (int m = a; m <= b; ++m)
      for (size_t d : members) {
        const Figures& x = cube[static_cast<size_t>(m) * depts + d];
        f.rows += x.rows, f.value += x.value;
      }
    return f;
  };
  auto period_bounds = [&](int month, int* first, int* last) {
    int y = month / 100, m = month % 100;
    switch (q.grain) {
      case Grain::kMonth:
        *first = *last = month;
        break;
      case Grain::kQuarter:
        *first = y * 100 + (m - 1) / 3 * 3 + 1, *last = *first + 2;
        break;
      case Grain::kYear:
        *first = y * 100 + 1, *last = y * 100 + 12;
        break;
    }
  };
  auto shift_months = [](int yyyymm, int delta) {
    return FromMonthIndex(MonthIndex(yyyymm) + delta);
  };
  const int step = q.grain == Grain::kMonth ? 1 : q.grain == Grain::kQuarter ? 3 : 12;

  std::vector<ResultRow> out;
  for (size_t ii = 0; ii < st.indicators.size(); ++ii) {
    const Indicator& ind = st.indicators[ii];
    if (!q.indicators.empty() &&
        std::find(q.indicators.begin(), q.indicators.end(), ind.code) == q.indicators.end())
      continue;
    auto [num, den] = st.compiled.of_indicator[ii];
    const bool figure_num = ind.numerator.IsFigures();
    auto value = [&](int m0, int m1, const std::string& org, bool* present, int64_t* n,
                     int64_t* dd) -> std::optional<double> {
      Figures fn = total(num, m0, m1, org), fd = total(den, m0, m1, org);
      if (present) *present = fn.rows > 0 || fd.rows > 0;
      if (n) *n = fn.value;
      if (dd) *dd = fd.value;
      // An absent figure is not zero (a record count of none is): no value without it.
      if (figure_num && fn.rows == 0) return std::nullopt;
      if (den < 0) {
        if (fn.rows == 0 && fn.value == 0) return std::nullopt;
        return static_cast<double>(fn.value) * ind.multiplier;
      }
      if (fd.value == 0) return std::nullopt;
      return static_cast<double>(fn.value) / static_cast<double>(fd.value) * ind.multiplier;
    };
    for (int p = q.from; p <= q.to;) {
      int first = p, last = p;
      period_bounds(p, &first, &last);
      for (const auto& [org, members] : orgs) {
        ResultRow r;
        r.indicator = ind.code;
        r.period = PeriodLabel(first, q.grain);
        r.org_unit = org;
        r.value = value(first, last, org, &r.present, &r.numerator, &r.denominator);
        if (!r.present) continue;
        r.previous_year_value = value(shift_months(first, -12), shift_months(last, -12), org,
                                      nullptr, nullptr, nullptr);
        r.previous_period_value = value(shift_months(first, -step), shift_months(last, -step), org,
                                        nullptr, nullptr, nullptr);
        int jan = (first / 100) * 100 + 1;
        r.ytd_value = value(jan, last, org, nullptr, nullptr, nullptr);
        r.previous_ytd_value =
            value(shift_months(jan, -12), shift_months(last, -12), org, nullptr, nullptr, nullptr);
        out.push_back(std::move(r));
      }
      p = shift_months(last, 1);
    }
  }
  return out;
}

size_t Engine::ColumnBytes() const {
  std::shared_lock<std::shared_mutex> l(mu_);
  return state_->tables[0].Bytes() + state_->tables[1].Bytes();
}

bool Engine::LastReloadAppendedVisits() const {
  std::shared_lock<std::shared_mutex> l(mu_);
  return state_->visits_appended;
}

int64_t Engine::Records(Dataset d) const {
  std::shared_lock<std::shared_mutex> l(mu_);
  if (d != Dataset::kDischarges && d != Dataset::kVisits) return 0;
  return static_cast<int64_t>(state_->tables[Slot(d)].bits.size());
}

int Engine::FirstMonth() const {
  std::shared_lock<std::shared_mutex> l(mu_);
  int records = state_->months ? FromMonthIndex(state_->base) : 0;
  int figures = state_->figures.first;
  if (!records || !figures) return records ? records : figures;
  return std::min(records, figures);
}

int Engine::LastMonth() const {
  std::shared_lock<std::shared_mutex> l(mu_);
  int records = state_->months ? FromMonthIndex(state_->base + state_->months - 1) : 0;
  return std::max(records, state_->figures.last);
}

}  // namespace yuanwu::indicators
