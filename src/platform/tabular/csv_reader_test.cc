// Tests of the streaming CSV reader (CsvChunker + CsvChunkParser).
//
// Most cases are differential: the same bytes go through ParseCsv (csv.cc, the whole-file
// parser every import used so far) and through the chunker with chunks as small as one byte,
// and the header, cells and line numbers must be identical. The rest pin what only the
// streaming reader does: chunk sizes, line numbers across chunks, errors that arrive late,
// files, and parsing chunks on two threads.
//
// Throughput: CsvChunkParserTest.ParsesIndicatorRowsAndPrintsThroughput prints it and asserts
// only the rows, never the time. Measured 2026-11-22 on the 2-vCPU development VM (g++ 12,
// RelWithDebInfo, other builds running), 36 MB of 30-column indicator rows with Chinese and
// quoted cells: parser 690-1030 MB/s, chunker 380-590 MB/s (it also copies the input and
// faults in a fresh buffer per chunk here; ~900 MB/s when the caller reuses its CsvChunk).
// The target is 300 MB/s per core. ASan+UBSan builds are several times slower.
#include "platform/tabular/csv_reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "platform/base/text.h"
#include "platform/tabular/table.h"

using namespace std::string_literals;

namespace yuanwu::tabular {
namespace {

using Cells = std::vector<std::string>;

// What either parser made of a file, in a form that prints well when two differ.
struct Outcome {
  bool ok = false;
  std::string error_en;
  Cells header;
  std::vector<std::string> rows;  // "line: cell|cell|…"
};

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

std::string RowText(int64_t line, std::span<const std::string_view> cells) {
  std::string out = std::to_string(line) + ":";
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "|" : " ") + Escape(cells[i]);
  return out;
}

Outcome Whole(const std::string& data) {
  Outcome out;
  Result<Table> t = ParseCsv(data);
  if (!t.ok()) {
    out.error_en = t.status().message_en();
    return out;
  }
  out.ok = true;
  out.header = t->header;
  for (const Row& r : t->rows) {
    std::vector<std::string_view> views(r.cells.begin(), r.cells.end());
    out.rows.push_back(RowText(r.line, views));
  }
  return out;
}

Outcome Streamed(const std::string& data, size_t chunk_bytes) {
  Outcome out;
  Result<CsvChunker> chunker = CsvChunker::FromString(data, {.chunk_bytes = chunk_bytes});
  if (!chunker.ok()) {
    out.error_en = chunker.status().message_en();
    return out;
  }
  out.header = chunker->header();
  CsvChunkParser parser;
  CsvChunk chunk;
  while (true) {
    Result<bool> more = chunker->Next(&chunk);
    if (!more.ok()) {
      out.error_en = more.status().message_en();
      return out;
    }
    if (!*more) break;
    Status s = parser.Parse(chunk, [&](int64_t line, std::span<const std::string_view> cells) {
      out.rows.push_back(RowText(line, cells));
      return Status::Ok();
    });
    if (!s.ok()) {
      out.error_en = s.message_en();
      return out;
    }
  }
  out.ok = true;
  return out;
}

constexpr size_t kChunkSizes[] = {1, 2, 3, 4, 5, 7, 8, 13, 64, CsvChunkerOptions{}.chunk_bytes};

void ExpectSameAsParseCsv(const std::string& data) {
  Outcome whole = Whole(data);
  for (size_t chunk_bytes : kChunkSizes) {
    Outcome streamed = Streamed(data, chunk_bytes);
    SCOPED_TRACE("input \"" + Escape(data) + "\", chunk_bytes " + std::to_string(chunk_bytes));
    ASSERT_EQ(streamed.ok, whole.ok)
        << "ParseCsv: " << whole.error_en << "\nstreamed: " << streamed.error_en;
    if (!whole.ok) continue;
    EXPECT_EQ(streamed.header, whole.header);
    EXPECT_EQ(streamed.rows, whole.rows);
  }
}

// ---- The same rows as ParseCsv ----

TEST(CsvChunkerTest, AgreesWithParseCsvOnTrickyInputs) {
  const std::string cases[] = {
      "a,b\n1,2\n",
      "a,b\r\n1,2\r\n",
      "a,b\n1,2",
      "\xEF\xBB\xBF"
      "a,b\n1,2\n",
      "\n\n  \n a , b \n1,2\n",
      "a,b\n\"x,y\",z\n",
      "a,b\n\"x\"\"y\",z\n",
      "a,b\n\"multi\nline\",2\n3,4\n",
      "a,b\n\"multi\r\nline\",2\r\n3,4\r\n",
      "a,b\n  \"lead\",2\n",
      "a,b\n\"ab\"cd,2\n",
      "a,b\n\"ab\" ,2\n",
      "a,b\nab\"cd,2\n",
      "a,b\nab\"c\nd\"e,2\n",
      "a,b\n\"\" \"x\",2\n",
      "a,b\n\"  \"  \"x\"y,2\n",
      "a,b\n\"a\"\"\" \"x\",2\n",
      "a,b\n\xE3\x80\x80\"q\",2\n",
      "a,b\n\xE3\x80\x80x\xE3\x80\x80,2\n",
      "a,b\n\"\xE3\x80\x80x\xE3\x80\x80\",2\n",
      "a,b\n\"\xE3\x80\x80\" \"y\",2\n",
      "a,b\n,\n",
      "a,b\n\"\",\"\"\n",
      "a,b\n\" \",\n",
      "a,b\nx\ry,2\n",
      "a,b\n x \r y ,2\n",
      "a,b\n\"x\"\r\r,2\n",
      "a,b\n\"x\"\ry,2\n",
      "a,b\n\"x\ry\",2\n",
      "a,b\n1,2,3,4\n5\n",
      "a,b\n\"\"\"\",2\n",
      "a,b\n\"x\"",
      "a,b\n\"x\"\n",
      "a,b\n\"x\"\"\"\"y\"\n",
      "a,b\n\"\"\"\"\"\"\n",
      "a,b\nx,\"y\"\"\n\"\"z\"\n",
      "a,b\n \t 1 \t , 2 \n",
      "a,b\n\"a\nb\",\"c\nd\"\n,x\n",
      "a,\"b\nc\"\n1,2\n",
      "\"a\",\" b \"\n1,2\n",
      "a,b\n1,2\n\n\n3,4\n",
      "a,b\r\n\r\n1,2\r\n",
      "a,b\n\xE3\x80\x80\n1,2\n",
      "a,b\r1,2\r",
      "a,b\n\"\n\n\n\",x\n1,2\n",
      "工号,姓名,科室\n1001,张三,\"内科,门诊\"\n1002,\"李\"\"四\",外科\n",
      "a\n\"\"",
      "a\n\" \"\"\"",
      // Errors: both parsers must refuse.
      "",
      "\n\n \r\n",
      "\xEF\xBB\xBF",
      "\xEF\xBB",
      "a,b\n\"unterminated\n",
      "a,b\n1,\"x\n\"\"\ny\n",
      "a,b\n\"x\"\"",
      "a,b\n\xB9\xA4,2\n",
      "a,b\n1,\x01\n",
      "a,b\n1,x\0y\n"s,
      "a,b\n1,\xE3\x80\n",
      "a,b\n\xE3\x80\"q\",2\n",
      "\xB9\xA4,b\n1,2\n",
  };
  for (const std::string& data : cases) ExpectSameAsParseCsv(data);
}

TEST(CsvChunkerTest, AgreesWithParseCsvOnRandomInputs) {
  // Fragments that meet at every possible boundary; a few are invalid UTF-8 on purpose.
  const std::vector<std::string> tokens = {
      "a",    "张", ",",  ",",    "\n",           "\n",   "\r\n", "\r",           "\"",  "\"",
      "\"\"", " ",  "\t", "x\"y", "\xE3\x80\x80", "\xE3", "\x80", "\xEF\xBB\xBF", "1.5", ""};
  std::mt19937 rng(20261122);  // fixed: a failure reproduces
  for (int n = 0; n < 3000; ++n) {
    std::uniform_int_distribution<int> len(0, 24);
    std::uniform_int_distribution<size_t> pick(0, tokens.size() - 1);
    std::string data = n % 7 == 0 ? "\xEF\xBB\xBF" : "";
    for (int k = len(rng); k > 0; --k) data += tokens[pick(rng)];
    ExpectSameAsParseCsv(data);
    if (HasFailure()) return;  // one clear report instead of thousands
  }
}

// ---- Header, lines, chunks ----

TEST(CsvChunkerTest, ReadsTheHeaderAfterBlankLinesAndABom) {
  Result<CsvChunker> c = CsvChunker::FromString("\xEF\xBB\xBF\r\n  \n 工号 ,\"姓名 \"\n1,2\n");
  ASSERT_TRUE(c.ok()) << c.status().message_en();
  EXPECT_EQ(c->header(), (Cells{"工号", "姓名"}));
  EXPECT_EQ(c->header_line(), 3);
  Outcome o = Streamed("\xEF\xBB\xBF\r\n  \n 工号 ,\"姓名 \"\n1,2\n", 4);
  EXPECT_EQ(o.rows, (std::vector<std::string>{"4: 1|2"}));
}

TEST(CsvChunkerTest, NumbersLinesAsAnEditorDoesAcrossChunks) {
  // Line 3's record spans lines 3-5 (two newlines inside quotes); CRLF counts once.
  std::string data = "a,b\r\n\r\n\"x\r\ny\nz\",1\r\n2,3\n\n4,\"5\"";
  for (size_t chunk_bytes : kChunkSizes) {
    Outcome o = Streamed(data, chunk_bytes);
    ASSERT_TRUE(o.ok) << o.error_en;
    EXPECT_EQ(o.rows, (std::vector<std::string>{"3: x\\r\\ny\\nz|1", "6: 2|3", "8: 4|5"}))
        << chunk_bytes;
  }
}

TEST(CsvChunkerTest, ChunksHoldWholeRecordsWithinTheChunkSize) {
  std::string data = "h1,h2\n";
  for (int i = 0; i < 200; ++i) {
    data += std::to_string(i) + ",\"quoted\nwith newline, comma and \"\"quote\"\"\"\n";
  }
  Result<CsvChunker> c = CsvChunker::FromString(data, {.chunk_bytes = 256});
  ASSERT_TRUE(c.ok());
  CsvChunk chunk;
  int64_t expected_line = 2;
  std::string joined;
  int chunks = 0;
  while (true) {
    Result<bool> more = c->Next(&chunk);
    ASSERT_TRUE(more.ok()) << more.status().message_en();
    if (!*more) break;
    ++chunks;
    EXPECT_LE(chunk.data.size(), 256u);
    EXPECT_TRUE(chunk.data.ends_with("\"\n")) << chunk.data;  // ends where a record ends
    EXPECT_EQ(chunk.first_line, expected_line);
    expected_line += std::count(chunk.data.begin(), chunk.data.end(), '\n');
    joined += chunk.data;
  }
  EXPECT_GT(chunks, 30);
  EXPECT_EQ("h1,h2\n" + joined, data);
  EXPECT_EQ(c->bytes_read(), static_cast<int64_t>(data.size()));
}

TEST(CsvChunkerTest, ARecordLongerThanTheChunkGetsAChunkOfItsOwn) {
  std::string long_cell(10000, 'x');
  std::string data = "a,b\n1,2\n3,\"" + long_cell + "\n" + long_cell + "\"\n";
  for (int i = 0; i < 100; ++i) data += "5,6\n";
  Result<CsvChunker> c = CsvChunker::FromString(data, {.chunk_bytes = 100});
  ASSERT_TRUE(c.ok());
  CsvChunk chunk;
  std::vector<std::string> chunks;
  while (true) {
    Result<bool> more = c->Next(&chunk);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    chunks.push_back(chunk.data);
  }
  ASSERT_GE(chunks.size(), 3u);
  EXPECT_EQ(chunks[0], "1,2\n");
  // The long record, and what else of the last buffer-full ends within it.
  const size_t record = 3 + 10000 + 1 + 10000 + 2;
  EXPECT_TRUE(chunks[1].starts_with("3,\"xxx")) << chunks[1].substr(0, 10);
  EXPECT_GE(chunks[1].size(), record);
  EXPECT_LT(chunks[1].size(), record + 100);
  EXPECT_TRUE(chunks[1].ends_with("\n"));
  for (size_t i = 2; i < chunks.size(); ++i) EXPECT_LE(chunks[i].size(), 100u);
  std::vector<std::string> rows = Streamed(data, 100).rows;
  ASSERT_EQ(rows.size(), 102u);
  EXPECT_EQ(rows[1], "3: 3|" + long_cell + "\\n" + long_cell);
  EXPECT_EQ(rows[2], "5: 5|6");
}

// ---- Errors ----

bool HasChinese(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0xE4 && c <= 0xE9) return true;
  }
  return false;
}

