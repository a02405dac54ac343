// CLI11 setup: the command table, help texts with examples, and exit-code mapping.
#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <ostream>

#include "cli/fleet_options.hpp"
#include "cli/ssh_options.hpp"
#include "simulate/rules.hpp"
#include "support/errors.hpp"
#include "support/utf8.hpp"

namespace rosgen::cli {

namespace {

constexpr const char* kDescription =
    "rosgen compiles a small policy language into MikroTik RouterOS firewall rules:\n"
    "per-host connection caps, SYN rates per port, and payload signatures (HTTP CONNECT,\n"
    "SMTP HELO / RCPT TO:) in every letter case, chained through mangle marks into\n"
    "filter verdicts and queue trees, ordered so the router spends the least CPU.";

constexpr const char* kFooter =
    "\nStart here:\n"
    "  rosgen check examples/cafe.pol              find mistakes, with file:line:col\n"
    "  rosgen compile examples/cafe.pol > cafe.rsc  write the RouterOS script\n"
    "  then on the router: /import file-name=cafe.rsc\n"
    "  rosgen simulate examples/cafe.pol --scenario examples/cafe-traffic.json\n"
    "                                               what the rules do to traffic\n"
    "  rosgen profile examples/cafe.pol --pcap day.pcap -o cafe.toml\n"
    "                                               measure your traffic for the optimiser\n"
    "\nThe language is described in grammar/LANGUAGE.md and in the README's tutorial.\n"
    "Exit codes (every command): 0 ok, 1 errors in the policy (or the export), 2 differences\n"
    "(diff, push --dry-run), 3 a file, standard output or a router cannot be read or\n"
    "written, 64 usage error, 130 push interrupted (Ctrl-C).";

constexpr const char* kCommands[] = {"compile", "check", "diff", "push", "simulate", "profile"};

// Flushes `stream` and throws IoError when it has failed, now or since errno was last
// cleared (callers clear it before their write, so that the reason is the write's).
void check_stream(std::ostream& stream, const char* name) {
  stream.flush();
  if (!stream) {
    int error = errno;
    throw support::IoError(std::string("cannot write to ") + name + ": " +
                           (error != 0 ? std::strerror(error) : "write error"));
  }
}

// The first argument that is not an option, when it is not a command: CLI11 would only
// say "A subcommand is required".
std::optional<std::string> unknown_command(int argc, const char* const* argv) {
  if (argc < 2 || argv[1][0] == '-')
    return std::nullopt;
  for (const char* command : kCommands) {
    if (std::string_view(argv[1]) == command)
      return std::nullopt;
  }
  return std::string(argv[1]);
}

// Flushes both streams at the end of a run: output that did not reach its destination
// turns any result into kEnvironment.
int finish(const Environment& env, int code) {
  try {
    // A stream that failed already keeps the errno of its failed write (the writers clear
    // errno before writing); only a flush still to come needs a clean errno.
    if (*env.out)
      errno = 0;
    check_stream(*env.out, "standard output");
  } catch (const support::IoError& e) {
    if (code != kEnvironment) {  // not reported yet
      *env.err << "rosgen: error: " << support::escape_controls(e.what()) << "\n";
    }
    code = kEnvironment;
  }
  env.err->flush();
  if (!*env.err)
    code = kEnvironment;
  return code;
}

// A validator refusing an empty value ("-o ''"), which would otherwise stand for the default.
CLI::Validator non_empty(const std::string& what) {
  return CLI::Validator(
      [what](const std::string& value) -> std::string {
        if (!value.empty())
          return {};
        return "the value is empty; give " + what;
      },
      "not empty");
}

// --target: 6 or 7, checked as text before conversion, so "99999999999999999999" gets
// this reason too instead of CLI11's bare conversion failure.
CLI::Validator target_validator() {
  return CLI::Validator(
      [](const std::string& value) -> std::string {
        if (value == "6" || value == "7")
          return {};
        return "must be 6 or 7 (the RouterOS major version), not '" + value + "'";
      },
      "6 or 7");
}

// --no-optimise: shared by every command that compiles a policy.
void add_no_optimise(CLI::App& sub, PipelineOptions& options) {
  sub.add_flag_callback(
      "--no-optimise", [&options] { options.optimise = false; },
      "compile without the optimiser: stages in the order written, every case form of a "
      "nocase literal tested on every packet (the same verdicts, more content tests)");
}

void add_target_option(CLI::App& sub, std::optional<int>& target, const std::string& help) {
  sub.add_option("--target", target, help)->check(target_validator());
}

// One directory per -I (repeat -I for more): CLI11 would otherwise let a vector option
// swallow the words after it, the policy too ("-I libd cafe.pol": "FILE is required").
void add_include_option(CLI::App& sub, std::vector<std::string>& dirs, const std::string& help) {
  sub.add_option("-I,--include-dir", dirs, help)
      ->allow_extra_args(false)
      ->check(non_empty("a directory"));
}

void add_profile_option(CLI::App& sub, std::string& path) {
  sub.add_option("--profile", path,
                 "a traffic profile made by 'rosgen profile' (TOML) for the optimiser; default: "
                 "the profile built into rosgen, measured on the project's sample captures")
      ->check(non_empty("a profile file"));
}

// --clients: one IPv4 prefix, range or address per option.
void add_clients_option(CLI::App& sub, std::vector<std::string>& clients, const std::string& help) {
  sub.add_option("--clients", clients, help)
      ->allow_extra_args(false)
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            auto range = simulate::parse_ipv4_range(value);
            if (!range)
              return "'" + value + "' is not an IPv4 prefix, range or address (192.168.88.0/24)";
            if (auto slash = value.find('/'); slash != std::string::npos) {
              auto address = simulate::parse_ipv4_range(value.substr(0, slash));
              if (address && address->first != range->first) {
                std::uint32_t a = range->first;
                return "'" + value + "' has host bits set: did you mean " +
                       std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." +
                       std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255) +
                       value.substr(slash) + "?";
              }
            }
            return {};
          },
          "CIDR"));
}

