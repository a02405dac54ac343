// `rosgen profile POLICY... --pcap FILE... [--clients CIDR...] [-I DIR] [--target N]
// [-o FILE]`: checks the policies, collects their signatures' gates and fragments
// (profile::requests_for()), streams every capture through profile::Measurement and
// writes the profile as TOML (profile::write_profile()), with a header naming the
// policies and captures (file names and SHA-256). Exit 0 written, 1 errors in a policy,
// 3 I/O (a policy or capture cannot be read, the output cannot be written), 64 usage.
#include <algorithm>
#include <filesystem>
#include <set>

#include "capture/pcap_source.hpp"
#include "cli/app.hpp"
#include "profile/measure.hpp"
#include "profile/profile_toml.hpp"
#include "simulate/rules.hpp"
#include "support/digest.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"

namespace rosgen::cli {

namespace {

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// The client ranges: --clients, else every policy's 'clients'.
std::vector<profile::Ipv4Range> client_ranges(const ProfileOptions& options,
                                              const std::vector<sema::Policy>& policies) {
  std::vector<profile::Ipv4Range> out;
  for (const std::string& text : options.clients) {
    if (auto range = simulate::parse_ipv4_range(text))  // checked by the CLI already
      out.push_back(*range);
  }
  if (!options.clients.empty())
    return out;
  for (const sema::Policy& policy : policies) {
    if (!policy.site.clients)
      continue;
    for (const sema::Prefix& prefix : policy.site.clients->prefixes) {
      std::uint32_t host_bits =
          prefix.length == 0 ? 0xFFFFFFFFu : (std::uint32_t{1} << (32 - prefix.length)) - 1;
      out.emplace_back(prefix.address, prefix.address | host_bits);
    }
  }
  return out;
}

std::string with_commas(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

// The header: what the numbers mean, the inputs (file names, so that the same captures
// give the same bytes in any directory), and what was read.
std::vector<std::string> header(const std::set<std::string>& policies,
                                const std::set<std::pair<std::string, std::string>>& captures,
                                const profile::Measurement::Stats& stats) {
  std::vector<std::string> out = {
      "rosgen traffic profile (" + std::string(profile::kFormat) +
          "), written by `rosgen profile`.",
      "Each [[gate]]: `packets` client-to-server packets (payload or not) to `ports` (absent: any)",
      "of `protocol` while the connection's bytes (both directions, IP headers and the packet",
      "itself included, as connection-bytes counts) were at most `window-bytes` (absent: no",
      "window); `data-packets` of them carried data and were no SYN (what a signature's gate",
      "lets through to its content tests). Each [[gate.fragment]]: how many of the packets",
      "contain `bytes` anywhere in",
      "the IP packet, in any letter case (`nocase`), byte for byte (`exact`) and per case form",
      "seen (`forms`, for nocase literals). Characters U+0000-U+00FF stand for bytes.",
      ""};
  std::string names;
  for (const std::string& name : policies) names += (names.empty() ? "" : ", ") + name;
  out.push_back("Signatures of: " + names);
  out.push_back("Captures (file name, SHA-256):");
  for (const auto& [name, digest] : captures) out.push_back("  " + name + "  " + digest);
  out.push_back("Packets: " + with_commas(stats.packets) + " read, " + with_commas(stats.not_ipv4) +
                " IPv6 and " + with_commas(stats.not_tcp_udp) +
                " neither TCP nor UDP (not counted), " + with_commas(stats.connections) +
                " connections, " + with_commas(stats.gate_packets) + " packets at a gate");
  return out;
}

}  // namespace

int run_profile(const ProfileOptions& options, const Environment& env) {
  std::vector<support::InputFile> inputs;
  std::vector<sema::Policy> policies;
  std::set<std::string> policy_names;
  // Warnings about the policies (what compile would say about their rules) are `rosgen
  // check`'s business: shown only with the errors that stop the measurement.
  support::DiagnosticEngine policy_diags;
  for (const std::string& path : options.policies) {
    PipelineOptions pipeline{path, options.target, options.include_dirs};
    if (auto policy = check_policy(pipeline, policy_diags, inputs))
      policies.push_back(std::move(*policy));
    policy_names.insert(file_name(path));
  }
  if (policy_diags.has_errors()) {
    write_err(env, support::render_all(policy_diags, {env.color}));
    return kPolicyErrors;
  }
  support::DiagnosticEngine diags;
  std::vector<profile::GateRequest> requests = profile::requests_for(policies);
  if (requests.empty()) {
    diags.warning({}, "the policies have no signatures: the profile has no gates");
  }
  profile::Measurement measurement(std::move(requests), client_ranges(options, policies));
  std::set<std::pair<std::string, std::string>> captures;
  for (const std::string& path : options.pcaps) {
    std::unique_ptr<capture::PacketSource> source = capture::open_capture(path);
    capture::Packet packet;
    while (source->next(packet)) measurement.add(packet);
    captures.insert({file_name(path), support::file_sha256(path)});
    if (auto identity = support::file_identity(path))
      inputs.push_back({path, *identity});
  }
  std::string text = profile::write_profile(measurement.profile(),
                                            header(policy_names, captures, measurement.stats()));
  write_err(env, support::render_all(diags, {env.color}));
  if (options.output.empty() || options.output == "-")
    write_out(env, text);
  else
    support::write_output_file(options.output, text, inputs);
  return kOk;
}

}  // namespace rosgen::cli
