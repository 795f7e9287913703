// Files compiled into the binary (migrations, templates) by cmake/embed.cmake.
#pragma once

#include <string_view>

namespace yuanwu {

struct EmbeddedFile {
  std::string_view path;     // relative to the repository root, e.g. "migrations/0001_init.sql"
  std::string_view content;  // empty path marks the end of a table
};

}  // namespace yuanwu
