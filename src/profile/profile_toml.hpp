// Profiles as TOML files (toml++, the project's only TOML library): writing them
// deterministically and reading them back with clang-style diagnostics. Entry points:
// write_profile(), read_profile(), load_profile().
//
// The file (format "rosgen-profile/1"; units and meaning in profile.hpp):
//   format = "rosgen-profile/1"
//
//   [[gate]]
//   packets = 5290            # client packets that reached the gate
//   ports = "80,3128,8080"    # destination ports; absent: any port
//   protocol = "tcp"          # "tcp" or "udp"
//   window-bytes = 2048       # connection-bytes=0-2048; absent: no window
//
//   [[gate.fragment]]
//   bytes = "CONNECT "        # the fragment; characters U+0000-U+00FF stand for bytes
//   exact = 2                 # packets holding it byte for byte
//   forms = { "CONNECT " = 2, "connect " = 1 }  # per case form seen (nocase literals)
//   nocase = 3                # packets holding it in any letter case
// Keys are sorted (toml++ tables are ordered), gates by protocol, ports and window,
// fragments by their bytes: the same profile always gives the same bytes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "profile/profile.hpp"
#include "support/diagnostics.hpp"
#include "support/files.hpp"

namespace rosgen::profile {

// The TOML text of `profile`: `comment` lines first (each prefixed "# "; an empty line
// gives "#"), a blank line, then the data. Fragment bytes are written as characters
// U+0000-U+00FF, which toml++ escapes (\u0013) unless printable ASCII.
std::string write_profile(const Profile& profile, const std::vector<std::string>& comment);

// Parses and checks a profile. Every problem is a diagnostic at its file:line:col in
// `diags` (TOML syntax; a missing, unknown or mistyped key; a negative count; a count
// larger than its gate's packets; a bad protocol, port list or window; a fragment
// character above U+00FF; a form that is not a case form of its fragment; counts that
// contradict each other: `exact` or a form's count larger than `nocase`, forms adding up
// to less than `nocase`, or, with `forms`, `exact` other than the count of the form
// written as `bytes` (0 when not listed); a duplicate gate or fragment) and the result
// is nullopt. A valid profile comes back canonical
// (gates sorted, ports merged, fragments sorted), so write_profile() of it round-trips.
std::optional<Profile> read_profile(const std::shared_ptr<const support::SourceFile>& file,
                                    support::DiagnosticEngine& diags);

// read_profile() of the file `path`. Throws support::IoError ("cannot open 'p.toml': No
// such file or directory") when the file cannot be read (read_input_file()'s rules);
// appends the file to `inputs` when given, so that -o cannot overwrite it.
std::optional<Profile> load_profile(const std::string& path, support::DiagnosticEngine& diags,
                                    std::vector<support::InputFile>* inputs = nullptr);

}  // namespace rosgen::profile
