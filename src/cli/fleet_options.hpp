// The options of the commands that run on a fleet (`diff --all`, later `push --all`):
// --all, --inventory FILE, --parallel N, --canary K, --shard I/N, and the help text that
// goes with them. Entry points: add_fleet_options(), kFleetHelp.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/app.hpp"

namespace rosgen::cli {

// The most routers a run reaches at once (--parallel): each is a thread and an SSH
// connection.
inline constexpr std::size_t kMaxParallel = 256;

// Adds the options to `sub`, writing into `fleet`; returns --all (the others need it).
CLI::Option* add_fleet_options(CLI::App& sub, FleetOptions& fleet);

// For a command's footer: the inventory, the flags, the output and the exit codes.
inline constexpr const char* kFleetHelp =
    "\nFleets (--all): the routers come from rosgen.toml in this directory (or --inventory\n"
    "FILE): [defaults] and one [[router]] table per router with name, host, port, user,\n"
    "identity, known-hosts, routeros, policy and anchor (README, \"Fleets\"). Each policy is\n"
    "compiled once per RouterOS version and anchor; a line per router is printed as it\n"
    "finishes, then a summary in inventory order (--json: schema rosgen-fleet/1 on stdout,\n"
    "the lines on stderr). A router that fails or cannot be reached fails alone; the others\n"
    "still run. --canary K runs the first K routers of the inventory first and stops there\n"
    "if one fails. --shard I/N takes this runner's stable share of the routers (by a hash\n"
    "of each name: adding a router moves no other), so N CI jobs cover the fleet. Logins\n"
    "use ssh-agent, key files or ROSGEN_SSH_PASSWORD; there is never a password prompt.\n";

}  // namespace rosgen::cli
