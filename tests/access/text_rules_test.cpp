// Shared text checks of the access module: UTF-8 lengths, field errors, cursors and tokens.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "access/page_cursor.h"
#include "access/token.h"
#include "core/field_errors.h"
#include "core/unicode_text.h"

namespace kl::access {
namespace {

TEST(Utf8, IsValidRefusesOverlongSurrogatesAndTruncation) {
    EXPECT_TRUE(unicode::is_valid_utf8("plain"));
    EXPECT_TRUE(unicode::is_valid_utf8("喀什 𝄞"));
    EXPECT_FALSE(unicode::is_valid_utf8("\xc0\xaf"));          // overlong "/"
    EXPECT_FALSE(unicode::is_valid_utf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(unicode::is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(unicode::is_valid_utf8("\xe5\x96"));          // truncated
    EXPECT_EQ(unicode::utf8_length("喀什 𝄞"), 4u);
}

TEST(Utf8Length, CountsCodePointsNotBytes) {
    EXPECT_EQ(unicode::utf8_length(""), 0u);
    EXPECT_EQ(unicode::utf8_length("abc"), 3u);
    EXPECT_EQ(unicode::utf8_length("喀什"), 2u);                  // 3 bytes each
    EXPECT_EQ(unicode::utf8_length("\xF0\x9F\x8D\x87"), 1u);     // U+1F347, 4 bytes
    EXPECT_EQ(unicode::utf8_length("¥1"), 2u);
}

TEST(Utf8Length, RefusesMalformedUtf8) {
    EXPECT_FALSE(unicode::utf8_length("\xC3").has_value());           // cut short
    EXPECT_FALSE(unicode::utf8_length("\xE5\x96").has_value());       // cut short
    EXPECT_FALSE(unicode::utf8_length("\x80").has_value());           // lone continuation byte
    EXPECT_FALSE(unicode::utf8_length("\xC0\xAF").has_value());       // overlong '/'
    EXPECT_FALSE(unicode::utf8_length("\xED\xA0\x80").has_value());   // UTF-16 surrogate
    EXPECT_FALSE(unicode::utf8_length("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
    EXPECT_FALSE(unicode::utf8_length("\xFF").has_value());
}

TEST(FieldErrors, CollectsEveryProblemAndNamesTheFields) {
    FieldErrors errors;
    errors.check_text("name", "", 1, 10);
    errors.check_text("city", "Kashgar\n", 1, 10);
    errors.check_text("note", "\xC3", 0, 10);
    errors.check_text("fine", "喀什地区", 1, 4);
    auto result = errors.finish();
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    ASSERT_EQ(result.error().fields.size(), 3u);
    EXPECT_EQ(result.error().fields[0].field, "name");
    EXPECT_EQ(result.error().fields[1].field, "city");
    EXPECT_NE(result.error().fields[1].message.find("control"), std::string::npos);
    EXPECT_EQ(result.error().fields[2].field, "note");
    EXPECT_FALSE(errors.has("fine"));
}

TEST(FieldErrors, NoProblemsIsSuccess) {
    FieldErrors errors;
    errors.check_text("name", "Robert'); DROP TABLE users;--", 1, 100);
    EXPECT_TRUE(errors.finish().has_value());
}

TEST(PageCursor, RoundTripsAnId) {
    const std::string id = "01890a5d-ac96-774b-bcce-b302099a8057";
    const std::string cursor = encode_cursor(id);
    EXPECT_EQ(cursor.find(id), std::string::npos);  // opaque, not the id itself
    auto decoded = decode_cursor(cursor);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, id);
}

TEST(PageCursor, RefusesWhatItDidNotMake) {
    const std::vector<std::string> refused = {"",   "abc", "zz", "0a", "20", std::string(cursor_chars_max + 2, 'a'),
                                              "ABCD"};
    for (const std::string& bad : refused) {
        auto decoded = decode_cursor(bad);
        ASSERT_FALSE(decoded.has_value()) << bad;
        ASSERT_EQ(decoded.error().fields.size(), 1u);
        EXPECT_EQ(decoded.error().fields[0].field, "cursor");
    }
}

TEST(PageCursor, LimitMustBeInRange) {
    EXPECT_TRUE(check_page_limit(page_limit_min).has_value());
    EXPECT_TRUE(check_page_limit(page_limit_max).has_value());
    for (const int bad : {0, -1, page_limit_max + 1}) {
        auto checked = check_page_limit(bad);
        ASSERT_FALSE(checked.has_value()) << bad;
        EXPECT_EQ(checked.error().fields.at(0).field, "limit");
    }
}

TEST(Token, IsRandomHexOfTheRightLength) {
    const std::string first = new_token();
    const std::string second = new_token();
    EXPECT_EQ(first.size(), token_hex_chars);
    EXPECT_TRUE(is_token_shaped(first));
    EXPECT_NE(first, second);
}

TEST(Token, ShapeCheckRefusesAnythingElse) {
    const std::string good(token_hex_chars, 'a');
    EXPECT_TRUE(is_token_shaped(good));
    EXPECT_FALSE(is_token_shaped(""));
    EXPECT_FALSE(is_token_shaped(good + "a"));
    EXPECT_FALSE(is_token_shaped(good.substr(1)));
    EXPECT_FALSE(is_token_shaped(std::string(token_hex_chars, 'A')));
    EXPECT_FALSE(is_token_shaped(std::string(token_hex_chars - 1, 'a') + "'"));
}

TEST(Token, Sha256MatchesTheStandardVector) {
    // FIPS 180-2, appendix B.1.
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Token, ConstantTimeEqual) {
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
    EXPECT_TRUE(constant_time_equal("", ""));
}

}  // namespace
}  // namespace kl::access
