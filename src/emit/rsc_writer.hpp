// IR -> RouterOS script text. Entry point: emit_rsc(). One "add" line per item under its
// menu header, properties in alphabetical order (as RouterOS exports print them), owned
// chains first and anchors last, so that an import never leaves a jump to a half-built
// chain. The output is a pure function of its inputs (byte-identical every run).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"
#include "routeros/state.hpp"

namespace rosgen::emit {

// The traffic profile a script was compiled with, as its header names it, so that two
// scripts compiled with different profiles differ and `rosgen diff` can tell.
struct ProfileName {
  // "built-in", the --profile file's base name, "in memory"; empty: no profile made the
  // script (--no-optimise: the stages as written, every case form on every packet).
  std::string name;
  std::string sha256;  // of the profile's TOML bytes (the file as read, the built-in text)
  bool operator==(const ProfileName&) const = default;
};

struct ScriptHeader {
  std::vector<std::string> sources;  // main policy file first
  std::string digest;                // sha256 over the sources
  ProfileName profile;               // default: none (--no-optimise)
};

// The header's "# traffic profile: " line without its prefix: "built-in, sha256 <hex>",
// "home.toml, sha256 <hex>" (control characters of the name as '?'), or "none
// (--no-optimise)".
std::string profile_line(const ProfileName& profile);

// Where a script's header names its profile.
struct ProfileLine {
  ProfileName profile;
  std::size_t offset = 0, length = 0;  // the line in the script (bytes, without its '\n')
};

// The profile the header of `script` names: the "# traffic profile: " line among the
// comment lines that open a script rosgen wrote (its first line starts "# rosgen ").
// nullopt for anything else: a router's export, a script of a rosgen that did not write
// the line, or a line that does not read as profile_line() writes it.
std::optional<ProfileLine> find_profile_line(std::string_view script);

// The compile output: a header that says what importing it does, a preamble that
// removes every item the policy owns (so that importing again, also over an older
// version, ends with exactly the compiled items), the owned items, then the anchors.
std::string emit_rsc(const ir::Ruleset& ruleset, const ScriptHeader& header);

// Commands in the preamble of emit_rsc: one remove per modeled menu, and queue trees and
// layer7 protocols also by name (names are unique there: an item named rosgen-<policy>-...
// whose comment was changed would make the add refuse half-way).
inline constexpr std::size_t kPreambleCommands = 8;

// Commands emit_rsc writes before the preamble: one ':if ... do={ :error ... }' per
// interface and interface list the anchors name, so that a missing one stops the import
// before anything changes.
std::size_t precondition_commands(const ir::Ruleset& ruleset);

// Those checks for the interfaces and interface lists `items` name (in-/out-interface,
// in-/out-interface-list), sorted, one line each; "" when they name none.
std::string interface_checks(const std::vector<const ir::Item*>& items);

enum class TopCommand { Add, Move };

// One script line that runs `command` (a full "/ip firewall filter add ..." or
// "... move [find ...]" line, without placement) so that the item lands before the first
// item of `menu`'s table that is not dynamic, found when the script runs; an add on a
// table with no such item appends, a move there does nothing. RouterOS refuses
// place-before / destination on a dynamic item ("cannot change builtin": FastTrack's
// counter rule is item 0 of /ip firewall filter while FastTrack is on) and by number on
// an empty table ("no such item"): reference §5.1. That `find` lists items in print order
// is the assumption of public scripts (unverified).
std::string at_top_of_table(ir::Menu menu, std::string_view command, TopCommand kind);

// One script line that runs `command` (an add or a move, without placement) so that the
// item lands directly before the first enabled action=fasttrack-connection rule of `chain`
// in `menu`'s table, found when the script runs; without such a rule it does nothing
// (the router fast-tracks nothing, so the FastTrack guard is not needed). The rule found
// is never dynamic (FastTrack's counter rule is a passthrough).
std::string before_fasttrack(ir::Menu menu, std::string_view chain, std::string_view command,
                             TopCommand kind);

// A router state as a canonical compact export: a section header per non-empty menu,
// one add line per item in list order, remarks as '#' lines above their item.
std::string write_export(const routeros::RouterState& state);

// "name=value" as a script writes it; user text (comment, content, log-prefix) is always
// quoted, everything else only when it must be.
std::string property_text(const ir::Property& property);

}  // namespace rosgen::emit