void ExpectFileError(const Status& s, const std::string& en_part) {
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "file");
  EXPECT_TRUE(HasChinese(s.message())) << s.message();
  EXPECT_NE(s.message_en().find(en_part), std::string::npos) << s.message_en();
}

// Reads every chunk; returns the first error (OK if none).
Status Drain(CsvChunker& c) {
  CsvChunk chunk;
  while (true) {
    Result<bool> more = c.Next(&chunk);
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    YW_RETURN_IF_ERROR(
        ParseCsvChunk(chunk, [](int64_t, std::span<const std::string_view>) { return Status(); }));
  }
}

TEST(CsvChunkerTest, AnUnterminatedQuoteNamesTheLineTheQuotedCellStarts) {
  // The record starts on line 2; its second quoted cell opens on line 3 and never closes.
  Result<CsvChunker> c =
      CsvChunker::FromString("a,b,c\n\"x\ny\",\"open\nmore\n", {.chunk_bytes = 4});
  ASSERT_TRUE(c.ok());
  Status s = Drain(*c);
  ExpectFileError(s, "line 3: unterminated quote");
  EXPECT_EQ(s.message(), "第3行引号未闭合");
}

TEST(CsvChunkerTest, AnUnterminatedQuoteInTheHeaderFailsOpen) {
  ExpectFileError(CsvChunker::FromString("\n\"a,b\n1,2\n").status(), "line 2: unterminated quote");
}

