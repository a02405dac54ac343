// The rollback script of a push (issue 10 §3 step 2, design §5): what the router's
// scheduler imports if the push is not confirmed in time. Imported before the forward
// patch, after any prefix of its statements (an /import stopped by a run-time failure
// keeps every earlier line: reference §5.1), or after all of it, and imported again (a
// timer that fires twice), it leaves every item the policy owns exactly as the read
// before the push showed it: its properties, its order among the owned items, and in the
// firewall tables its place among the operator's items (the anchors' places). It never
// touches an item the policy does not own, and is no backup: nothing else is restored.
//
// How (details in rollback.cpp): the items the patch adds are removed by their owner key
// (an empty [find] removes nothing); an item the patch removes is added again when its
// key finds nothing; an item the patch moves is moved to the end of its table and then
// before the item that holds its old place; a property the patch changes is set back to
// the value read (unset with '!' when it had none). Places in the firewall tables are the
// N-th item that is not dynamic, found when the script runs ([:pick $top N] after
// ':local top [find where dynamic=no]'), never print numbers (reference §5.1); N is right
// because everything the patch did not touch keeps its order and the script first puts
// what it did touch out of the way. Entry point: render_rollback().
#pragma once

#include <string>

#include "diff/plan.hpp"
#include "routeros/state.hpp"

namespace rosgen::diff {

struct RollbackContext {
  std::string against;  // what `old` was read from ("192.0.2.1", an export's name): the header
};

// In: `forward`, the plan the push imports, made by make_plan(desired, old, major) and
// rendered by render_script(); `old`, the router's state that plan was made against, as
// read (exports hold no dynamic items; any in `old` are skipped, and the script's places
// skip them on the router too). Out: the rollback .rsc text, a comment header first
// (policy, what it restores, counts, that it may be imported more than once). Every value
// is quoted by emit::quote_value; items are selected by owner key, never by number.
std::string render_rollback(const Plan& forward, const routeros::RouterState& old,
                            const RollbackContext& context);

}  // namespace rosgen::diff
