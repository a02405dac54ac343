// Helpers shared by the push tests (push_test.cpp, push_failure_test.cpp): the café policy
// compiled or edited, a push::Request for a fake router with short timers, the default
// configuration loaded, and ways to compare what a router holds.
// Entry points: the functions below.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "fake_router.hpp"
#include "ir/ir.hpp"
#include "push/push.hpp"
#include "routeros/state.hpp"

namespace rosgen::test::push_util {

// `relative` under the source tree.
std::string source(const std::string& relative);

// The policy at `path` compiled as `rosgen compile` would (REQUIREs no errors).
ir::Ruleset compile(const std::string& path);

// cafe.pol with `from` replaced by `to` (an edit), written to `dir`/cafe.pol; its path.
std::string edited_cafe(const std::filesystem::path& dir, const std::string& from,
                        const std::string& to);

// Logging in to `router` with its ed25519 key and known_hosts only.
transport::Options ssh_options(const FakeRouter& router);

// A push of `desired` to `router`: confirm timeout 4 s, apply limit 120 s, polls from
// 100 ms to 500 ms; progress on stderr when ROSGEN_TEST_PROGRESS is set.
push::Request request_for(const FakeRouter& router, const ir::Ruleset& desired);

// The device with the default configuration (defconf with FastTrack) and the interfaces
// the café policy names.
void load_defconf(const FakeRouter& router);

// An item as one line of " name=value" pairs.
std::string item_text(const ir::Item& item);

// An export without its header comments (they hold the time).
std::string body(const std::string& exported);

// The owned items of a state as text, in the order that has a meaning: per chain in the
// firewall tables (where chains interleave in any order), sorted in the other menus.
std::string owned_text(const routeros::RouterState& state, const std::string& policy);

// True once `condition` holds, asked every 200 ms for at most `limit` (a rollback entry
// that fires on the device's own clock); false when it never did.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit);

// True when the router's state equals the policy (the plan is empty).
bool in_sync(const FakeRouter& router, const ir::Ruleset& desired);

}  // namespace rosgen::test::push_util
