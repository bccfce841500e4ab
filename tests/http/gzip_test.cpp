#include "http/gzip.h"

#include <gtest/gtest.h>

namespace kl::http {
namespace {

TEST(AcceptsGzip, ReadsCodingsAndQualities) {
    EXPECT_TRUE(accepts_gzip("gzip"));
    EXPECT_TRUE(accepts_gzip("deflate, gzip;q=0.5, br"));
    EXPECT_TRUE(accepts_gzip("GZIP"));
    EXPECT_TRUE(accepts_gzip("*"));
    EXPECT_FALSE(accepts_gzip(""));
    EXPECT_FALSE(accepts_gzip("br, deflate"));
    EXPECT_FALSE(accepts_gzip("gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("gzip; q=0.000"));
    EXPECT_FALSE(accepts_gzip("*;q=0"));
    EXPECT_FALSE(accepts_gzip("gzipx"));
}

TEST(AcceptsCoding, BrotliAndTheCodingsOwnEntryBeforeTheStar) {
    EXPECT_TRUE(accepts_coding("gzip, deflate, br", "br"));
    EXPECT_TRUE(accepts_coding("BR;q=0.1", "br"));
    EXPECT_TRUE(accepts_coding("*", "br"));
    EXPECT_FALSE(accepts_coding("gzip, deflate", "br"));
    EXPECT_FALSE(accepts_coding("br;q=0, *", "br"));
    EXPECT_TRUE(accepts_coding("x-gzip", "gzip"));
    EXPECT_FALSE(accepts_coding("x-gzip", "br"));
}

TEST(IsCompressible, KnowsTextFormats) {
    EXPECT_TRUE(is_compressible("application/json"));
    EXPECT_TRUE(is_compressible("application/problem+json"));
    EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
    EXPECT_FALSE(is_compressible("image/png"));
    EXPECT_FALSE(is_compressible("application/octet-stream"));
}

TEST(Gzip, RoundTrips) {
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "{\"county\":\"莎车\",\"amount_fen\":" + std::to_string(i) + "},";
    auto compressed = gzip_compress(text);
    ASSERT_TRUE(compressed);
    EXPECT_LT(compressed->size(), text.size() / 4);
    EXPECT_EQ(static_cast<unsigned char>((*compressed)[0]), 0x1f);
    EXPECT_EQ(static_cast<unsigned char>((*compressed)[1]), 0x8b);
    EXPECT_EQ(gzip_decompress(*compressed, 1 << 20), text);
    EXPECT_FALSE(gzip_decompress(*compressed, 100).has_value());
    EXPECT_FALSE(gzip_decompress("not gzip", 1 << 20).has_value());
    EXPECT_FALSE(gzip_decompress(compressed->substr(0, compressed->size() / 2), 1 << 20).has_value());
}

}  // namespace
}  // namespace kl::http
