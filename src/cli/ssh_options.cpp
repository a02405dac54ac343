// The SSH options shared by the commands that reach a router (ssh_options.hpp).
#include "cli/ssh_options.hpp"

#include <string>
#include <vector>

namespace rosgen::cli {

namespace {

CLI::Validator seconds_validator() {
  return CLI::Validator(
      [](const std::string& value) -> std::string {
        bool digits = !value.empty() && value.size() <= 5 &&
                      value.find_first_not_of("0123456789") == std::string::npos;
        if (digits && std::stoi(value) >= 1 && std::stoi(value) <= 86400)
          return {};
        return "must be a number of seconds from 1 to 86400, not '" + value + "'";
      },
      "1-86400");
}

}  // namespace

CLI::Option* add_ssh_options(CLI::App& sub, transport::Options& ssh) {
  CLI::Option* host =
      sub.add_option("--host", ssh.host,
                     "the router to reach over SSH: a name, an IPv4 or an IPv6 address")
          ->check(CLI::Validator(
              [](const std::string& value) -> std::string {
                return value.empty() ? "the value is empty; give the router's address" : "";
              },
              "not empty"))
          ->type_name("HOST");
  sub.add_option("-p,--port", ssh.port, "SSH port (default 22)")
      ->check(CLI::Range(1, 65535))
      ->type_name("PORT")
      ->needs(host);
  sub.add_option("-l,--user", ssh.user, "user to log in as (default: your local user name)")
      ->type_name("USER")
      ->needs(host);
  sub.add_option_function<std::string>(
         "-i,--identity",
         [&ssh](const std::string& file) {
           if (!ssh.identity_files)
             ssh.identity_files.emplace();
           ssh.identity_files->emplace_back(file);
         },
         "a private key file (repeatable); an ed25519 key is recommended")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)
      ->type_name("FILE")
      ->needs(host);
  sub.add_option_function<std::string>(
         "--known-hosts", [&ssh](const std::string& file) { ssh.known_hosts = file; },
         "the OpenSSH known_hosts file to check the router's key against (default "
         "~/.ssh/known_hosts)")
      ->type_name("FILE")
      ->needs(host);
  sub.add_flag("--accept-new-host-key", ssh.accept_new_host_key,
               "accept a router whose key is not yet known and append it to known_hosts "
               "(never a changed key)")
      ->needs(host);
  sub.add_option_function<std::string>(
         "--connect-timeout",
         [&ssh](const std::string& value) {
           ssh.connect_timeout = std::chrono::seconds(std::stoi(value));
         },
         "seconds for name lookup and TCP connect (default 10)")
      ->check(seconds_validator())
      ->type_name("SECONDS")
      ->needs(host);
  sub.add_option_function<std::string>(
         "--timeout",
         [&ssh](const std::string& value) {
           ssh.step_timeout = std::chrono::seconds(std::stoi(value));
         },
         "seconds any SSH step may take, and the longest silence while the router answers "
         "(default 30)")
      ->check(seconds_validator())
      ->type_name("SECONDS")
      ->needs(host);
  return host;
}

}  // namespace rosgen::cli
