// The fleet options (fleet_options.hpp).
#include "cli/fleet_options.hpp"

#include <string>

namespace rosgen::cli {

namespace {

// A whole number from `low` to `high`, checked as text so that every bad value gets the
// same reason.
CLI::Validator count_validator(std::size_t low, std::size_t high, const std::string& what) {
  return CLI::Validator(
      [=](const std::string& value) -> std::string {
        bool digits = !value.empty() && value.size() <= 6 &&
                      value.find_first_not_of("0123456789") == std::string::npos;
        if (digits && std::stoul(value) >= low && std::stoul(value) <= high)
          return {};
        return "must be " + what + " from " + std::to_string(low) + " to " + std::to_string(high) +
               ", not '" + value + "'";
      },
      std::to_string(low) + "-" + std::to_string(high));
}

}  // namespace

CLI::Option* add_fleet_options(CLI::App& sub, FleetOptions& fleet) {
  CLI::Option* all = sub.add_flag(
      "--all", fleet.all,
      "every router of the inventory (rosgen.toml, or --inventory FILE), each with its own "
      "policy, instead of FILE and --host");
  sub.add_option("--inventory", fleet.inventory,
                 "the fleet's inventory (TOML; default ./rosgen.toml); paths in it are "
                 "relative to its directory")
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            return value.empty() ? "the value is empty; give the inventory file" : "";
          },
          "not empty"))
      ->type_name("FILE")
      ->needs(all);
  sub.add_option("--parallel", fleet.parallel,
                 "routers reached at the same time (default 1); results are the same for any N")
      ->check(count_validator(1, kMaxParallel, "a number of routers"))
      ->type_name("N")
      ->needs(all);
  sub.add_option("--canary", fleet.canary,
                 "run the first K routers of the inventory (or of the shard) first, and stop "
                 "if one of them fails; the rest are reported as skipped")
      ->check(count_validator(1, 1000000, "a number of routers"))
      ->type_name("K")
      ->needs(all);
  sub.add_option_function<std::string>(
         "--shard",
         [&fleet](const std::string& value) {
           std::string why;
           fleet.shard = fleet::parse_shard(value, &why);
         },
         "take share I of N of the routers (1/4 ... 4/4), stable by router name: one per "
         "CI job of a matrix")
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            std::string why;
            return fleet::parse_shard(value, &why) ? "" : why;
          },
          "I/N"))
      ->type_name("I/N")
      ->needs(all);
  return all;
}

}  // namespace rosgen::cli
