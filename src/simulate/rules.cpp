// Compiling RouterOS items into simulator rules (see rules.hpp). Each property is parsed
// into its matcher; a property or value this file does not know is recorded as
// unmodeled on the rule, never dropped silently.
#include "simulate/rules.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "routeros/canonical.hpp"
#include "simulate/rule_values.hpp"

namespace rosgen::simulate {

bool Ipv4Set::contains(std::uint32_t address) const {
  for (const auto& [low, high] : ranges) {
    if (address >= low && address <= high)
      return true;
  }
  return false;
}

bool PortSet::contains(std::uint16_t port) const {
  for (const auto& [low, high] : ranges) {
    if (port >= low && port <= high)
      return true;
  }
  return false;
}

int Names::id(const std::string& name) {
  if (name.empty())
    return 0;
  auto [it, inserted] = ids_.try_emplace(name, static_cast<int>(names_.size()));
  if (inserted)
    names_.push_back(name);
  return it->second;
}

namespace {

using namespace detail;

class Compiler {
 public:
  Compiler(Rules& out, int major) : out_(out) { out_.major = major; }

  void rule(const ir::Item& item, std::size_t position) {
    const std::string* disabled = item.get("disabled");
    if (disabled != nullptr && (*disabled == "yes" || *disabled == "true"))
      return;
    Rule rule;
    rule.menu = item.menu;
    rule.position = position;
    const std::string* chain = item.get("chain");
    rule.chain = chain != nullptr ? *chain : "";
    const std::string* comment = item.get("comment");
    const std::string* action = item.get("action");
    rule.action_name = action != nullptr ? *action : "accept";
    if (comment != nullptr && !comment->empty()) {
      rule.label = *comment;
      rule.owned = comment->rfind("rosgen:", 0) == 0;
    } else {
      rule.label = std::string(ir::menu_short_name(item.menu)) + " rule " +
                   std::to_string(position) + " (chain=" + rule.chain +
                   " action=" + rule.action_name + ")";
    }
    auto parsed_action = action_of(rule.action_name);
    rule.action = parsed_action.value_or(Action::Other);
    for (const ir::Property& p : item.properties) property(rule, p);
    Table& table = table_of(item.menu);
    int index = static_cast<int>(out_.rules.size());
    table.chains[static_cast<std::size_t>(chain_id(table, rule.chain))].push_back(index);
    pending_jumps_.push_back(index);
    out_.rules.push_back(std::move(rule));
  }

  // Resolves jump targets once every chain exists.
  void finish() {
    for (int index : pending_jumps_) {
      Rule& rule = out_.rules[static_cast<std::size_t>(index)];
      if (rule.action != Action::Jump)
        continue;
      Table& table = table_of(rule.menu);
      rule.jump_target = table.chain(jump_targets_[index]);
    }
  }

