// Fuzzes the streaming CSV reader (platform/tabular/csv_reader.h) against ParseCsv: the first
// byte picks a chunk size of 1-64 bytes so records straddle chunk boundaries everywhere; the
// rest is the file. Both parsers must accept or refuse the same inputs, every error must name
// the "file" field, and on valid input the header, cells and line numbers must be identical.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/tabular/csv_reader.h"
#include "platform/tabular/table.h"

namespace {

using yuanwu::Result;
using yuanwu::Status;
using namespace yuanwu::tabular;

void ExpectFileError(const Status& s) {
  if (s.ok() || s.fields().empty() || s.fields()[0].field != "file" || s.message_en().empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t chunk_bytes = 1 + data[0] % 64;
  std::string in(reinterpret_cast<const char*>(data + 1), size - 1);

  Result<Table> whole = ParseCsv(in);
  Result<CsvChunker> chunker = CsvChunker::FromString(in, {.chunk_bytes = chunk_bytes});
  if (!chunker.ok()) {
    ExpectFileError(chunker.status());
    if (whole.ok()) std::abort();  // refused what ParseCsv reads
    return 0;
  }
  std::vector<Row> rows;
  CsvChunkParser parser;
  CsvChunk chunk;
  Status error;
  int64_t expected_first_line = 0;
  while (error.ok()) {
    Result<bool> more = chunker->Next(&chunk);
    if (!more.ok()) {
      error = more.status();
      break;
    }
    if (!*more) break;
    // Chunks follow one another without gaps in the line count.
    if (expected_first_line != 0 && chunk.first_line != expected_first_line) std::abort();
    expected_first_line = chunk.first_line;
    for (char c : chunk.data) expected_first_line += c == '\n';
    error = parser.Parse(chunk, [&](int64_t line, std::span<const std::string_view> cells) {
      rows.push_back(
          {static_cast<int>(line), std::vector<std::string>(cells.begin(), cells.end())});
      return Status::Ok();
    });
  }
  if (!error.ok()) {
    ExpectFileError(error);
    if (whole.ok()) std::abort();
    return 0;
  }
  if (!whole.ok()) std::abort();  // accepted what ParseCsv refuses
  if (chunker->header() != whole->header) std::abort();
  if (rows.size() != whole->rows.size()) std::abort();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].line != whole->rows[i].line || rows[i].cells != whole->rows[i].cells) std::abort();
  }
  return 0;
}
