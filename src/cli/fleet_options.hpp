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
    "FILE), a [[router]] table per router and [defaults] for what they share:\n"
    "  [defaults]\n"
    "  user = \"rosgen\"\n"
    "  identity = \"keys/rosgen_ed25519\"      # paths are relative to the file\n"
    "  known-hosts = \"known_hosts\"\n"
    "  policy = \"policies/cafe.pol\"\n"
    "  routeros = \"7.16\"                     # also: port, anchor, timeout, connect-timeout\n"
    "  [[router]]\n"
    "  name = \"cafe-01\"\n"
    "  host = \"10.20.0.1\"\n"
    "Each policy is compiled once per RouterOS version and anchor. A line per router is\n"
    "printed as it finishes, then a summary in inventory order (--json: rosgen-fleet/1 on\n"
    "stdout, the lines on stderr). A router that fails or cannot be reached fails alone;\n"
    "the others still run. --canary K runs the first K routers (of the inventory, or of\n"
    "the shard) first and stops there if one fails. --shard I/N takes this runner's share\n"
    "(by a hash of each name: stable, adding a router moves no other), so N CI jobs cover\n"
    "the fleet (README, \"Fleets\"). Logins use ssh-agent, key files or ROSGEN_SSH_PASSWORD\n"
    "(never a prompt); host keys must already be in the known-hosts file.\n";

}  // namespace rosgen::cli
