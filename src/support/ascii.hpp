// Small ASCII helpers shared by the stages that decode text (policy values, layer7
// patterns).
#pragma once

namespace rosgen::support {

// The value of the hexadecimal digit `c` (0-9, a-f, A-F), or -1 when it is none.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

}  // namespace rosgen::support
