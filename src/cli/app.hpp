// The rosgen command line: builds the CLI11 app, runs the chosen command, and maps every
// outcome to an exit code, the same scheme in every command: 0 ok (diff: in sync),
// 1 errors in the policy or the export, 2 differences (diff, push --dry-run), 3 environment
// (a file cannot be read or written, standard output or error cannot be written, a router
// cannot be reached or read, out of memory),
// 64 usage error (sysexits' EX_USAGE: never a result). `diff --all` (cli/fleet.hpp): 1
// also when a router failed. Entry point: run(); main() only calls it.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emit/rsc_writer.hpp"
#include "fleet/shard.hpp"
#include "ir/ir.hpp"
#include "optimise/optimise.hpp"
#include "profile/profile.hpp"
#include "sema/model.hpp"
#include "support/diagnostics.hpp"
#include "support/files.hpp"
#include "transport/session.hpp"

namespace rosgen::cli {

enum ExitCode {
  kOk = 0,
  kPolicyErrors = 1,
  kDifferences = 2,  // diff, push --dry-run
  kEnvironment = 3,
  kUsage = 64,
  kInterrupted = 130,  // push: stopped by SIGINT/SIGTERM/SIGHUP (128 + SIGINT, as shells say)
};

struct Environment {
  std::ostream* out = nullptr;  // stdout: the script, summaries
  std::ostream* err = nullptr;  // stderr: diagnostics
  bool color = false;           // colour diagnostics (stderr is a TTY and NO_COLOR unset)
  bool color_out = false;       // colour reports on stdout (stdout is a TTY, NO_COLOR unset)
};

// Parses the command line and runs the command. Every write to env.out and env.err is
// checked: when one fails the result is kEnvironment (with a message on env.err while it
// still works), never kOk after a short write.
int run(int argc, const char* const* argv, const Environment& env);

// Writes `text` to env.out (env.err) and flushes it. Throws support::IoError ("cannot
// write to standard output: No space left on device") when the stream fails.
void write_out(const Environment& env, std::string_view text);
void write_err(const Environment& env, std::string_view text);

// What compile, check, diff and simulate share: load, check, order, lower, emit.
struct PipelineOptions {
  PipelineOptions() = default;

  // The three-part form callers have always used ({path, target, include_dirs}).
  PipelineOptions(std::string path_, std::optional<int> target_ = std::nullopt,
                  std::vector<std::string> include_dirs_ = {})
      : path(std::move(path_)), target(target_), include_dirs(std::move(include_dirs_)) {}

