// Streaming CSV for imports too large to hold in memory: a multi-GB file is read in chunks of
// whole records, and the chunks are parsed independently, so two threads can parse while one
// reads.
//
// The grammar is exactly ParseCsv's (table.h): UTF-8 with or without BOM, RFC 4180 quoting,
// unquoted cells trimmed of ASCII whitespace and U+3000, quoted cells kept as written, CR outside
// quotes dropped, the header is the first non-blank record, blank records skipped, and lines
// numbered as an editor shows them. csv_reader_test.cc and fuzz/csv_reader_fuzz.cc hold the two
// to the same rows and line numbers.
//
// Two differences, both because the file is not read at once:
//   - Errors (non-UTF-8 bytes, an unterminated quote) surface with the chunk that holds them, so
//     a consumer has seen the records of earlier chunks by then; an import must not commit
//     before CsvChunker::Next has returned false.
//   - An unterminated quote names the line where the quoted cell started (ParseCsv names the
//     line where its record started; they differ only when an earlier cell of the same record
//     spans lines).
//
// Typical use, parsing on a second thread while this one reads:
//   YW_ASSIGN_OR_RETURN(CsvChunker chunker, CsvChunker::OpenFile(path));
//   Use(chunker.header());
//   CsvChunk chunk;
//   while (true) {
//     YW_ASSIGN_OR_RETURN(bool more, chunker.Next(&chunk));
//     if (!more) break;
//     queue.Push(std::move(chunk));  // a worker calls CsvChunkParser::Parse on it
//   }
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"

namespace yuanwu::tabular {

// Where CsvChunker's bytes come from.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to out.size() bytes into `out` and returns how many; 0 only at the end of input.
  virtual Result<size_t> Read(std::span<char> out) = 0;
};

// A file read with read(2) into the chunker's buffer; never more than a chunk in memory.
// Errors (Status::Invalid on the "file" field): not found, a directory, unreadable. They name
// the file by its base name only: the message may reach a user who must not see server paths.
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);
// Bytes already in memory (an upload).
std::unique_ptr<ByteSource> StringSource(std::string data);

// Whole records of a CSV file, after the header.
struct CsvChunk {
  std::string data;        // whole records (ends after a record's newline, or at end of file)
  int64_t first_line = 0;  // 1-based line of data[0]
};

struct CsvChunkerOptions {
  // A chunk holds as many whole records as fit; a single longer record gets a chunk of its own.
  size_t chunk_bytes = size_t{4} << 20;
  // A longer record is refused rather than read into memory whole: it is almost always a quote
  // that never closes, which would otherwise pull the rest of a multi-GB file into one record.
  size_t max_record_bytes = size_t{64} << 20;
};

class CsvChunker {
 public:
  // Reads up to the header record. Errors (all Status::Invalid on the "file" field, zh + en):
  // the source's own errors, non-UTF-8 bytes or an unterminated quote within the first chunk,
  // a record over max_record_bytes, and an empty file (nothing but blank records).
  static Result<CsvChunker> FromSource(std::unique_ptr<ByteSource> source,
                                       CsvChunkerOptions options = {});
  static Result<CsvChunker> OpenFile(const std::string& path, CsvChunkerOptions options = {});
  static Result<CsvChunker> FromString(std::string data, CsvChunkerOptions options = {});

  CsvChunker(CsvChunker&&) = default;
  CsvChunker& operator=(CsvChunker&&) = default;

  // The first non-blank record, every cell trimmed (quoted ones too, as ParseCsv does).
  const std::vector<std::string>& header() const { return header_; }
  int64_t header_line() const { return header_line_; }

  // Fills `chunk` with the next records: as many whole records as fit in chunk_bytes, or one
  // record if it alone is longer. Returns false when the file is exhausted (and `chunk` is left
  // alone). Reuses chunk->data's capacity. Errors: the source's, non-UTF-8 bytes in the chunk
  // ("save as UTF-8 CSV or use XLSX"), a record over max_record_bytes, or an unterminated quote
  // at the end of the file. After an error the chunker is spent: do not call Next again.
  Result<bool> Next(CsvChunk* chunk);

  // Bytes read from the source so far (BOM included), for progress.
  int64_t bytes_read() const { return bytes_read_; }

 private:
  // ParseCsv's quote state machine, run only far enough to know where records end.
  struct Splitter {
    bool in_quotes = false;
    bool quote_pending = false;  // saw '"' inside quotes; the next byte decides
    bool blank = true;           // the current cell holds only whitespace so far
    int ideo = 0;                // bytes of a U+3000 (E3 80 80) seen while blank
  };

  CsvChunker(std::unique_ptr<ByteSource> source, CsvChunkerOptions options);
  Status ReadHeader();
  // Reads until buf_ holds `target` bytes or the input ends; strips a leading BOM.
  Status Fill(size_t target);
  // Runs the splitter over buf_[scanned_, end), noting the end of the last whole record.
  void Scan();
  // The line of buf_[offset].
  int64_t LineAt(size_t offset) const;
  Result<bool> NextRaw(CsvChunk* chunk);

  std::unique_ptr<ByteSource> source_;
  CsvChunkerOptions options_;
  std::string buf_;         // unconsumed bytes; buf_[0] starts a record on line next_line_
  size_t scanned_ = 0;      // buf_[0, scanned_) has been through the splitter
  size_t last_end_ = 0;     // end of the last whole record in buf_[0, scanned_), 0 if none
  size_t quote_start_ = 0;  // buf_ offset of the quote that opened the current quoted cell
  Splitter split_;
  bool eof_ = false;
  bool bom_checked_ = false;
  int64_t next_line_ = 1;
  int64_t bytes_read_ = 0;
  CsvChunk pending_;  // what ReadHeader read past the header; handed out first
  bool has_pending_ = false;
  std::vector<std::string> header_;
  int64_t header_line_ = 0;
};

// Called once per non-blank record with the line it starts on and its cells. A record is blank
// when every cell is empty after trimming, a quoted "  " included (as in ParseCsv). Cells are
// as ParseCsv gives them: unquoted ones trimmed, quoted ones as written. The views are valid
// only during the call. A non-OK Status stops the parse and is returned.
using CsvRecordFn = std::function<Status(int64_t line, std::span<const std::string_view> cells)>;

// Parses the records of one chunk. Cells are views into the chunk where possible and into a
// scratch buffer kept between calls otherwise (doubled quotes, text after a closing quote, CR
// inside an unquoted cell), so a record costs no allocation once the buffers have grown.
// One parser per thread; different chunks may be parsed concurrently by different parsers.
//
// Speed: 700-1000 MB/s on one core of the 2-vCPU VM for typical indicator rows, and
// 400-900 MB/s for the chunker on the reading thread (numbers and method in
// csv_reader_test.cc).
class CsvChunkParser {
 public:
  // Errors: an unterminated quote at the end of the chunk (only for chunks not made by
  // CsvChunker, which reports it itself), or fn's Status.
  Status Parse(const CsvChunk& chunk, const CsvRecordFn& fn);

 private:
  std::vector<std::string_view> cells_;
  std::string scratch_;
};

// CsvChunkParser for a single call.
Status ParseCsvChunk(const CsvChunk& chunk, const CsvRecordFn& fn);

}  // namespace yuanwu::tabular
