// The SSH options of the commands that reach a router (`diff --host`, later `push`), named
// as OpenSSH names them where it has a name: --host, -p/--port, -l/--user, -i/--identity
// (repeatable), --known-hosts, --accept-new-host-key, --connect-timeout, --timeout; and
// the help text that goes with them (keys, known hosts, secrets from the environment).
// Entry points: add_ssh_options(), kSshHelp.
#pragma once

#include <CLI/CLI.hpp>

#include "transport/session.hpp"

namespace rosgen::cli {

// Adds the options to `sub`, writing into `ssh`; returns --host (the others need it).
CLI::Option* add_ssh_options(CLI::App& sub, transport::Options& ssh);

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

}  // namespace rosgen::cli
