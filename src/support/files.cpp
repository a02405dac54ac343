// File reading and atomic writing (temporary file + fsync + rename).
#include "support/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/errors.hpp"

namespace rosgen::support {

std::optional<std::string> read_file(const std::string& path, std::string* reason) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    if (reason)
      *reason = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (reason)
      *reason = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    if (reason)
      *reason = "read error";
    return std::nullopt;
  }
  return std::move(buffer).str();
}

namespace {

void write_all(int fd, const std::string& contents, const std::string& tmp) {
  const char* p = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw IoError("cannot write '" + tmp + "': " + std::strerror(errno));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& contents) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty())
    dir = ".";
  std::string tmp_template = (dir / ("." + target.filename().string() + ".rosgen-XXXXXX")).string();
  int fd = ::mkstemp(tmp_template.data());
  if (fd < 0) {
    throw IoError("cannot create a temporary file in '" + dir.string() +
                  "': " + std::strerror(errno));
  }
  try {
    write_all(fd, contents, tmp_template);
    if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) {
      throw IoError("cannot write '" + tmp_template + "': " + std::strerror(errno));
    }
  } catch (...) {
    ::close(fd);
    ::unlink(tmp_template.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    int saved = errno;
    ::unlink(tmp_template.c_str());
    throw IoError("cannot write '" + tmp_template + "': " + std::strerror(saved));
  }
  if (::rename(tmp_template.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(tmp_template.c_str());
    throw IoError("cannot write '" + path + "': " + std::strerror(saved));
  }
}

}  // namespace rosgen::support
