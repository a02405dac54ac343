// The reader's execution of commands on the RouterState: add with placement, set /
// remove / move on selected items, rosgen's placement block and interface checks, and in
// import mode the refusals of RouterOS (see ReadOptions::import).
#include <algorithm>
#include <charconv>

#include "routeros/canonical.hpp"
#include "routeros/preconditions.hpp"
#include "routeros/properties.hpp"
#include "routeros/script_reader_parts.hpp"
#include "routeros/script_string.hpp"
#include "support/utf8.hpp"

namespace rosgen::routeros::detail {

std::optional<std::size_t> Reader::place(const LogicalLine& line, ir::Menu menu,
                                         const Token& token) {
  const ItemList& list = items(menu);
  if (token.bracket) {
    if (auto top = pick_top(line, token); top || stopped_)
      return top;
    bool supported = false;
    auto found = select(menu, *token.value, &supported);
    if (supported && found.size() == 1)
      return refuse_dynamic(line, token, menu, found[0]) ? std::nullopt : std::optional(found[0]);
    if (supported && found.empty() &&
        refuse(line, token.begin, token.end, "place-before: no such item"))
      return std::nullopt;
    warn(range(line, token.begin, token.end),
         "place-before matches " + std::to_string(found.size()) + " items; adding at the end");
    return std::nullopt;
  }
  std::size_t index = 0;
  const std::string& v = *token.value;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), index);
  if (ec == std::errc() && p == v.data() + v.size()) {
    // A print number: RouterOS counts dynamic items too ([CONSOLE], reference §5.1).
    if (index >= list.size() &&
        refuse(line, token.begin, token.end, "place-before=" + v + ": no such item"))
      return std::nullopt;
    if (index < list.size() && refuse_dynamic(line, token, menu, index))
      return std::nullopt;
    return std::min(index, list.size());
  }
  // v7: place-before="comment": the first item with that comment
  if (auto found = list.find_equal(ItemList::Key::Comment, v, false); !found.empty())
    return found.front();
  if (refuse(line, token.begin, token.end, "place-before: no such item"))
    return std::nullopt;
  warn(range(line, token.begin, token.end), "place-before names no item; adding at the end");
  return std::nullopt;
}

// [:pick $top 0] inside rosgen's placement block: the first non-dynamic item (or, in the
// FastTrack guard's block, [:pick $ft 0]: the first enabled fasttrack-connection rule).
std::optional<std::size_t> Reader::pick_top(const LogicalLine& line, const Token& token) {
  const std::string& text = token.value ? *token.value : token.name;
  if (!top_ || text != top_->pick)
    return std::nullopt;
  if (!top_->first) {
    refuse(line, token.begin, token.end, top_->pick + " is empty: no such item");
    return std::nullopt;
  }
  return top_->first;
}

bool Reader::refuse_dynamic(const LogicalLine& line, const Token& token, ir::Menu menu,
                            std::size_t index) {
  if (!is_dynamic(items(menu)[index]))
    return false;
  return refuse(line, token.begin, token.end,
                "failure: cannot change builtin (item " + std::to_string(index) +
                    " is dynamic: place relative to the first item that is not)");
}

