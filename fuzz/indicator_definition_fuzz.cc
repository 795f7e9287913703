// Fuzzes the indicator definition parser (src/indicators/definition.h): the input is given to
// ParseIndicator and ParseDefinitionFile as it is. Neither may crash or throw, a refusal must
// name a field and say why in both languages, and every accepted indicator must survive the
// way the service stores it: IndicatorToJson → ParseIndicator → IndicatorToJson gives the same
// text (an administrator's saved definition is read back at every start).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "indicators/definition.h"

namespace {

using namespace yuanwu;
using namespace yuanwu::indicators;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "property violated: %s\n", what);
    std::abort();
  }
}

void CheckRefusal(const Status& s) {
  Check(!s.message().empty() && !s.message_en().empty(), "a refusal says why, zh and en");
  Check(!s.fields().empty() && !s.fields()[0].field.empty(), "a refusal names the key");
}

void CheckRoundTrip(const Indicator& i) {
  std::string stored = IndicatorToJson(i);
  Result<Indicator> again = ParseIndicator(stored);
  if (!again.ok()) {
    std::fprintf(stderr, "stored form refused: %s\n%s\n", again.status().message_en().c_str(),
                 stored.c_str());
    std::abort();
  }
  Check(IndicatorToJson(*again) == stored, "IndicatorToJson ∘ ParseIndicator is the identity");
  Check(again->numerator.Key() == i.numerator.Key(), "the numerator survives the round trip");
  Check(again->denominator.has_value() == i.denominator.has_value(),
        "the denominator survives the round trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string json(reinterpret_cast<const char*>(data), size);
  Result<Indicator> one = ParseIndicator(json);
  if (one.ok()) {
    CheckRoundTrip(*one);
  } else {
    CheckRefusal(one.status());
  }
  Result<std::vector<Indicator>> file = ParseDefinitionFile(json);
  if (file.ok()) {
    for (const Indicator& i : *file) CheckRoundTrip(i);
  } else {
    CheckRefusal(file.status());
  }
  return 0;
}
