// Lints over the checked policy: warnings about rules that are valid but cost more than
// they should or cannot do what they say. Entry points: lint_signature() (one signature
// on its own), lint_overlapping_signatures_of() (signatures against each other).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sema/model.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::sema {

// Where a signature's parts are written, for the warnings about them.
struct SignatureSource {
  support::SourceRange name;   // the signature's name
  support::SourceRange ports;  // the port list after 'to'
  // Per stage (parallel to Signature::stages), each alternative's literal.
  std::vector<std::vector<support::SourceRange>> literals;
};

// Warns about one checked signature:
//  * no 'within first' (and no 'at start' stage in one packet, which keeps it to the first
//    client data packet): every packet of every connection to its ports pays the content
//    tests (counted: one per case form of each literal) for as long as it lasts;
//  * plaintext literals on ports that carry TLS from the first byte: they never match;
//  * literals of one or two bytes: they occur in a large share of all packets;
//  * 'nocase' on a literal without ASCII letters (it has one case form).
void lint_signature(const Signature& signature, const SignatureSource& source,
                    support::DiagnosticEngine& diags);

// Content tests that one packet reaching the signature's chain pays at most: the sum of
// the stages' case forms (every alternative's) for 'in one packet' and for 'in sequence'
// (a packet may pass every stage: a sequence advances through the stages present in one
// packet).
std::uint64_t content_tests_per_packet(const Signature& signature);

// The ports of `ports` (single ports only; a range is not taken to mean them) whose tcp
// traffic is TLS from the first byte, in the order written.
std::vector<std::uint16_t> implicit_tls_ports(const PortSet& ports);

// A tcp port whose protocol the server opens: its greeting is the connection's first data.
struct ServerFirstPort {
  std::uint16_t port = 0;
  std::string_view protocol;  // "SMTP"
};

// The server-first ports (kServerFirstPorts in lint.cpp: FTP 21, SSH 22, Telnet 23, SMTP
// 25, POP3 110, NNTP 119, IMAP 143, submission 587, SMTP 2525, MySQL 3306, VNC 5900) that `ports`
// takes in: named singly or inside a range, or all of them when `ports` is every tcp
// port. Empty for udp. 'at start' is refused there (layer7 sees both directions).
std::vector<ServerFirstPort> server_first_ports(const PortSet& ports);

// The tcp ports of `ports` (at most 16, in order) that are neither server-first nor known
// to be opened by the client (kClientFirstPorts in lint.cpp: HTTP 80, 8000, 8008, 8080,
// 8081, 8888, proxies 3128, 8118, SOCKS 1080): 'at start' there gets a warning.
std::vector<std::uint16_t> unknown_opener_ports(const PortSet& ports);

struct SignatureAt {
  const Signature* signature = nullptr;
  support::SourceRange name;  // where the signature is named, for the warning
};

// Warns once for each signature that watches a port an earlier one watches too: a
// connection carries one connection mark, so one can overwrite the other's progress.
// An error when two signatures on overlapping ports have 'at start' alternatives one
// connection can open with both (one a prefix of the other, case-insensitively): layer7
// classifies a connection once, so the later one could never match.
void lint_overlapping_signatures_of(const std::vector<SignatureAt>& signatures,
                                    support::DiagnosticEngine& diags);

}  // namespace rosgen::sema
