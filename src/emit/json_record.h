// The emit stage: a Record as JSON, schema itax.report/1 (schema/).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "pipeline/record.h"

namespace itax {

inline constexpr const char* kSchemaId = "itax.report/1";

nlohmann::ordered_json to_json(const Record& record);

// Compact (one line) or indented text; invalid UTF-8 is replaced, never thrown.
std::string dump_json(const nlohmann::ordered_json& j, bool one_line);

}  // namespace itax
