#pragma once
// A non-owning reference to a callable, for visitors (Expr::visit_refs,
// TerraformElement::visit_exprs): unlike std::function it never allocates, whatever the callable
// captures. A std::function holds a lambda in place only when it captures at most two
// pointers; the validator's and the links' visitors captured three, an allocation per element
// and per expression (200,000 of each at 1,000 LibreChat copies). The callable must outlive the
// call it is passed to, as a lambda written in the call's arguments does.

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace lcsynth {

template <class Signature>
class FunctionRef;

template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> && std::is_invocable_r_v<R, F&, Args...>)
  FunctionRef(F&& f) noexcept  // NOLINT(google-explicit-constructor): passed as a lambda is
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) -> R {
          return std::invoke(*static_cast<std::remove_reference_t<F>*>(object), std::forward<Args>(args)...);
        }) {}

  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

}  // namespace lcsynth