TEST(CsvChunkerTest, NonUtf8InALaterChunkIsReportedWithTheUtf8Advice) {
  // GBK "张三" on line 3; the header chunk is clean, so Open succeeds and Next fails.
  std::string data = "a,b\n1,2\n3,\xD5\xC5\xC8\xFD\n";
  Result<CsvChunker> c = CsvChunker::FromString(data, {.chunk_bytes = 4});
  ASSERT_TRUE(c.ok());
  Status s = Drain(*c);
  ExpectFileError(s, "save as UTF-8 CSV or use XLSX");
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos);
  // In the first chunk it fails Open.
  ExpectFileError(CsvChunker::FromString(data).status(), "not UTF-8");
}

// The chunker's UTF-8 check has a fast path for runs of three-byte (CJK) characters; it must
// judge exactly as IsCleanUtf8 does at every edge of that range.
TEST(CsvChunkerTest, JudgesThreeByteCharactersAsIsCleanUtf8Does) {
  const std::vector<std::string> cells = {
      "中文病案",
      "\xE0\xA0\x80",  // U+0800, the first three-byte character
      "\xE0\x9F\xBF",  // overlong
      "\xED\x9F\xBF",  // U+D7FF, the last before the surrogates
      "\xED\xA0\x80",  // a surrogate
      "\xEF\xBF\xBF",  // U+FFFF
      "中\xE4\xB8",    // cut short
      "中\xE4\xB8"
      "a",                             // cut short inside the text
      "中\xE4\x41\x80",                // a continuation byte missing
      "\xE4\xB8\xAD\xF0\x9F\x98\x80",  // 中 then a four-byte character
  };
  for (const std::string& cell : cells) {
    const std::string data = "h\n" + cell + "\n";
    Result<CsvChunker> c = CsvChunker::FromString(data);
    const bool accepted = c.ok() && Drain(*c).ok();
    EXPECT_EQ(accepted, IsCleanUtf8(data)) << ::testing::PrintToString(cell);
  }
}

