// Number formatting shared by the optimiser's reports (--explain, --against, rule order).
#pragma once

#include <cstdio>
#include <string>

namespace rosgen::optimise {

// `value` printed with the printf `format` for one double ("%.2f": 2 decimals).
inline std::string fixed(double value, const char* format = "%.2f") {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace rosgen::optimise
