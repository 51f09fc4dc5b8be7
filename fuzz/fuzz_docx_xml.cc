// The DOCX reader's XML layer: the input is word/document.xml; the target
// wraps it in a minimal, valid DOCX zip (stored, correct CRC), so every
// mutation reaches libxml2 and the document builder instead of failing the
// zip checks. A second part, word/header1.xml, gets the input's second half
// when it holds a 0xFF byte (the split point), to cover the furniture path.
#include <zlib.h>

#include "fuzz_common.h"

using namespace itax;

namespace {

void put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, unsigned long v) {
  put16(s, static_cast<unsigned>(v & 0xFFFF));
  put16(s, static_cast<unsigned>((v >> 16) & 0xFFFF));
}

// A zip of stored entries.
std::string make_zip(const std::vector<std::pair<std::string, std::string_view>>& entries) {
  std::string out, central;
  for (const auto& [name, body] : entries) {
    unsigned long crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    unsigned long offset = out.size();
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0);
    put16(out, 0);  // stored
    put16(out, 0);
    put16(out, 0x21);
    put32(out, crc);
    put32(out, body.size());
    put32(out, body.size());
    put16(out, static_cast<unsigned>(name.size()));
    put16(out, 0);
    out += name;
    out.append(body.data(), body.size());
    put32(central, 0x02014b50);
    put16(central, 20);
    put16(central, 20);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, crc);
    put32(central, body.size());
    put32(central, body.size());
    put16(central, static_cast<unsigned>(name.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, 0);
    put32(central, offset);
    central += name;
  }
  unsigned long cd_offset = out.size();
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<unsigned>(entries.size()));
  put16(out, static_cast<unsigned>(entries.size()));
  put32(out, central.size());
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

const char kContentTypes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ReaderOptions opts = [] {
    ReaderOptions o = fuzz::fuzz_reader_options();
    o.limits.max_xml_depth = 64;  // reached by mutations, unlike 256
    o.limits.max_table_depth = 6;
    return o;
  }();
  static const std::string path = fuzz::temp_path("docx_xml", ".docx");
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string_view>> entries = {{"[Content_Types].xml", kContentTypes}};
  std::size_t split = in.find('\xFF');
  if (split == std::string_view::npos) {
    entries.emplace_back("word/document.xml", in);
  } else {
    entries.emplace_back("word/document.xml", in.substr(0, split));
    entries.emplace_back("word/header1.xml", in.substr(split + 1));
  }
  fuzz::write_file(path, make_zip(entries));
  Result<Document> doc = read_docx(path, opts);
  if (doc) fuzz::run_stages(*doc);
  else if (doc.error().code.empty() || doc.error().message.empty()) __builtin_trap();
  return 0;
}