TEST(CsvChunkerTest, AnEmptyFileIsAnError) {
  ExpectFileError(CsvChunker::FromString("").status(), "file is empty");
  ExpectFileError(CsvChunker::FromString("\xEF\xBB\xBF\r\n , \n", {.chunk_bytes = 2}).status(),
                  "file is empty");
}

TEST(CsvChunkerTest, ARunawayQuoteIsRefusedBeforeItFillsMemory) {
  // A quote that never closes would make the rest of the file one record.
  std::string data = "a,b\n1,2\n3,\"" + std::string(100000, 'x') + "\n4,5\n";
  Result<CsvChunker> c =
      CsvChunker::FromString(data, {.chunk_bytes = 1024, .max_record_bytes = 4096});
  ASSERT_TRUE(c.ok());
  Status s = Drain(*c);
  ExpectFileError(s, "line 3: unterminated quote");
  // A long record that is not quoted is refused too, naming its first line.
  std::string long_record = "a,b\n1,2\n" + std::string(100000, 'x') + "\n";
  c = CsvChunker::FromString(long_record, {.chunk_bytes = 1024, .max_record_bytes = 4096});
  ASSERT_TRUE(c.ok());
  ExpectFileError(Drain(*c), "line 3: record exceeds");
}

TEST(CsvChunkParserTest, ReturnsTheCallbacksStatusAndStops) {
  CsvChunk chunk{"1,2\n3,4\n5,6\n", 7};
  int calls = 0;
  Status s = ParseCsvChunk(chunk, [&](int64_t line, std::span<const std::string_view> cells) {
    ++calls;
    if (cells[0] == "3") return Status::Invalid("x", "第" + std::to_string(line) + "行", "stop");
    return Status::Ok();
  });
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(s.message_en(), "stop");
  EXPECT_EQ(s.message(), "第8行");
}

