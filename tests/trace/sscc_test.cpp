// SSCC-18 and the GS1 mod-10 check digit, with GS1's own examples.
#include "trace/sscc.h"

#include <gtest/gtest.h>

namespace kl::trace {
namespace {

TEST(Gs1CheckDigit, MatchesPublishedExamples) {
    // The SSCC of the GS1 General Specifications (§2.2.1 figure): (00) 1 0614141 123456789 7.
    EXPECT_EQ(sscc_check_digit("10614141123456789"), 7);
    // The EAN-13 4006381333931 (GTIN-13 of the GS1 check digit calculator's example): check digit 1.
    EXPECT_EQ(gs1_check_digit("400638133393"), 1);
    // All zeros: the weighted sum is 0, so is the check digit.
    EXPECT_EQ(gs1_check_digit("00000000000000000"), 0);
}

TEST(Sscc, AcceptsAValidCodeAndRefusesAWrongCheckDigitNamingTheField) {
    EXPECT_TRUE(validate_sscc("106141411234567897"));
    for (const char* wrong : {"106141411234567890", "106141411234567898", "106141411234567896"}) {
        auto checked = validate_sscc(wrong, "parent_id");
        ASSERT_FALSE(checked) << wrong;
        EXPECT_EQ(checked.error().fields.at(0).field, "parent_id");
        EXPECT_NE(checked.error().fields.at(0).message.find("check digit"), std::string::npos);
        EXPECT_NE(checked.error().fields.at(0).message.find("is 7"), std::string::npos);
    }
    EXPECT_FALSE(validate_sscc("10614141123456789"));    // 17 digits
    EXPECT_FALSE(validate_sscc("1061414112345678970"));  // 19 digits
    EXPECT_FALSE(validate_sscc("10614141123456789A"));
    EXPECT_FALSE(validate_sscc(""));
}

TEST(Sscc, MakesTheNextCodeFromACompanyPrefix) {
    EXPECT_EQ(*make_sscc(1, "0614141", 123456789), "106141411234567897");
    // The serial reference is zero-padded to fill 17 digits with the prefix and extension digit.
    const std::string first = *make_sscc(0, "6901234", 1);
    EXPECT_EQ(first.size(), sscc_digits);
    EXPECT_EQ(first.substr(0, 17), "06901234000000001");
    EXPECT_TRUE(validate_sscc(first));
    // A 10-digit prefix leaves 6 digits of serial.
    EXPECT_EQ(sscc_serial_max("6901234567"), 999'999);
    EXPECT_FALSE(make_sscc(0, "6901234567", 1'000'000));
    EXPECT_FALSE(make_sscc(0, "12345", 1));  // too short a prefix
    EXPECT_FALSE(make_sscc(10, "6901234", 1));
    EXPECT_EQ(sscc_digital_link("106141411234567897"), "https://id.gs1.org/00/106141411234567897");
}

}  // namespace
}  // namespace kl::trace