  std::string path;
  std::optional<int> target;
  std::vector<std::string> include_dirs;
  bool optimise = true;  // --no-optimise: author order, every case form on every packet
  bool explain = false;  // compile --explain: PipelineResult::explanation
  // compile --explain --against: a RouterOS script whose content tests the explanation
  // also costs (optimise/against.hpp); read only with `explain`.
  std::string against;
  // --profile: a traffic profile (rosgen profile -o) read by run_pipeline(); empty: use
  // `profile` when set, else the built-in default (profile/default_profile.hpp).
  std::string profile_path;
  std::optional<profile::Profile> profile;  // a profile given in memory
};

struct PipelineResult {
  std::optional<std::string> script;       // set when there were no errors
  std::vector<support::InputFile> inputs;  // the policy and every file it includes
  std::optional<ir::Ruleset> ruleset;
  std::size_t rules = 0;
  std::size_t items = 0;
  int routeros = 7;
  std::optional<sema::Site> site;             // the policy block's settings (clients, interfaces)
  std::vector<optimise::Decision> decisions;  // the optimiser's, one per stage (--explain)
  std::string explanation;                    // with PipelineOptions::explain
  // The traffic profile in effect (--profile, PipelineOptions::profile or the default),
  // set once it has been read without errors. Lowering does not use it yet (issue 9 §2).
  std::optional<profile::Profile> profile;
  // What the script's header names as its profile (emit::profile_line()): "built-in",
  // the --profile file's base name or "in memory", with the SHA-256 of its TOML; none
  // with --no-optimise. Set before the policy is read.
  emit::ProfileName profile_name;
};

// Problems in the policy (and its includes) go to `diags`; throws support::IoError when
// the policy file itself cannot be read (missing, not a regular file, over the size
// limit, unreadable) or memory runs out while reading.
// The site settings `rosgen simulate` may replace after checking, so that the policy is
// compiled as it would be deployed on the capture's network (--clients, --lan-iface,
// --wan-iface), and the anchor placement a fleet router's inventory entry gives. Unset
// members keep the policy's.
struct SiteOverrides {
  std::optional<sema::AddressSet> clients;
  std::optional<sema::Interface> client_interface;
  std::optional<sema::Interface> uplink;
  std::optional<bool> anchor_top;  // a fleet router's 'anchor' (fleet/inventory.hpp)
};

PipelineResult run_pipeline(const PipelineOptions& options, support::DiagnosticEngine& diags,
                            const SiteOverrides& overrides = {});

// The first half of run_pipeline(): reads options.path and its includes (appended to
// `inputs`), checks them, and returns the checked policy in author order, or nullopt with
// the problems in `diags`. options.profile_path is not read here. Throws support::IoError
// as run_pipeline() does.
std::optional<sema::Policy> check_policy(const PipelineOptions& options,
                                         support::DiagnosticEngine& diags,
                                         std::vector<support::InputFile>& inputs);

// Sets up the "compile" and "check" subcommands (compile.cpp, check.cpp).
struct CompileOptions {
  PipelineOptions pipeline;
  std::string output;  // empty: stdout
};

struct CheckOptions {
  PipelineOptions pipeline;
};

// `--all` and what goes with it (fleet.cpp): the routers of an inventory instead of one.
// Shared by `diff --all` and `push --all`.
struct FleetOptions {
  bool all = false;
  std::string inventory;  // --inventory FILE; empty: fleet::kDefaultInventory
  std::size_t parallel = 1;
  std::size_t canary = 0;
  std::optional<fleet::Shard> shard;
};

struct DiffOptions {
  PipelineOptions pipeline;
  FleetOptions fleet;   // with fleet.all, pipeline.path and target are unused (the inventory's)
  std::string against;  // an export (.rsc) of the router
  // --host and the other SSH options: read the router itself (live/read.hpp) instead of
  // `against`; used when ssh.host is not empty.
  transport::Options ssh;
  bool json = false;
  bool script = false;
  std::string output;  // empty: stdout
};

// `rosgen push` (push.cpp): the policy onto one router over SSH, with a rollback armed on
// the router (push/push.hpp).
struct PushOptions {
  PipelineOptions pipeline;
  transport::Options ssh;
  FleetOptions fleet;  // --all: every router of the inventory, each with its own policy
  bool dry_run = false;
  bool force = false;
  bool json = false;
  int confirm_timeout = 120;  // seconds
  int apply_timeout = 900;    // seconds
};

// `rosgen simulate` (simulate.cpp): the rules (a policy, or a .rsc when the path ends in
// .rsc) behind an optional running configuration, on a capture or a scenario.
struct SimulateOptions {
  PipelineOptions pipeline;
  std::string pcap;                  // a pcap or pcapng capture
  std::string scenario;              // a JSON scenario (exactly one of pcap and scenario)
  std::string with;                  // an export of the router, in front of the rules
  std::vector<std::string> clients;  // client prefixes, also the policy's clients; default: its
  std::string lan_interface, wan_interface;  // default: the policy's, else bridge, ether1
  // More of the router's own addresses (IPv4) besides the first host of the first client
  // prefix: packets to them take the input path, from them the output path.
  std::vector<std::string> router_addresses;
  bool json = false;
  bool progress = true;  // a progress line on a terminal for long captures
  std::string output;    // empty: stdout
};

// `rosgen profile` (profile.cpp): measures a traffic profile for the signatures of the
// policies on captures and writes it as TOML.
struct ProfileOptions {
  std::vector<std::string> policies;  // one or more .pol files
  std::optional<int> target;
  std::vector<std::string> include_dirs;
  std::vector<std::string> pcaps;    // captures (pcap or pcapng), in order
  std::vector<std::string> clients;  // client ranges (CIDR); default: the policies' clients
  std::string output;                // empty or "-": stdout
};

int run_compile(const CompileOptions& options, const Environment& env);
int run_profile(const ProfileOptions& options, const Environment& env);
int run_simulate(const SimulateOptions& options, const Environment& env);
int run_diff(const DiffOptions& options, const Environment& env);
int run_push(const PushOptions& options, const Environment& env);
// `push --all` (push.cpp): run_fleet() with a job that pushes to each router.
int run_push_all(const PushOptions& options, const Environment& env);
// `diff --all` (fleet.cpp): run_fleet() with a job that reads each router and plans.
int run_diff_all(const DiffOptions& options, const Environment& env);
int run_check(const CheckOptions& options, const Environment& env);

}  // namespace rosgen::cli
