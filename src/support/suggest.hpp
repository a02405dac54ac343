// "Did you mean" for misspelt names (keys of a scenario or of a TOML file, router names).
// Entry points: edit_distance(), closest().
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace rosgen::support {

// Levenshtein distance between `a` and `b` (insertions, deletions, substitutions of bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is a likely misspelling: at most 2 edits away and
// fewer edits than `word` has bytes (so "x" suggests nothing); the first of equally near
// candidates wins. nullopt when none is that near. The view points into `candidates`.
std::optional<std::string_view> closest(std::string_view word,
                                        const std::vector<std::string_view>& candidates);
std::optional<std::string_view> closest(std::string_view word,
                                        std::initializer_list<std::string_view> candidates);

}  // namespace rosgen::support
