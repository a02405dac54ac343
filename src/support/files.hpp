// File reading and atomic writing. Entry points: read_file(), write_file_atomically().
#pragma once

#include <optional>
#include <string>

namespace rosgen::support {

// Reads a whole file. On failure returns nullopt and sets *reason (strerror text).
std::optional<std::string> read_file(const std::string& path, std::string* reason);

// Writes `contents` to a temporary file next to `path`, flushes it, then renames it over
// `path`, so that readers see either the old file or the whole new one. Throws IoError.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace rosgen::support