// Supports [find where prop="value"] and [find prop="value"] (one condition).
std::vector<std::size_t> Reader::select(ir::Menu menu, const std::string& bracket,
                                        bool* supported) const {
  *supported = false;
  std::string inner = bracket.substr(1, bracket.size() - 2);
  std::size_t pos = 0;
  auto skip = [&]() {
    while (pos < inner.size() && is_blank(inner[pos])) ++pos;
  };
  auto word = [&]() {
    skip();
    std::size_t start = pos;
    while (pos < inner.size() && !is_blank(inner[pos]) && inner[pos] != '=' && inner[pos] != '~')
      ++pos;
    return inner.substr(start, pos - start);
  };
  if (word() != "find")
    return {};
  std::string name = word();
  if (name == "where")
    name = word();
  // Only the keys rosgen addresses items by; others (default=yes, dynamic=...) select
  // items rosgen does not model.
  if (name != "comment" && name != "name")
    return {};
  if (pos >= inner.size() || (inner[pos] != '=' && inner[pos] != '~'))
    return {};
  bool regex = inner[pos] == '~';
  ++pos;
  std::string error;
  auto value = read_value(inner, pos, &error);
  skip();
  if (!value || pos != inner.size())
    return {};
  // Of POSIX regular expressions only an anchored literal prefix ("^rosgen:p:", what
  // rosgen writes) is modeled; any other pattern is not supported.
  if (regex && (value->empty() || (*value)[0] != '^' ||
                value->find_first_of("^$.[]()*+?{}|\\", 1) != std::string::npos))
    return {};
  *supported = true;
  // Through the list's index: linear on a chain of such selectors (issue 7, section 5).
  ItemList::Key key = name == "comment" ? ItemList::Key::Comment : ItemList::Key::Name;
  if (regex)
    return items(menu).find_prefix(key, std::string_view(*value).substr(1));
  return items(menu).find_equal(key, *value, true);  // an item without it matches ""
}

// Import mode: whether RouterOS takes `item` (see ReadOptions::import); refuses it if not.
bool Reader::admissible(const LogicalLine& line, const std::vector<Token>& tokens,
                        std::size_t first, const ir::Item& item) {
  std::size_t begin = first < tokens.size() ? tokens[first].begin : 0;
  std::size_t end = tokens.empty() ? 0 : tokens.back().end;
  if (auto broken = violations(item); !broken.empty())
    return !refuse(line, begin, end, "failure: " + broken.front());
  const ItemList& list = items(item.menu);
  auto same_name = [&]() {  // another item of the menu has this one's name
    const std::string* mine = item.get("name");
    return mine != nullptr && !list.find_equal(ItemList::Key::Name, *mine, false).empty();
  };
  switch (item.menu) {
    case ir::Menu::QueueType:  // RouterOS's words, as reported in issue 6
      return !(same_name() &&
               refuse(line, begin, end, "failure: already have queue type with such name"));
    case ir::Menu::QueueTree:       // wording unverified
    case ir::Menu::Layer7Protocol:  // wording unverified
    case ir::Menu::InterfaceList:   // wording unverified
      return !(same_name() && refuse(line, begin, end, "failure: already have such name"));
    case ir::Menu::AddressList: {  // the same address twice in one list; wording unverified
      const std::string* address = item.get("address");
      const std::string* name = item.get("list");
      bool twice = address && name && list.find_if([&](std::size_t, const ir::Item& other) {
        const std::string* a = other.get("address");
        const std::string* l = other.get("list");
        return a && l && *a == *address && *l == *name;
      });
      return !(twice && refuse(line, begin, end, "failure: already have such entry"));
    }
    case ir::Menu::Mangle:
    case ir::Menu::Filter:
    case ir::Menu::Raw:
    case ir::Menu::Nat:
    case ir::Menu::InterfaceListMember:
      return true;
  }
  return true;
}

