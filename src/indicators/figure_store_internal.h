// What figure_store.cc (API saves) and figure_import.cc (files) share: the org-unit and period
// checks and the one write path, so both refuse and audit exactly the same way. Not public.
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "indicators/figure.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"

namespace yuanwu::indicators::figure_internal {

// A zh + en reason.
using Reason = std::pair<std::string, std::string>;

struct OrgUnits {
  std::set<std::string> departments, campuses;
};
OrgUnits LoadOrgUnits(soci::session& sql);

// nullopt when `unit` exists and may carry `def` (level=hospital figures: 'hospital' only).
std::optional<Reason> CheckOrgUnit(const OrgUnits& units, const std::string& unit,
                                   const FigureDef& def);
// nullopt when `period` (YYYYMM) is a month from 2000 up to the current one.
std::optional<Reason> CheckPeriod(int period, const Clock& clock);

// One validated cell; value nullopt = delete the stored value.
struct Cell {
  int period = 0;
  std::string org_unit, code, note;
  std::optional<int64_t> value;
  bool keep_note = false;  // an import has no notes: keep what is stored
};

struct Applied {
  int64_t inserted = 0, updated = 0, deleted = 0;
};

// Writes `cells` and appends one audit entry (`action`, entity period_figure, `entity_id`) with
// the before and after of every changed cell and `extra` merged into the after document.
Result<Applied> Apply(soci::session& sql, db::Dialect dialect, const Clock& clock,
                      const auth::Actor& actor, const FigureCatalogue& catalogue,
                      const std::vector<Cell>& cells, const std::string& action,
                      const std::string& entity_id, const std::string& extra_json);

}  // namespace yuanwu::indicators::figure_internal
