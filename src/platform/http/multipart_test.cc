#include "platform/http/multipart.h"

#include <gtest/gtest.h>

#include <string>

using namespace std::string_literals;

namespace yuanwu::http {
namespace {

constexpr const char* kType = "multipart/form-data; boundary=----yuanwuBoundary7MA4YWxk";
const std::string kDelim = "------yuanwuBoundary7MA4YWxk";

std::string FieldPart(const std::string& name, const std::string& value) {
  return kDelim + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value +
         "\r\n";
}

std::string FilePart(const std::string& name, const std::string& filename, const std::string& type,
                     const std::string& data) {
  return kDelim + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" +
         filename + "\"\r\nContent-Type: " + type + "\r\n\r\n" + data + "\r\n";
}

std::string Close() { return kDelim + "--\r\n"; }

TEST(ParseMultipartTest, ParsesFieldsAndAFileWithAChineseFilename) {
  std::string body = FieldPart("title", "2026年第三季度药品采购公示") +
                     FilePart("file", "采购公示（第3期）.pdf", "application/pdf", "%PDF-1.7 ...") +
                     Close();
  Result<std::vector<Part>> parts = ParseMultipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status().message_en();
  ASSERT_EQ(parts->size(), 2u);
  const Part& title = (*parts)[0];
  EXPECT_EQ(title.name, "title");
  EXPECT_EQ(title.filename, "");
  EXPECT_EQ(title.data, "2026年第三季度药品采购公示");
  const Part& file = (*parts)[1];
  EXPECT_EQ(file.name, "file");
  EXPECT_EQ(file.filename, "采购公示（第3期）.pdf");
  EXPECT_EQ(file.content_type, "application/pdf");
  EXPECT_EQ(file.data, "%PDF-1.7 ...");
}

TEST(ParseMultipartTest, KeepsBinaryDataWithCrlfAndNulBytes) {
  std::string data = "\x89PNG\r\n\x1A\n\0\0\r\n\r\n--not-the-boundary\r\n\xFF"s;
  std::string body = FilePart("file", "a.png", "image/png", data) + Close();
  Result<std::vector<Part>> parts = ParseMultipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status().message_en();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].data, data);
}

TEST(ParseMultipartTest, KeepsAnEmptyFieldAndAnEmptyFile) {
  std::string body =
      FieldPart("note", "") + FilePart("file", "empty.txt", "text/plain", "") + Close();
  Result<std::vector<Part>> parts = ParseMultipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status().message_en();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].data, "");
  EXPECT_EQ((*parts)[1].data, "");
}

TEST(ParseMultipartTest, IgnoresThePreamble) {
  std::string body = "This is a preamble.\r\n" + FieldPart("a", "1") + Close();
  Result<std::vector<Part>> parts = ParseMultipart(kType, body);
  ASSERT_TRUE(parts.ok());
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].data, "1");
}

TEST(ParseMultipartTest, AcceptsAQuotedBoundaryAndMixedCaseHeaders) {
  std::string body =
      "--b\r\ncontent-disposition: form-data; name=\"x\"\r\nCONTENT-TYPE:  text/plain \r\n\r\n"
      "v\r\n--b--";
  Result<std::vector<Part>> parts =
      ParseMultipart("Multipart/Form-Data; charset=utf-8; boundary=\"b\"", body);
  ASSERT_TRUE(parts.ok()) << parts.status().message_en();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].name, "x");
  EXPECT_EQ((*parts)[0].content_type, "text/plain");
}

TEST(ParseMultipartTest, NoPartsIsAnEmptyList) {
  Result<std::vector<Part>> parts = ParseMultipart(kType, Close());
  ASSERT_TRUE(parts.ok());
  EXPECT_TRUE(parts->empty());
}

TEST(ParseMultipartTest, UnescapesQuotedFilenames) {
  std::string body = kDelim +
                     "\r\nContent-Disposition: form-data; name=\"file\"; "
                     "filename=\"say \\\"hi\\\"; now.txt\"\r\n\r\nx\r\n" +
                     Close();
  Result<std::vector<Part>> parts = ParseMultipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status().message_en();
  EXPECT_EQ((*parts)[0].name, "file");
  EXPECT_EQ((*parts)[0].filename, "say \"hi\"; now.txt");
}

TEST(ParseMultipartTest, RejectsOtherContentTypes) {
  Result<std::vector<Part>> parts = ParseMultipart("application/json", "{}");
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(parts.status().fields().size(), 1u);
  EXPECT_EQ(parts.status().fields()[0].field, "file");
}