void Reader::add(const LogicalLine& line, ir::Menu menu, const std::string& path,
                 const std::vector<Token>& tokens, std::size_t first) {
  ir::Item item;
  item.menu = menu;
  item.remarks = std::move(remarks_);
  remarks_.clear();
  std::optional<std::size_t> position;
  auto commit = [&]() {
    if (stopped_)
      return;
    ItemList& list = items(menu);
    if (options_.import && !admissible(line, tokens, first, item))
      return;
    // Only a new fasttrack-connection rule can bring FastTrack's counter rule in.
    const std::string* action = item.get("action");
    bool fasttrack = action != nullptr && *action == "fasttrack-connection";
    list.insert(position && *position <= list.size() ? *position : list.size(), std::move(item));
    ++result_.commands;
    if (options_.import && fasttrack)
      sync_dynamic();
    item = ir::Item{};
    item.menu = menu;
    position.reset();
  };
  for (std::size_t i = first; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (!token.value && !token.bracket && token.name.size() > 1 && token.name[0] == '!') {
      continue;  // verbose exports print '!prop' for an unset property: absent
    }
    if (!token.value) {
      if (token.name == "add" && !token.bracket) {
        warn(range(line, token.begin, token.end),
             "a second 'add' on the same line: two commands run together (missing line break?); "
             "reading them as two");
        commit();
        continue;
      }
      warn(range(line, token.begin, token.end),
           "stray word '" + std::string(support::utf8_prefix(token.name, 40)) +
               "' in an add command (a value split by a "
               "space?); ignored");
      continue;
    }
    if (token.name == "place-before") {
      position = place(line, menu, token);
      if (stopped_)
        return;
      continue;
    }
    if (!property_name_ok(line, token, token.name))
      continue;
    check_range(line, token, menu);
    if (!is_known_property(menu, token.name)) {
      warn(range(line, token.begin, token.begin + token.name.size()),
           "unknown property '" + std::string(support::utf8_prefix(token.name, 40)) + "' for " +
               path + "; kept as written");
    }
    if (item.get(token.name) != nullptr) {
      warn(range(line, token.begin, token.end),
           "property '" + token.name + "' is given twice; the last one counts");
    }
    item.set(token.name, *token.value);
  }
  commit();
}

void Reader::edit(const LogicalLine& line, ir::Menu menu, const std::string& path,
                  const std::string& verb, const std::vector<Token>& tokens, std::size_t first) {
  if (first >= tokens.size() || !tokens[first].bracket || tokens[first].value) {
    opaque(line, path, verb + " without a [find ...] selector");
    return;
  }
  bool supported = false;
  std::vector<std::size_t> found = select(menu, tokens[first].name, &supported);
  if (!supported) {
    // A change through a selector the reader cannot evaluate ([find where
    // comment=("a" . "b")], [find where comment=[:tostr ...]]) could reach an item rosgen
    // owns: the router's state is not known, as for an unterminated string.
    if (tokens[first].expression || tokens[first].name.find('(') != std::string::npos ||
        tokens[first].name.find('[', 1) != std::string::npos) {
      diags_.error(range(line, tokens[first].begin, tokens[first].end),
                   "this " + verb + " in " + path +
                       " selects items with an expression the reader cannot evaluate; it could "
                       "change an item rosgen owns, so the router's state is not known");
    }
    opaque(line, path,
           "selector not supported: " + std::string(support::utf8_prefix(tokens[first].name, 60)));
    return;
  }
  ItemList& list = items(menu);
  for (std::size_t index : found) {
    if (refuse_dynamic(line, tokens[first], menu, index))
      return;
  }
  ++result_.commands;

  struct SyncAfter {  // FastTrack's counter rule follows every change (import mode)
    Reader& reader;

    ir::Menu menu;

    ~SyncAfter() {
      if (reader.options_.import && menu == ir::Menu::Filter)
        reader.sync_dynamic();
    }
  } sync_after{*this, menu};

  if (verb == "remove") {
    for (auto it = found.rbegin(); it != found.rend(); ++it) list.erase(*it);
    return;
  }
  if (verb == "set") {
    for (std::size_t i = first + 1; i < tokens.size(); ++i) {
      const Token& token = tokens[i];
      bool unset = !token.value && !token.name.empty() && token.name[0] == '!';
      if ((unset || token.value) &&
          !property_name_ok(line, token, std::string_view(token.name).substr(unset ? 1 : 0)))
        continue;
      if (token.value)
        check_range(line, token, menu);
      for (std::size_t index : found) {
        if (unset) {  // !prop unsets
          list.unset(index, std::string_view(token.name).substr(1));
        } else if (token.value) {
          list.set(index, token.name, *token.value);
        }
      }
      if (!token.value && (token.name.empty() || token.name[0] != '!')) {
        warn(range(line, token.begin, token.end),
             "stray word '" + std::string(support::utf8_prefix(token.name, 40)) + "' in set");
      }
    }
    return;
  }
  // move <selector> [destination=]<selector|number>: before the destination, else to the
  // end. A number is a print number; rosgen only writes 0 (the top, for anchors).
  std::optional<std::size_t> destination;
  for (std::size_t i = first + 1; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    bool is_dest = (token.bracket && !token.value) || (token.name == "destination" && token.value);
    if (!is_dest)
      continue;
    if (token.value && !token.bracket) {
      std::size_t index = 0;
      const std::string& v = *token.value;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), index);
      if (ec != std::errc() || p != v.data() + v.size()) {
        warn(range(line, token.begin, token.end),
             "move destination '" + std::string(support::utf8_prefix(v, 40)) + "' is not an item");
        return;
      }
      if (index >= list.size() &&
          refuse(line, token.begin, token.end, "destination=" + v + ": no such item"))
        return;
      if (index < list.size() && refuse_dynamic(line, token, menu, index))
        return;
      destination = std::min(index, list.size());
      continue;
    }
    if (auto top = pick_top(line, token); top || stopped_) {
      if (stopped_)
        return;
      destination = top;
      continue;
    }
    bool ok = false;
    auto target = select(menu, token.value ? *token.value : token.name, &ok);
    if (!ok || target.size() != 1) {
      if (ok && target.empty() &&
          refuse(line, token.begin, token.end, "move destination: no such item"))
        return;
      warn(range(line, token.begin, token.end),
           "move destination matches " + std::to_string(target.size()) + " items");
      return;
    }
    if (refuse_dynamic(line, token, menu, target[0]))
      return;
    destination = target[0];
  }
  std::vector<ir::Item> moving;
  moving.reserve(found.size());
  for (std::size_t index : found) moving.push_back(list[index]);
  // Where the destination lands once the moving items are taken out.
  std::size_t at = list.size() - found.size();
  if (destination) {
    std::size_t before = 0;
    for (std::size_t index : found) before += index < *destination ? 1 : 0;
    at = *destination - before;
  }
  for (auto it = found.rbegin(); it != found.rend(); ++it) list.erase(*it);
  for (ir::Item& item : moving) list.insert(at++, std::move(item));
}

