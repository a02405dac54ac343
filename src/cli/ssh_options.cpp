// The SSH options shared by the commands that reach a router (ssh_options.hpp).
#include "cli/ssh_options.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "fleet/run.hpp"

namespace rosgen::cli {

namespace {

// `word` as one word for a POSIX shell: unchanged when it holds only characters no shell
// treats specially, else in single quotes.
std::string shell_word(std::string_view word) {
  constexpr std::string_view kPlain =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+=,-";
  if (!word.empty() && word.find_first_not_of(kPlain) == std::string_view::npos)
    return std::string(word);
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

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

std::string command_line(std::string_view command, const PipelineOptions& pipeline,
                         const transport::Options& ssh) {
  std::string out = "rosgen " + std::string(command) + " " + shell_word(pipeline.path);
  auto add = [&out](std::string_view option, std::string_view value) {
    out += " " + std::string(option) + " " + shell_word(value);
  };
  for (const std::string& dir : pipeline.include_dirs) add("-I", dir);
  if (pipeline.target)
    add("--target", std::to_string(*pipeline.target));
  if (!pipeline.profile_path.empty())
    add("--profile", pipeline.profile_path);
  if (!pipeline.optimise)
    out += " --no-optimise";
  add("--host", ssh.host);
  if (ssh.port != 22)
    add("-p", std::to_string(ssh.port));
  if (!ssh.user.empty())
    add("-l", ssh.user);
  if (ssh.identity_files) {
    for (const std::filesystem::path& key : *ssh.identity_files) add("-i", key.string());
  }
  if (!ssh.known_hosts.empty())
    add("--known-hosts", ssh.known_hosts.string());
  return out;
}

std::string diff_command(const PipelineOptions& pipeline, const transport::Options& ssh) {
  return command_line("diff", pipeline, ssh);
}

transport::Options with_notices(const transport::Options& ssh, const Environment& env) {
  transport::Options out = ssh;
  out.notice = [&env](const std::string& line) { write_err(env, "rosgen: " + line + "\n"); };
  return out;
}

std::string unreached_json(std::string_view schema, const transport::Options& ssh,
                           const std::string& policy, const std::exception& error) {
  nlohmann::ordered_json doc;
  doc["schema"] = schema;
  doc["router"] = transport::endpoint_of(ssh);
  doc["policy"] = policy;
  doc["status"] = fleet::status_key(fleet::result_of(error).status);
  doc["message"] = error.what();
  doc["changed"] = false;
  // The message may quote bytes from the network that are not UTF-8: replace them.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace rosgen::cli