TEST(ParseMultipartTest, RejectsAMissingBoundary) {
  EXPECT_FALSE(ParseMultipart("multipart/form-data", FieldPart("a", "1") + Close()).ok());
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=", Close()).ok());
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=\"\"", Close()).ok());
}

TEST(ParseMultipartTest, RejectsAnOverlongBoundary) {
  std::string b(201, 'x');
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=" + b, "--" + b + "--").ok());
}

TEST(ParseMultipartTest, RejectsABodyWithoutTheBoundary) {
  Result<std::vector<Part>> parts = ParseMultipart(kType, "just some bytes");
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.status().message_en(), "malformed upload: boundary not found");
  EXPECT_FALSE(ParseMultipart(kType, "").ok());
}

TEST(ParseMultipartTest, RejectsATruncatedBody) {
  std::string full = FilePart("file", "a.pdf", "application/pdf", "%PDF-1.7 content") + Close();
  // Every prefix short of the closing "--" is malformed, never a shorter success.
  for (size_t len = 0; len < full.size() - 2; ++len) {
    Result<std::vector<Part>> parts = ParseMultipart(kType, full.substr(0, len));
    EXPECT_FALSE(parts.ok()) << "prefix of length " << len;
  }
}

TEST(ParseMultipartTest, RejectsATruncatedHeader) {
  std::string body = kDelim + "\r\nContent-Disposition: form-data; name=\"a\"\r\n";
  Result<std::vector<Part>> parts = ParseMultipart(kType, body);
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.status().message_en(), "malformed upload: truncated part header");
}

TEST(ParseMultipartTest, RejectsAPartWithoutAName) {
  std::string body = kDelim + "\r\nContent-Disposition: form-data; filename=\"a.pdf\"\r\n\r\n" +
                     "data\r\n" + Close();
  Result<std::vector<Part>> parts = ParseMultipart(kType, body);
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.status().message_en(), "malformed upload: part without a field name");
}

TEST(ParseMultipartTest, RejectsAPartWithoutHeaders) {
  std::string body = kDelim + "\r\n\r\ndata\r\n" + Close();
  EXPECT_FALSE(ParseMultipart(kType, body).ok());
}

TEST(ParseMultipartTest, RejectsGarbageAfterTheBoundary) {
  std::string body = kDelim + "garbage\r\n" + Close();
  EXPECT_FALSE(ParseMultipart(kType, body).ok());
}

TEST(ParseMultipartTest, AcceptsAtMostOneHundredParts) {
  std::string body;
  for (int i = 0; i < 100; ++i) body += FieldPart("f" + std::to_string(i), "v");
  Result<std::vector<Part>> hundred = ParseMultipart(kType, body + Close());
  ASSERT_TRUE(hundred.ok());
  EXPECT_EQ(hundred->size(), 100u);
  body += FieldPart("one_too_many", "v");
  EXPECT_FALSE(ParseMultipart(kType, body + Close()).ok());
}

// A filename is a quoted string; a ";name=" inside it must not be read as the field name.
// Disabled: HeaderParam in multipart.cc finds the next ';' with a plain find(), even inside a
// quoted value, so this part gets the name `evil.pdf"`. Enable once it skips quoted strings.
TEST(ParseMultipartTest, ParameterInsideAQuotedFilenameIsNotAParameter) {
  std::string body = kDelim +
                     "\r\nContent-Disposition: form-data; filename=\"x;name=evil.pdf\"; "
                     "name=\"file\"\r\n\r\ndata\r\n" +
                     Close();
  Result<std::vector<Part>> parts = ParseMultipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status().message_en();
  EXPECT_EQ((*parts)[0].name, "file");
  EXPECT_EQ((*parts)[0].filename, "x;name=evil.pdf");
}

TEST(FindPartTest, ReturnsTheFirstPartWithTheName) {
  std::vector<Part> parts = {{"a", "", "", "1"}, {"b", "", "", "2"}, {"a", "", "", "3"}};
  ASSERT_NE(FindPart(parts, "a"), nullptr);
  EXPECT_EQ(FindPart(parts, "a")->data, "1");
  EXPECT_EQ(FindPart(parts, "b")->data, "2");
  EXPECT_EQ(FindPart(parts, "c"), nullptr);
}

}  // namespace
}  // namespace yuanwu::http