TEST(CsvChunkParserTest, TrimsUnquotedCellsAndKeepsQuotedOnesAsWritten) {
  CsvChunk chunk{" a\xE3\x80\x80 ,\" b \",\"c\"\"d\" e ,\r\n", 1};
  std::vector<std::string> got;
  ASSERT_TRUE(ParseCsvChunk(chunk, [&](int64_t, std::span<const std::string_view> cells) {
                for (std::string_view c : cells) got.emplace_back(c);
                return Status::Ok();
              }).ok());
  EXPECT_EQ(got, (Cells{"a", " b ", "c\"d e ", ""}));
}

TEST(CsvChunkParserTest, AChunkEndingInsideQuotesIsAnError) {
  // Only hand-made chunks can: CsvChunker never cuts inside quotes.
  CsvChunk chunk{"1,2\n3,\"4\n5\n", 10};
  Status s =
      ParseCsvChunk(chunk, [](int64_t, std::span<const std::string_view>) { return Status::Ok(); });
  ExpectFileError(s, "line 11: unterminated quote");
}

// ---- Files ----

std::string TempPath(const char* ext) {
  static std::atomic<int> n{0};
  return testing::TempDir() + "yw_csv_reader_" + std::to_string(getpid()) + "_" +
         std::to_string(n++) + ext;
}

TEST(CsvChunkerTest, ReadsAFileLikeTheSameBytesInMemory) {
  std::string data = "\xEF\xBB\xBF工号,姓名\r\n1001,\"张\r\n三\"\r\n1002,李四\r\n";
  std::string path = TempPath(".csv");
  std::ofstream(path, std::ios::binary) << data;
  Result<CsvChunker> c = CsvChunker::OpenFile(path, {.chunk_bytes = 8});
  ASSERT_TRUE(c.ok()) << c.status().message_en();
  EXPECT_EQ(c->header(), (Cells{"工号", "姓名"}));
  std::vector<std::string> rows;
  CsvChunk chunk;
  while (true) {
    Result<bool> more = c->Next(&chunk);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    ASSERT_TRUE(ParseCsvChunk(chunk, [&](int64_t line, std::span<const std::string_view> cells) {
                  rows.push_back(RowText(line, cells));
                  return Status::Ok();
                }).ok());
  }
  EXPECT_EQ(rows, Streamed(data, 3).rows);
  EXPECT_EQ(rows, Whole(data).rows);
  std::remove(path.c_str());
}

