// Traffic for the no-half-policy test (push_half_policy_test.cpp): labelled attacks and
// benign connections derived from the signatures, caps and rates of one or more checked
// policies, as scenario batches of at most kHostsPerBatch client hosts, and the verdict a
// router state gives each label (stopped or passed).
//
// Attacks: for every signature, every case form of every alternative of every stage (a
// case-sensitive literal as written), the other stages holding their first alternative as
// written: in one packet, the literals in one client packet, an 'at start' stage first; in
// sequence, each stage in a client packet of its own after a server line, in author order.
// The forms take turns over the signature's ports (first and last of each range). Then a
// per-host connection flood (70 open connections from one host to port 80), a mail-cap
// flood (10 open connections to 465) and a SYN flood (40 unanswered SYNs to 25). Each
// connection comes from a client host of its own (a quarantine must not stop the next
// attack), 192.168.88.2 upwards in each batch.
// Benign: web requests that hold the signatures' words elsewhere, a mail client's EHLO then
// STARTTLS, HTTPS. A label is stopped when a rule stopped a packet of one of its
// connections (a drop, reject or tarpit) or a queue lost one.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "capture/scenario.hpp"
#include "routeros/state.hpp"
#include "sema/model.hpp"
#include "simulate/rules.hpp"
#include "simulate_cafe_util.hpp"
#include "simulate_util.hpp"

namespace rosgen::test::push {

using Json = nlohmann::json;

inline constexpr std::size_t kHostsPerBatch = 240;

struct Traffic {
  std::vector<capture::Scenario> batches;
  std::set<std::string> attacks;  // labels
  std::set<std::string> benign;
};

// The case forms a literal is caught in: all of them for nocase, else the bytes.
inline std::vector<std::string> forms_of(const sema::Literal& literal) {
  return literal.nocase ? cafe::case_forms(literal.bytes) : std::vector<std::string>{literal.bytes};
}

// Client payloads (in order) of an attack on `signature` whose stage `k` holds `form`.
inline std::vector<std::string> attack_payloads(const sema::Signature& signature, std::size_t k,
                                                const std::string& form) {
  auto text = [&](std::size_t stage) {
    return stage == k ? form : signature.stages[stage].alternatives.front().bytes;
  };
  if (signature.conjunction == sema::Conjunction::Sequence) {
    std::vector<std::string> out;
    for (std::size_t s = 0; s < signature.stages.size(); ++s) out.push_back(text(s) + " x\r\n");
    return out;
  }
  std::string packet;
  for (std::size_t s = 0; s < signature.stages.size(); ++s)
    if (signature.stages[s].at_start)
      packet += text(s);
  for (std::size_t s = 0; s < signature.stages.size(); ++s)
    if (!signature.stages[s].at_start)
      packet += " /x " + text(s);
  return {packet + "\r\n\r\n"};
}

class TrafficBuilder {
 public:
  // Adds one group of connections under `label` (one host; `connection` gets "client"
  // and "name").
  void add(const std::string& label, Json connection, bool attack) {
    if (!labels_.insert(label).second)
      return;  // the same attack from the other policy
    if (current_.empty() || current_.back().size() == kHostsPerBatch)
      current_.push_back(Json::array());
    connection["name"] = label;
    connection["client"] = "192.168.88." + std::to_string(2 + current_.back().size());
    current_.back().push_back(std::move(connection));
    (attack ? traffic_.attacks : traffic_.benign).insert(label);
  }

  void signature_attacks(const sema::Signature& signature) {
    std::vector<std::uint16_t> ports;
    for (const sema::PortRange& range : signature.ports.ranges) {
      ports.push_back(range.first);
      if (range.last != range.first)
        ports.push_back(range.last);
    }
    std::size_t turn = 0;
    for (std::size_t k = 0; k < signature.stages.size(); ++k) {
      for (const sema::Literal& literal : signature.stages[k].alternatives) {
        for (const std::string& form : forms_of(literal)) {
          std::uint16_t port = ports[turn++ % ports.size()];
          Json payloads = Json::array();
          for (const std::string& text : attack_payloads(signature, k, form)) {
            if (signature.conjunction == sema::Conjunction::Sequence)
              payloads.push_back(cafe::from_server("220 ok\r\n"));
            payloads.push_back(cafe::from_client(text));
          }
          add(signature.name + " stage " + std::to_string(k + 1) + " '" + form + "' to " +
                  std::to_string(port),
              connection(port, std::move(payloads)), true);
        }
      }
    }
  }

