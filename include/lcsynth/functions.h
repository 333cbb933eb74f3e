#pragma once
// Typed helpers for the Terraform functions lcsynth's constructs use. Each is Expr::call with
// the function's name; any other function can be called with Expr::call directly.

#include "lcsynth/expr.h"

namespace lcsynth::fn {

inline Expr jsonencode(Expr value) { return Expr::call("jsonencode", {std::move(value)}); }
inline Expr sha1(Expr value) { return Expr::call("sha1", {std::move(value)}); }
inline Expr join(Expr separator, Expr list) { return Expr::call("join", {std::move(separator), std::move(list)}); }
inline Expr replace(Expr s, Expr from, Expr to) {
  return Expr::call("replace", {std::move(s), std::move(from), std::move(to)});
}
inline Expr split(Expr separator, Expr s) { return Expr::call("split", {std::move(separator), std::move(s)}); }
inline Expr element(Expr list, Expr index) { return Expr::call("element", {std::move(list), std::move(index)}); }
inline Expr concat(std::vector<Expr> lists) { return Expr::call("concat", std::move(lists)); }
inline Expr tolist(Expr value) { return Expr::call("tolist", {std::move(value)}); }
inline Expr toset(Expr value) { return Expr::call("toset", {std::move(value)}); }
/// A map from a list of keys and a list of values; unlike a literal map, its keys may be
/// expressions (zipmap([var.name], [{...}])).
inline Expr zipmap(Expr keys, Expr values) { return Expr::call("zipmap", {std::move(keys), std::move(values)}); }
inline Expr merge(std::vector<Expr> maps) { return Expr::call("merge", std::move(maps)); }
inline Expr length(Expr value) { return Expr::call("length", {std::move(value)}); }
inline Expr can(Expr value) { return Expr::call("can", {std::move(value)}); }
inline Expr regex(Expr pattern, Expr s) { return Expr::call("regex", {std::move(pattern), std::move(s)}); }
inline Expr contains(Expr list, Expr value) { return Expr::call("contains", {std::move(list), std::move(value)}); }
inline Expr trimprefix(Expr s, Expr prefix) { return Expr::call("trimprefix", {std::move(s), std::move(prefix)}); }
inline Expr trimsuffix(Expr s, Expr suffix) { return Expr::call("trimsuffix", {std::move(s), std::move(suffix)}); }

}  // namespace lcsynth::fn