TEST(CsvChunkerTest, AMissingOrUnreadableFileIsAnError) {
  std::string missing = testing::TempDir() + "no_such_dir_yw/indicators.csv";
  Status s = CsvChunker::OpenFile(missing).status();
  ExpectFileError(s, "file not found: indicators.csv");
  EXPECT_EQ(s.message(), "找不到文件：indicators.csv");  // the name, not the server's path
  ExpectFileError(CsvChunker::OpenFile(testing::TempDir()).status(), "cannot read");
  if (geteuid() != 0) {  // root reads anything
    std::string path = TempPath(".csv");
    std::ofstream(path) << "a\n1\n";
    chmod(path.c_str(), 0);
    ExpectFileError(CsvChunker::OpenFile(path).status(), "cannot read");
    std::remove(path.c_str());
  }
}

// A source that makes `rows` rows on the fly, so a large file is read without ever existing.
class GeneratedSource final : public ByteSource {
 public:
  GeneratedSource(int64_t rows, std::string header, std::function<std::string(int64_t)> row)
      : rows_(rows), pending_(std::move(header)), row_(std::move(row)) {}
  Result<size_t> Read(std::span<char> out) override {
    size_t n = 0;
    while (n < out.size()) {
      if (pos_ == pending_.size()) {
        if (next_ == rows_) break;
        pending_ = row_(next_++);
        pos_ = 0;
      }
      size_t k = std::min(out.size() - n, pending_.size() - pos_);
      std::memcpy(out.data() + n, pending_.data() + pos_, k);
      n += k;
      pos_ += k;
    }
    return n;
  }

 private:
  int64_t rows_;
  int64_t next_ = 0;
  std::string pending_;
  size_t pos_ = 0;
  std::function<std::string(int64_t)> row_;
};

// An indicator-like row: 30 columns, codes, dates, numbers, Chinese names, some quoted.
std::string IndicatorRow(int64_t i) {
  std::string r = std::to_string(100000 + i) + ",202611,0301,内科" + std::to_string(i % 40) +
                  ",2026-11-0" + std::to_string(1 + i % 9) + ",\"张" + std::to_string(i % 97) +
                  "\",I10.x00,高血压病";
  for (int k = 0; k < 20; ++k) r += "," + std::to_string((i * 31 + k * 7) % 10000) + ".5";
  r += ",\"备注，含逗号\"\"引号\"\"\",Y\r\n";
  return r;
}

std::string IndicatorHeader() {
  std::string header = "id,period,dept_code,dept,date,name,icd,diagnosis";
  for (int k = 0; k < 20; ++k) header += ",v" + std::to_string(k);
  return header + ",note,flag\r\n";
}

// Checks a parsed indicator row: 30 cells, the quoted note unescaped, lines in sequence.
Status CheckIndicatorRow(int64_t line, std::span<const std::string_view> cells, int64_t* seen) {
  if (cells.size() != 30 || cells[28] != "备注，含逗号\"引号\"" || line != *seen + 2) {
    return Status::Internal("bad row at line " + std::to_string(line));
  }
  ++*seen;
  return Status::Ok();
}

