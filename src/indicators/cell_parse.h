// Parsers for the cells of an import file: strict, allocation-free, and tolerant only of what
// spreadsheets really produce (Excel date serials, floating artefacts like 5123.6899999999996).
// Each returns nullopt for a value it cannot read; the importer turns that into a rejection
// naming the line, column and value.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "indicators/record.h"
#include "platform/base/time.h"

namespace yuanwu::indicators {

// Whole number, optional sign ("12", "-3"); "12.0" is accepted (XLSX numbers).
std::optional<int64_t> ParseIntCell(std::string_view s);
// Yuan → 分: "5123.69", "5123.6", "5123", "-1.5", "5123.6899999999996" (rounds when the extra
// digits are a floating artefact, i.e. within 0.0001 分 of a whole 分); "1e3", "12.345" → nullopt.
std::optional<int64_t> ParseMoneyCell(std::string_view s);
// Non-negative decimal ("0.5", "3", ".25").
std::optional<double> ParseDecimalCell(std::string_view s);
// "0" / "1" (also "0.0"/"1.0").
std::optional<int> ParseFlagCell(std::string_view s);
// Dates must lie in 1900–2099: anything else is a typing error in a hospital record, and would
// stretch every month-indexed structure downstream.
// YYYY-MM-DD, YYYY/M/D, or an Excel date serial (see tabular::NormalizeDateCell).
std::optional<Date> ParseDateCell(std::string_view s);
// "YYYY-MM-DD HH:MM[:SS]" (also with 'T' or '/'), or an Excel date-time serial (45678.5).
// A bare date means 00:00.
std::optional<LocalDateTime> ParseDateTimeCell(std::string_view s);

}  // namespace yuanwu::indicators
