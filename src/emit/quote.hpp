// Quoting of property values for RouterOS scripts (reference §4). Anything that reaches
// a router goes through here: inside double quotes '\' '"' '$' are escaped, '?' becomes
// \3F, CR/LF/TAB become \r \n \t, and every other byte below 0x20 or from 0x7F up
// becomes \HH, so that no value can end its string, start a command or interpolate.
// Entry point: quote_value().
#pragma once

#include <string>
#include <string_view>

namespace rosgen::emit {

// True when `value` can be written bare: non-empty, only [A-Za-z0-9] and "_.,:/!+-".
bool is_bare_value(std::string_view value);

// The value as it goes after "name=": bare when safe (unless `always_quote`), else a
// double-quoted, escaped string.
std::string quote_value(std::string_view value, bool always_quote = false);

// The same, appended to `out` (the emitter's hot path: no temporary strings).
void append_value(std::string& out, std::string_view value, bool always_quote = false);

}  // namespace rosgen::emit
