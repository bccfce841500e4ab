// The public trace code: random, Crockford base32, normalised before lookup.
#include "trace/trace_code.h"

#include <gtest/gtest.h>

#include <set>

namespace kl::trace {
namespace {

TEST(TraceCode, IsTwelveCharactersOfCrockfordBase32AndNeverRepeatsInPractice) {
    std::set<std::string> seen;
    std::set<char> letters;
    for (int i = 0; i < 2000; ++i) {
        const std::string code = new_trace_code();
        ASSERT_EQ(code.size(), trace_code_chars);
        for (const char c : code) {
            ASSERT_NE(crockford_alphabet.find(c), std::string_view::npos) << code;
            letters.insert(c);
        }
        EXPECT_TRUE(seen.insert(code).second) << code;
        EXPECT_EQ(normalise_trace_code(code), code);
    }
    // 24,000 characters drawn from 32: every one of them shows up (a stuck or biased source would not).
    EXPECT_EQ(letters.size(), crockford_alphabet.size());
    EXPECT_GE(trace_code_bits, 50);
    for (const char look_alike : {'I', 'L', 'O', 'U'}) EXPECT_EQ(crockford_alphabet.find(look_alike), std::string_view::npos);
}

TEST(TraceCode, WhatAPersonTypesIsNormalisedBeforeLookup) {
    const std::string code = "ABCD1FGH0K23";
    EXPECT_EQ(normalise_trace_code("abcd1fgh0k23"), code);
    EXPECT_EQ(normalise_trace_code("ABCD-1FGH-0K23"), code);
    EXPECT_EQ(normalise_trace_code("  abcd 1fgh 0k23 "), code);
    EXPECT_EQ(normalise_trace_code("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xEF\xBC\xA4" "1FGH0K23"), code);  // full-width ＡＢＣＤ
    EXPECT_EQ(normalise_trace_code("ABCD\xE2\x80\x8B" "1FGH0K23"), code);                                     // a zero-width space
    EXPECT_EQ(normalise_trace_code("ABCDIFGHOK23"), code);  // I read as 1, O as 0
    EXPECT_EQ(normalise_trace_code("ABCDlFGH0K23"), code);  // l read as 1
    EXPECT_EQ(format_trace_code(code), "ABCD-1FGH-0K23");
    EXPECT_EQ(normalise_trace_code(format_trace_code(code)), code);
}

TEST(TraceCode, RefusesWhatCannotBeACode) {
    EXPECT_EQ(normalise_trace_code("ABCD1FGH0K2"), "");    // 11
    EXPECT_EQ(normalise_trace_code("ABCD1FGH0K234"), "");  // 13
    EXPECT_EQ(normalise_trace_code("ABCD1FGH0KU3"), "");   // U is not in the alphabet
    EXPECT_EQ(normalise_trace_code("ABCD1FGH0K2!"), "");
    EXPECT_EQ(normalise_trace_code(""), "");
    EXPECT_EQ(normalise_trace_code(std::string(1000, 'A')), "");
}

}  // namespace
}  // namespace kl::trace
