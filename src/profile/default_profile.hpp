// The default profile (issue 9 §1): measured from the project's shared captures
// (../shared/data/pcap) for the signatures of examples/*.pol and policies/*.pol, shipped
// as src/profile/default-profile.toml and compiled into the binary (cmake/embed_file.cmake),
// so a built rosgen reads no file for it. Regenerate it after changing the captures, the
// example policies or the measurement with `cmake --build build --target default-profile`
// (tools/make-default-profile.sh); a unit test fails when the shipped file is stale.
// Entry points: default_profile(), default_profile_text().
#pragma once

#include <string_view>

#include "profile/profile.hpp"

namespace rosgen::profile {

// The shipped file's bytes (defined in the generated default_profile_text.cpp).
std::string_view default_profile_text();

// The shipped profile, parsed on first use and kept for the life of the process
// (thread-safe). It is checked by the unit tests; should it fail to parse anyway, that
// is a bug in rosgen: std::logic_error with the diagnostics.
const Profile& default_profile();

}  // namespace rosgen::profile