// A property name RouterOS could print (is_property_name); else a warning, and the
// property is dropped: never stored, so never written to a patch (issue 7, section 2).
bool Reader::property_name_ok(const LogicalLine& line, const Token& token, std::string_view name) {
  if (is_property_name(name))
    return true;
  std::size_t begin = token.begin + (token.name.size() - name.size());  // past a '!'
  warn(range(line, begin, begin + name.size()),
       "not a RouterOS property name (lower-case letters, digits and '-', starting with a "
       "letter); the property is ignored and never written to a patch");
  return false;
}

// A value whose number is out of range for its unit or field (canonical_value): a warning, and the
// diff compares it as written (issue 7, section 4).
void Reader::check_range(const LogicalLine& line, const Token& token, ir::Menu menu) {
  if (!value_out_of_range(menu, token.name, *token.value, result_.routeros_major().value_or(7)))
    return;
  std::size_t begin = std::min(token.begin + token.name.size() + 1, token.end);
  warn(range(line, begin, token.end),
       "the value of '" + token.name +
           "' is out of range for its unit or field (a number that would wrap); it is compared as "
           "written, equal only to the same spelling");
}

// sync_dynamic_items() on the lists being read (import mode).
void Reader::sync_dynamic() {
  ItemList& filter = items(ir::Menu::Filter);
  bool fasttrack =
      filter.find_if([](std::size_t, const ir::Item& item) { return enables_fasttrack(item); })
          .has_value();
  const ir::Item counter = fasttrack_counter_rule();
  auto at = filter.find_if([&](std::size_t, const ir::Item& item) { return item == counter; });
  if (fasttrack && !at)
    filter.insert(0, counter);
  if (!fasttrack && at)
    filter.erase(*at);
}

