// What a push reads from a router and how it judges it: the owned menus and the push state
// in one exec (Snapshot, read_router(); read_live(), which `diff --host` and `diff --all`
// use too, so that a drift check sees a pending push), RouterOS's error lines against the
// lines of the script they name (errors_against()), and whether two states hold the same
// items (same_state()). Separate from push.cpp so that the sequencing fits in one file.
// Entry points: LiveRead, read_live(), Snapshot, read_router(), errors_against(),
// same_state(), trim().
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "routeros/script_reader.hpp"
#include "support/diagnostics.hpp"
#include "transport/session.hpp"

namespace rosgen::push {

// `text` without blanks and line ends at either end.
std::string trim(std::string_view text);

// The owned menus' exports and the push state, read in one command.
struct LiveRead {
  // live::read_running()'s file: "<host:port> (export)", for routeros::read_script().
  std::shared_ptr<const support::SourceFile> file;
  std::size_t armed = 0;  // rosgen push entries armed (any policy): a push is pending
  std::size_t entries = 0;
  std::size_t files = 0;  // files of earlier pushes
  std::size_t armed_policy = 0;  // of them, the entry of this policy (0 or 1)
  std::size_t busy_policy = 0;   // that entry, while its job still runs (0 or 1)
};

// Runs live::export_command() and state_query_command(policy) (commands.hpp) in one exec
// (one round trip). Throws transport::Error, live::ReadError (also for an unreadable
// state).
LiveRead read_live(transport::Session& session, const std::string& policy);

// What the router holds, read in one command.
struct Snapshot {
  routeros::ReadResult read;
  std::size_t armed = 0;  // rosgen push entries armed (any policy)
  std::size_t entries = 0;
  std::size_t files = 0;  // files of earlier pushes
  std::size_t armed_policy = 0;  // the entry of this policy, when armed
  std::size_t busy_policy = 0;   // that entry, while its job still runs
};

// read_live() with the export read. Throws transport::Error, live::ReadError (also for an
// export rosgen cannot read).
Snapshot read_router(transport::Session& session, const std::string& policy);

// Every line of `output` that reads as a RouterOS error, with the line of `script` (the
// patch or the rollback, called `label`) it names ("line N") when there is one; the whole
// output trimmed when no line does.
std::vector<std::string> errors_against(const std::string& output, const std::string& script,
                                        const std::string& label = "patch");

// True when `a` and `b` hold the same items (their properties; the remarks a reader
// attaches are not the router's): in the same order in the firewall tables, where order
// is meaning; in any order elsewhere (a rollback re-adds a queue type or a layer7
// protocol at the end of its menu, where RouterOS gives order no meaning).
bool same_state(const routeros::RouterState& a, const routeros::RouterState& b);

}  // namespace rosgen::push
