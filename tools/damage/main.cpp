// labelgen-damage IN OUT.(png|jpg) [options]: makes a clean page raster look scanned or
// photographed, deterministically for a seed. Steps, in this order: rotate, perspective, scale,
// blur, noise, JPEG. See --help.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "labelgen/decode/load.hpp"
#include "tools/damage/codecs.hpp"
#include "tools/damage/filters.hpp"
#include "tools/damage/warp.hpp"

namespace {

constexpr const char* kUsage =
    "usage: labelgen-damage IN OUT.(png|jpg) [--rotate DEG] [--blur SIGMA] [--noise SIGMA]\n"
    "                       [--jpeg QUALITY] [--scale DPI_FROM:DPI_TO] [--perspective AMOUNT] [--seed N]\n"
    "\n"
    "Makes a clean page image (PNG, JPEG, TIFF or PDF; first page) look scanned or photographed.\n"
    "Steps run in this order:\n"
    "  --rotate DEG        turn DEG degrees counter-clockwise (negative: clockwise), canvas grown, white\n"
    "  --perspective A     phone-photo keystone: top edge pulled in by A x width (0 < A <= 0.3), corners\n"
    "                      jittered by up to A/2 from the seed\n"
    "  --scale F:T         resample from F dpi to T dpi (area average down, as a scanner's sensor;\n"
    "                      bilinear up); the output states T dpi\n"
    "  --blur SIGMA        Gaussian blur, SIGMA in output pixels (0-20)\n"
    "  --noise SIGMA       Gaussian noise, SIGMA in gray levels (0-128)\n"
    "  --jpeg QUALITY      JPEG compression at QUALITY (1-100): the output quality when OUT is .jpg\n"
    "                      (default 90), a compression round trip when OUT is .png\n"
    "  --seed N            seed of the noise and the perspective jitter (default 1)\n"
    "The same input, options and seed give the same output bytes.\n"
    "Exit codes: 0 done, 2 bad command line, 3 unreadable input, 4 output not written.\n";

struct Options {
  std::string in, out;
  double rotate = 0, blur = 0, noise = 0, perspective = 0;
  std::optional<int> jpeg;
  std::optional<std::pair<double, double>> scale;
  std::uint64_t seed = 1;
};

std::optional<double> number(std::string_view s) {
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

int usage_error(const std::string& what) {
  std::fprintf(stderr, "labelgen-damage: %s\n%s", what.c_str(), kUsage);
  return 2;
}

bool ends_with_any(std::string s, std::initializer_list<std::string_view> exts) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto e : exts)
    if (s.ends_with(e)) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (!a.starts_with("--")) {
      positional.emplace_back(a);
      continue;
    }
    if (i + 1 >= argc) return usage_error(std::string(a) + " needs a value");
    const std::string_view v = argv[++i];
    auto num = [&](double lo, double hi) -> std::optional<double> {
      auto n = number(v);
      if (!n || *n < lo || *n > hi) return std::nullopt;
      return n;
    };
    std::optional<double> n;
    if (a == "--rotate") {
      if (!(n = num(-3600, 3600))) return usage_error("--rotate needs degrees");
      o.rotate = *n;
    } else if (a == "--blur") {
      if (!(n = num(0, 20))) return usage_error("--blur needs a sigma of 0-20 pixels");
      o.blur = *n;
    } else if (a == "--noise") {
      if (!(n = num(0, 128))) return usage_error("--noise needs a sigma of 0-128 gray levels");
      o.noise = *n;
    } else if (a == "--perspective") {
      if (!(n = num(0, 0.3))) return usage_error("--perspective needs an amount of 0-0.3");
      o.perspective = *n;
    } else if (a == "--jpeg") {
      if (!(n = num(1, 100)) || *n != std::floor(*n)) return usage_error("--jpeg needs a quality of 1-100");
      o.jpeg = static_cast<int>(*n);
    } else if (a == "--seed") {
      std::uint64_t s = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), s);
      if (ec != std::errc() || p != v.data() + v.size()) return usage_error("--seed needs a whole number");
      o.seed = s;
    } else if (a == "--scale") {
      const auto colon = v.find(':');
      auto from = number(v.substr(0, colon)),
           to = colon == std::string_view::npos ? std::nullopt : number(v.substr(colon + 1));
      if (!from || !to || *from < 10 || *to < 10 || *from > 4800 || *to > 4800)
        return usage_error("--scale needs DPI_FROM:DPI_TO, e.g. 300:150");
      o.scale = {*from, *to};
    } else {
      return usage_error("unknown option " + std::string(a));
    }
  }
  if (positional.size() != 2) return usage_error("needs IN and OUT");
  o.in = positional[0];
  o.out = positional[1];
  const bool jpeg_out = ends_with_any(o.out, {".jpg", ".jpeg"});
  if (!jpeg_out && !ends_with_any(o.out, {".png"})) return usage_error("OUT must end in .png, .jpg or .jpeg");

  auto pages = lg::decode::load_pages(o.in);
  if (!pages) {
    std::fprintf(stderr, "labelgen-damage: %s\n", pages.error().message.c_str());
    return 3;
  }
  lg::decode::GrayImage img = std::move(pages->front());
  try {
    // Geometry first, at the input's resolution; then the sensor samples it (scale), as a
    // skewed page on a scanner or a camera would: resampling a low-resolution image after the
    // fact would blur it more than any scanner does.
    if (o.rotate != 0) img = lg::damage::rotate(img, o.rotate);
    if (o.perspective > 0) img = lg::damage::perspective(img, o.perspective, o.seed);
    if (o.scale) {
      img.dpi = o.scale->first;
      img = lg::damage::scale(img, o.scale->second / o.scale->first);
      img.dpi = o.scale->second;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "labelgen-damage: %s\n", e.what());
    return 3;
  }
  img = lg::damage::blur(img, o.blur);
  img = lg::damage::noise(img, o.noise, o.seed);
  lg::Result<std::string> bytes;
  if (jpeg_out) {
    bytes = lg::damage::encode_jpeg(img, o.jpeg.value_or(90));
  } else {
    if (o.jpeg) {
      auto round = lg::damage::jpeg_round_trip(img, *o.jpeg);
      if (!round) {
        std::fprintf(stderr, "labelgen-damage: %s\n", round.error().message.c_str());
        return 4;
      }
      img = std::move(*round);
    }
    bytes = lg::damage::encode_png(img);
  }
  if (!bytes) {
    std::fprintf(stderr, "labelgen-damage: %s\n", bytes.error().message.c_str());
    return 4;
  }
  std::ofstream f(o.out, std::ios::binary | std::ios::trunc);
  f.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  f.close();
  if (!f) {
    std::fprintf(stderr, "labelgen-damage: cannot write %s\n", o.out.c_str());
    return 4;
  }
  return 0;
}
