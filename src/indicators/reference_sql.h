// The reference: each indicator computed by straightforward SQL over the stored rows — one
// GROUP BY query per measure, filters as WHERE / EXISTS clauses — on SQLite and PostgreSQL.
// It is slow by design and exists to check the engine (engine.h) number for number, and to show
// a statistician exactly what each definition counts (docs/indicators-reference.sql is this
// module's ReferenceSqlText over the shipped definitions).
#pragma once

#include <string>
#include <vector>

#include "indicators/definition.h"
#include "indicators/engine.h"
#include "platform/db/database.h"

namespace yuanwu::indicators {

// One SELECT per measure for the grain and grouping, with :from / :to (YYYYMM) parameters.
std::string MeasureSql(const Measure& m, Grain grain, Grouping grouping);

// The measure's filter as SQL over the row alias (d for discharges, v for visits): "" when it has
// no conditions, otherwise " AND …" clauses. Shared with the drill-down, which must list exactly
// the rows the reference counts.
std::string MeasureFilterSql(const Measure& m);
// A SQL string literal.
std::string QuoteSql(const std::string& s);

// All indicators' measures as commented SQL, for the docs.
std::string ReferenceSqlText(const std::vector<Indicator>& indicators);

// Rows as Engine::Run gives them (indicator, period, org_unit, numerator, denominator, value,
// previous_year_value; the cumulative and 环比 fields are left empty). Department restriction
// is not supported here.
Result<std::vector<ResultRow>> RunReferenceSql(db::Database& db,
                                               const std::vector<Indicator>& indicators,
                                               const Query& q);

}  // namespace yuanwu::indicators