  // `tree` of `trees`, whose queue types are `types`. A queue whose parent is another queue
  // takes its root's attachment (an interface's egress, or global).
  void queue(const ir::Item& tree, const std::vector<ir::Item>& trees,
             const std::vector<ir::Item>& types) {
    const std::string* disabled = tree.get("disabled");
    if (disabled != nullptr && *disabled == "yes")
      return;
    Queue queue;
    const std::string* name = tree.get("name");
    queue.name = name != nullptr ? *name : "";
    const std::string* comment = tree.get("comment");
    queue.label = comment != nullptr ? *comment : queue.name;
    if (const std::string* mark = tree.get("packet-mark"))
      queue.packet_mark = out_.names.id("mark:" + *mark);
    const std::string* parent = tree.get("parent");
    for (int depth = 0; parent != nullptr && depth < 16; ++depth) {  // up to the root
      auto up = std::find_if(trees.begin(), trees.end(), [&](const ir::Item& other) {
        const std::string* other_name = other.get("name");
        return other_name != nullptr && *other_name == *parent;
      });
      if (up == trees.end())
        break;
      if (!queue.nested)
        queue.unmodeled.push_back("parent queue " + *parent +
                                  " (its max-limit, and limit-at and priority among siblings)");
      queue.nested = true;
      parent = up->get("parent");
    }
    queue.global = parent == nullptr || *parent == "global";
    if (!queue.global)
      queue.parent_interface = out_.names.id("iface:" + *parent);
    if (const std::string* max_limit = tree.get("max-limit")) {
      auto bps = number<std::uint64_t>(
          routeros::canonical_value(ir::Menu::QueueTree, "max-limit", *max_limit, out_.major));
      if (bps)
        queue.rate_bps = static_cast<double>(*bps);
    }
    const std::string* type_name = tree.get("queue");
    for (const ir::Item& type : types) {
      const std::string* n = type.get("name");
      if (type_name == nullptr || n == nullptr || *n != *type_name)
        continue;
      const std::string* kind = type.get("kind");
      queue.pcq = kind != nullptr && *kind == "pcq";
      if (!queue.pcq) {
        queue.unmodeled.push_back("queue kind " + (kind != nullptr ? *kind : std::string("?")));
        break;
      }
      if (const std::string* rate = type.get("pcq-rate")) {
        auto bps = number<std::uint64_t>(
            routeros::canonical_value(ir::Menu::QueueType, "pcq-rate", *rate, out_.major));
        if (bps)
          queue.rate_bps = static_cast<double>(*bps);
      }
      // pcq-limit: KiB on v7 (printed "50KiB"); read the same way on v6, the unit rosgen's
      // canonical form uses (routeros/canonical.cpp explains the sources and the doubt).
      std::string limit = "50KiB";
      if (const std::string* l = type.get("pcq-limit"))
        limit = routeros::canonical_value(ir::Menu::QueueType, "pcq-limit", *l, out_.major);
      if (limit.size() > 3 && limit.ends_with("KiB")) {
        if (auto kib = number<std::uint64_t>(std::string_view(limit).substr(0, limit.size() - 3)))
          queue.limit_bytes = *kib * 1024;
      }
      if (const std::string* classifier = type.get("pcq-classifier")) {
        queue.classify_src = queue.classify_dst = false;
        for (std::string_view part : split(*classifier, ',')) {
          queue.classify_src |= part == "src-address";
          queue.classify_dst |= part == "dst-address";
          queue.classify_src_port |= part == "src-port";
          queue.classify_dst_port |= part == "dst-port";
        }
      }
      break;
    }
    out_.queues.push_back(std::move(queue));
  }

  void layer7(const ir::Item& item) {
    const std::string* name = item.get("name");
    const std::string* regexp = item.get("regexp");
    if (name == nullptr)
      return;
    std::string error;
    std::optional<Layer7Pattern> pattern;
    if (regexp == nullptr)
      error = "no regexp";
    else
      pattern = Layer7Pattern::compile(*regexp, error);
    if (!pattern) {
      layer7_errors_[*name] = "its regexp " + error;
      out_.not_modeled.push_back("layer7-protocol " + *name + ": its regexp " + error +
                                 "; rules that use it count as unmodeled");
      return;
    }
    out_.layer7.push_back({*name, std::move(*pattern)});
  }

  void list_entry(const ir::Item& item) {
    const std::string* disabled = item.get("disabled");
    if (disabled != nullptr && *disabled == "yes")
      return;
    const std::string* list = item.get("list");
    const std::string* address = item.get("address");
    if (list == nullptr || address == nullptr)
      return;
    ListEntry entry;
    entry.list = out_.names.id("list:" + *list);
    auto range = ipv4_range(*address);
    if (!range) {
      out_.not_modeled.push_back("address-list entry " + *address + " in " + *list +
                                 " (not an IPv4 address, prefix or range: a DNS name?)");
      return;
    }
    entry.addresses.ranges.push_back(*range);
    if (const std::string* timeout = item.get("timeout")) {
      if (auto seconds = routeros::parse_routeros_time(*timeout))
        entry.timeout_us = static_cast<std::int64_t>(*seconds) * 1000000;
    }
    out_.list_entries.push_back(std::move(entry));
  }

 private:
  Table& table_of(ir::Menu menu) {
    switch (menu) {
      case ir::Menu::Raw:
        return out_.raw;
      case ir::Menu::Mangle:
        return out_.mangle;
      case ir::Menu::Nat:
        return out_.nat;
      default:
        return out_.filter;
    }
  }

  int chain_id(Table& table, const std::string& name) {
    auto [it, inserted] = table.chain_ids.try_emplace(name, static_cast<int>(table.chains.size()));
    if (inserted)
      table.chains.emplace_back();
    return it->second;
  }

  void unmodeled(Rule& rule, const ir::Property& p) {
    rule.unmodeled.push_back(p.name + "=" + p.value);
  }

