// Graph assertions over DependencyGraph. A target construct stands for the elements under it;
// dependencies among those elements are its own business and are not reported. Transitive
// dependencies are found breadth-first, so the chain a success reports is a shortest one.

#include "lcsynth/testing/graph_assertions.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "lcsynth/element.h"
#include "lcsynth/errors.h"
#include "messages.h"

namespace lcsynth::testing {

namespace {
Result fail(std::string message) { return {false, std::move(message), {}}; }

std::vector<const TerraformElement*> elements_under(const Construct& c) {
  std::vector<const TerraformElement*> out;
  c.walk([&](const Construct& x) {
    if (const auto* e = dynamic_cast<const TerraformElement*>(&x)) out.push_back(e);
  });
  return out;
}

bool is_under(const Construct& c, const Construct& root) {
  for (const Construct* at = &c; at != nullptr; at = at->parent())
    if (at == &root) return true;
  return false;
}

void add_unique(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

// A shortest chain from an element under `from` to one under `to`, or empty.
std::vector<const TerraformElement*> chain(const DependencyGraph& graph, const Construct& from, const Construct& to) {
  std::unordered_map<const TerraformElement*, const TerraformElement*> came_from;
  std::deque<const TerraformElement*> pending;
  for (const TerraformElement* e : elements_under(from)) {
    came_from.emplace(e, nullptr);
    pending.push_back(e);
  }
  while (!pending.empty()) {
    const TerraformElement* e = pending.front();
    pending.pop_front();
    if (is_under(*e, to) && !is_under(*e, from)) {
      std::vector<const TerraformElement*> out;
      for (const TerraformElement* at = e; at != nullptr; at = came_from.at(at)) out.insert(out.begin(), at);
      return out;
    }
    for (const TerraformElement* d : graph.dependencies(*e))
      if (came_from.emplace(d, e).second) pending.push_back(d);
  }
  return {};
}

// Addresses of what elements under `from` depend on (directly or not), outside `from`.
std::vector<std::string> dependencies_of(const Synth& s, const Construct& from, Reach reach) {
  std::vector<std::string> out;
  for (const TerraformElement* e : elements_under(from)) {
    auto deps = reach == Reach::kDirect ? s.graph().dependencies(*e) : s.graph().reachable_from(*e);
    for (const TerraformElement* d : deps)
      if (!is_under(*d, from)) add_unique(out, s.address_of(*d));
  }
  return out;
}

std::string join_chain(const Synth& s, const std::vector<const TerraformElement*>& chain) {
  std::string text;
  for (const TerraformElement* e : chain) text += (text.empty() ? "" : " -> ") + s.address_of(*e);
  return text;
}

// "aws_iam_role.role.arn", "var.name", "aws_x.y[0].id".
std::string reference_text(const Synth& s, const Construct& target, std::string_view attribute) {
  if (attribute.empty()) return s.address_of(target);
  return s.address_of(target) + (attribute.front() == '[' ? "" : ".") + std::string(attribute);
}

bool attribute_matches(std::string_view actual, std::string_view wanted) {
  if (wanted.empty() || actual == wanted) return true;
  return actual.size() > wanted.size() && actual.substr(0, wanted.size()) == wanted &&
         (actual[wanted.size()] == '.' || actual[wanted.size()] == '[');
}
}  // namespace

Result depends_on(const Synth& s, std::string_view from, std::string_view to, Reach reach) {
  const Construct* f = s.try_find_construct(from);
  if (f == nullptr) return fail(s.nothing_at(from, true));
  const Construct* t = s.try_find_construct(to);
  if (t == nullptr) return fail(s.nothing_at(to, true));
  std::string a = s.address_of(*f), b = s.address_of(*t);
  std::vector<const TerraformElement*> found = chain(s.graph(), *f, *t);
  bool direct = found.size() == 2;
  if (!found.empty() && (direct || reach == Reach::kTransitive))
    return {true, fmt::format("{} depends on {} {}: {}", a, b, direct ? "directly" : "transitively", join_chain(s, found)), {}};
  std::vector<std::string> deps = dependencies_of(s, *f, reach);
  std::string known = deps.empty() ? "it depends on nothing" : fmt::format("it depends on {}{}", msg::list(deps), did_you_mean(b, deps));
  if (reach == Reach::kDirect) {
    std::string via = found.empty() ? "" : fmt::format(" (only transitively: {})", join_chain(s, found));
    return fail(fmt::format("expected {} to depend directly on {}; {}{}", a, b, deps.empty() ? known : "its direct dependencies: " + msg::list(deps), via));
  }
  return fail(fmt::format("expected {} to depend on {}, directly or transitively; {}", a, b, known));
}

Result references(const Synth& s, std::string_view from, std::string_view to, std::string_view attribute) {
  const Construct* f = s.try_find_construct(from);
  if (f == nullptr) return fail(s.nothing_at(from, true));
  const Construct* t = s.try_find_construct(to);
  if (t == nullptr) return fail(s.nothing_at(to, true));
  std::vector<std::string> seen;
  std::string match;
  for (const TerraformElement* e : elements_under(*f))
    e->visit_exprs([&](const Expr& x) {
      x.visit_refs([&](const TerraformElement& target, std::string_view attr_text) {
        const std::string attr(attr_text);
        std::string text = reference_text(s, target, attr);
        if (match.empty() && is_under(target, *t) && attribute_matches(attr, attribute)) match = text;
        add_unique(seen, std::move(text));
      });
    });
  std::string a = s.address_of(*f), wanted = reference_text(s, *t, attribute);
  if (!match.empty()) return {true, fmt::format("{} references {}", a, match), {}};
  if (seen.empty()) return fail(fmt::format("expected {} to reference {}; it references nothing", a, wanted));
  return fail(fmt::format("expected {} to reference {}; it references {}{}", a, wanted, msg::list(seen), did_you_mean(wanted, seen)));
}

Result has_no_cycles(const Synth& s) {
  std::vector<const TerraformElement*> cycle = s.graph().find_cycle();
  if (cycle.empty()) return {true, fmt::format("no dependency cycle in stack '{}'", s.stack_name()), {}};
  return fail(fmt::format("expected no dependency cycle in stack '{}'; found {}", s.stack_name(), describe_cycle(cycle)));
}

Result reaches_exactly(const Synth& s, std::string_view from, const std::vector<std::string>& expected) {
  const Construct* f = s.try_find_construct(from);
  if (f == nullptr) return fail(s.nothing_at(from, true));
  std::vector<std::string> actual = s.reachable_from(*f);
  std::vector<std::string> wanted = expected;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<std::string> missing, unexpected;
  std::set_difference(wanted.begin(), wanted.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), wanted.begin(), wanted.end(), std::back_inserter(unexpected));
  std::string a = s.address_of(*f);
  if (missing.empty() && unexpected.empty())
    return {true, fmt::format("the resources reachable from {} are exactly {}", a, msg::list(actual, actual.size())), {}};
  std::string text = fmt::format("expected the resources reachable from {} to be exactly {}", a, msg::list(wanted, wanted.size()));
  if (!missing.empty()) text += "; missing " + msg::list(missing);
  if (!unexpected.empty()) text += "; unexpected " + msg::list(unexpected);
  return fail(text);
}

}  // namespace lcsynth::testing
