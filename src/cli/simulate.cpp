// `rosgen simulate (POLICY.pol | RULES.rsc) (--pcap FILE | --scenario FILE.json)
// [--with EXPORT.rsc] [--clients CIDR] [--lan-iface NAME] [--wan-iface NAME] [--json]`:
// the rules run on real or described traffic the way RouterOS runs them. Builds the
// router (build_router(), simulate.hpp: the running configuration, then the rules
// imported on top as /import would), feeds the packets through simulate::Simulator,
// renders the report. Exit 0 on a report, 1 errors in the policy, the rules or the
// scenario, 3 I/O, 64 usage (app.cpp).
#include "cli/simulate.hpp"

#include <unistd.h>

#include <algorithm>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <tuple>

#include "capture/pcap_source.hpp"
#include "capture/scenario.hpp"
#include "cli/app.hpp"
#include "emit/rsc_writer.hpp"
#include "routeros/script_reader.hpp"
#include "routeros/state.hpp"
#include "simulate/engine.hpp"
#include "simulate/report.hpp"
#include "simulate/rules.hpp"
#include "support/ascii.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"

namespace rosgen::cli {

namespace {

// Reads `path` (an export or a script) and runs it on `initial`, as /import would when
// `import` is set. Throws IoError when the file cannot be read.
routeros::ReadResult read_rsc(const std::string& path, support::DiagnosticEngine& diags,
                              routeros::RouterState initial, bool import,
                              std::vector<support::InputFile>* inputs = nullptr) {
  auto file = support::open_source_file(path, inputs);
  routeros::ReadOptions options;
  options.import = import;
  return routeros::read_script(file, diags, std::move(initial), options);
}

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The interface lists the configuration defines (/interface list and /interface list
// member, enabled members), with include= and exclude= of other lists resolved (RouterOS
// manual, Interface Lists: a list holds its members, those of its included lists, less
// those of its excluded lists). Cycles are cut at the list being resolved.
std::map<std::string, std::set<std::string>> configured_interface_lists(
    const routeros::RouterState& state) {
  std::map<std::string, std::set<std::string>> members;
  std::map<std::string, std::pair<std::string, std::string>> includes;  // include, exclude
  auto text = [](const ir::Item& item, std::string_view name) {
    const std::string* value = item.get(name);
    return value != nullptr ? *value : std::string();
  };
  for (const ir::Item& list : state.items(ir::Menu::InterfaceList)) {
    if (text(list, "name").empty())
      continue;
    members[text(list, "name")];
    includes[text(list, "name")] = {text(list, "include"), text(list, "exclude")};
  }
  for (const ir::Item& member : state.items(ir::Menu::InterfaceListMember)) {
    if (text(member, "disabled") == "yes" || text(member, "list").empty())
      continue;
    members[text(member, "list")].insert(text(member, "interface"));
  }
  std::map<std::string, std::set<std::string>> resolved;
  std::function<std::set<std::string>(const std::string&, std::set<std::string>&)> resolve =
      [&](const std::string& name, std::set<std::string>& visiting) {
        std::set<std::string> out;
        if (!visiting.insert(name).second || !members.count(name))
          return out;
        out = members[name];
        for (std::string_view included : support::split(includes[name].first, ',')) {
          if (included.empty())
            continue;
          auto more = resolve(std::string(included), visiting);
          out.insert(more.begin(), more.end());
        }
        for (std::string_view excluded : support::split(includes[name].second, ','))
          if (!excluded.empty())
            for (const std::string& interface : resolve(std::string(excluded), visiting))
              out.erase(interface);
        visiting.erase(name);
        return out;
      };
  for (const auto& entry : members) {
    std::set<std::string> visiting;
    resolved[entry.first] = resolve(entry.first, visiting);
  }
  return resolved;
}

// "/ip firewall raw: 12 statements" lines for the report.
void note_opaque(const routeros::ReadResult& read, const std::string& source,
                 std::vector<std::string>& out) {
  for (const auto& [menu, count] : read.opaque_by_menu()) {
    if (menu.empty() || menu[0] != '/')
      continue;  // scripting and console text, not configuration
    out.push_back(menu + " (" + std::to_string(count) + " statement" + (count == 1 ? "" : "s") +
                  " in " + source + ")");
  }
}

// The prefixes that cover the inclusive range [low, high] exactly, largest first.
std::vector<sema::Prefix> prefixes_of(std::uint32_t low, std::uint32_t high) {
  std::vector<sema::Prefix> out;
  std::uint64_t at = low;
  while (at <= high) {
    std::uint8_t length = 32;
    // Grow the block while it stays aligned and inside the range.
    while (length > 0) {
      std::uint64_t size = std::uint64_t{1} << (32 - (length - 1));
      if (at % size != 0 || at + size - 1 > high)
        break;
      --length;
    }
    out.push_back({static_cast<std::uint32_t>(at), length});
    at += std::uint64_t{1} << (32 - length);
  }
  return out;
}

}  // namespace

std::optional<SimulatedRouter> build_router(const SimulateOptions& options,
                                            support::DiagnosticEngine& diags,
                                            simulate::ReportContext* context,
                                            std::vector<support::InputFile>* inputs) {
  simulate::ReportContext unused;
  if (context == nullptr)
    context = &unused;
  context->rules_source = options.pipeline.path;
  SimulatedRouter built;
  simulate::SimulateOptions& sim = built.sim;
  routeros::RouterState& router = built.state;
  int& major = built.major;
  std::vector<std::string> client_texts;           // as written, for the report
  std::string lan_list = "LAN", wan_list = "WAN";  // interface lists holding them
  std::optional<int> running_major;                // the --with export's RouterOS version
  std::string running_version;

  // 0. --clients: the hosts whose packets come in on the LAN side. A policy is compiled
  // with them as its clients, so a capture from any network meets the policy's rules.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> clients;
  sema::AddressSet client_set{"clients", {}};
  for (const std::string& text : options.clients) {
    auto range = simulate::parse_ipv4_range(text);
    if (!range) {
      diags.error({}, "--clients: '" + text + "' is not an IPv4 prefix, range or address");
      continue;
    }
    clients.push_back(*range);
    for (const sema::Prefix& prefix : prefixes_of(range->first, range->second))
      client_set.prefixes.push_back(prefix);
  }

  // 1. The running configuration, if given: what stands in front of the rules.
  if (ends_with(options.with, ".pol")) {
    diags.error({}, "--with takes the router's configuration, an export (.rsc); '" + options.with +
                        "' is a policy (give it as the first argument)");
    return std::nullopt;
  }
  if (!options.with.empty()) {
    routeros::ReadResult running = read_rsc(options.with, diags, {}, false, inputs);
    router = std::move(running.state);
    routeros::sync_dynamic_items(router);
    major = running.routeros_major().value_or(major);
    running_major = running.routeros_major();
    running_version = running.routeros_version.value_or("");
    context->with = options.with;
    note_opaque(running, options.with, context->not_modeled);
  }

  // 2. The rules: a policy compiled and imported on top, or a script read on top.
  if (ends_with(options.pipeline.path, ".rsc")) {
    context->rules_kind = "script";
    routeros::ReadResult read =
        read_rsc(options.pipeline.path, diags, router, !options.with.empty(), inputs);
    router = std::move(read.state);
    major = read.routeros_major().value_or(major);
    note_opaque(read, options.pipeline.path, context->not_modeled);
    if (read.stopped_at) {
      diags.error({}, "'" + options.pipeline.path + "' stops at line " +
                          std::to_string(*read.stopped_at) + " when imported on '" + options.with +
                          "' (see above): RouterOS would leave it half-applied");
    }
    context->items = router.size();
  } else {
    context->rules_kind = "policy";
    SiteOverrides overrides;
    if (!client_set.prefixes.empty())
      overrides.clients = client_set;
    if (!options.lan_interface.empty())
      overrides.client_interface = sema::Interface{options.lan_interface, false};
    if (!options.wan_interface.empty())
      overrides.uplink = sema::Interface{options.wan_interface, false};
    PipelineResult compiled = run_pipeline(options.pipeline, diags, overrides);
    for (const support::InputFile& input : compiled.inputs)
      if (inputs != nullptr)
        inputs->push_back(input);
    if (!compiled.script || !compiled.ruleset || !compiled.site)
      return std::nullopt;
    major = compiled.routeros;
    if (running_major && *running_major != compiled.routeros) {
      diags.warning({}, "'" + options.with + "' comes from RouterOS " + running_version +
                            " but the policy is compiled for RouterOS " +
                            std::to_string(compiled.routeros) +
                            " (use --target or the policy's 'routeros' setting)");
    }
    context->policy = compiled.ruleset->policy;
    context->items = compiled.items;
    const sema::Site& site = *compiled.site;
    if (site.clients) {
      for (const sema::Prefix& prefix : site.clients->prefixes) {
        if (auto range = simulate::parse_ipv4_range(prefix.text())) {
          sim.clients.push_back(*range);
          client_texts.push_back(prefix.text());
        }
      }
    }
    if (site.client_interface && !site.client_interface->is_list)
      sim.lan_interface = site.client_interface->name;
    if (site.uplink && !site.uplink->is_list)
      sim.wan_interface = site.uplink->name;
    // 'via list GUESTS' / 'uplink list WAN': the list holds the interface packets use.
    if (site.client_interface && site.client_interface->is_list)
      lan_list = site.client_interface->name;
    if (site.uplink && site.uplink->is_list)
      wan_list = site.uplink->name;
    // Import the script as RouterOS would: placements, the preamble's removals and the
    // refusals of the model included.
    auto file = std::make_shared<const support::SourceFile>(
        "compiled script of " + options.pipeline.path, std::move(*compiled.script));
    routeros::ReadOptions import;
    import.import = true;
    routeros::ReadResult imported = routeros::read_script(file, diags, router, import);
    if (imported.stopped_at) {
      diags.error({}, "the compiled script of '" + options.pipeline.path + "' stops at line " +
                          std::to_string(*imported.stopped_at) +
                          " when imported on this configuration (see above)");
    }
    router = std::move(imported.state);
  }
  if (!clients.empty()) {
    sim.clients = clients;
    client_texts = options.clients;
  }
  if (!options.lan_interface.empty())
    sim.lan_interface = options.lan_interface;
  if (!options.wan_interface.empty())
    sim.wan_interface = options.wan_interface;
  if (sim.lan_interface == sim.wan_interface) {
    diags.error({}, "the clients' interface and the uplink are both '" + sim.lan_interface +
                        "': give --lan-iface and --wan-iface two different interfaces");
  }
  // The configuration's interface lists; a list it does not define holds the LAN or WAN
  // interface when the policy names it for them (LAN and WAN by default, as RouterOS's
  // default configuration does).
  std::string list_notes;
  for (const auto& [name, interfaces] : configured_interface_lists(router))
    sim.interface_lists[name] = interfaces;
  for (const auto& [list, interface, role] : {std::tuple{lan_list, sim.lan_interface, "clients'"},
                                              std::tuple{wan_list, sim.wan_interface, "uplink"}}) {
    auto it = sim.interface_lists.find(list);
    if (it == sim.interface_lists.end()) {
      sim.interface_lists[list].insert(interface);
    } else if (it->second.count(interface) == 0) {
      std::string held;
      for (const std::string& member : it->second) held += (held.empty() ? "" : ", ") + member;
      diags.warning({}, "the " + std::string(role) + " interface '" + interface +
                            "' is not in interface list " + list + " of '" +
                            (options.with.empty() ? options.pipeline.path : options.with) + "' (" +
                            (held.empty() ? "it is empty" : "it holds " + held) +
                            "): rules that match " + list +
                            " will not see these packets (see --lan-iface, --wan-iface)");
    }
  }
  for (const std::string& interface : {sim.lan_interface, sim.wan_interface}) {
    std::string lists;
    for (const auto& [name, interfaces] : sim.interface_lists)
      if (interfaces.count(interface) > 0)
        lists += (lists.empty() ? "" : ", ") + name;
    list_notes += "; " + interface + " is in " + (lists.empty() ? "no interface list" : lists);
  }
  if (sim.clients.empty() && !diags.has_errors()) {
    diags.error({},
                "no client prefix: give --clients CIDR (a script names none; a policy "
                "names them in 'clients ... via ...')");
  }
  // The router's LAN address (the first host of the first client prefix), then the
  // addresses given (its uplink's, ...).
  if (!sim.clients.empty())
    sim.router_addresses.push_back(sim.clients.front().first + 1);
  for (const std::string& text : options.router_addresses) {
    auto range = simulate::parse_ipv4_range(text);
    if (!range || range->first != range->second) {
      diags.error({}, "--router-address: '" + text + "' is not one IPv4 address");
      continue;
    }
    if (std::find(sim.router_addresses.begin(), sim.router_addresses.end(), range->first) ==
        sim.router_addresses.end())
      sim.router_addresses.push_back(range->first);
  }
  {
    std::string shown;
    for (const std::string& text : client_texts) shown += (shown.empty() ? "" : ", ") + text;
    std::string router_text;
    for (std::uint32_t address : sim.router_addresses) {
      router_text += (router_text.empty() ? "" : ", ") + std::to_string(address >> 24) + "." +
                     std::to_string((address >> 16) & 255) + "." +
                     std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
    }
    context->setup = "clients " + shown + " on " + sim.lan_interface + " (interface list " +
                     lan_list + "), uplink " + sim.wan_interface + " (" + wan_list +
                     "); the router is " + router_text +
                     "; traffic between two clients is not routed" + list_notes;
  }
  return built;
}

int run_simulate(const SimulateOptions& options, const Environment& env) {
  support::DiagnosticEngine diags;
  simulate::ReportContext context;
  std::vector<support::InputFile> inputs;
  std::optional<SimulatedRouter> built = build_router(options, diags, &context, &inputs);
  if (!built) {
    write_err(env, support::render_all(diags, {env.color}));
    return kPolicyErrors;
  }
  const routeros::RouterState& router = built->state;
  simulate::SimulateOptions& sim = built->sim;
  // FastTrack from filter or mangle (RouterOS 6 configurations fast-track in mangle too).
  const auto& filter = router.items(ir::Menu::Filter);
  const auto& mangle = router.items(ir::Menu::Mangle);
  context.fasttrack = std::any_of(filter.begin(), filter.end(), routeros::enables_fasttrack) ||
                      std::any_of(mangle.begin(), mangle.end(), routeros::enables_fasttrack);

  // 3. The traffic.
  std::unique_ptr<capture::PacketSource> source;
  capture::ScenarioSource* scenario = nullptr;
  if (!diags.has_errors()) {
    // The traffic file is an input too: -o must never replace it. A file that cannot be
    // read at all is an I/O error (exit 3): open_capture throws; a scenario is read here,
    // once, and parsed from that text.
    if (!options.pcap.empty()) {
      source = capture::open_capture(options.pcap);
      if (auto identity = support::file_identity(options.pcap))
        inputs.push_back({options.pcap, *identity});
      context.traffic_source = options.pcap;
    } else {
      std::string reason;
      auto contents = support::read_input_file(options.scenario, &reason);
      if (!contents)
        throw support::IoError("cannot open '" + options.scenario + "': " + reason);
      inputs.push_back({options.scenario, contents->identity});
      if (auto parsed = capture::parse_scenario(options.scenario, contents->text, diags)) {
        context.traffic_source = "scenario " + options.scenario;
        auto read =
            std::make_unique<capture::ScenarioSource>(context.traffic_source, std::move(*parsed));
        scenario = read.get();
        source = std::move(read);
      }
    }
  }
  write_err(env, support::render_all(diags, {env.color}));
  if (diags.has_errors() || !source)
    return kPolicyErrors;

  sim.stop_flows_after_drop = scenario != nullptr;  // described endpoints stop sending
  simulate::Simulator simulator(simulate::compile_rules(router, built->major), sim);
  for (const std::string& line : simulator.rules().not_modeled) context.not_modeled.push_back(line);
  capture::Packet packet;
  bool progress = options.progress && ::isatty(STDERR_FILENO);
  while (source->next(packet)) {
    ++context.frames;
    std::string label;
    if (scenario != nullptr)
      label = scenario->label_of(packet);
    simulator.process(packet, label.empty() ? nullptr : &label);
    if (progress && context.frames % 100000 == 0)
      *env.err << "\rrosgen simulate: " << context.frames << " packets" << std::flush;
  }
  if (progress && context.frames >= 100000)
    *env.err << "\n";
  context.skipped = source->skipped();
  context.frames += context.skipped.total();
  if (context.frames == 0 && scenario == nullptr) {
    support::DiagnosticEngine empty;
    empty.warning({}, "'" + options.pcap + "' holds no frames: nothing was simulated");
    write_err(env, support::render_all(empty, {env.color}));
  }
  std::string rendered = options.json ? simulate::render_report_json(simulator, context)
                                      : simulate::render_report(simulator, context);
  if (options.output.empty() || options.output == "-") {
    write_out(env, rendered);
  } else {
    support::write_output_file(options.output, rendered, inputs);
  }
  return kOk;
}

}  // namespace rosgen::cli