// rosgen's placement blocks, executed: emit::at_top_of_table's ($top: the menu's
// non-dynamic items) and emit::before_fasttrack's ($ft: the enabled fasttrack-connection
// rules of a chain). The do= or else= body runs as a command with [:pick $top 0] (or
// [:pick $ft 0]) naming the first of them. The rollback (diff/rollback.cpp) writes the
// same $top block with ':if ([:len $top] > N)' and [:pick $top N]: the N-th non-dynamic
// item (from 0). The block ends at `end` (the line's end, or a guard's body: guard_block).
// False when the text is not such a block.
bool Reader::top_block(const LogicalLine& line, std::size_t start, std::size_t end) {
  const std::string& text = line.text;
  std::string_view rest = std::string_view(text).substr(start, end - start);
  std::string variable;
  if (rest.starts_with("{ :local top ["))
    variable = "top";
  else if (rest.starts_with("{ :local ft ["))
    variable = "ft";
  else
    return false;
  std::size_t path_begin = start + std::string_view("{ :local  [").size() + variable.size();
  std::size_t find = text.find(" find where ", path_begin);
  std::string tail = "]; :if ([:len $" + variable + "] ";
  std::size_t where_end = find == std::string::npos ? find : text.find(tail, find);
  if (where_end == std::string::npos || where_end >= end)
    return false;
  std::optional<ir::Menu> menu = ir::menu_from_path(text.substr(path_begin, find - path_begin));
  std::string where = text.substr(find + 12, where_end - find - 12);
  std::optional<std::string> fasttrack_chain;  // set for the FastTrack guard's block
  if (variable == "top" && where != "dynamic=no")
    return false;
  if (variable == "ft") {
    constexpr std::string_view kHead = "action=fasttrack-connection chain=";
    constexpr std::string_view kTail = " disabled=no";
    if (!where.starts_with(kHead) || !where.ends_with(kTail))
      return false;
    fasttrack_chain = where.substr(kHead.size(), where.size() - kHead.size() - kTail.size());
  }
  // The condition: '= 0' ($top is empty) or '> N' (it has an item N; $ft: N = 0 only).
  std::size_t pos = where_end + tail.size();
  char op = pos + 2 < end ? text[pos] : '\0';
  std::size_t digits = pos + 2;
  std::size_t digits_end = digits;
  while (digits_end < end && text[digits_end] >= '0' && text[digits_end] <= '9') ++digits_end;
  std::string number = text.substr(digits, digits_end - digits);
  constexpr std::string_view kDo = ") do={";
  if (!menu || (op != '=' && op != '>') || text[pos + 1] != ' ' || number.empty() ||
      number.size() > 6 || (number != "0" && (op == '=' || variable == "ft" || number[0] == '0')) ||
      std::string_view(text).substr(digits_end, kDo.size()) != kDo)
    return false;
  bool when_empty = op == '=';
  std::size_t nth = static_cast<std::size_t>(std::stoul(number));
  std::size_t open = digits_end + kDo.size() - 1;
  std::size_t close = matching_end(text, open, end, '{', '}');
  if (close == std::string::npos)
    return false;
  std::pair<std::size_t, std::size_t> then_body{open + 1, close - 1};
  std::optional<std::pair<std::size_t, std::size_t>> else_body;
  constexpr std::string_view kElse = " else={";
  if (std::string_view(text).substr(close, std::min(kElse.size(), end - close)) == kElse) {
    std::size_t else_open = close + kElse.size() - 1;
    std::size_t else_close = matching_end(text, else_open, end, '{', '}');
    if (else_close == std::string::npos)
      return false;
    else_body = {else_open + 1, else_close - 1};
    close = else_close;
  }
  while (close < end && is_blank(text[close])) ++close;
  if (close >= end || text[close] != '}' || text.find_first_not_of(" \t", close + 1) < end)
    return false;
  flush_junk();
  remarks_.clear();
  // Only [:pick $top N] is modeled: the N-th item found is all the variable needs to hold.
  Top top;
  top.pick = "[:pick $" + variable + " " + number + "]";
  std::size_t seen = 0;
  top.first = items(*menu).find_if([&](std::size_t, const ir::Item& item) {
    bool candidate = !is_dynamic(item);
    if (fasttrack_chain) {
      const std::string* chain = item.get("chain");
      candidate = enables_fasttrack(item) && chain != nullptr && *chain == *fasttrack_chain;
    }
    return candidate && seen++ == nth;
  });
  auto body = !top.first == when_empty ? std::optional(then_body) : else_body;
  if (!body)
    return true;
  top_ = top;
  if (auto tokens = tokenize(line, body->first, body->second))
    command(line, std::move(*tokens));
  top_.reset();
  return true;
}

