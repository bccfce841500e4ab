// The one text rule of every field: blank required text, control characters, invisible characters in
// identifiers, lengths in code points.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text_rules.h"

namespace kl {
namespace {

bool has_problem(std::string_view value, size_t min, size_t max, TextKind kind = TextKind::line) {
    return text_problem(value, min, max, kind).has_value();
}

TEST(TextRules, RequiredTextMustNotBeBlank) {
    const std::vector<std::string> blanks = {"     ", "\u3000\u3000", " \u00A0 ", "\u2003", "\u200B", " \u3164 "};
    for (const auto& blank : blanks) {
        auto problem = text_problem(blank, 1, 100);
        ASSERT_TRUE(problem.has_value()) << blank;
        EXPECT_EQ(problem->code, ProblemCode::blank) << problem->message;
    }
    EXPECT_FALSE(has_problem("     ", 0, 100));  // optional text may be blank
    EXPECT_FALSE(has_problem(" 喀什 ", 1, 100));
    EXPECT_FALSE(has_problem("     ", 1, 100, TextKind::secret));  // a password may be spaces
}

TEST(TextRules, ControlCharactersAreRefusedAndNamed) {
    auto problem = text_problem("Cash\x1b[31m", 1, 100);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->code, ProblemCode::control_character);
    EXPECT_NE(problem->message.find("U+001B at character 5"), std::string::npos) << problem->message;
    ASSERT_EQ(problem->params.size(), 1u);
    EXPECT_EQ(problem->params[0].name, "at");
    EXPECT_EQ(std::get<int64_t>(problem->params[0].value), 5);
    EXPECT_TRUE(has_problem("a\x7f", 1, 100));         // DEL
    EXPECT_TRUE(has_problem("a\u0085b", 1, 100));      // C1 next line
    EXPECT_TRUE(has_problem("two\nlines", 1, 100));    // one-line fields
    EXPECT_TRUE(has_problem(std::string("a\0b", 3), 1, 100, TextKind::secret));
    EXPECT_FALSE(has_problem("p\x1bss\n", 1, 100, TextKind::secret));
}

TEST(TextRules, ProseMayHoldLineFeedsAndTabsOnly) {
    EXPECT_FALSE(has_problem("first line\n\tsecond line", 1, 100, TextKind::prose));
    EXPECT_TRUE(has_problem("windows\r\nline", 1, 100, TextKind::prose));
    EXPECT_TRUE(has_problem("bell\a", 1, 100, TextKind::prose));
    EXPECT_TRUE(has_problem("\n\t\n", 1, 100, TextKind::prose));  // still blank
}

TEST(TextRules, IdentifiersRefuseInvisibleCharacters) {
    for (const std::string bad : {"LOOK-1\u200B", "\uFEFFLOOK-1", "LO\u200DOK", "LOOK\u202E-1", "LOOK\u2066-1",
                                  "LOOK\u00AD-1", "LOOK\uFE0F-1"}) {
        auto problem = text_problem(bad, 1, 100, TextKind::identifier);
        ASSERT_TRUE(problem.has_value()) << bad;
        EXPECT_EQ(problem->code, ProblemCode::invisible_character) << problem->message;
    }
    EXPECT_FALSE(has_problem("LOOK\u20101", 1, 100, TextKind::identifier));  // visible: the key folds it
    EXPECT_FALSE(has_problem("莎车-2024-001", 1, 100, TextKind::identifier));
    EXPECT_FALSE(has_problem("LO\u200DOK", 1, 100, TextKind::line));  // names may need a joiner
}

TEST(TextRules, LengthsCountCodePoints) {
    EXPECT_FALSE(has_problem("喀什地区", 1, 4));
    EXPECT_TRUE(has_problem("喀什地区莎", 1, 4));
    EXPECT_TRUE(has_problem("", 1, 4));
    EXPECT_TRUE(has_problem("abc", 4, 4));
    const auto too_long = text_problem("喀什地区莎", 1, 4);
    ASSERT_TRUE(too_long.has_value());
    EXPECT_EQ(too_long->code, ProblemCode::length_out_of_range);
    ASSERT_EQ(too_long->params.size(), 3u);
    EXPECT_EQ(std::get<int64_t>(too_long->params[2].value), 5);  // got, counted in characters
    EXPECT_EQ(text_problem("", 1, 4)->code, ProblemCode::required);
    EXPECT_TRUE(has_problem("\xED\xA0\x80", 0, 4));  // a UTF-16 surrogate is not UTF-8
    EXPECT_TRUE(has_problem("\xC0\xAF", 0, 4));      // overlong '/'
}

}  // namespace
}  // namespace kl
