// Lints over single signatures and over several rules (see lint.hpp).
#include "sema/lint.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "sema/check.hpp"
#include "support/ascii.hpp"

namespace rosgen::sema {

namespace {

// TCP ports whose traffic is TLS from the first byte ("implicit TLS"): a client's first
// payload is a TLS ClientHello and everything after the handshake is encrypted, so a
// plaintext literal is never seen there. From the IANA service name registry:
// 443 https (RFC 9110), 563 nntps (RFC 4642), 636 ldaps, 853 domain-s (DNS over TLS,
// RFC 7858), 989/990 ftps-data/ftps, 992 telnets, 993 imaps, 994 ircs, 995 pop3s,
// 5061 sips (RFC 3261); 465 submissions with 993 and 995 are the implicit-TLS mail
// ports of RFC 8314 (§3.3, §7.3). 8443 is not assigned to HTTPS by IANA but is its
// common alternative port.
constexpr std::uint16_t kImplicitTlsPorts[] = {443, 465, 563, 636, 853,  989, 990,
                                               992, 993, 994, 995, 5061, 8443};

// TCP ports whose protocol has the server speak first (its greeting or banner opens the
// connection's data), from the IANA service name registry and each protocol's RFC:
// ftp 21 (RFC 959 §5.4: "220 Service ready"), ssh 22 (RFC 4253 §4.2: both sides send an
// identification string, servers without waiting), telnet 23 (option negotiation from
// the server, RFC 854/855), smtp 25 and submission 587 (RFC 5321 §3.1, RFC 6409: the
// "220" greeting), pop3 110 (RFC 1939 §4: "+OK" greeting), nntp 119 (RFC 3977 §5.1), imap
// 143 (RFC 9051 §7.1: the server greeting), mysql 3306 (the server's initial handshake
// packet) and vnc 5900 (RFC 6143 §7.1.1: the server's ProtocolVersion first).
constexpr ServerFirstPort kServerFirstPorts[] = {{21, "FTP"},
                                                 {22, "SSH"},
                                                 {23, "Telnet"},
                                                 {25, "SMTP"},
                                                 {110, "POP3"},
                                                 {119, "NNTP"},
                                                 {143, "IMAP"},
                                                 {587, "SMTP submission"},
                                                 {2525, "SMTP, alternate port"},
                                                 {3306, "MySQL"},
                                                 {5900, "VNC"}};

// Ports whose protocol the client opens (HTTP and its proxies, SOCKS): 'at start' fits.
constexpr std::uint16_t kClientFirstPorts[] = {80, 1080, 3128, 8000, 8008, 8080, 8081, 8118, 8888};

bool is_text_byte(unsigned char c) {
  return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\r' || c == '\n';
}

bool is_text(const std::string& bytes) {
  return std::all_of(bytes.begin(), bytes.end(),
                     [](char c) { return is_text_byte(static_cast<unsigned char>(c)); });
}

// "example.com": letters, digits, '-' and at least one inner '.'. A TLS ClientHello
// carries the server name in clear text, so such a literal can match on TLS ports.
bool looks_like_host_name(const std::string& bytes) {
  if (bytes.size() < 3 || bytes.front() == '.' || bytes.back() == '.' ||
      bytes.find('.') == std::string::npos)
    return false;
  return std::all_of(bytes.begin(), bytes.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

// The bytes as they would be written in a string literal: "\x13BitTorrent".
std::string as_string_literal(const std::string& bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c >= 0x20 && c < 0x7f) {
      out += ch;
    } else if (c == '\r' || c == '\n' || c == '\t') {
      out += c == '\r' ? "\\r" : c == '\n' ? "\\n" : "\\t";
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string plural(std::uint64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Every alternative of every stage, in author order.
std::vector<const Literal*> all_literals(const Signature& signature) {
  std::vector<const Literal*> out;
  for (const Stage& stage : signature.stages)
    for (const Literal& literal : stage.alternatives) out.push_back(&literal);
  return out;
}

// Warns when `literal` (written at `at`) is one or two bytes long.
void short_literal(const Literal& literal, const support::SourceRange& at,
                   support::DiagnosticEngine& diags) {
  if (literal.bytes.size() <= 2) {
    diags.warning(at, "literal '" + literal.written + "' is only " +
                          plural(literal.bytes.size(), "byte", "bytes") +
                          ": it occurs in a large share of all packets, so it hardly narrows the "
                          "match; join it with the bytes next to it into one literal, e.g. \"" +
                          as_string_literal(literal.bytes) + "...\" in a string");
  }
}

// Ports already watched by earlier signatures: disjoint intervals, each with the first
// signature that covers it. Finding an overlap and adding a signature's ports cost
// O(log n) per interval touched, so the lint stays linear-ish on large policies.
class PortCoverage {
 public:
  // The first earlier signature overlapping `ports`, if any; then records `ports` as
  // covered by `owner` wherever nothing covered them yet.
  std::optional<std::size_t> add(const PortSet& ports, std::size_t owner) {
    auto& covered = by_protocol_[ports.protocol == Protocol::Tcp ? 0 : 1];
    std::vector<PortRange> ranges = ports.ranges;
    if (ranges.empty())
      ranges.push_back({1, 65535});
    std::optional<std::size_t> overlap;
    for (const PortRange& range : ranges) {
      std::uint32_t next = range.first;  // first port of the range not yet handled
      auto it = covered.upper_bound(range.first);
      if (it != covered.begin() && std::prev(it)->second.last >= range.first)
        --it;
      std::vector<std::pair<std::uint32_t, std::uint32_t>> gaps;
      for (; it != covered.end() && it->first <= range.last; ++it) {
        if (!overlap || it->second.owner < *overlap)
          overlap = it->second.owner;
        if (it->first > next)
          gaps.emplace_back(next, it->first - 1);
        next = std::max<std::uint32_t>(next, std::uint32_t{it->second.last} + 1);
      }
      if (next <= range.last)
        gaps.emplace_back(next, range.last);
      for (auto [first, last] : gaps) {
        covered[static_cast<std::uint16_t>(first)] = {static_cast<std::uint16_t>(last), owner};
      }
    }
    return overlap;
  }

 private:
  struct Interval {
    std::uint16_t last = 0;
    std::size_t owner = 0;
  };

  std::map<std::uint16_t, Interval> by_protocol_[2];
};

}  // namespace

std::uint64_t content_tests_per_packet(const Signature& signature) {
  std::uint64_t total = 0;
  for (const Stage& stage : signature.stages) total += case_forms(stage);
  return total;
}

std::vector<std::uint16_t> unknown_opener_ports(const PortSet& ports) {
  std::vector<std::uint16_t> out;
  if (ports.protocol != Protocol::Tcp)
    return out;
  for (const PortRange& r : ports.ranges) {
    for (std::uint32_t port = r.first; port <= r.last && out.size() < 16; ++port) {
      bool known = std::any_of(std::begin(kClientFirstPorts), std::end(kClientFirstPorts),
                               [&](std::uint16_t p) { return p == port; }) ||
                   std::any_of(std::begin(kServerFirstPorts), std::end(kServerFirstPorts),
                               [&](const ServerFirstPort& s) { return s.port == port; });
      if (!known)
        out.push_back(static_cast<std::uint16_t>(port));
    }
  }
  return out;
}

std::vector<ServerFirstPort> server_first_ports(const PortSet& ports) {
  std::vector<ServerFirstPort> out;
  if (ports.protocol != Protocol::Tcp)
    return out;
  for (const ServerFirstPort& server : kServerFirstPorts) {
    bool taken = ports.ranges.empty() ||
                 std::any_of(ports.ranges.begin(), ports.ranges.end(), [&](const PortRange& r) {
                   return r.first <= server.port && server.port <= r.last;
                 });
    if (taken)
      out.push_back(server);
  }
  return out;
}

std::vector<std::uint16_t> implicit_tls_ports(const PortSet& ports) {
  std::vector<std::uint16_t> out;
  if (ports.protocol != Protocol::Tcp)
    return out;
  for (const PortRange& range : ports.ranges) {
    if (range.first == range.last &&
        std::find(std::begin(kImplicitTlsPorts), std::end(kImplicitTlsPorts), range.first) !=
            std::end(kImplicitTlsPorts)) {
      out.push_back(range.first);
    }
  }
  return out;
}

void lint_signature(const Signature& signature, const SignatureSource& source,
                    support::DiagnosticEngine& diags) {
  const std::string name = "'" + signature.name + "'";
  // An anchored stage in one packet keeps the whole signature to the connection's first
  // client data packet (lowering gives it a window of its own).
  bool anchored_packet =
      (signature.conjunction == Conjunction::OnePacket || signature.stages.size() == 1) &&
      std::any_of(signature.stages.begin(), signature.stages.end(),
                  [](const Stage& s) { return s.at_start; });
  if (!signature.window_bytes && !anchored_packet) {
    std::uint64_t tests = content_tests_per_packet(signature);
    std::vector<const Literal*> literals = all_literals(signature);
    bool any_nocase =
        std::any_of(literals.begin(), literals.end(), [](const Literal* l) { return l->nocase; });
    bool several = literals.size() > 1;
    diags.warning(source.name,
                  "signature " + name +
                      " has no 'within first', so it scans whole connections: every packet "
                      "of every connection to its ports pays " +
                      (several ? "up to " : "") + plural(tests, "content test", "content tests") +
                      (any_nocase ? " (a nocase literal costs one per case form)" : "") +
                      " until the signature matches; "
                      "add 'within first 2KiB' to test only the start of each connection");
  }

  // 'nocase' on a literal without ASCII letters changes nothing: it has one case form.
  for (std::size_t k = 0; k < signature.stages.size() && k < source.literals.size(); ++k) {
    const Stage& stage = signature.stages[k];
    for (std::size_t j = 0; j < stage.alternatives.size() && j < source.literals[k].size(); ++j) {
      const Literal& literal = stage.alternatives[j];
      bool letters = std::any_of(literal.bytes.begin(), literal.bytes.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      });
      if (literal.nocase && !letters)
        diags.warning(source.literals[k][j],
                      "'nocase' has no effect on " + literal.written +
                          ": it holds no letters, so it has one case form; drop 'nocase'");
    }
  }

  // Plaintext: every literal is text, and not all of them are host names (a server name
  // is readable in the ClientHello). A hex literal may well be meant for TLS records.
  std::vector<const Literal*> literals = all_literals(signature);
  bool all_text = std::all_of(literals.begin(), literals.end(),
                              [](const Literal* l) { return is_text(l->bytes); });
  bool all_host_names = std::all_of(literals.begin(), literals.end(), [](const Literal* l) {
    return looks_like_host_name(l->bytes);
  });
  std::vector<std::uint16_t> tls = implicit_tls_ports(signature.ports);
  if (all_text && !all_host_names && !tls.empty()) {
    std::string list;
    for (std::uint16_t port : tls) list += (list.empty() ? "" : ", ") + std::to_string(port);
    diags.warning(source.ports,
                  "signature " + name + " watches tcp " + list + ", where traffic is TLS from " +
                      "the first byte: its plaintext literals are encrypted there and can " +
                      "never match; leave " + (tls.size() == 1 ? "that port" : "those ports") +
                      " out of its port list");
  }

  for (std::size_t i = 0; i < signature.stages.size() && i < source.literals.size(); ++i) {
    const std::vector<Literal>& alternatives = signature.stages[i].alternatives;
    for (std::size_t j = 0; j < alternatives.size() && j < source.literals[i].size(); ++j) {
      short_literal(alternatives[j], source.literals[i][j], diags);
    }
  }
}

namespace {

bool ports_overlap(const PortSet& a, const PortSet& b) {
  if (a.protocol != b.protocol)
    return false;
  if (a.ranges.empty() || b.ranges.empty())
    return true;
  for (const PortRange& x : a.ranges)
    for (const PortRange& y : b.ranges)
      if (x.first <= y.last && y.first <= x.last)
        return true;
  return false;
}

// The anchored alternatives of `signature`, lower-cased (layer7 sees lower-case data).
std::vector<const Literal*> anchored(const Signature& signature) {
  std::vector<const Literal*> out;
  for (const Stage& stage : signature.stages)
    if (stage.at_start)
      for (const Literal& literal : stage.alternatives) out.push_back(&literal);
  return out;
}

// Two signatures whose anchored stages one connection can open both: layer7 classifies a
// connection once, by the first pattern that matches (l7-filter; reference §1.6), so the
// later signature's pattern can never match it. A connection opens with both only when one
// alternative is a prefix of the other (case-insensitively).
void anchored_clash(const SignatureAt& first, const SignatureAt& second,
                    support::DiagnosticEngine& diags) {
  if (!ports_overlap(first.signature->ports, second.signature->ports))
    return;
  for (const Literal* a : anchored(*first.signature)) {
    for (const Literal* b : anchored(*second.signature)) {
      std::string x = support::ascii_lower(a->bytes), y = support::ascii_lower(b->bytes);
      if (x.compare(0, y.size(), y) != 0 && y.compare(0, x.size(), x) != 0)
        continue;
      diags
          .error(second.name,
                 "signatures '" + first.signature->name + "' and '" + second.signature->name +
                     "' both check 'at start' on the same ports, and a connection that opens "
                     "with " +
                     b->written + " also opens with " + a->written +
                     " (or the reverse): layer7 classifies a connection once, by the first "
                     "pattern that matches, so '" +
                     second.signature->name +
                     "' could never match it; merge them into one signature, or anchor "
                     "literals that cannot open the same connection")
          .notes.push_back(support::make_note(first.name, "the other signature"));
      return;
    }
  }
}

}  // namespace

void lint_overlapping_signatures_of(const std::vector<SignatureAt>& signatures,
                                    support::DiagnosticEngine& diags) {
  for (std::size_t j = 0; j < signatures.size(); ++j)
    for (std::size_t i = 0; i < j; ++i) anchored_clash(signatures[i], signatures[j], diags);
  PortCoverage coverage;
  for (std::size_t j = 0; j < signatures.size(); ++j) {
    auto i = coverage.add(signatures[j].signature->ports, j);
    if (!i)
      continue;
    diags
        .warning(signatures[j].name,
                 "signatures '" + signatures[*i].signature->name + "' and '" +
                     signatures[j].signature->name +
                     "' watch the same ports; a connection carries one connection mark, so "
                     "a match of one can overwrite the other's progress")
        .notes.push_back(support::make_note(signatures[*i].name, "the other signature"));
  }
}

}  // namespace rosgen::sema
