// RFC 3339 parsing and formatting for astrid::timestamp, matching chrono
// (the reference's time library): any fraction length and offset on input,
// UTC with 0/3/6/9 fraction digits on output, leap seconds kept as :60.
#include "astrid/messages/timestamp.hpp"

#include "detail/format.hpp"

#include <algorithm>

#include <chrono>

namespace astrid {
namespace {

constexpr std::int64_t seconds_per_day = 86'400;
constexpr std::uint32_t nanos_per_second = 1'000'000'000;

bool is_leap_year(std::int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) noexcept {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (era-based: a 400-year
// era has 146097 days; March-based years put the leap day last).
std::int64_t days_from_civil(std::int64_t y, int m, int d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (m + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct civil_date {
  std::int64_t year;
  int month;
  int day;
};

// Inverse of days_from_civil.
civil_date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

// A cursor over the text being parsed; every read checks bounds.
struct cursor {
  std::string_view text;
  std::size_t pos = 0;

  bool literal(char c) noexcept {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool digits(int count, int& out) noexcept {
    out = 0;
    for (int i = 0; i < count; ++i, ++pos) {
      if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return false;
      out = out * 10 + (text[pos] - '0');
    }
    return true;
  }
  bool at_digit() const noexcept {
    return pos < text.size() && text[pos] >= '0' && text[pos] <= '9';
  }
  bool done() const noexcept { return pos == text.size(); }
};

// ".ddd…": any number of digits (at least one); digits past the ninth are
// dropped, as chrono does.
bool parse_fraction(cursor& c, std::uint32_t& nanos) noexcept {
  nanos = 0;
  if (!c.literal('.')) return true;
  if (!c.at_digit()) return false;
  std::uint32_t scale = nanos_per_second / 10;
  while (c.at_digit()) {
    nanos += static_cast<std::uint32_t>(c.text[c.pos] - '0') * scale;
    scale /= 10;
    ++c.pos;
  }
  return true;
}

// "Z" or ±HH:MM / ±HHMM; the offset in seconds east of UTC.
bool parse_zone(cursor& c, std::int64_t& offset) noexcept {
  offset = 0;
  if (c.literal('Z')) return true;
  int sign = c.literal('+') ? 1 : (c.literal('-') ? -1 : 0);
  int hours = 0;
  int minutes = 0;
  if (sign == 0 || !c.digits(2, hours)) return false;
  c.literal(':');
  if (!c.digits(2, minutes) || minutes > 59 || hours > 23) return false;
  offset = sign * (hours * 3600 + minutes * 60);
  return true;
}

// Writes the non-negative `value` with at least `width` digits at `p`;
// returns the end. No allocation: the encoders write a timestamp per event.
char* put_padded(char* p, std::int64_t value, int width) noexcept {
  auto v = static_cast<std::uint64_t>(value);
  int n = 1;
  for (auto rest = v; rest >= 10; rest /= 10) ++n;
  char* const end = p + std::max(n, width);
  for (char* q = end; q != p; v /= 10) *--q = static_cast<char>('0' + v % 10);
  return end;
}

}  // namespace

timestamp timestamp::now() noexcept {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  std::int64_t secs = ns / nanos_per_second;
  std::int64_t rem = ns % nanos_per_second;
  if (rem < 0) {
    rem += nanos_per_second;
    --secs;
  }
  return {secs, static_cast<std::uint32_t>(rem)};
}

std::optional<timestamp> timestamp::parse(std::string_view text) noexcept {
  cursor c{text};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!c.digits(4, year) || !c.literal('-') || !c.digits(2, month) || !c.literal('-') ||
      !c.digits(2, day)) {
    return std::nullopt;
  }
  if (!c.literal('T') && !c.literal(' ')) return std::nullopt;
  if (!c.digits(2, hour) || !c.literal(':') || !c.digits(2, minute) || !c.literal(':') ||
      !c.digits(2, second)) {
    return std::nullopt;
  }
  std::uint32_t nanos = 0;
  std::int64_t offset = 0;
  if (!parse_fraction(c, nanos) || !parse_zone(c, offset) || !c.done()) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  if (second == 60) {  // a leap second: chrono keeps it as :59 plus a whole second of nanos
    second = 59;
    nanos += nanos_per_second;
  }
  const std::int64_t local =
      days_from_civil(year, month, day) * seconds_per_day + hour * 3600 + minute * 60 + second;
  return timestamp{local - offset, nanos};
}

std::string to_string(const timestamp& t) {
  char buf[detail::max_timestamp_chars];
  return std::string{detail::format_timestamp(t, buf)};
}

namespace detail {

std::string_view format_timestamp(const timestamp& t, char (&buf)[max_timestamp_chars]) noexcept {
  std::int64_t days = t.seconds / seconds_per_day;
  std::int64_t secs_of_day = t.seconds % seconds_per_day;
  if (secs_of_day < 0) {
    secs_of_day += seconds_per_day;
    --days;
  }
  const civil_date date = civil_from_days(days);
  const bool leap = t.nanos >= nanos_per_second;
  const std::uint32_t frac = leap ? t.nanos - nanos_per_second : t.nanos;
  char* p = buf;
  if (date.year < 0) {
    *p++ = '-';
  } else if (date.year > 9999) {
    *p++ = '+';
  }
  p = put_padded(p, date.year < 0 ? -date.year : date.year, 4);
  *p++ = '-';
  p = put_padded(p, date.month, 2);
  *p++ = '-';
  p = put_padded(p, date.day, 2);
  *p++ = 'T';
  p = put_padded(p, secs_of_day / 3600, 2);
  *p++ = ':';
  p = put_padded(p, secs_of_day / 60 % 60, 2);
  *p++ = ':';
  p = put_padded(p, secs_of_day % 60 + (leap ? 1 : 0), 2);
  if (frac != 0) {
    *p++ = '.';
    if (frac % 1'000'000 == 0) {
      p = put_padded(p, frac / 1'000'000, 3);
    } else if (frac % 1'000 == 0) {
      p = put_padded(p, frac / 1'000, 6);
    } else {
      p = put_padded(p, frac, 9);
    }
  }
  *p++ = 'Z';
  return {buf, static_cast<std::size_t>(p - buf)};
}

}  // namespace detail

}  // namespace astrid