  void property(Rule& rule, const ir::Property& p) {
    const std::string& name = p.name;
    auto [neg, value] = negation(p.value);
    auto ok = [&](bool parsed) {
      if (!parsed)
        unmodeled(rule, p);
    };
    // src-address-list="" in a v6 export; !"" reaches here as the two quote characters
    if ((value.empty() || value == "\"\"") && !is_descriptive(name)) {
      rule.unmodeled.push_back(p.name + "=" + (neg ? "!" : "") +
                               "\"\" (an empty value: what RouterOS matches then is not "
                               "documented)");
      return;
    }
    if (name == "protocol") {
      rule.protocol = protocol_number(value);
      rule.neg_protocol = neg;
      ok(rule.protocol.has_value());
    } else if (name == "src-address" || name == "dst-address") {
      auto range = ipv4_range(value);
      ok(range.has_value());
      if (range) {
        auto& field = name == "src-address" ? rule.src_address : rule.dst_address;
        field = Ipv4Set{{*range}};
        (name == "src-address" ? rule.neg_src_address : rule.neg_dst_address) = neg;
      }
    } else if (name == "in-interface" || name == "out-interface") {
      int id = out_.names.id("iface:" + std::string(value));
      (name == "in-interface" ? rule.in_interface : rule.out_interface) = id;
      (name == "in-interface" ? rule.neg_in_interface : rule.neg_out_interface) = neg;
    } else if (name == "in-interface-list" || name == "out-interface-list") {
      int id = out_.names.id("ilist:" + std::string(value));
      (name == "in-interface-list" ? rule.in_list : rule.out_list) = id;
      (name == "in-interface-list" ? rule.neg_in_list : rule.neg_out_list) = neg;
    } else if (name == "src-address-list" || name == "dst-address-list") {
      int id = out_.names.id("list:" + std::string(value));
      (name == "src-address-list" ? rule.src_list : rule.dst_list) = id;
      (name == "src-address-list" ? rule.neg_src_list : rule.neg_dst_list) = neg;
    } else if (name == "dst-port" || name == "src-port" || name == "port") {
      auto ports = port_set(value);
      ok(ports.has_value());
      if (name == "dst-port") {
        rule.dst_port = ports;
        rule.neg_dst_port = neg;
      } else if (name == "src-port") {
        rule.src_port = ports;
        rule.neg_src_port = neg;
      } else {
        rule.any_port = ports;
        rule.neg_any_port = neg;
      }
    } else if (name == "tcp-flags") {
      rule.has_tcp_flags = true;
      for (std::string_view flag : split(p.value, ',')) {
        auto [clear, flag_name] = negation(flag);
        auto bit = tcp_flag(flag_name);
        if (!bit) {
          unmodeled(rule, p);
          break;
        }
        (clear ? rule.tcp_clear : rule.tcp_set) |= *bit;
      }
    } else if (name == "packet-size") {
      auto range = number_range(value);
      ok(range.has_value());
      if (range) {
        rule.packet_size = std::pair{static_cast<std::uint32_t>(range->first),
                                     static_cast<std::uint32_t>(range->second)};
        rule.neg_packet_size = neg;
      }
    } else if (name == "packet-mark" || name == "connection-mark") {
      int id = value == "no-mark" ? 0 : out_.names.id("mark:" + std::string(value));
      (name == "packet-mark" ? rule.packet_mark : rule.connection_mark) = id;
      (name == "packet-mark" ? rule.neg_packet_mark : rule.neg_connection_mark) = neg;
    } else if (name == "connection-state") {
      auto bits = state_bits(value);
      ok(bits.has_value());
      rule.connection_state = bits.value_or(0);
      rule.neg_connection_state = neg;
    } else if (name == "connection-nat-state") {
      std::uint8_t bits = 0;
      bool parsed = true;
      for (std::string_view part : split(value, ',')) {
        if (part == "srcnat")
          bits |= kNatSrcnat;
        else if (part == "dstnat")
          bits |= kNatDstnat;
        else
          parsed = false;
      }
      ok(parsed);
      rule.nat_state = bits;
      rule.neg_nat_state = neg;
    } else if (name == "connection-bytes") {
      auto range = number_range(value);
      ok(range.has_value());
      rule.connection_bytes = range;
      rule.neg_connection_bytes = neg;
    } else if (name == "connection-limit") {
      auto parts = split(value, ',');
      auto count = number<std::uint32_t>(parts[0]);
      auto prefix = parts.size() == 2 ? number<std::uint32_t>(parts[1]) : std::optional(32u);
      ok(count && prefix && *prefix <= 32 && parts.size() <= 2);
      if (count && prefix && *prefix <= 32)
        rule.connection_limit = std::pair{*count, *prefix};
      rule.neg_connection_limit = neg;
    } else if (name == "ipsec-policy") {
      // No IPsec traffic in a simulation: "in,none"/"out,none" always, "...,ipsec" never.
      auto parts = split(p.value, ',');
      ok(parts.size() == 2 && (parts[1] == "none" || parts[1] == "ipsec"));
      rule.ipsec_matches = parts.size() == 2 && parts[1] == "none";
    } else if (name == "content") {
      rule.content = std::string(value);
      rule.neg_content = neg;
    } else if (name == "layer7-protocol") {
      std::string_view wanted = value;  // a structured binding: not capturable before C++20's P1091
      auto it = std::find_if(out_.layer7.begin(), out_.layer7.end(),
                             [&](const Layer7& l7) { return l7.name == wanted; });
      if (it == out_.layer7.end()) {
        rule.unmodeled.push_back(p.name + "=" + p.value + " (" +
                                 (layer7_errors_.count(std::string(value))
                                      ? layer7_errors_.at(std::string(value))
                                      : "no such /ip firewall layer7-protocol entry") +
                                 ")");
      } else {
        rule.layer7 = static_cast<int>(it - out_.layer7.begin());
        rule.neg_layer7 = neg;
      }
    } else if (name == "limit") {
      rule.limit = parse_limit(value);
      ok(rule.limit.has_value() && !neg);
    } else if (name == "dst-limit") {
      rule.dst_limit = parse_dst_limit(value);
      ok(rule.dst_limit.has_value() && !neg);
    } else if (name == "jump-target") {
      jump_targets_[static_cast<int>(out_.rules.size())] = p.value;
    } else if (name == "new-connection-mark" || name == "new-packet-mark") {
      rule.new_mark = out_.names.id("mark:" + p.value);
    } else if (name == "passthrough") {
      rule.passthrough = p.value != "no";
    } else if (name == "address-list") {
      rule.address_list = out_.names.id("list:" + p.value);
    } else if (name == "address-list-timeout") {
      if (p.value == "none-dynamic" || p.value == "none-static") {
        rule.address_list_timeout_us = 0;
      } else {
        auto seconds = routeros::parse_routeros_time(p.value);
        ok(seconds.has_value());
        rule.address_list_timeout_us = static_cast<std::int64_t>(seconds.value_or(0)) * 1000000;
      }
    } else if (name == "reject-with") {
      rule.reject_with = p.value;
    } else if (!is_descriptive(name)) {
      unmodeled(rule, p);
    }
  }

