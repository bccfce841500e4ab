// The GB 32100-2015 check character: real codes pass, every single-character corruption fails.
#include "catalog/credit_code.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kl::catalog {
namespace {

// Published codes of well-known companies, and the example printed in most explanations of the
// standard; none of them was computed by our own function.
const std::vector<std::string> known_valid = {
    "91350100M000100Y43",  // the standard's worked example
    "91330100716105852F",  // Alibaba (China) Co., Ltd.
    "9144030071526726XG",  // Shenzhen Tencent Computer Systems Co., Ltd.
    "914403001922038216",  // Huawei Technologies Co., Ltd.
};

constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

TEST(CreditCode, KnownCodesAreValidAndKeptAsGiven) {
    for (const auto& code : known_valid) {
        auto checked = normalise_credit_code(code);
        ASSERT_TRUE(checked.has_value()) << code << ": " << checked.error().message;
        EXPECT_EQ(*checked, code);
        EXPECT_EQ(credit_code_check_char(std::string_view(code).substr(0, 17)), code.back()) << code;
    }
}

TEST(CreditCode, EverySingleCharacterSubstitutionIsRefused) {
    // The modulus 31 is prime and no weight is a multiple of it, so any one changed character
    // changes the sum modulo 31: the check must catch all of them.
    int tried = 0;
    for (const auto& code : known_valid) {
        for (size_t position = 0; position < code.size(); ++position) {
            for (const char replacement : alphabet) {
                if (replacement == code[position]) continue;
                std::string corrupted = code;
                corrupted[position] = replacement;
                auto checked = normalise_credit_code(corrupted);
                ASSERT_FALSE(checked.has_value()) << corrupted << " (position " << position + 1 << ")";
                EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument);
                ASSERT_EQ(checked.error().fields.size(), 1u);
                EXPECT_EQ(checked.error().fields[0].field, "credit_code");
                ++tried;
            }
        }
    }
    EXPECT_EQ(tried, static_cast<int>(known_valid.size() * 18 * 30));
}

TEST(CreditCode, AdjacentSwapsAreRefused) {
    for (const auto& code : known_valid) {
        for (size_t position = 0; position + 1 < code.size(); ++position) {
            if (code[position] == code[position + 1]) continue;
            std::string swapped = code;
            std::swap(swapped[position], swapped[position + 1]);
            EXPECT_FALSE(normalise_credit_code(swapped).has_value()) << swapped;
        }
    }
}

TEST(CreditCode, LowerCaseIsAcceptedAndUpperCased) {
    auto checked = normalise_credit_code("91350100m000100y43");
    ASSERT_TRUE(checked.has_value());
    EXPECT_EQ(*checked, "91350100M000100Y43");
}

TEST(CreditCode, MessagesSayWhatIsWrong) {
    auto short_code = normalise_credit_code("91350100M000100Y4");
    ASSERT_FALSE(short_code.has_value());
    EXPECT_NE(short_code.error().fields[0].message.find("18 characters"), std::string::npos);

    // I, O, S, V and Z are never used (easily misread as 1, 0, 5, U and 2).
    for (const char excluded : {'I', 'O', 'S', 'V', 'Z'}) {
        std::string code = "91350100M000100Y43";
        code[9] = excluded;
        auto checked = normalise_credit_code(code);
        ASSERT_FALSE(checked.has_value()) << excluded;
        EXPECT_NE(checked.error().fields[0].message.find("character 10"), std::string::npos)
            << checked.error().fields[0].message;
    }

    auto letter_in_division = normalise_credit_code("9135A100M000100Y43");
    ASSERT_FALSE(letter_in_division.has_value());
    EXPECT_NE(letter_in_division.error().fields[0].message.find("division code"), std::string::npos);

    auto wrong_check = normalise_credit_code("91350100M000100Y44");
    ASSERT_FALSE(wrong_check.has_value());
    EXPECT_NE(wrong_check.error().fields[0].message.find("ends in '3'"), std::string::npos)
        << wrong_check.error().fields[0].message;

    // Control bytes and broken UTF-8 are described, not echoed.
    auto control = normalise_credit_code(std::string("91350100M000100Y4") + '\x01');
    ASSERT_FALSE(control.has_value());
    EXPECT_NE(control.error().fields[0].message.find("byte 0x01"), std::string::npos);
    EXPECT_EQ(normalise_credit_code("", "org/credit_code").error().fields[0].field, "org/credit_code");
}

TEST(CreditCode, CompleteAddsTheCheckCharacter) {
    for (const auto& code : known_valid) {
        auto completed = complete_credit_code(code.substr(0, 17));
        ASSERT_TRUE(completed.has_value());
        EXPECT_EQ(*completed, code);
    }
    // A check value of 31 is written '0', and a code ending in it is valid.
    bool saw_zero = false;
    for (int serial = 0; serial < 200 && !saw_zero; ++serial) {
        const std::string serial_text = std::to_string(serial);
        auto code = complete_credit_code("91653125" + std::string(9 - serial_text.size(), '0') + serial_text);
        ASSERT_TRUE(code.has_value());
        EXPECT_TRUE(normalise_credit_code(*code).has_value()) << *code;
        saw_zero = code->back() == '0';
    }
    EXPECT_TRUE(saw_zero);
    EXPECT_FALSE(complete_credit_code("9135").has_value());
    EXPECT_FALSE(complete_credit_code("9135A100M000100Y4").has_value());
}

}  // namespace
}  // namespace kl::catalog
