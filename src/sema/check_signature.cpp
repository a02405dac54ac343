// Signatures converted to the checked model: their stages, each stage's alternatives and
// 'at start' anchors, and the literals themselves (see check_parts.hpp).
#include <algorithm>

#include "sema/check_parts.hpp"
#include "sema/lint.hpp"
#include "support/utf8.hpp"

namespace rosgen::sema::detail {

std::optional<Literal> Checker::convert_literal(const TokenContext& c,
                                                const syntax::Literal& literal) {
  const Token& body = literal.body;
  std::optional<std::string> bytes =
      body.text.rfind("0x", 0) == 0 ? decode_hex(c, body) : decode_string(c, body);
  if (!bytes)
    return std::nullopt;
  if (bytes->empty()) {
    c.error(body, "empty literal: it would match every packet");
    return std::nullopt;
  }
  if (bytes->size() > kMaxContentBytes) {
    // Named by its start: the literal itself may be very long.
    bool quoted = body.text[0] == '"';
    std::string start = body.text.size() > 24 ? std::string(support::utf8_prefix(body.text, 20)) +
                                                    (quoted ? "...\"" : "...")
                                              : body.text;
    c.error(body, "literal " + start + " is " + std::to_string(bytes->size()) +
                      " bytes, longer than content= can match: RouterOS takes at most " +
                      std::to_string(kMaxContentBytes) +
                      " bytes (the pattern limit of Linux xt_string, which content= almost "
                      "certainly is), so this rule could never match; keep its most telling " +
                      std::to_string(kMaxContentBytes) + " bytes");
    return std::nullopt;
  }
  if (literal.nocase) {
    std::uint64_t variants = case_variant_count(*bytes);
    if (variants > policy_.site.variant_budget) {
      // 2^k for k letters; past 2^63 the count saturates, so say 2^k.
      std::size_t letters = 0;
      for (char ch : *bytes) letters += ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') ? 1 : 0;
      std::string count = letters >= 20 ? "2^" + std::to_string(letters) : std::to_string(variants);
      c.error(body, "nocase " + body.text + " has " + count +
                        " case variants, over the variant budget of " +
                        std::to_string(policy_.site.variant_budget) +
                        " (raise it with 'variant-budget' in the policy block, or shorten the "
                        "literal)");
      return std::nullopt;
    }
  }
  return Literal{*bytes, literal.nocase, body.text};
}

namespace {

// "tcp 25" for the port list of a signature whose protocol the server opens.
std::string server_port_text(const ServerFirstPort& port) {
  return "tcp " + std::to_string(port.port) + " (" + std::string(port.protocol) + ")";
}

// Where a port list is written: from its protocol (or first item) to its last item.
support::SourceRange list_range(const TokenContext& c, const syntax::ValueList& list) {
  return c.range(list.protocol.empty() ? list.items.front().begin : list.protocol.front().begin,
                 list.items.empty() ? list.protocol.front().end : list.items.back().end);
}

}  // namespace

// One stage: its alternatives converted (a repeated one warned about and dropped) and its
// anchor checked. nullopt when an alternative or the anchor has an error.
std::optional<Stage> Checker::convert_stage(const TokenContext& c,
                                            const syntax::Signature& signature, std::size_t index,
                                            const std::optional<PortSet>& ports,
                                            std::vector<support::SourceRange>& ranges) {
  const syntax::Stage& stage = signature.stages[index];
  Stage out;
  out.at_start = !stage.anchor.empty();
  bool ok = true;
  for (const syntax::Literal& literal : stage.alternatives) {
    auto converted = convert_literal(c, literal);
    if (!converted) {
      ok = false;
      continue;
    }
    bool duplicate =
        std::any_of(out.alternatives.begin(), out.alternatives.end(), [&](const Literal& l) {
          return l.bytes == converted->bytes && l.nocase == converted->nocase;
        });
    if (duplicate) {
      c.diags->warning(c.range(literal.body), "alternative " + literal.body.text +
                                                  " is listed twice in this stage; the second "
                                                  "adds nothing");
      continue;
    }
    if (out.at_start && converted->bytes.find('\0') != std::string::npos) {
      c.error(literal.body, "'at start' literal " + literal.body.text +
                                " holds a NUL byte, which layer7 removes from the "
                                "data it matches, so it could never match; drop 'at start' or "
                                "the NUL byte");
      ok = false;
      continue;
    }
    ranges.push_back(c.range(literal.body));
    out.alternatives.push_back(std::move(*converted));
  }
  if (out.at_start) {
    const Token& anchor = stage.anchor.front();
    bool sequence = signature.mode.text.ends_with("sequence");
    if (sequence && index > 0) {
      c.error(anchor,
              "'at start' only fits the first stage of an in-sequence signature: a later "
              "stage comes after the first one, never at the start of the connection's data");
      ok = false;
    } else if (ports) {
      std::vector<ServerFirstPort> servers = server_first_ports(*ports);
      if (!servers.empty()) {
        std::string list;
        for (const ServerFirstPort& p : servers)
          list += (list.empty() ? "" : ", ") + server_port_text(p);
        support::SourceRange at = list_range(c, signature.target);
        c.error(anchor, "'at start' needs a protocol whose client speaks first, but on " + list +
                            " the server opens the connection: layer7, which checks 'at start', "
                            "sees both directions, so the connection's data starts with the "
                            "server's greeting")
            .notes.push_back(
                support::make_note(at,
                                   "leave those ports out of the port list, or drop 'at start' to "
                                   "match the literal anywhere in the packet"));
        ok = false;
      } else if (std::vector<std::uint16_t> unknown = unknown_opener_ports(*ports);
                 !unknown.empty()) {
        std::string list;
        for (std::uint16_t port : unknown)
          list += (list.empty() ? "" : ", ") + std::to_string(port);
        c.diags->warning(c.range(anchor),
                         "'at start' needs a protocol whose client speaks first; rosgen does "
                         "not know who speaks first on tcp " +
                             list +
                             ": if the server greets first there (as SMTP does), layer7, "
                             "which sees both directions on RouterOS, never matches, while "
                             "'rosgen simulate' (l7-filter's model: only the packets that "
                             "reach the rule) would still show it matching");
      }
    }
  }
  if (!ok)
    return std::nullopt;
  return out;
}

std::optional<Rule> Checker::convert(const TokenContext& c, const syntax::Signature& signature) {
  Signature out;
  out.name = signature.name.text;
  auto ports = resolve_ports(c, signature.target, nullptr);
  bool ok = ports.has_value();
  out.source = resolve_source(c, signature.source, out.name);
  ok = ok && (signature.source.empty() || out.source);
  if (!signature.window.empty()) {
    out.window_bytes = parse_size(c, signature.window[0]);
    ok = ok && out.window_bytes;
  }
  out.conjunction =
      signature.mode.text.ends_with("sequence") ? Conjunction::Sequence : Conjunction::OnePacket;
  SignatureSource source;
  source.name = c.range(signature.name);
  source.ports = list_range(c, signature.target);
  for (std::size_t i = 0; i < signature.stages.size(); ++i) {
    std::vector<support::SourceRange> ranges;
    auto stage = convert_stage(c, signature, i, ports, ranges);
    if (!stage) {
      ok = false;
      continue;
    }
    bool duplicate = std::any_of(out.stages.begin(), out.stages.end(), [&](const Stage& s) {
      return s.alternatives == stage->alternatives && s.at_start == stage->at_start;
    });
    const syntax::Stage& written = signature.stages[i];
    if (duplicate && out.conjunction == Conjunction::OnePacket) {
      c.diags->warning(
          c.range(written.alternatives.front().body.begin, written.alternatives.back().body.end),
          std::string(stage->alternatives.size() > 1 ? "stage " : "literal ") +
              written.alternatives.front().body.text +
              (stage->alternatives.size() > 1 ? " | ..." : "") +
              " is listed twice in one packet; the second adds nothing");
      continue;
    }
    stage->position = static_cast<std::uint32_t>(out.stages.size() + 1);
    out.stages.push_back(std::move(*stage));
    source.literals.push_back(std::move(ranges));
  }
  std::optional<Protocol> protocol;
  if (ports)
    protocol = ports->protocol;
  auto verdict = convert_verdicts(c, signature.verdicts, signature.name, protocol, true);
  if (!ok || !verdict)
    return std::nullopt;
  out.ports = *ports;
  out.verdict = *verdict;
  if (out.window_bytes) {
    // connection-bytes counts both directions, IP headers included (reference §1.2). The
    // fewest bytes a connection has carried when a packet can advance its last stage:
    // TCP's SYN and SYN-ACK (40 bytes each, no options) then the packet (40 bytes of
    // headers) with the literals (in one packet: the longest stage's shortest alternative;
    // in sequence: one packet per stage); UDP: 28 bytes of headers per packet.
    bool tcp = out.ports.protocol == Protocol::Tcp;
    std::size_t headers = tcp ? 40 : 28, least = tcp ? 80 : 0;
    if (out.conjunction == Conjunction::Sequence) {
      for (const Stage& s : out.stages) least += headers + shortest_alternative(s);
    } else {
      std::size_t longest = 0;
      for (const Stage& s : out.stages) longest = std::max(longest, shortest_alternative(s));
      least += headers + longest;
    }
    if (*out.window_bytes < least) {
      c.diags->warning(c.range(signature.window[0]),
                       "the window of " + std::to_string(*out.window_bytes) +
                           " bytes ends before the signature can match: connection-bytes "
                           "counts both directions with their IP headers, and a " +
                           (tcp ? std::string("TCP connection (SYN and SYN-ACK of 40 bytes, "
                                              "then 40 bytes of headers per packet)")
                                : std::string("UDP flow (28 bytes of headers per packet)")) +
                           " has carried at least " + std::to_string(least) +
                           " bytes by the time a packet can hold its literals; use at least "
                           "'within first " +
                           std::to_string(least) + "B'");
    }
  }
  lint_signature(out, source, diags_);
  signature_ranges_.push_back(c.range(signature.name));
  return out;
}

}  // namespace rosgen::sema::detail
