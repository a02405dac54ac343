// Parsing the embedded default profile once (see default_profile.hpp).
#include "profile/default_profile.hpp"

#include <memory>
#include <stdexcept>

#include "profile/profile_toml.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::profile {

namespace {

Profile parse_default() {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("default-profile.toml",
                                                          std::string(default_profile_text()));
  std::optional<Profile> profile = read_profile(file, diags);
  if (!profile)
    throw std::logic_error("the built-in default profile does not read:\n" +
                           support::render_all(diags));
  return std::move(*profile);
}

}  // namespace

const Profile& default_profile() {
  static const Profile kProfile = parse_default();
  return kProfile;
}

}  // namespace rosgen::profile
