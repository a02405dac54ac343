// `rosgen compile`: policy -> RouterOS script on stdout (checked) or in a file
// (support::write_output_file: atomic, never an input). Also the pipeline that `check`,
// `diff` and `simulate` share (with the traffic profile it reads), and its first half,
// check_policy(), which `profile` uses.
#include <filesystem>
#include <map>
#include <ostream>

#include "cli/app.hpp"
#include "lower/budget.hpp"
#include "lower/clashes.hpp"
#include "lower/likelihood.hpp"
#include "lower/lower.hpp"
#include "lower/order.hpp"
#include "lower/version.hpp"
#include "optimise/commute.hpp"
#include "optimise/explain.hpp"
#include "profile/default_profile.hpp"
#include "profile/profile_toml.hpp"
#include "routeros/script_reader.hpp"
#include "sema/check.hpp"
#include "sema/load.hpp"
#include "simulate/rules.hpp"
#include "support/digest.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"

namespace rosgen::cli {

std::optional<sema::Policy> check_policy(const PipelineOptions& options,
                                         support::DiagnosticEngine& diags,
                                         std::vector<support::InputFile>& inputs) {
  sema::LoadOptions load_options{options.include_dirs, sema::default_library_dir()};
  // The main file is the user's input, not policy text: failing to read it is an I/O
  // error (exit 3), while an unreadable include is a diagnostic in the including file.
  std::string reason;
  std::optional<support::FileContents> contents = support::read_input_file(options.path, &reason);
  if (!contents)
    throw support::IoError("cannot open '" + options.path + "': " + reason);
  sema::LoadedPolicy loaded = sema::load_policy_text(options.path, std::move(contents->text),
                                                     load_options, diags, contents->identity);
  for (std::size_t i = 0; i < loaded.files.size(); ++i)
    inputs.push_back({loaded.files[i]->name(), loaded.sources[i].identity});
  if (loaded.files.empty())
    return std::nullopt;
  // A policy without a name is named after its file, through symlinks (same bytes however
  // the path is typed).
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(options.path, ec);
  sema::CheckOptions check_options{options.target,
                                   sema::policy_name_from_path(ec ? options.path : real.string())};
  std::optional<sema::Policy> policy = sema::check(loaded, check_options, diags);
  if (!policy)
    return std::nullopt;
  // The header names the sources independently of the working directory (section 7 of
  // issue 7); diagnostics keep the names as typed.
  policy->source_names.clear();
  for (const sema::LoadedSource& source : loaded.sources)
    policy->source_names.push_back(source.header_name);
  return policy;
}

PipelineResult run_pipeline(const PipelineOptions& options, support::DiagnosticEngine& diags,
                            const SiteOverrides& overrides) {
  PipelineResult result;
  // The traffic profile first, so that its problems and the policy's are reported together.
  std::optional<profile::Profile> loaded_profile;
  bool profile_ok = true;
  if (!options.profile && !options.profile_path.empty()) {
    auto file = support::open_source_file(options.profile_path, &result.inputs);
    loaded_profile = profile::read_profile(file, diags);
    profile_ok = loaded_profile.has_value();
    // The header names the file by its base name (the same from any working directory)
    // and the bytes just read.
    result.profile_name = {std::filesystem::path(options.profile_path).filename().string(),
                           support::sha256(file->text())};
  } else if (options.profile) {
    result.profile_name = {"in memory",
                           support::sha256(profile::write_profile(*options.profile, {}))};
  } else {
    result.profile_name = {"built-in", support::sha256(profile::default_profile_text())};
  }
  if (!options.optimise)
    result.profile_name = {};  // the plain rules: no profile shaped them
  // --explain --against: the other script, read like `diff --against` reads an export (an
  // unreadable file is an I/O error, exit 3; its problems are diagnostics, exit 1).
  std::optional<routeros::ReadResult> against_read;
  bool against_ok = true;
  if (options.explain && !options.against.empty()) {
    std::size_t errors = diags.error_count();
    against_read =
        routeros::read_script(support::open_source_file(options.against, &result.inputs), diags);
    against_ok = diags.error_count() == errors;
  }
  std::optional<sema::Policy> policy = check_policy(options, diags, result.inputs);
  if (!policy || !profile_ok || !against_ok)
    return result;
  // The optimiser (issue 9 §2) will order by it; lowering does not read it yet.
  result.profile = options.profile  ? *options.profile
                   : loaded_profile ? std::move(*loaded_profile)
                                    : profile::default_profile();
  if (overrides.clients)
    policy->site.clients = overrides.clients;
  if (overrides.anchor_top)
    policy->site.anchor_top = *overrides.anchor_top;
  // An interface replaces the policy's interface, never its interface list: a policy
  // written 'via list GUESTS' keeps matching the list (simulate puts the interface in it).
  auto keeps_list = [](const std::optional<sema::Interface>& written) {
    return written && written->is_list;
  };
  if (overrides.client_interface && !keeps_list(policy->site.client_interface))
    policy->site.client_interface = overrides.client_interface;
  if (overrides.uplink && !keeps_list(policy->site.uplink))
    policy->site.uplink = overrides.uplink;
  // --no-optimise: the stages in the author's order, every case form on every packet.
  std::optional<sema::Policy> authored;
  if (options.explain)
    authored = *policy;
  // P(fragment) at each signature's gate: the profile's estimate, else the default model.
  optimise::SignatureProbability probability = optimise::probability_from(*result.profile, *policy);
  optimise::CoverCache covers(optimise::models_of(*result.profile, *policy));
  sema::Policy ordered = options.optimise
                             ? optimise::order_stages(std::move(*policy), probability, &covers)
                             : std::move(*policy);
  if (!lower::check_item_budget_before_lowering(ordered, diags))  // a lower bound, before memory
    return result;
  ir::Ruleset ruleset = lower::lower(ordered);
  std::vector<optimise::Run> rule_order;  // terminating rules that commute (commute.hpp)
  if (options.optimise) {
    result.decisions = optimise::optimise(ruleset, probability, &covers);
    rule_order = optimise::order_rules(ruleset, optimise::rule_model(ordered, probability));
  }
  if (options.explain) {
    ir::Ruleset plain = lower::lower(*authored);
    optimise::ExplainInput input;
    input.authored = &*authored;
    input.ordered = &ordered;
    input.decisions = &result.decisions;
    input.probability = probability;
    input.profile = &*result.profile;
    input.model = options.profile ? std::string("the profile given in memory")
                  : options.profile_path.empty()
                      ? std::string(
                            "the built-in profile (measured from the project's sample "
                            "captures)")
                      : "the profile " + options.profile_path;
    input.items = ruleset.items.size() + ruleset.anchors.size() + ruleset.guards.size();
    input.plain_items = plain.items.size() + plain.anchors.size() + plain.guards.size();
    std::optional<optimise::AgainstScript> against;
    if (against_read) {
      against = optimise::AgainstScript{
          options.against, simulate::compile_rules(against_read->state, ordered.site.routeros),
          against_read->opaque};
      input.against = &*against;
    }
    result.explanation = optimise::explain(input);
    if (options.optimise)
      result.explanation += optimise::explain_rule_order(rule_order);
  }
  if (!lower::check_item_budget(ordered, ruleset, diags))  // counted on the final output
    return result;
  if (!lower::check_name_clashes(ruleset, ordered, diags))  // two rules, one chain or mark
    return result;
  // Last: content-addressed names, so that a push swaps a changed chain (version.hpp).
  lower::version_names(ruleset);
  result.rules = ordered.rules.size();
  result.items = ruleset.items.size() + ruleset.anchors.size() + ruleset.guards.size();
  result.routeros = ruleset.routeros;
  result.site = ordered.site;
  result.script =
      emit::emit_rsc(ruleset, {ordered.source_names, ordered.source_digest, result.profile_name});
  result.ruleset = std::move(ruleset);
  return result;
}

int run_compile(const CompileOptions& options, const Environment& env) {
  support::DiagnosticEngine diags;
  PipelineResult result = run_pipeline(options.pipeline, diags);
  write_err(env, support::render_all(diags, {env.color}));
  if (!result.script)
    return kPolicyErrors;
  if (options.pipeline.explain) {  // the explanation on stdout; the script only with -o
    write_out(env, result.explanation);
    if (!options.output.empty() && options.output != "-")
      support::write_output_file(options.output, *result.script, result.inputs);
    return kOk;
  }
  if (options.output.empty() || options.output == "-") {
    write_out(env, *result.script);
    return kOk;
  }
  support::write_output_file(options.output, *result.script, result.inputs);
  return kOk;
}

}  // namespace rosgen::cli
