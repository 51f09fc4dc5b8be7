#include "emit/json_record.h"

namespace itax {
namespace {

using json = nlohmann::ordered_json;

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json location_json(const Location& w) {
  json j;
  j["page"] = w.page > 0 ? json(w.page) : json(nullptr);
  j["bbox"] = w.bbox ? json::array({w.bbox->x0, w.bbox->y0, w.bbox->x1, w.bbox->y1}) : json(nullptr);
  j["locator"] = w.locator;
  return j;
}

json source_json(const Source& s) {
  json j = location_json(s.where);
  j["text"] = s.text;
  j["rule"] = or_null(s.rule);
  return j;
}

json source_json(const std::optional<Source>& s) { return s ? source_json(*s) : json(nullptr); }

json units_json(const std::vector<ResponsibleUnit>& units) {
  json a = json::array();
  for (const ResponsibleUnit& u : units) a.push_back(u.name);
  return a;
}

json unit_detail_json(const std::vector<ResponsibleUnit>& units) {
  json a = json::array();
  for (const ResponsibleUnit& u : units) a.push_back({{"name", u.name}, {"known", u.known}, {"text", u.text}});
  return a;
}

json boxes_json(const std::vector<StatusBox>& boxes) {
  json a = json::array();
  for (const StatusBox& b : boxes) {
    json j;
    j["checked"] = b.checked;
    j["label"] = b.label;
    j["meaning"] = or_null(b.meaning);
    j["encoding"] = b.encoding;
    j["rule"] = or_null(b.rule);
    j["source"] = location_json(b.where);
    a.push_back(std::move(j));
  }
  return a;
}

json date_json(const DateSpan& d) {
  return {{"text", d.text}, {"iso", d.iso()}, {"start", d.start.iso()}, {"end", d.end.iso()}};
}

json dates_json(const std::vector<DateSpan>& dates) {
  json a = json::array();
  for (const DateSpan& d : dates) a.push_back(date_json(d));
  return a;
}

json period_json(const std::optional<DateSpan>& d) { return d ? date_json(*d) : json(nullptr); }

}  // namespace

json to_json(const Record& r) {
  json j;
  j["schema"] = kSchemaId;
  j["tool"] = {{"name", "itax"}, {"version", ITAX_VERSION}, {"rules_version", r.rules_version}};
  json src;
  src["path"] = r.input.path;
  src["file"] = r.input.file;
  src["sha256"] = or_null(r.input.sha256);
  src["format"] = or_null(r.input.format);
  src["bytes"] = r.input.bytes;
  src["pages"] = r.input.pages ? json(*r.input.pages) : json(nullptr);
  j["source"] = src;
  j["status"] = r.error ? "error" : "ok";
  j["error"] = r.error ? json{{"code", r.error->code}, {"message", r.error->message}} : json(nullptr);

  const Report& rep = r.report;
  json ag;
  ag["name"] = or_null(rep.agency.name);
  ag["kind"] = or_null(rep.agency.kind);
  ag["subdistrict"] = or_null(rep.agency.subdistrict);
  ag["district"] = or_null(rep.agency.district);
  ag["province"] = or_null(rep.agency.province);
  ag["source"] = source_json(rep.agency.source);
  j["agency"] = ag;
  j["fiscal_year"] = rep.fiscal_year ? json(*rep.fiscal_year) : json(nullptr);
  j["ita"] = {{"score", rep.ita.score ? json(*rep.ita.score) : json(nullptr)},
              {"result", or_null(rep.ita.result)},
              {"source", source_json(rep.ita.source)}};

  json measures = json::array();
  for (const MeasureRecord& m : rep.measures) {
    json e;
    e["no"] = m.no ? json(m.no) : json(nullptr);
    e["title"] = m.title;
    e["method"] = m.method;
    e["period"] = m.period;
    e["period_dates"] = period_json(m.period_span);
    e["responsible"] = units_json(m.responsible);
    e["responsible_detail"] = unit_detail_json(m.responsible);
    e["summary"] = m.summary;
    e["outcome"] = m.outcome;
    e["indicator_refs"] = m.indicator_refs;
    e["dates"] = dates_json(m.dates);
    e["source"] = source_json(m.source);
    measures.push_back(std::move(e));
  }
  j["measures"] = std::move(measures);

  json indicators = json::array();
  for (const IndicatorRecord& ind : rep.indicators) {
    json e;
    e["no"] = ind.no ? json(ind.no) : json(nullptr);
    e["title"] = ind.title;
    e["approach"] = ind.approach;
    e["responsible"] = units_json(ind.responsible);
    e["responsible_detail"] = unit_detail_json(ind.responsible);
    e["period"] = ind.period;
    e["period_dates"] = period_json(ind.period_span);
    e["status"] = status_name(ind.status);
    e["progress"] = ind.progress;
    e["dates"] = dates_json(ind.dates);
    e["checkboxes"] = boxes_json(ind.boxes);
    e["source"] = source_json(ind.source);
    indicators.push_back(std::move(e));
  }
  j["indicators"] = std::move(indicators);

  json items = json::array();
  for (const ItemRecord& it : rep.items) {
    json e;
    e["code"] = or_null(it.code);
    e["code_text"] = it.code_text;
    e["subindicator"] = or_null(it.subindicator);
    e["title"] = it.title;
    e["components"] = it.components;
    e["responsible"] = units_json(it.responsible);
    e["responsible_detail"] = unit_detail_json(it.responsible);
    e["status"] = status_name(it.status);
    e["progress"] = it.progress;
    e["dates"] = dates_json(it.dates);
    e["checkboxes"] = boxes_json(it.boxes);
    e["source"] = source_json(it.source);
    items.push_back(std::move(e));
  }
  j["items"] = std::move(items);

  json flags = json::array();
  for (const Flag& f : rep.flags)
    flags.push_back({{"code", f.code},
                     {"severity", f.severity},
                     {"target", f.target},
                     {"message", f.message},
                     {"message_th", f.message_th},
                     {"source", source_json(f.source)}});
  j["flags"] = std::move(flags);

  j["text_repairs"] = json::object();
  for (const auto& [k, v] : r.repairs.by_kind) j["text_repairs"][k] = v;
  j["notes"] = r.notes;
  return j;
}

std::string dump_json(const nlohmann::ordered_json& j, bool one_line) {
  return j.dump(one_line ? -1 : 2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace itax