// Returns FILE (diff --all makes it optional).
CLI::Option* add_pipeline_options(CLI::App& sub, PipelineOptions& options) {
  // No CLI::ExistingFile check: CLI11 would make a missing file a usage error (exit 64);
  // it is an I/O error (exit 3, "rosgen: error: cannot open ..."), reported by the command.
  CLI::Option* file = sub.add_option("FILE", options.path, "the policy file (.pol)")->required();
  add_target_option(sub, options.target,
                    "RouterOS major version to compile for (6 or 7); overrides the policy's "
                    "'routeros' setting");
  add_include_option(sub, options.include_dirs,
                     "also look here for files named by 'include' (after the including file's "
                     "directory, before the library in policies/); one directory, repeatable");
  add_profile_option(sub, options.profile_path);
  add_no_optimise(sub, options);
  return file;
}

// -o '' would otherwise mean standard output: an empty name is a usage error.
CLI::Option* add_output_option(CLI::App& sub, std::string& output, const std::string& help) {
  return sub.add_option("-o,--output", output, help)
      ->check(non_empty("a file name ('-' for standard output)"));
}

int run_app(int argc, const char* const* argv, const Environment& env);

constexpr const char* kProfileFooter =
    "\nExamples:\n"
    "  rosgen profile examples/cafe.pol --pcap monday.pcap --pcap tuesday.pcapng \\\n"
    "      --clients 192.168.88.0/24 -o cafe-profile.toml\n"
    "  rosgen compile examples/cafe.pol --profile cafe-profile.toml > rules.rsc\n"
    "\nWhat a profile is: every content test costs the router CPU on every packet that\n"
    "reaches it, so rosgen orders and covers a signature's tests by how often they pass\n"
    "on real traffic: the rare piece first, so that most packets pay one test. A profile\n"
    "records, for each gate of the policies' signatures (protocol, server ports and the\n"
    "'within first' window), how many client packets reached it, and for every piece\n"
    "of every literal (each substring) how many of them contained it: in any letter case,\n"
    "exactly as written, and per case form seen (so the compiler can see that bots write\n"
    "'RCPT To:'). The TOML file says what each number means in its header.\n"
    "\nHow it counts, as RouterOS would: IPv4 TCP and UDP only (/ip firewall never sees\n"
    "IPv6). The client of a TCP connection is the side that sent its SYN; for UDP, and for\n"
    "TCP picked up without its SYN, the side in --clients (default: the policies'\n"
    "'clients'), else the side that sent first. A packet reaches a gate when it goes from\n"
    "the client to one of the gate's ports (a SYN or ACK too) while the connection's bytes (both\n"
    "directions, IP headers and this packet included, as connection-bytes counts them)\n"
    "are within the window. A piece is searched in the whole IP packet, as content= does.\n"
    "\nHow compile uses it: `rosgen compile|check|diff|simulate --profile FILE` reads it\n"
    "(errors with file:line:col, exit 1). Without --profile they use the profile built\n"
    "into rosgen, measured on the project's sample captures; a piece no profile has seen\n"
    "falls back to the per-byte model in grammar/LANGUAGE.md, and so does a gate the\n"
    "profile saw fewer than 30 packets at. The optimiser orders signature stages and\n"
    "chooses case-variant covers by it (`rosgen compile --explain` shows how); measure\n"
    "your own traffic when it differs from a small network's web and mail.\n"
    "\nThe same captures and policies always give the same bytes; the header names each\n"
    "capture with its SHA-256. Warnings about the policies are left to `rosgen check`.\n"
    "Exit codes: 0 profile written, 1 errors in a policy, 3 a file cannot be read or\n"
    "written (-o is never left half-written), 64 usage error.";

