// The fleet inventory, rosgen.toml: the routers `rosgen diff --all` (and `push --all`)
// reach, each with how to log in, its RouterOS version, its policy and its anchor.
// Entry points: read_inventory(), load_inventory(), kDefaultInventory.
//
// The file (every key but name and host may also stand in [defaults]; a router's own value
// wins, then [defaults], then the built-in default):
//   [defaults]
//   user = "rosgen"                     # -l; default: the local user name
//   identity = "keys/rosgen_ed25519"    # -i; a file or a list of files
//   known-hosts = "known_hosts"         # default: ~/.ssh/known_hosts
//   policy = "policies/cafe.pol"        # required (here or per router)
//   routeros = "7.16"                   # compile for this version (major 6 or 7); default:
//                                       # the policy's 'routeros' setting
//   anchor = "top"                      # "top" or "bottom"; default: the policy's
//   port = 22
//   connect-timeout = 10                # seconds (1-86400), as --connect-timeout
//   timeout = 30                        # seconds (1-86400), as --timeout
//
//   [[router]]
//   name = "cafe-01"                    # required, unique: letters, digits, . _ -
//   host = "10.20.0.1"                  # required: a name, IPv4 or IPv6 address
// Paths are relative to the directory of the inventory file; "~/" is the home directory.
// Every problem (TOML syntax, an unknown key with a "did you mean", a missing or mistyped
// value, a value out of range, a duplicate name) is a diagnostic at its file:line:col.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/diagnostics.hpp"
#include "support/files.hpp"
#include "transport/session.hpp"

namespace rosgen::fleet {

// What `--all` reads when no --inventory is given: rosgen.toml in the working directory.
inline constexpr const char* kDefaultInventory = "rosgen.toml";

struct Router {
  std::string name;
  // How to reach it: host, port, user, identity files, known_hosts, timeouts. No password
  // prompt (ask_secret is empty): a fleet logs in by agent, key files or
  // ROSGEN_SSH_PASSWORD, never by asking hundreds of times.
  transport::Options ssh;
  std::string policy;              // the policy file, resolved against the inventory's directory
  std::optional<int> target;       // the major of 'routeros' (6 or 7); nullopt: the policy's own
  std::string routeros;            // 'routeros' as written ("7.16"); "" when not given
  std::optional<bool> anchor_top;  // 'anchor'; nullopt: the policy's own
};

struct Inventory {
  std::string path;             // as given
  std::vector<Router> routers;  // in file order
};

// Parses and checks an inventory; nullopt when `diags` received an error. A file without
// a single [[router]] is an error too (there is nothing to run on).
std::optional<Inventory> read_inventory(const std::shared_ptr<const support::SourceFile>& file,
                                        support::DiagnosticEngine& diags);

// read_inventory() of the file `path`. Throws support::IoError ("cannot open 'rosgen.toml':
// No such file or directory") when it cannot be read; appends it to `inputs` when given.
std::optional<Inventory> load_inventory(const std::string& path, support::DiagnosticEngine& diags,
                                        std::vector<support::InputFile>* inputs = nullptr);

}  // namespace rosgen::fleet
