// The SSH options of the commands that reach a router (`diff --host`, later `push`), named
// as OpenSSH names them where it has a name: --host, -p/--port, -l/--user, -i/--identity
// (repeatable), --known-hosts, --accept-new-host-key, --connect-timeout, --timeout; and
// the help text that goes with them (keys, known hosts, secrets from the environment).
// Also what those commands share around a router: the `rosgen diff` (or push) command line
// that reaches it, the notices the transport gives, and the --json document of a router
// that could not be reached or read. Entry points: add_ssh_options(), kSshHelp, command_line(),
// diff_command(), with_notices(), unreached_json().
#pragma once

#include <CLI/CLI.hpp>
#include <exception>
#include <string>
#include <string_view>

#include "transport/session.hpp"

namespace rosgen::cli {

struct Environment;
struct PipelineOptions;

// Adds the options to `sub`, writing into `ssh`; returns --host (the others need it).
CLI::Option* add_ssh_options(CLI::App& sub, transport::Options& ssh);

// The `rosgen <command>` command line ("diff", "push") that runs `pipeline`'s policy
// against the router `ssh` reaches: "rosgen diff cafe.pol --host 10.0.0.1 -p 2222 -l rosgen
// -i key --known-hosts file", with -I, --target, --profile and --no-optimise when set, -p
// when not 22; words quoted for a POSIX shell where needed.
std::string command_line(std::string_view command, const PipelineOptions& pipeline,
                         const transport::Options& ssh);

// command_line("diff", ...): the command that plans against the router.
std::string diff_command(const PipelineOptions& pipeline, const transport::Options& ssh);

// `ssh` with its notices (a host key recorded in known_hosts) written to env.err as
// "rosgen: <notice>" lines.
transport::Options with_notices(const transport::Options& ssh, const Environment& env);

// The --json document of a command on one router (`schema`: "rosgen-push/1",
// "rosgen-diff/1") when the router could not be reached or read (exit 3): {"schema",
// "router": "host:port", "policy", "status": "unreachable" (the name did not resolve, or
// nothing answered) or "failed", "message": the error, "changed": false}. Also for a
// policy with errors (exit 1): then `policy` is the file given and the status "failed".
std::string unreached_json(std::string_view schema, const transport::Options& ssh,
                           const std::string& policy, const std::exception& error);

// For a command's footer: how rosgen logs in and checks the router's key.
inline constexpr const char* kSshHelp =
    "\nConnecting (as OpenSSH does): the router's host key must be in ~/.ssh/known_hosts\n"
    "(or --known-hosts FILE); an unknown key is refused with its SHA256 fingerprint: compare\n"
    "it with the router's, then run once with --accept-new-host-key (one line is appended).\n"
    "A changed key is always refused. Login: ssh-agent, then -i FILE (default\n"
    "~/.ssh/id_ed25519, id_ecdsa, id_rsa), then a password. Use an ed25519 key (RouterOS\n"
    "7.7+: /user ssh-keys import); RSA keys work only where the router accepts ssh-rsa\n"
    "(SHA-1). A key's passphrase comes from ROSGEN_SSH_PASSPHRASE, a password from\n"
    "ROSGEN_SSH_PASSWORD, else from a prompt on the terminal: never from the command line.\n";

// For `rosgen push --help`: what a push does, step by step, and its exit codes.
inline constexpr const char* kPushHelp =
    "\nExamples:\n"
    "  rosgen push examples/cafe.pol --host 192.168.88.1 --dry-run     # the plan only\n"
    "  rosgen push examples/cafe.pol --host 192.168.88.1 -l rosgen -i ~/.ssh/rosgen_ed25519\n"
    "  rosgen push examples/cafe.pol --host 192.168.88.1 --json        # in CI\n"
    "\nWhat a push does: reads the router (one command), plans like `rosgen diff --host`\n"
    "(nothing to change: nothing is sent), uploads the patch and a rollback script over SFTP,\n"
    "checks the patch with /import dry-run (RouterOS 7.16+), arms the rollback as a\n"
    "/system scheduler entry 'rosgen-push-<policy>', runs the patch on the router as a\n"
    "background job (a dropped SSH link cannot stop it half-way), waits for it, logs in\n"
    "AGAIN and checks that the router now matches the policy, then removes the entry and\n"
    "the files. A changed chain is built beside the old one under a new name and swapped\n"
    "in by its one jump, so no moment is less protective than the old or the new rules.\n"
    "If the patch fails on the router, the job restores the old rules at once; if rosgen\n"
    "cannot log in again (you locked yourself out), the entry restores them\n"
    "--confirm-timeout seconds after the apply ended. The rollback restores only the\n"
    "items this policy owns, never a backup, never a reboot. Only one push per router at a\n"
    "time: a pending one is refused unless --force (which removes a pending push of this\n"
    "policy only). If RouterOS refuses the rollback too, rosgen reads the router back and\n"
    "says whether it holds the old rules or a mix ('mixed'). Ctrl-C acts at once, also\n"
    "while rosgen waits for the router: before the rollback is armed it removes the\n"
    "uploads (nothing changed); after, rosgen says what the armed entry will do and exits\n"
    "130 (a second Ctrl-C ends it at once).\n"
    "\nExit codes: 0 applied (or already in sync; --dry-run: in sync), 2 --dry-run found\n"
    "changes (or a push of this policy is pending), 1 errors in the policy, or the push was\n"
    "refused, rolled back, left mixed or failed (the message says what the router will\n"
    "do), 3 the router cannot be reached, logged in to or read (nothing was changed), 130\n"
    "interrupted (Ctrl-C), 64 usage error. With --all: 0 every router applied or in sync,\n"
    "2 --dry-run found changes on some (or a push of its policy pending) and none failed,\n"
    "1 a router was refused, rolled back, mixed, failed or unreachable (the exit is about\n"
    "the fleet: its line says which and why), or a canary stopped the run, or the\n"
    "inventory has errors; 3 the inventory cannot be read; 130 interrupted (the routers\n"
    "not started are skipped).\n";

}  // namespace rosgen::cli