// `rosgen profile POLICY... --pcap FILE... [--clients CIDR...] [-o FILE]`.
CLI::App* add_profile_command(CLI::App& app, ProfileOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "profile", "Measure a traffic profile on captures, for ordering content tests");
  cmd->add_option("POLICY", options.policies,
                  "the policies (.pol) whose signatures are measured; one or more")
      ->required();
  cmd->add_option("--pcap", options.pcaps,
                  "a capture (pcap or pcapng; Ethernet, VLAN, Linux SLL/SLL2, raw IP, BSD "
                  "loopback); repeat for more")
      ->required()
      ->allow_extra_args(false)
      ->check(non_empty("a capture file"));
  add_clients_option(*cmd, options.clients,
                     "client prefixes (CIDR), for UDP and for TCP connections whose SYN is not "
                     "in a capture; repeatable (default: the policies' 'clients')");
  add_include_option(*cmd, options.include_dirs,
                     "also look here for files named by 'include'; one directory, repeatable");
  add_target_option(*cmd, options.target, "RouterOS major version to check the policies for");
  add_output_option(*cmd, options.output,
                    "write the profile to this file instead of stdout (temporary file and "
                    "rename, as compile -o)");
  cmd->footer(kProfileFooter);
  return cmd;
}

}  // namespace

void write_out(const Environment& env, std::string_view text) {
  errno = 0;
  env.out->write(text.data(), static_cast<std::streamsize>(text.size()));
  check_stream(*env.out, "standard output");
}

void write_err(const Environment& env, std::string_view text) {
  errno = 0;
  env.err->write(text.data(), static_cast<std::streamsize>(text.size()));
  check_stream(*env.err, "standard error");
}

int run(int argc, const char* const* argv, const Environment& env) {
  return finish(env, run_app(argc, argv, env));
}