// rosgen's guard (the rollback's re-adds, diff/rollback.cpp):
// ':if ([:len [<menu> find where comment|name=<value>]] = 0) do={ <body> }' with one
// statement as <body>: a command, or a $top placement block (top_block). The body runs
// when the selector finds nothing. False when the text is not such a guard (the
// precondition checks of emit_rsc, on /interface, are interface_check's).
bool Reader::guard_block(const LogicalLine& line, std::size_t start) {
  const std::string& text = line.text;
  constexpr std::string_view kHead = ":if ([:len [";
  if (std::string_view(text).substr(start, kHead.size()) != kHead)
    return false;
  std::size_t open = start + kHead.size() - 1;
  std::size_t close = matching_end(text, open, text.size(), '[', ']');
  if (close == std::string::npos)
    return false;
  std::string inner = text.substr(open + 1, close - open - 2);  // "<menu> find where ..."
  std::size_t find = inner.find(" find where ");
  std::optional<ir::Menu> menu =
      find == std::string::npos ? std::nullopt : ir::menu_from_path(inner.substr(0, find));
  constexpr std::string_view kCondition = "]] = 0) do={";
  if (!menu || std::string_view(text).substr(close - 1, kCondition.size()) != kCondition)
    return false;
  bool supported = false;
  std::vector<std::size_t> found = select(*menu, "[" + inner.substr(find + 1) + "]", &supported);
  std::size_t body_open = close - 1 + kCondition.size() - 1;
  std::size_t body_close = matching_end(text, body_open, text.size(), '{', '}');
  if (!supported || body_close == std::string::npos ||
      text.find_first_not_of(" \t", body_close) != std::string::npos)
    return false;
  std::size_t begin = body_open + 1, end = body_close - 1;
  while (begin < end && is_blank(text[begin])) ++begin;
  while (end > begin && is_blank(text[end - 1])) --end;
  if (begin == end || (text[begin] != '/' && text[begin] != '{'))
    return false;  // ':error ...' and other scripting: not a guard of rosgen's
  flush_junk();
  remarks_.clear();
  if (!found.empty() || top_block(line, begin, end))
    return true;
  if (auto tokens = tokenize(line, begin, end))
    command(line, std::move(*tokens));
  return true;
}

// rosgen's precondition check (emit_rsc): ':if ([:len [/interface[ list] find where
// name="X"]] = 0) do={ :error "..." }'. Import mode, with the router's interfaces known:
// a missing one ends the import with the message, as ':error' does. Otherwise opaque.
bool Reader::interface_check(const LogicalLine& line, std::size_t start) {
  const std::string& text = line.text;
  constexpr std::string_view kHead = ":if ([:len [/interface ";
  if (!options_.import || std::string_view(text).substr(start, kHead.size()) != kHead)
    return false;
  std::size_t pos = start + kHead.size();
  bool list = std::string_view(text).substr(pos, 5) == "list ";
  if (list)
    pos += 5;
  constexpr std::string_view kFind = "find where name=";
  if (std::string_view(text).substr(pos, kFind.size()) != kFind)
    return false;
  pos += kFind.size();
  std::string error;
  auto name = read_value(text, pos, &error);
  constexpr std::string_view kError = "]] = 0) do={ :error ";
  if (!name || std::string_view(text).substr(pos, kError.size()) != kError)
    return false;
  pos += kError.size();
  auto message = read_value(text, pos, &error);
  if (!message || std::string_view(text).substr(pos) != " }")
    return false;
  const auto& known = list ? result_.state.interface_lists : result_.state.interfaces;
  if (!known)
    return false;  // the model does not know the router's interfaces: opaque
  flush_junk();
  if (known->count(*name) == 0)
    refuse(line, start, text.size(), *message);
  return true;
}

}  // namespace rosgen::routeros::detail