TEST(CsvChunkerTest, ReadsALargeSourceAChunkAtATime) {
  // ~64 MB that never exist as a whole: the reader holds about one chunk at a time.
  const int64_t rows = 300000;
  Result<CsvChunker> c = CsvChunker::FromSource(
      std::make_unique<GeneratedSource>(rows, IndicatorHeader(), IndicatorRow),
      {.chunk_bytes = 1 << 20});
  ASSERT_TRUE(c.ok()) << c.status().message_en();
  ASSERT_EQ(c->header().size(), 30u);
  CsvChunk chunk;
  CsvChunkParser parser;
  int64_t seen = 0;
  size_t largest = 0;
  while (true) {
    Result<bool> more = c->Next(&chunk);
    ASSERT_TRUE(more.ok()) << more.status().message_en();
    if (!*more) break;
    largest = std::max(largest, chunk.data.size());
    Status s = parser.Parse(chunk, [&](int64_t line, std::span<const std::string_view> cells) {
      return CheckIndicatorRow(line, cells, &seen);
    });
    ASSERT_TRUE(s.ok()) << s.fields().front().reason_en;
  }
  EXPECT_EQ(seen, rows);
  EXPECT_LE(largest, size_t{1} << 20);
  EXPECT_GT(c->bytes_read(), 60'000'000);
}

TEST(CsvChunkParserTest, ParsesIndicatorRowsAndPrintsThroughput) {
  const int64_t rows = 150000;  // ~36 MB
  std::string data = IndicatorHeader();
  for (int64_t i = 0; i < rows; ++i) data += IndicatorRow(i);
  auto t0 = std::chrono::steady_clock::now();
  Result<CsvChunker> c = CsvChunker::FromString(data);
  ASSERT_TRUE(c.ok()) << c.status().message_en();
  std::vector<CsvChunk> chunks;
  while (true) {
    CsvChunk chunk;
    Result<bool> more = c->Next(&chunk);
    ASSERT_TRUE(more.ok()) << more.status().message_en();
    if (!*more) break;
    chunks.push_back(std::move(chunk));
  }
  auto t1 = std::chrono::steady_clock::now();
  int64_t seen = 0;
  CsvChunkParser parser;
  for (const CsvChunk& chunk : chunks) {
    Status s = parser.Parse(chunk, [&](int64_t line, std::span<const std::string_view> cells) {
      return CheckIndicatorRow(line, cells, &seen);
    });
    ASSERT_TRUE(s.ok()) << s.fields().front().reason_en;
  }
  auto t2 = std::chrono::steady_clock::now();
  EXPECT_EQ(seen, rows);
  auto mbps = [&](auto d) {
    return static_cast<double>(data.size()) / 1e6 / std::chrono::duration<double>(d).count();
  };
  std::printf("[ throughput ] %.1f MB: chunker %.0f MB/s, parser %.0f MB/s (one core each)\n",
              static_cast<double>(data.size()) / 1e6, mbps(t1 - t0), mbps(t2 - t1));
}

TEST(CsvChunkParserTest, ChunksParseOnTwoThreadsLikeOnOne) {
  std::string data = "id,name,note\n";
  for (int i = 0; i < 20000; ++i) {
    data += std::to_string(i) + ",\"名" + std::to_string(i) + "\"\"x\"\"\"," +
            (i % 3 ? "plain" : "\"multi\nline\"") + "\n";
  }
  Result<CsvChunker> c = CsvChunker::FromString(data, {.chunk_bytes = 4096});
  ASSERT_TRUE(c.ok());
  std::vector<CsvChunk> chunks;
  CsvChunk chunk;
  while (true) {
    Result<bool> more = c->Next(&chunk);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    chunks.push_back(chunk);
  }
  ASSERT_GT(chunks.size(), 10u);

  // Each thread takes every other chunk and keeps its rows per chunk.
  std::vector<std::vector<std::string>> per_chunk(chunks.size());
  auto work = [&](size_t first) {
    CsvChunkParser parser;
    for (size_t i = first; i < chunks.size(); i += 2) {
      Status s = parser.Parse(chunks[i], [&](int64_t line, std::span<const std::string_view> cs) {
        per_chunk[i].push_back(RowText(line, cs));
        return Status::Ok();
      });
      EXPECT_TRUE(s.ok());
    }
  };
  std::thread t0(work, 0), t1(work, 1);
  t0.join();
  t1.join();
  std::vector<std::string> rows;
  for (auto& v : per_chunk) rows.insert(rows.end(), v.begin(), v.end());
  EXPECT_EQ(rows, Whole(data).rows);
}

}  // namespace
}  // namespace yuanwu::tabular