namespace {

int run_app(int argc, const char* const* argv, const Environment& env) {
  CLI::App app(kDescription, "rosgen");
  app.set_version_flag("--version", std::string("rosgen ") + ROSGEN_VERSION);
  app.footer(kFooter);
  app.require_subcommand(1);

  CompileOptions compile;
  CLI::App* compile_cmd =
      app.add_subcommand("compile", "Compile a policy to a RouterOS script (stdout unless -o)");
  add_pipeline_options(*compile_cmd, compile.pipeline);
  CLI::Option* explain_flag = compile_cmd->add_flag(
      "--explain", compile.pipeline.explain,
      "print what the optimiser did and the expected content tests per packet, emitted and "
      "--no-optimise, instead of the script (the script still goes to -o FILE)");
  compile_cmd
      ->add_option("--against", compile.pipeline.against,
                   "with --explain: also cost another RouterOS script (a recipe, your own "
                   "rules) at each signature's gate, in the same unit, with layer7 "
                   "evaluations and the case forms its content= strings catch")
      ->check(non_empty("a script"))
      ->needs(explain_flag);
  add_output_option(*compile_cmd, compile.output,
                    "write the script to this file instead of stdout; a file is written to a "
                    "temporary file and renamed (never left half-written, its mode kept, a "
                    "symlink followed), a device or FIFO directly; an input is refused");
  compile_cmd->footer(
      "\nExamples:\n"
      "  rosgen compile examples/cafe.pol > rules.rsc\n"
      "  rosgen compile examples/cafe.pol -o rules.rsc --target 6\n"
      "  rosgen compile examples/cafe.pol --explain --against "
      "../shared/data/recipes/forum-recipe.rsc -o rules.rsc\n"
      "\n--explain prints, per signature and in total, the expected content tests per packet\n"
      "that reaches the signature's gate (its protocol, ports and window, from the clients),\n"
      "for the rules written and for --no-optimise, by the profile (--profile) or the\n"
      "per-byte model. --against FILE adds the same figure for another script, e.g. the\n"
      "forum recipe that tests content=CONNECT, then content=HTTP/1. on marked connections:\n"
      "its mangle and filter rules are walked for a packet at each gate (jump and return\n"
      "followed), a rule whose protocol or ports exclude the gate costs nothing, content=\n"
      "costs one test per packet that reaches it, marks hold as often as the rules setting\n"
      "them matched; what cannot be decided (address lists, connection-state, ...) is taken\n"
      "as matching, never as stopping a packet (an upper bound) and listed. It also counts\n"
      "the case forms of each nocase literal the script's content= strings catch (the\n"
      "recipe: 1 of the 128 forms of \"CONNECT \"). Errors in FILE are reported with\n"
      "file:line:col (exit 1); --against needs --explain.\n"
      "\nOn the router: /import file-name=rules.rsc. The script first stops if an interface\n"
      "or interface list it names is missing, then removes every item this policy owns\n"
      "(so importing again, or a newer version, ends with exactly the new items: no\n"
      "duplicates), adds rosgen's own chains, address lists and queues, and adds the\n"
      "anchor jumps from the built-in chains last, before the first rule that is not\n"
      "dynamic (FastTrack's counter rule stays on top). Every item carries\n"
      "comment=\"rosgen:<policy>:<id>\". The same input always gives the same bytes.\n"
      "\nWhen to use `rosgen diff --script` instead: on a router already running this\n"
      "policy. A full import leaves the router unprotected from the first remove to the\n"
      "last anchor (the header says how many commands); the diff patch changes only what\n"
      "differs, adds before it removes, and never leaves the policy absent.\n"
      "Nothing is written when the policy has errors (exit code 1). Exit codes: 0 ok, 1\n"
      "errors in the policy, 3 a file or standard output cannot be read or written (the\n"
      "output is then incomplete; -o files are never left half-written), 64 usage error.");

  CheckOptions check;
  CLI::App* check_cmd =
      app.add_subcommand("check", "Check a policy and report every problem, compiling nothing");
  add_pipeline_options(*check_cmd, check.pipeline);
  check_cmd->footer(
      "\nExample:\n"
      "  rosgen check examples/cafe.pol\n"
      "\nDiagnostics look like a compiler's:\n"
      "  cafe.pol:12:25: error: port 70000 is out of range (1-65535)\n"
      "Warnings (e.g. a connection cap without a new-connection gate) do not fail the check.\n"
      "Exit codes: 0 ok, 1 errors in the policy, 3 a file cannot be read, 64 usage error.");

  DiffOptions diff;
  CLI::App* diff_cmd = app.add_subcommand(
      "diff",
      "Show what would change on a router: from an export of it (offline), or read from the "
      "router over SSH (--host; it changes nothing)");
  CLI::Option* diff_file = add_pipeline_options(*diff_cmd, diff.pipeline);
  diff_file->required(false);  // not with --all: checked after parsing
  auto* against_option = diff_cmd->add_option(
      "--against", diff.against, "an export of the router (/export or /export terse, v6 or v7)");
  auto* host_option = add_ssh_options(*diff_cmd, diff.ssh);
  against_option->excludes(host_option);
  auto* json_flag = diff_cmd->add_flag(
      "--json", diff.json,
      "print the plan as JSON (schema rosgen-diff/1; with --all rosgen-fleet/1; see README)");
  auto* script_flag =
      diff_cmd
          ->add_flag("--script", diff.script,
                     "print the patch as a RouterOS script to /import on the router")
          ->excludes(json_flag);
  auto* diff_output =
      add_output_option(*diff_cmd, diff.output, "write to this file instead of stdout");
  auto* all_flag = add_fleet_options(*diff_cmd, diff.fleet);
  for (CLI::Option* one_router :
       {against_option, host_option, script_flag, diff_output, diff_cmd->get_option("--target")})
    all_flag->excludes(one_router);
  diff_cmd->footer(
      std::string(
          "\nExamples:\n"
          "  rosgen diff examples/cafe.pol --against router-export.rsc\n"
          "  rosgen diff examples/cafe.pol --against router-export.rsc --script -o patch.rsc\n"
          "  rosgen diff examples/cafe.pol --host 192.168.88.1 -l rosgen -i "
          "~/.ssh/rosgen_ed25519\n"
          "  rosgen diff examples/cafe.pol --host 192.168.88.1 -l rosgen --json   # in CI\n"
          "  rosgen diff --all --parallel 8                # every router in rosgen.toml\n"
          "  rosgen diff --all --shard 2/4 --json          # CI job 2 of 4\n"
          "\nFILE with exactly one of --against EXPORT and --host H, or --all (without FILE).\n"
          "With --host, rosgen reads every menu it models with one command over SSH (export\n"
          "terse per menu) and changes nothing; the plan, its renderings and the exit codes\n"
          "are those of --against.\n"
          "Only items this policy owns (comment=\"rosgen:<policy>:...\"; queue types by name) "
          "are\n"
          "compared; everything else is counted and never touched. Values are compared in\n"
          "canonical form (25M = 25000000, 1d = 24h, defaults = absent). The patch adds before\n"
          "it removes and addresses items by [find where comment=...], never by number.\n") +
      kSshHelp + kFleetHelp +
      "\nExit codes: 0 in sync, 2 differences (with --host also: a push of this policy is\n"
      "pending on the router), 1 errors in the policy or the export, 3 a file or standard output "
      "cannot\n"
      "be read or written, or the router cannot be read (no connection, host key refused,\n"
      "login failed, the link dropped, a command refused), 64 usage error. With --all: 0\n"
      "every router in sync, 2 some differ and none failed, 1 a router failed or was\n"
      "unreachable (the exit is about the fleet: its line says which and why), or a canary\n"
      "stopped the run, or the inventory has errors; 3 the inventory cannot be read.");

  PushOptions push;
  CLI::App* push_cmd = app.add_subcommand(
      "push",
      "Apply the policy to a router over SSH: a patch with a rollback armed on the router, "
      "verified over a new connection");
  CLI::Option* push_file = add_pipeline_options(*push_cmd, push.pipeline);
  push_file->required(false);  // not with --all: checked after parsing
  CLI::Option* push_host = add_ssh_options(*push_cmd, push.ssh);
  push_cmd->add_flag("--dry-run", push.dry_run,
                     "read the router and print the plan; change nothing");
  push_cmd->add_flag("--force", push.force,
                     "go on although another push is pending on the router (a pending push "
                     "of this policy is removed: this push replaces and confirms its rules; "
                     "another policy's is left alone). Refused while that push's apply still "
                     "runs on the router");
  push_cmd
      ->add_option("--confirm-timeout", push.confirm_timeout,
                   "seconds after the apply's end until the router restores the old rules "
                   "unless rosgen confirmed (default 120)")
      ->check(CLI::Range(10, 86400));
  push_cmd
      ->add_option("--apply-timeout", push.apply_timeout,
                   "seconds the apply may run before the rollback fires anyway (default 900)")
      ->check(CLI::Range(30, 86400));
  push_cmd->add_flag(
      "--json", push.json,
      "print the result as JSON (schema rosgen-push/1; with --all rosgen-fleet/1; see README)");
  auto* push_all = add_fleet_options(*push_cmd, push.fleet);
  for (CLI::Option* one_router : {push_host, push_cmd->get_option("--target")})
    push_all->excludes(one_router);
  push_cmd->footer(std::string(kPushHelp) + kSshHelp + kFleetHelp);

  SimulateOptions simulate;
  CLI::App* simulate_cmd = app.add_subcommand(
      "simulate", "Run the rules on captured or described traffic as RouterOS would");
  simulate_cmd
      ->add_option("FILE", simulate.pipeline.path,
                   "the policy (.pol), or a RouterOS script or export (.rsc)")
      ->required();
  add_include_option(*simulate_cmd, simulate.pipeline.include_dirs,
                     "also look here for files named by 'include'; one directory, repeatable");
  add_target_option(*simulate_cmd, simulate.pipeline.target,
                    "RouterOS major version to compile the policy for (6 or 7)");
  add_profile_option(*simulate_cmd, simulate.pipeline.profile_path);
  add_no_optimise(*simulate_cmd, simulate.pipeline);
  auto* pcap_option = simulate_cmd->add_option(
      "--pcap", simulate.pcap,
      "a capture (pcap or pcapng; Ethernet, VLAN, Linux SLL/SLL2, raw IP)");
  pcap_option->check(non_empty("a capture file"));
  auto* scenario_option = simulate_cmd->add_option(
      "--scenario", simulate.scenario, "traffic described in JSON (format in the README)");
  scenario_option->check(non_empty("a scenario file"));
  pcap_option->excludes(scenario_option);
  simulate_cmd
      ->add_option("--with", simulate.with,
                   "an export of the router (e.g. its default configuration): its rules run "
                   "in front, and the policy is imported on top as /import would")
      ->check(non_empty("an export file"));
  add_clients_option(*simulate_cmd, simulate.clients,
                     "client prefixes (CIDR): a packet from one comes in on the LAN "
                     "interface, and a policy is compiled with them as its 'clients' "
                     "(default: the policy's 'clients')");
  simulate_cmd
      ->add_option("--router-address", simulate.router_addresses,
                   "another address of the router itself, e.g. its uplink address "
                   "(repeatable): packets to it take the input path, from it the output "
                   "path; the first host of the first client prefix (192.168.88.1 for "
                   "192.168.88.0/24) always is one")
      ->allow_extra_args(false)
      ->check(non_empty("an IPv4 address"));
  simulate_cmd->add_option("--lan-iface", simulate.lan_interface,
                           "the clients' interface (default: the policy's, else bridge)");
  simulate_cmd->add_option("--wan-iface", simulate.wan_interface,
                           "the uplink (default: the policy's, else ether1)");
  simulate_cmd->add_flag("--json", simulate.json,
                         "print the report as JSON (schema rosgen-simulate/1, see README)");
  add_output_option(*simulate_cmd, simulate.output, "write to this file instead of stdout");
  simulate_cmd->footer(
      "\nExamples:\n"
      "  rosgen simulate examples/cafe.pol --scenario examples/cafe-traffic.json\n"
      "  rosgen simulate examples/cafe.pol --scenario examples/cafe-traffic.json \\\n"
      "      --with tests/import/defconf-v7.rsc     # behind RouterOS's default firewall\n"
      "  rosgen simulate examples/cafe.pol --pcap day.pcap --clients 10.1.0.0/16\n"
      "\nThe report lists every stopped connection with the rule that stopped it, the rules\n"
      "that matched, the queues, and the cost per packet (rules visited, content tests,\n"
      "bytes scanned). What the simulator cannot model is named in the report, never\n"
      "guessed. Exit codes: 0 report written, 1 errors in the policy, the rules or the\n"
      "scenario, 3 a file cannot be read or written, 64 usage error.");

  ProfileOptions profile;
  CLI::App* profile_cmd = add_profile_command(app, profile);

  if (auto command = unknown_command(argc, argv)) {
    *env.err << "rosgen: error: unknown command '" << support::escape_controls(*command)
             << "'; commands: compile, check, diff, push, simulate, profile\n";
    return kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    errno = 0;  // so that a failed write of --help or --version reports its own reason
    // Usage errors read like every other error, and say where help is: the command's own
    // ("rosgen push --help") when one was given, as the checks below say it.
    std::vector<CLI::App*> given = app.get_subcommands();
    std::string help = given.empty() ? "rosgen" : "rosgen " + given.front()->get_name();
    app.failure_message([&help](const CLI::App*, const CLI::Error& error) {
      return "rosgen: error: " + support::escape_controls(error.what()) + "\nRun '" + help +
             " --help' for more information.\n";
    });
    int code = app.exit(e, *env.out, *env.err);
    return code == 0 ? kOk : kUsage;
  }
  try {
    if (compile_cmd->parsed())
      return run_compile(compile, env);
    if (check_cmd->parsed())
      return run_check(check, env);
    if (diff_cmd->parsed()) {
      if (diff.fleet.all && !diff.pipeline.path.empty()) {
        *env.err << "rosgen: error: diff --all takes each router's policy from the inventory; "
                    "give no FILE (or drop --all to diff FILE against one router)\n"
                 << "Run 'rosgen diff --help' for more information.\n";
        return kUsage;
      }
      if (diff.fleet.all)
        return run_diff_all(diff, env);
      if (diff.pipeline.path.empty()) {
        *env.err << "rosgen: error: FILE is required: the policy to compare (or --all for "
                    "every router of rosgen.toml)\n"
                 << "Run 'rosgen diff --help' for more information.\n";
        return kUsage;
      }
      if (diff.against.empty() == diff.ssh.host.empty()) {
        *env.err << "rosgen: error: diff needs the router's configuration: --against EXPORT "
                    "(a file) or --host H (over SSH)\n"
                 << "Run 'rosgen diff --help' for more information.\n";
        return kUsage;
      }
      return run_diff(diff, env);
    }
    if (profile_cmd->parsed())
      return run_profile(profile, env);
    if (push_cmd->parsed()) {
      if (push.fleet.all && !push.pipeline.path.empty()) {
        *env.err << "rosgen: error: push --all takes each router's policy from the inventory; "
                    "give no FILE (or drop --all to push FILE to one router)\n"
                 << "Run 'rosgen push --help' for more information.\n";
        return kUsage;
      }
      if (push.fleet.all)
        return run_push_all(push, env);
      if (push.pipeline.path.empty() || push.ssh.host.empty()) {
        *env.err << "rosgen: error: push needs FILE and --host H (or --all for every router "
                    "of rosgen.toml)\n"
                 << "Run 'rosgen push --help' for more information.\n";
        return kUsage;
      }
      return run_push(push, env);
    }
    if (simulate_cmd->parsed()) {
      bool script =
          simulate.pipeline.path.size() >= 4 &&
          simulate.pipeline.path.compare(simulate.pipeline.path.size() - 4, 4, ".rsc") == 0;
      if (script && simulate.clients.empty()) {
        *env.err << "rosgen: error: simulate of a script (.rsc) needs --clients CIDR: a "
                    "script names no client hosts\n"
                 << "Run 'rosgen simulate --help' for more information.\n";
        return kUsage;
      }
      if (simulate.pcap.empty() && simulate.scenario.empty()) {
        *env.err << "rosgen: error: simulate needs traffic: --pcap FILE or --scenario FILE.json\n"
                 << "Run 'rosgen simulate --help' for more information.\n";
        return kUsage;
      }
      return run_simulate(simulate, env);
    }
  } catch (const support::Error& e) {
    // File names in the message are shown with their control characters escaped.
    *env.err << "rosgen: error: " << support::escape_controls(e.what()) << "\n";
    return kEnvironment;
  }
  return kUsage;
}

}  // namespace

}  // namespace rosgen::cli
