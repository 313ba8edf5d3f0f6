#pragma once
/// Errors as values: every parser and stage entry point returns Result<T>.
#include <expected>
#include <string>

namespace lg {

/// What went wrong, and in which field (empty when not field-specific).
struct Error {
  std::string field;
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;

/// Shorthand for returning an error from a function that returns Result<T>.
inline std::unexpected<Error> fail(std::string field, std::string message) {
  return std::unexpected<Error>(Error{std::move(field), std::move(message)});
}

}  // namespace lg
