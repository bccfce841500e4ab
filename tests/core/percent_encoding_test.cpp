// Percent-encoding, the one implementation the HTTP layer and the trace module's URIs share.
#include <gtest/gtest.h>

#include "core/percent_encoding.h"

namespace kl {
namespace {

TEST(PercentEncoding, DecodesEscapesOfEitherCaseAndPlusOnlyInQueries) {
    EXPECT_EQ(percent_decode("a%2Fb%2fc", false), "a/b/c");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_EQ(percent_decode("a+b", true), "a b");
    EXPECT_EQ(percent_decode("%E5%8F%B6%E5%9F%8E", false), "叶城");
    EXPECT_EQ(percent_decode("", false), "");
}

TEST(PercentEncoding, RefusesMalformedEscapesNulAndInvalidUtf8) {
    EXPECT_EQ(percent_decode("%", false), std::nullopt);
    EXPECT_EQ(percent_decode("%4", false), std::nullopt);
    EXPECT_EQ(percent_decode("%G0", false), std::nullopt);
    EXPECT_EQ(percent_decode("a%00b", false), std::nullopt);
    EXPECT_EQ(percent_decode("%FF", false), std::nullopt);
}

TEST(PercentEncoding, EncodesAllButUnreservedBytesAndRoundTrips) {
    EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
    EXPECT_EQ(percent_encode("a b/c?d&e=f%"), "a%20b%2Fc%3Fd%26e%3Df%25");
    EXPECT_EQ(percent_encode("叶城"), "%E5%8F%B6%E5%9F%8E");
    for (const std::string text : {"YC-2026/09 批次 #1", "x+y", "100%"}) {
        EXPECT_EQ(percent_decode(percent_encode(text), false), text);
        EXPECT_EQ(percent_decode(percent_encode(text), true), text) << "no '+' is left to read as a space";
    }
}

}  // namespace
}  // namespace kl
