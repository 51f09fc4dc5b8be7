// The batch parent's reading of a worker's answer (batch/worker.h) and of
// the store rows inside it (batch/rows.h). A worker parses hostile documents
// and so could be made to send anything; the parent must refuse what is not
// an answer and never crash on it or read outside it. The first byte picks:
//   0: the bytes are a stream of answers as read from the socket
//   1: the bytes are store rows
//   2: a count of byte changes, then a JSON record: its rows and answer are
//      made as a worker makes them, changed at fuzzer-chosen places, and read
//      back; unchanged, they must read back exactly.
#include <stdexcept>

#include "batch/worker.h"
#include "fuzz_common.h"

using namespace itax::batch;

namespace {

// Every cell of every row is readable, its text inside the rows' bytes.
void check(const DocumentRows& d) {
  for (RowTable t : {RowTable::Document, RowTable::Items, RowTable::Indicators, RowTable::Measures, RowTable::Flags}) {
    const std::size_t w = kRowWidths[static_cast<std::size_t>(t)];
    for (std::size_t r = 0; r < d.rows(t); ++r)
      for (std::size_t i = 0; i < w; ++i) {
        const Cell& c = d.row(t, r)[i];
        if (c.kind == Cell::Kind::Text && std::size_t{c.offset} + c.length > d.bytes().size()) __builtin_trap();
      }
  }
  const std::string& s = d.facts().status;
  if (s != "ok" && s != "error") __builtin_trap();
}

void read_stream(std::string buf) {
  for (int n = 0; n < 16; ++n) {
    const std::size_t before = buf.size();
    Response r;
    Answer a = take_answer(buf, r);
    if (a == Answer::Incomplete) {
      if (buf.size() != before) __builtin_trap();
      return;
    }
    if (a == Answer::Malformed) return;
    if (!r.rows || buf.size() >= before || r.record_line.empty()) __builtin_trap();
    check(*r.rows);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      read_stream(rest);
      break;
    case 1:
      if (auto rows = DocumentRows::parse(rest)) check(*rows);
      break;
    default: {
      FuzzedDataProvider fdp(data + 1, size - 1);
      const int changes = fdp.ConsumeIntegralInRange(0, 4);
      std::vector<std::pair<std::uint32_t, std::uint8_t>> edits;
      for (int i = 0; i < changes; ++i)
        edits.emplace_back(fdp.ConsumeIntegral<std::uint32_t>(), fdp.ConsumeIntegral<std::uint8_t>());
      const std::string text = fdp.ConsumeRemainingBytesAsString();
      auto record = nlohmann::ordered_json::parse(text, nullptr, false);
      if (record.is_discarded()) break;
      std::optional<DocumentRows> rows;
      try {
        rows = DocumentRows::from_record(record);
      } catch (const std::invalid_argument&) {
        break;  // a status other than ok or error: refused by design
      }
      check(*rows);
      std::string wire = make_answer("", false, *rows, "{}");
      if (edits.empty()) {
        Response r;
        if (take_answer(wire, r) != Answer::Taken || r.rows->bytes() != rows->bytes() || !wire.empty())
          __builtin_trap();
        break;
      }
      for (auto [pos, value] : edits) wire[pos % wire.size()] = static_cast<char>(value);
      read_stream(std::move(wire));
      break;
    }
  }
  return 0;
}
