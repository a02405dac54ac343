// Writing profiles with toml++'s formatter and reading them back through toml++'s parser
// (config::TomlReader turns its positions into rosgen's diagnostics). The checks follow
// the shape documented in profile_toml.hpp.
#include "profile/profile_toml.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <sstream>

#include "config/toml_reader.hpp"
#include "support/utf8.hpp"

namespace rosgen::profile {

namespace {

using config::is_tables;
using config::type_name;

// Bytes as characters U+0000-U+00FF, in UTF-8 (what a TOML string holds).
std::string bytes_to_text(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return out;
}

// The inverse of bytes_to_text() for the valid UTF-8 toml++ gives; nullopt when a
// character is above U+00FF (it is then stored in *bad).
std::optional<std::string> text_to_bytes(std::string_view text, std::uint32_t* bad) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = std::max<std::size_t>(1, support::utf8_char_length(text, i));
    auto lead = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = length == 1 ? lead : lead & (0x3Fu >> (length - 1));
    for (std::size_t k = 1; k < length; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    if (cp > 0xFF) {
      *bad = cp;
      return std::nullopt;
    }
    out += static_cast<char>(cp);
    i += length;
  }
  return out;
}

// A fragment for a message: printable ASCII as is, other bytes \xHH.
std::string shown(std::string_view bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7F) {
      out += c;
    } else {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

std::string gate_text(const Gate& gate) {
  std::string out(sema::protocol_name(gate.protocol));
  out += gate.ports.empty() ? ", any port" : ", ports " + ports_text(gate.ports);
  out += gate.window_bytes ? ", window " + std::to_string(*gate.window_bytes) + " bytes"
                           : ", no window";
  return out;
}

// The profile's checks on top of the shared TOML reading (config/toml_reader.hpp).
class Reader : config::TomlReader {
 public:
  using TomlReader::TomlReader;

  std::optional<Profile> read() {
    std::optional<toml::table> parsed = parse();
    if (!parsed)
      return std::nullopt;
    const toml::table& root = *parsed;
    std::size_t errors = diags().error_count();
    Profile profile;
    check_keys(root, {"format", "gate"}, "the profile");
    if (const toml::node* format = require(root, "format", "the profile")) {
      auto text = string_of(*format, "format");
      if (text && *text != kFormat) {
        error(*format, "unsupported profile format '" + *text + "'; this rosgen reads '" +
                           std::string(kFormat) + "'");
      }
    }
    if (const toml::node* gates = root.get("gate")) {
      if (!is_tables(*gates)) {
        error(*gates, "'gate' must be an array of tables ([[gate]]), not " +
                          std::string(type_name(gates->type())));
      } else {
        for (const toml::node& node : *gates->as_array()) read_gate(*node.as_table(), profile);
      }
    }
    if (diags().error_count() != errors)
      return std::nullopt;
    std::sort(profile.gates.begin(), profile.gates.end(),
              [](const GateCounts& a, const GateCounts& b) { return gate_less(a.gate, b.gate); });
    return profile;
  }

 private:
  // A non-negative integer.
  std::optional<std::uint64_t> count_of(const toml::node& node, std::string_view key) {
    std::optional<std::int64_t> value = integer_of(node, key);
    if (!value)
      return std::nullopt;
    if (*value < 0) {
      error(node,
            "'" + std::string(key) + "' must not be negative (" + std::to_string(*value) + ")");
      return std::nullopt;
    }
    return static_cast<std::uint64_t>(*value);
  }

  // A count that may not exceed the gate's packets (null `packets`: not known).
  std::optional<std::uint64_t> bounded(const toml::node& node, std::string_view key,
                                       const toml::node* packets_node,
                                       std::optional<std::uint64_t> packets) {
    auto count = count_of(node, key);
    if (count && packets && *count > *packets) {
      error(node, "'" + std::string(key) + "' (" + std::to_string(*count) +
                      ") is larger than the gate's packets (" + std::to_string(*packets) + ")")
          .notes.push_back(support::make_note(range(packets_node->source()),
                                              "the gate's packets are given here"));
      return std::nullopt;
    }
    return count;
  }

  void read_gate(const toml::table& table, Profile& profile) {
    std::size_t errors = diags().error_count();
    check_keys(table, {"data-packets", "fragment", "packets", "ports", "protocol", "window-bytes"},
               "a gate");
    GateCounts counts;
    sema::Protocol protocol = sema::Protocol::Tcp;
    if (const toml::node* node = require(table, "protocol", "a gate")) {
      auto text = string_of(*node, "protocol");
      if (text && *text == "udp")
        protocol = sema::Protocol::Udp;
      else if (text && *text != "tcp")
        error(*node, "'protocol' must be 'tcp' or 'udp', not '" + *text + "'");
    }
    std::vector<sema::PortRange> ports;
    if (const toml::node* node = table.get("ports")) {
      auto text = string_of(*node, "ports");
      auto parsed = text ? parse_ports(*text) : std::nullopt;
      if (parsed)
        ports = std::move(*parsed);
      else if (text)
        error(*node,
              "'ports' must be ports (1-65535) and ranges separated by commas, such as "
              "'80,3128,8000-8080', not '" +
                  *text + "'");
    }
    std::optional<std::uint32_t> window;
    if (const toml::node* node = table.get("window-bytes")) {
      auto bytes = count_of(*node, "window-bytes");
      if (bytes && (*bytes == 0 || *bytes > UINT32_MAX))
        error(*node,
              "'window-bytes' must be between 1 and 4294967295, not " + std::to_string(*bytes));
      else if (bytes)
        window = static_cast<std::uint32_t>(*bytes);
    }
    counts.gate = make_gate(protocol, std::move(ports), window);
    const toml::node* packets_node = require(table, "packets", "a gate");
    std::optional<std::uint64_t> packets;
    if (packets_node != nullptr) {
      packets = count_of(*packets_node, "packets");
      counts.packets = packets.value_or(0);
    }
    if (const toml::node* node = table.get("data-packets"))
      counts.data_packets = bounded(*node, "data-packets", packets_node, packets);
    if (const toml::node* fragments = table.get("fragment")) {
      if (!is_tables(*fragments)) {
        error(*fragments, "'fragment' must be an array of tables ([[gate.fragment]]), not " +
                              std::string(type_name(fragments->type())));
      } else {
        for (const toml::node& node : *fragments->as_array())
          read_fragment(*node.as_table(), packets_node, packets, counts);
      }
    }
    if (diags().error_count() != errors)
      return;
    for (std::size_t i = 0; i < profile.gates.size(); ++i) {
      if (profile.gates[i].gate != counts.gate)
        continue;
      diags()
          .error(start_of(table.source()), "duplicate gate (" + gate_text(counts.gate) + ")")
          .notes.push_back(support::make_note(range(gate_sources_[i]), "first given here"));
      return;
    }
    std::sort(counts.fragments.begin(), counts.fragments.end(),
              [](const FragmentCount& a, const FragmentCount& b) { return a.bytes < b.bytes; });
    profile.gates.push_back(std::move(counts));
    gate_sources_.push_back({table.source().begin, table.source().begin, {}});
  }

  void read_fragment(const toml::table& table, const toml::node* packets_node,
                     std::optional<std::uint64_t> packets, GateCounts& gate) {
    std::size_t errors = diags().error_count();
    check_keys(table, {"bytes", "exact", "forms", "nocase"}, "a fragment");
    FragmentCount fragment;
    if (const toml::node* node = require(table, "bytes", "a fragment")) {
      if (auto text = string_of(*node, "bytes")) {
        std::uint32_t bad = 0;
        auto bytes = text_to_bytes(*text, &bad);
        if (!bytes) {
          std::ostringstream hex;
          hex << std::uppercase << std::hex << bad;
          error(*node,
                "'bytes' must hold characters U+0000-U+00FF (one per byte), not U+" + hex.str());
        } else if (bytes->empty()) {
          error(*node, "'bytes' must not be empty");
        } else {
          fragment.bytes = std::move(*bytes);
        }
      }
    }
    using Field = std::pair<const char*, std::uint64_t*>;
    for (auto [key, field] : {Field{"nocase", &fragment.nocase}, Field{"exact", &fragment.exact}}) {
      if (const toml::node* node = require(table, key, "a fragment"))
        *field = bounded(*node, key, packets_node, packets).value_or(0);
    }
    std::map<std::string, const toml::node*> form_nodes;
    if (const toml::node* node = table.get("forms"))
      read_forms(*node, packets_node, packets, fragment, form_nodes);
    if (diags().error_count() != errors)
      return;
    check_counts(table, fragment, form_nodes);
    if (diags().error_count() != errors)
      return;
    for (const FragmentCount& other : gate.fragments) {
      if (other.bytes == fragment.bytes) {
        error(*table.get("bytes"), "duplicate fragment '" + shown(fragment.bytes) + "' in a gate");
        return;
      }
    }
    gate.fragments.push_back(std::move(fragment));
  }

  // The counts of one fragment against each other (each value already valid on its own):
  // a packet holding the bytes exactly, or in one case form, holds them in some case
  // (exact, each form <= nocase); one holding them in some case holds some form (the
  // forms add up to at least nocase); and the form written as `bytes` is the exact count.
  void check_counts(const toml::table& table, const FragmentCount& fragment,
                    const std::map<std::string, const toml::node*>& form_nodes) {
    const toml::node& nocase = *table.get("nocase");
    const toml::node& exact = *table.get("exact");
    auto nocase_note = [&] {
      return support::make_note(range(nocase.source()), "'nocase' is given here");
    };
    std::string bytes = "'" + shown(fragment.bytes) + "'";
    bool exact_ok = fragment.exact <= fragment.nocase;
    if (!exact_ok) {
      error(exact, "'exact' (" + std::to_string(fragment.exact) + ") is larger than 'nocase' (" +
                       std::to_string(fragment.nocase) + "): a packet holding " + bytes +
                       " byte for byte holds it in some case")
          .notes.push_back(nocase_note());
    }
    std::uint64_t sum = 0;
    for (const auto& [form, count] : fragment.forms) {
      sum += count;
      if (count <= fragment.nocase)
        continue;
      error(*form_nodes.at(form), "'forms' (" + std::to_string(count) +
                                      ") is larger than 'nocase' (" +
                                      std::to_string(fragment.nocase) + "): a packet holding '" +
                                      shown(form) + "' holds " + bytes + " in some case")
          .notes.push_back(nocase_note());
    }
    if (fragment.forms.empty())
      return;
    const toml::node& forms = *table.get("forms");
    if (sum < fragment.nocase) {
      error(forms, "the forms add up to " + std::to_string(sum) + ", fewer than 'nocase' (" +
                       std::to_string(fragment.nocase) + "): every packet holding " + bytes +
                       " in some case holds one of its forms")
          .notes.push_back(nocase_note());
    }
    auto written = fragment.forms.find(fragment.bytes);
    std::uint64_t own = written == fragment.forms.end() ? 0 : written->second;
    if (!exact_ok || fragment.exact == own)
      return;
    if (written == fragment.forms.end()) {
      error(exact, "'exact' (" + std::to_string(fragment.exact) + ") must be 0: 'forms' does " +
                       "not list " + bytes + " itself (the form written as 'bytes')")
          .notes.push_back(support::make_note(range(forms.source()), "'forms' is given here"));
    } else {
      error(exact, "'exact' (" + std::to_string(fragment.exact) + ") differs from the count of " +
                       bytes + " itself in 'forms' (" + std::to_string(own) + ")")
          .notes.push_back(support::make_note(range(form_nodes.at(fragment.bytes)->source()),
                                              "that count is given here"));
    }
  }

  void read_forms(const toml::node& node, const toml::node* packets_node,
                  std::optional<std::uint64_t> packets, FragmentCount& fragment,
                  std::map<std::string, const toml::node*>& form_nodes) {
    const toml::table* forms = node.as_table();
    if (forms == nullptr) {
      error(node, "'forms' must be a table of case forms and counts, not " +
                      std::string(type_name(node.type())));
      return;
    }
    for (auto&& [key, value] : *forms) {
      std::uint32_t bad = 0;
      auto form = text_to_bytes(key.str(), &bad);
      // Without valid bytes (already an error) there is nothing to compare with.
      if (!form || (!fragment.bytes.empty() && ascii_lower(*form) != ascii_lower(fragment.bytes))) {
        diags().error(range(key.source()), "'" + shown(form.value_or(std::string(key.str()))) +
                                               "' is not a case form of '" + shown(fragment.bytes) +
                                               "'");
        continue;
      }
      auto count = bounded(value, "forms", packets_node, packets);
      if (count && *count == 0) {
        error(value, "a case form's count must be at least 1 (forms not seen are left out)");
      } else if (count) {
        fragment.forms[*form] = *count;
        form_nodes[*form] = &value;
      }
    }
  }

  std::vector<toml::source_region> gate_sources_;  // where each accepted gate starts
};

}  // namespace

std::string write_profile(const Profile& profile, const std::vector<std::string>& comment) {
  toml::table root;
  root.insert("format", std::string(kFormat));
  toml::array gates;
  for (const GateCounts& counts : profile.gates) {
    toml::table gate;
    gate.insert("protocol", std::string(sema::protocol_name(counts.gate.protocol)));
    if (!counts.gate.ports.empty())
      gate.insert("ports", ports_text(counts.gate.ports));
    if (counts.gate.window_bytes)
      gate.insert("window-bytes", std::int64_t{*counts.gate.window_bytes});
    gate.insert("packets", static_cast<std::int64_t>(counts.packets));
    if (counts.data_packets)
      gate.insert("data-packets", static_cast<std::int64_t>(*counts.data_packets));
    toml::array fragments;
    for (const FragmentCount& f : counts.fragments) {
      toml::table fragment;
      fragment.insert("bytes", bytes_to_text(f.bytes));
      fragment.insert("nocase", static_cast<std::int64_t>(f.nocase));
      fragment.insert("exact", static_cast<std::int64_t>(f.exact));
      if (!f.forms.empty()) {
        toml::table forms;
        for (const auto& [form, count] : f.forms)
          forms.insert(bytes_to_text(form), static_cast<std::int64_t>(count));
        forms.is_inline(true);
        fragment.insert("forms", std::move(forms));
      }
      fragments.push_back(std::move(fragment));
    }
    if (!fragments.empty())
      gate.insert("fragment", std::move(fragments));
    gates.push_back(std::move(gate));
  }
  if (!gates.empty())
    root.insert("gate", std::move(gates));
  std::ostringstream out;
  for (const std::string& line : comment) out << (line.empty() ? "#" : "# " + line) << "\n";
  if (!comment.empty())
    out << "\n";
  out << toml::toml_formatter(root, toml::format_flags::none) << "\n";
  return out.str();
}

std::optional<Profile> read_profile(const std::shared_ptr<const support::SourceFile>& file,
                                    support::DiagnosticEngine& diags) {
  return Reader(file, diags).read();
}

std::optional<Profile> load_profile(const std::string& path, support::DiagnosticEngine& diags,
                                    std::vector<support::InputFile>* inputs) {
  auto file = support::open_source_file(path, inputs);
  return read_profile(file, diags);
}

}  // namespace rosgen::profile
