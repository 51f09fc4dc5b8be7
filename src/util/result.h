// Result<T>: the value a stage returns across its border, or an Error with a
// stable machine code and a human message. Stages never throw across borders.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace itax {

struct Error {
  std::string code;     // stable, snake_case: "bad_zip", "zip_bomb", ...
  std::string message;  // for people: what went wrong and where
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

}  // namespace itax
