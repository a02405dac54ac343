// Rules: caps and SYN rates converted to the checked model, and the verdicts of every
// rule (see check_parts.hpp; signatures are in check_signature.cpp).
#include <algorithm>
#include <cstdio>

#include "sema/check_parts.hpp"
#include "sema/lint.hpp"
#include "support/utf8.hpp"

namespace rosgen::sema::detail {

std::optional<Verdict> Checker::convert_verdicts(const TokenContext& c,
                                                 const std::vector<syntax::Verdict>& verdicts,
                                                 const Token& rule_name,
                                                 std::optional<Protocol> protocol,
                                                 bool allow_throttle) {
  Verdict out;
  bool ok = true;
  const Token* terminal_token = nullptr;
  const Token* quarantine_token = nullptr;
  std::map<std::string, const Token*> seen;
  for (const syntax::Verdict& v : verdicts) {
    const std::string& kind = v.kind.text;
    if (auto [it, inserted] = seen.try_emplace(kind, &v.kind); !inserted) {
      c.error(v.kind, "'" + kind + "' is given twice");
      ok = false;
      continue;
    }
    bool takes_argument = kind == "log" || kind == "quarantine" || kind == "throttle";
    if (!takes_argument && !v.argument.empty()) {
      c.error(v.argument[0], "'" + kind + "' takes no value");
      ok = false;
      continue;
    }
    if (takes_argument && v.argument.empty()) {
      const char* example = kind == "log"          ? "log \"smtp-bot\""
                            : kind == "quarantine" ? "quarantine 30m"
                                                   : "throttle 64k";
      c.error(v.kind, "'" + kind + "' needs a value, e.g. '" + example + "'");
      ok = false;
      continue;
    }
    // drop, reject, tarpit and throttle each decide the connection's fate; one per rule.
    auto claim_fate = [&]() {
      if (terminal_token != nullptr) {
        c.error(v.kind, "'" + kind + "' conflicts with '" + terminal_token->text +
                            "': a rule decides a connection's fate one way");
        ok = false;
        return false;
      }
      terminal_token = &v.kind;
      return true;
    };
    auto set_terminal = [&](Terminal t) {
      if (claim_fate())
        out.terminal = t;
    };
    if (kind == "drop") {
      set_terminal(Terminal::Drop);
    } else if (kind == "reject") {
      set_terminal(Terminal::Reject);
    } else if (kind == "tarpit") {
      if (protocol != Protocol::Tcp) {
        c.error(v.kind, "'tarpit' works on TCP only; rule '" + rule_name.text +
                            "' does not limit itself to tcp ports");
        ok = false;
        continue;
      }
      set_terminal(Terminal::Tarpit);
    } else if (kind == "log") {
      const Token& arg = v.argument[0];
      if (arg.text.empty() || arg.text[0] != '"') {
        c.error(arg, "'log' needs a prefix in double quotes, e.g. 'log \"smtp-bot\"'");
        ok = false;
        continue;
      }
      auto prefix = decode_string(c, arg);
      if (!prefix) {
        ok = false;
        continue;
      }
      if (prefix->empty() || prefix->size() > 31) {
        c.error(arg, "log prefix must be 1-31 bytes (RouterOS limit); this one is " +
                         std::to_string(prefix->size()));
        ok = false;
        continue;
      }
      out.log_prefix = *prefix;
    } else if (kind == "quarantine") {
      auto seconds = parse_duration(c, v.argument[0]);
      if (!seconds) {
        ok = false;
        continue;
      }
      out.quarantine_seconds = *seconds;
      quarantine_token = &v.kind;
    } else if (kind == "throttle") {
      if (!allow_throttle) {
        c.error(v.kind, "'throttle' does not apply to a SYN rate; use 'using queue' to shape SYNs");
        ok = false;
        continue;
      }
      auto bps = parse_bandwidth(c, v.argument[0]);
      if (!bps) {
        ok = false;
        continue;
      }
      if (claim_fate())
        out.throttle_bps = *bps;
    }
  }
  if (out.throttle_bps && quarantine_token != nullptr) {
    c.error(*quarantine_token,
            "'quarantine' drops the host while 'throttle' shapes it; choose one");
    ok = false;
  }
  if (!ok)
    return std::nullopt;
  return out;
}

std::optional<Rule> Checker::convert(const TokenContext& c, const syntax::Cap& cap) {
  Cap out;
  out.name = cap.name.text;
  auto count = parse_integer(c, cap.count, 1, 1000000, "connection count");
  std::optional<std::uint32_t> length = 32;
  if (cap.scope.text != "host") {
    syntax::Token digits{cap.scope.text.substr(1), cap.scope.begin + 1, cap.scope.end};
    length = parse_integer(c, digits, 1, 32, "prefix length");
  }
  bool ok = count && length;
  if (!cap.target.empty()) {
    out.ports = resolve_ports(c, cap.target[0], nullptr);
    ok = ok && out.ports;
  }
  out.source = resolve_source(c, cap.source, out.name);
  ok = ok && (cap.source.empty() || out.source);
  std::optional<Protocol> protocol;
  if (out.ports)
    protocol = out.ports->protocol;
  auto verdict = convert_verdicts(c, cap.verdicts, cap.name, protocol, true);
  if (!ok || !verdict)
    return std::nullopt;
  out.count = *count;
  out.prefix_length = static_cast<std::uint8_t>(*length);
  out.verdict = *verdict;
  if (!cap.new_only) {
    c.diags->warning(c.range(cap.count),
                     "without a new-connection gate, cap '" + out.name +
                         "' would also hit the host's established connections; rosgen adds "
                         "'connection-state=new' (write 'new connections' to say so)");
  }
  return out;
}

std::optional<Rule> Checker::convert(const TokenContext& c, const syntax::Rate& rate) {
  Rate out;
  out.name = rate.name.text;
  auto value = parse_rate(c, rate.rate);
  std::optional<std::uint32_t> burst;
  if (!rate.burst.empty())
    burst = parse_integer(c, rate.burst[0], 1, 1000000, "burst");
  bool ok = value && (rate.burst.empty() || burst);
  if (rate.scope.text != "host") {
    c.error(rate.scope, "a SYN rate is counted per host; '" + rate.scope.text +
                            "' is not supported (dst-limit keys on one address)");
    ok = false;
  }
  auto ports = resolve_ports(c, rate.target, nullptr);
  if (ports && ports->protocol != Protocol::Tcp) {
    c.error(rate.target.protocol.empty() ? rate.target.items[0] : rate.target.protocol[0],
            "a SYN rate needs tcp ports; udp has no SYN");
    ok = false;
  }
  ok = ok && ports;
  out.source = resolve_source(c, rate.source, out.name);
  ok = ok && (rate.source.empty() || out.source);
  if (!rate.back_end.empty() && rate.back_end[0].text == "queue") {
    out.back_end = RateBackEnd::Queue;
    if (!rate.verdicts.empty()) {
      c.error(rate.verdicts[0].kind,
              "the queue back end delays SYNs and has no verdict; remove "
              "'-> ...' or use 'using dst-limit'");
      ok = false;
    }
  }
  std::optional<Verdict> verdict = Verdict{};
  if (!rate.verdicts.empty())
    verdict = convert_verdicts(c, rate.verdicts, rate.name, Protocol::Tcp, false);
  if (!ok || !verdict)
    return std::nullopt;
  out.count = value->count;
  out.period_seconds = value->period_seconds;
  out.burst = burst.value_or(value->count);
  out.ports = *ports;
  out.verdict = *verdict;
  if (out.back_end == RateBackEnd::DstLimit && !out.verdict.terminal && !out.verdict.log_prefix &&
      !out.verdict.quarantine_seconds) {
    out.verdict.terminal = Terminal::Drop;
  }
  if (out.back_end == RateBackEnd::Queue) {
    // TCP retransmits an unanswered SYN after 1 s (RFC 6298's initial RTO): a SYN queued
    // longer comes again, into the same queue.
    constexpr double kSynRetransmitSeconds = 1.0;
    SynQueue queue = syn_queue(out);
    char wait[32];
    std::snprintf(wait, sizeof wait, "%.3g", queue.seconds_per_syn);
    std::vector<std::string> faults;
    if (queue.holds_syns > out.burst) {
      faults.push_back("its queue holds up to " + std::to_string(queue.holds_syns) +
                       " SYNs of 60 B per host (" + std::to_string(queue.limit_kib) +
                       " KiB: RouterOS sizes pcq-limit in whole KiB), more than the burst of " +
                       std::to_string(out.burst));
    }
    if (queue.seconds_per_syn > kSynRetransmitSeconds) {
      faults.push_back("at " + std::to_string(queue.rate_bps) + " bit/s each queued SYN takes " +
                       wait +
                       " s to send, longer than TCP waits before it sends a SYN again "
                       "(1 s, RFC 6298), so clients retransmit into the queue");
    }
    std::string message = "rate '" + out.name + "' uses the queue back end: ";
    for (std::size_t i = 0; i < faults.size(); ++i) message += (i == 0 ? "" : "; and ") + faults[i];
    if (faults.empty()) {
      c.diags->note(c.range(rate.back_end[0]),
                    message +
                        "a PCQ queue delays SYNs over the rate before it drops them, so "
                        "the limit is approximate (the arithmetic is in the script); "
                        "'using dst-limit' counts exactly");
    } else {
      c.diags->warning(c.range(rate.back_end[0]),
                       message +
                           ": the limit is only approximate; 'using dst-limit' counts "
                           "exactly (the arithmetic is in the script)");
    }
  }
  return out;
}

}  // namespace rosgen::sema::detail

namespace rosgen::sema {

SynQueue syn_queue(const Rate& rate) {
  SynQueue q;
  std::uint64_t bits = std::uint64_t{rate.count} * SynQueue::kSynBytes * 8;
  std::uint64_t period = std::max<std::uint32_t>(1, rate.period_seconds);
  q.rate_bps = std::max<std::uint64_t>(1, (bits + period - 1) / period);
  std::uint64_t bytes = std::uint64_t{rate.burst} * SynQueue::kSynBytes;
  q.limit_kib = std::max<std::uint64_t>(1, (bytes + 1023) / 1024);
  q.holds_syns = q.limit_kib * 1024 / SynQueue::kSynBytes;
  q.seconds_per_syn = SynQueue::kSynBytes * 8.0 / static_cast<double>(q.rate_bps);
  return q;
}

}  // namespace rosgen::sema