  // A layer7-protocol entry whose regexp the simulator cannot use: name -> why.
  std::map<std::string, std::string> layer7_errors_;

  Rules& out_;
  std::vector<int> pending_jumps_;
  std::map<int, std::string> jump_targets_;
};

}  // namespace

std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_ipv4_range(std::string_view text) {
  return ipv4_range(text);
}

Rules compile_rules(const routeros::RouterState& state, int major) {
  Rules out;
  Compiler compiler(out, major);
  // The built-in chains exist even when empty, in a fixed order.
  for (const char* chain : {"prerouting", "input", "forward", "output", "postrouting"})
    out.mangle.chain_ids.emplace(chain, static_cast<int>(out.mangle.chains.size())),
        out.mangle.chains.emplace_back();
  for (const char* chain : {"input", "forward", "output"})
    out.filter.chain_ids.emplace(chain, static_cast<int>(out.filter.chains.size())),
        out.filter.chains.emplace_back();
  for (const char* chain : {"prerouting", "output"})
    out.raw.chain_ids.emplace(chain, static_cast<int>(out.raw.chains.size())),
        out.raw.chains.emplace_back();
  for (const char* chain : {"dstnat", "srcnat"})
    out.nat.chain_ids.emplace(chain, static_cast<int>(out.nat.chains.size())),
        out.nat.chains.emplace_back();
  for (const ir::Item& entry : state.items(ir::Menu::Layer7Protocol)) compiler.layer7(entry);
  for (ir::Menu menu : {ir::Menu::Raw, ir::Menu::Mangle, ir::Menu::Filter, ir::Menu::Nat}) {
    const std::vector<ir::Item>& items = state.items(menu);
    for (std::size_t i = 0; i < items.size(); ++i) compiler.rule(items[i], i);
  }
  compiler.finish();
  for (const ir::Item& tree : state.items(ir::Menu::QueueTree))
    compiler.queue(tree, state.items(ir::Menu::QueueTree), state.items(ir::Menu::QueueType));
  for (const ir::Item& entry : state.items(ir::Menu::AddressList)) compiler.list_entry(entry);
  return out;
}

}  // namespace rosgen::simulate
