// The command lines of the push protocol (commands.hpp).
#include "push/commands.hpp"

#include "emit/quote.hpp"
#include "ir/ir.hpp"

namespace rosgen::push {

namespace {

using emit::quote_value;

constexpr const char* kPolicy = "ftp,read,write,policy,test,sensitive";

// Files left by pushes: transport::Session::upload() names them rosgen-<8 hex>-<name>,
// and every push names its files "push-<policy>-...".
constexpr const char* kFilePattern = "rosgen-[0-9a-f]+-push-";

std::string find_entry(const Names& names) {
  return "[/system scheduler find where name=" + quote_value(names.entry()) + "]";
}

// The entry's comment for `state`, quoted (reference §4). From RouterOS 7.13 (error_text)
// with ": <vars>" after it, e.g. "$e": RouterOS replaces the variables when the script runs.
std::string comment_value(const Names& names, const char* state, const std::string& vars = "") {
  if (vars.empty() || !names.error_text)
    return quote_value(names.comment(state), true);
  std::string quoted = quote_value(names.comment(state) + ": ", true);
  quoted.insert(quoted.size() - 1, vars);
  return quoted;
}

std::string set_state(const Names& names, const char* state, const std::string& vars = "") {
  return "/system scheduler set " + find_entry(names) +
         " comment=" + comment_value(names, state, vars);
}

// `body`; on an error `failed`, with the error's text in $<var> from RouterOS 7.13.
std::string catching(const Names& names, const std::string& var, const std::string& body,
                     const std::string& failed) {
  if (names.error_text)
    return ":onerror " + var + " in={ " + body + " } do={ " + failed + " }";
  return ":do { " + body + " } on-error={ " + failed + " }";
}

std::string seconds(std::chrono::seconds s) {
  return ir::routeros_duration(static_cast<std::uint32_t>(s.count()));
}

std::string import(const std::string& file) {
  return "/import file-name=" + quote_value(file);
}

// What the entry runs when it fires: disable itself first (it fires once), say so, import
// the rollback, say how it ended.
std::string fire_script(const Names& names) {
  return "/system scheduler disable " + find_entry(names) + "; " +
         set_state(names, kRollbackFired) + "; " +
         catching(names, "r", import(names.rollback) + "; " + set_state(names, kRolledBack),
                  set_state(names, kRollbackFailed, "$r"));
}

std::string add_entry(const Names& names, std::chrono::seconds interval, const char* state,
                      const std::string& vars = "") {
  return "/system scheduler add name=" + quote_value(names.entry()) +
         " interval=" + seconds(interval) + " policy=" + kPolicy +
         " comment=" + comment_value(names, state, vars) +
         " on-event=" + quote_value(fire_script(names), true);
}

// The entry again, with the confirm timeout counted from now (the apply's end).
std::string rearm(const Names& names, std::chrono::seconds confirm_timeout, const char* state,
                  const std::string& vars = "") {
  return "/system scheduler remove " + find_entry(names) + "; " +
         add_entry(names, confirm_timeout, state, vars);
}

}  // namespace

std::string Names::comment(const std::string& state) const {
  return "rosgen-push " + policy + " " + run + ": " + state;
}

State state_of(const Names& names, const std::string& comment) {
  std::string prefix = "rosgen-push " + names.policy + " " + names.run + ": ";
  if (!comment.starts_with(prefix))
    return {};
  std::string rest = comment.substr(prefix.size());
  std::size_t colon = rest.find(": ");
  if (colon == std::string::npos)
    return {rest, ""};
  return {rest.substr(0, colon), rest.substr(colon + 2)};
}

std::string state_query_command(const std::string& policy) {
  Names names;
  names.policy = policy;
  return std::string(":put ") + quote_value(kStateMarker, true) +
         "; :put [:len [/system scheduler find where name~\"^rosgen-push-\" disabled=no]]"
         "; :put [:len [/system scheduler find where name~\"^rosgen-push-\"]]"
         "; :put [:len [/file find where name~\"" +
         kFilePattern + "\"]]; :put [:len [/system scheduler find where name=" +
         quote_value(names.entry()) + " disabled=no]]; :put [:len [/system scheduler find " +
         "where name=" + quote_value(names.entry()) + " disabled=no comment~" +
         quote_value("^rosgen-push " + policy + " [0-9a-f]+: (" + kApplying + "|" + kFailed +
                         ")(: |$)",
                     true) +
         "]]";
}

std::string cleanup_command(const std::string& policy, bool all) {
  Names names;
  names.policy = policy;
  // The policy is [a-z0-9-]: nothing in it is special in a regex or a quoted string.
  return "/system scheduler remove [find where name=" + quote_value(names.entry()) +
         (all ? "" : " disabled=yes") + "]; /file remove [find where name~\"" + kFilePattern +
         policy + "-(patch|rollback)\\\\.rsc\\$\"]";
}

std::string arm_and_apply_command(const Names& names, std::chrono::seconds apply_limit,
                                  std::chrono::seconds confirm_timeout) {
  std::string rollback = catching(
      names, "r", import(names.rollback) + "; " + set_state(names, kFailedRolledBack, "$e"),
      set_state(names, kFailedRollbackFailed, "$r; apply: $e"));
  std::string job = catching(names, "e",
                             import(names.patch) + "; " + rearm(names, confirm_timeout, kApplied),
                             rearm(names, confirm_timeout, kFailed, "$e") + "; " + rollback);
  return add_entry(names, apply_limit, kApplying) +
         "; :execute script=" + quote_value(job, true);
}

std::string state_command(const Names& names) {
  return ":put [:len " + find_entry(names) + "]; :put [/system scheduler get " +
         find_entry(names) + " comment]";
}

std::string rollback_now_command(const Names& names) {
  return fire_script(names);
}

std::string disarm_command(const Names& names) {
  std::string name = quote_value(names.entry());
  return ":put [:len [/system scheduler find where name=" + name + "]]" +
         "; :put [:len [/system scheduler find where name=" + name + " disabled=no]]" +
         "; /system scheduler remove [/system scheduler find where name=" + name +
         " disabled=no]; /file remove [find where name=" + quote_value(names.patch) + "]";
}

std::string remove_files_command(const Names& names) {
  return "/system scheduler remove " + find_entry(names) +
         "; /file remove [find where name=" + quote_value(names.rollback) + "]";
}

std::string remove_entry_command(const Names& names) {
  return "/system scheduler remove " + find_entry(names);
}

std::string dry_run_command(const Names& names) {
  return "/import file-name=" + quote_value(names.patch) + " verbose=yes dry-run";
}

}  // namespace rosgen::push
