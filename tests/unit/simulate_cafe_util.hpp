// Helpers for the simulator's acceptance tests of examples/cafe.pol: the café router on
// RouterOS's default firewall, scenario connections written as JSON (client and server
// payloads), every case form of a literal, and lookups of connections and rule counters.
#pragma once

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "simulate_util.hpp"
#include "test_util.hpp"

namespace rosgen::test::cafe {

using Json = nlohmann::json;

inline const std::string kConnectDrop = "rosgen:cafe:proxy-connect.forward.drop";
inline const std::string kSmtpDrop = "rosgen:cafe:smtp-bot.forward";
inline const std::string kQuarantineDrop = "rosgen:cafe:quarantine.forward";

inline cli::SimulatedRouter cafe_router(int major) {
  return test::policy_router(
      test::source_dir() + "/examples/cafe.pol",
      test::source_dir() + "/tests/import/defconf-v" + std::to_string(major) + ".rsc", major);
}

// Every upper/lower-case form of `literal`: 2^(number of letters), the literal first.
inline std::vector<std::string> case_forms(const std::string& literal) {
  std::vector<std::size_t> letters;
  for (std::size_t i = 0; i < literal.size(); ++i) {
    if (std::isalpha(static_cast<unsigned char>(literal[i])) != 0)
      letters.push_back(i);
  }
  std::vector<std::string> forms;
  for (std::size_t mask = 0; mask < (std::size_t{1} << letters.size()); ++mask) {
    std::string form = literal;
    for (std::size_t k = 0; k < letters.size(); ++k) {
      if (((mask >> k) & 1) == 0)
        continue;
      auto c = static_cast<unsigned char>(form[letters[k]]);
      form[letters[k]] =
          static_cast<char>(std::islower(c) != 0 ? std::toupper(c) : std::tolower(c));
    }
    forms.push_back(form);
  }
  return forms;
}

inline Json from_client(const std::string& text) {
  return {{"from", "client"}, {"text", text}};
}

inline Json from_server(const std::string& text) {
  return {{"from", "server"}, {"text", text}};
}

// One TCP connection of a scenario (handshake, payloads, FIN teardown).
inline Json tcp_connection(const std::string& name, const std::string& client,
                           const std::string& server, double start, Json payloads,
                           double gap = 0.01) {
  return {{"name", name},   {"client", client}, {"server", server},
          {"start", start}, {"gap", gap},       {"payloads", std::move(payloads)}};
}

inline std::string scenario(const Json& connections) {
  return Json{{"connections", connections}}.dump();
}

inline const simulate::ConnectionRecord& connection(const simulate::Simulator& sim,
                                                    const std::string& label) {
  for (const auto& record : sim.connections()) {
    if (record.label == label)
      return record;
  }
  throw std::runtime_error("no connection labelled '" + label + "'");
}

// The counters of the rule whose comment is `comment`, or `comment` and a version
// ("rosgen:cafe:x.v00" finds "rosgen:cafe:x.v00#3fa9c1" of a content-addressed chain).
inline const simulate::RuleStats& rule_stats(const simulate::Simulator& sim,
                                             const std::string& comment) {
  const auto& rules = sim.rules().rules;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].label == comment || rules[i].label.starts_with(comment + "#"))
      return sim.rule_stats()[i];
  }
  throw std::runtime_error("no rule '" + comment + "'");
}

// The connections of `sim` that were not dropped by rule `rule` at their `packet`th
// packet without ever being fast-tracked, one line each ("" when there are none).
inline std::string not_stopped_as(const simulate::Simulator& sim, const std::string& rule,
                                  std::uint64_t packet) {
  std::string out;
  for (const auto& c : sim.connections()) {
    if (c.fate && *c.fate == simulate::Fate::Dropped && c.stopped_by == rule &&
        c.stopped_at_packet == packet && !c.fasttracked)
      continue;
    out += c.label + ": " +
           (c.fate ? std::string(simulate::fate_name(*c.fate)) + " by " + c.stopped_by +
                         " at packet " + std::to_string(c.stopped_at_packet)
                   : std::string("passed")) +
           (c.fasttracked ? " (fast-tracked)" : "") + "\n";
  }
  return out;
}

}  // namespace rosgen::test::cafe