  void floods() {
    Json per_host = connection(80, Json::array());
    per_host["count"] = 70;
    per_host["every"] = 0.01;
    per_host["close"] = "none";
    add("flood: 70 open connections from one host", per_host, true);
    Json mail = connection(465, Json::array());
    mail["count"] = 10;
    mail["every"] = 0.01;
    mail["close"] = "none";
    add("flood: 10 open mail connections from one host", mail, true);
    Json syn = connection(25, Json::array());
    syn["count"] = 40;
    syn["every"] = 0.01;
    syn["handshake"] = false;
    add("flood: 40 SYNs to port 25", syn, true);
  }

  void benign() {
    for (int port : {80, 3128, 8080, 8888}) {
      add("benign: GET /connect on " + std::to_string(port),
          connection(port, {cafe::from_client("GET /api/connect HTTP/1.1\r\nHost: x\r\n\r\n"),
                            cafe::from_server("HTTP/1.1 200 OK\r\n\r\n")}),
          false);
    }
    add("benign: a mail client's EHLO then STARTTLS on 587",
        connection(587, {cafe::from_server("220 relay\r\n"), cafe::from_client("EHLO pc\r\n"),
                         cafe::from_server("250 relay\r\n"), cafe::from_client("STARTTLS\r\n"),
                         cafe::from_server("220 go ahead\r\n")}),
        false);
    add("benign: HTTPS", connection(443, {{{"from", "client"}, {"hex", "1603010200010001fc"}}}),
        false);
  }

  // The batches, parsed; fails the test when a batch is no valid scenario.
  Traffic take() {
    for (const Json& batch : current_) {
      support::DiagnosticEngine diags;
      auto scenario = capture::parse_scenario("traffic", cafe::scenario(batch), diags);
      REQUIRE_MESSAGE(scenario, support::render_all(diags));
      traffic_.batches.push_back(std::move(*scenario));
    }
    return std::move(traffic_);
  }

 private:
  // One connection to 203.0.113.<port % 200 + 1>:port, starting at a time of its own.
  Json connection(int port, Json payloads) {
    Json c = {
        {"server", "203.0.113." + std::to_string(port % 200 + 1) + ":" + std::to_string(port)},
        {"start", 0.01 * static_cast<double>(started_++)},
        {"gap", 0.01}};
    if (!payloads.empty())
      c["payloads"] = std::move(payloads);
    return c;
  }

  std::vector<Json> current_;
  std::set<std::string> labels_;
  std::size_t started_ = 0;
  Traffic traffic_;
};

// The attacks on every signature of `policies`, the floods and the benign traffic.
inline Traffic traffic_for(const std::vector<const sema::Policy*>& policies) {
  TrafficBuilder builder;
  for (const sema::Policy* policy : policies)
    for (const sema::Rule& rule : policy->rules)
      if (const auto* signature = std::get_if<sema::Signature>(&rule))
        builder.signature_attacks(*signature);
  builder.floods();
  builder.benign();
  return builder.take();
}

// Label -> stopped, for `traffic` through the rules of `state`.
inline std::map<std::string, bool> verdicts(const routeros::RouterState& state,
                                            const simulate::SimulateOptions& options,
                                            const Traffic& traffic) {
  simulate::Rules rules = simulate::compile_rules(state, 7);
  std::map<std::string, bool> out;
  for (const capture::Scenario& batch : traffic.batches) {
    auto sim = test::run_scenario(rules, options, batch);
    for (const simulate::ConnectionRecord& c : sim->connections()) {
      bool stopped = c.fate.has_value() || c.packets_queue_dropped > 0;
      out[c.label] = out[c.label] || stopped;
    }
  }
  return out;
}

}  // namespace rosgen::test::push
