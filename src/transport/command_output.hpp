// Internal to src/transport/: turning an exec channel's raw output into a CommandResult.
// RouterOS reports failures as text with exit status 0 and stops a command line at its first
// error (reference §5.1), so Session::run() appends `; :put "<sentinel>"` and a line equal
// to the sentinel proves that everything before it ran.
#pragma once

#include <string>
#include <string_view>

#include "transport/session.hpp"

namespace rosgen::transport::detail {

// "rosgen-done-" + 16 random hex digits.
std::string new_sentinel();

// `command` with `; :put "<sentinel>"` appended (no ';' doubled, nothing before an empty one).
std::string with_sentinel(std::string_view command, const std::string& sentinel);

// Fills `result` from the raw streams: CRLF -> LF; `completed` when `out` ends with the
// sentinel (and a line end), which is then removed; `error` from routeros_error_line().
void finish_result(CommandResult& result, std::string_view raw_out, std::string_view raw_err,
                   const std::string& sentinel);

// At most `limit` characters of `command` for messages ("..." when cut).
std::string command_head(std::string_view command, std::size_t limit = 60);

}  // namespace rosgen::transport::detail
