// Environment failures (file I/O now; SSH and host keys later) as exceptions, caught
// once in the CLI and printed as "rosgen: error: ...". User-input problems never throw:
// they are diagnostics (diagnostics.hpp).
#pragma once

#include <stdexcept>
#include <string>

namespace rosgen::support {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace rosgen::support
