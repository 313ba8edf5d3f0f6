#pragma once
/// The fixed phrases a match reason is made of (no name ever goes into a reason).
#include <array>
#include <string_view>

namespace lg::match::reason {

inline constexpr std::string_view kIdentical = "identical";
// equivalent
inline constexpr std::string_view kPunctuation = "punctuation or spacing differs";
inline constexpr std::string_view kHyphenSpace = "hyphen vs space";
inline constexpr std::string_view kAccentsMissingOnBook = "accents missing on book";
inline constexpr std::string_view kAccentsMissingOnLabel = "accents missing on label";
inline constexpr std::string_view kOrder = "name order differs";
inline constexpr std::string_view kMiddleMissingOnBook = "middle name missing on book";
inline constexpr std::string_view kMiddleMissingOnLabel = "middle name missing on label";
inline constexpr std::string_view kMiddleInitial = "middle initial vs full middle name";
inline constexpr std::string_view kAbbreviation = "abbreviated name";
// needs review
inline constexpr std::string_view kAccentsDiffer = "accents differ";
inline constexpr std::string_view kOneSurnameOfTwo = "one surname of two";
inline constexpr std::string_view kLastPartMissingOnBook = "part of last name missing on book";
inline constexpr std::string_view kLastPartMissingOnLabel = "part of last name missing on label";
inline constexpr std::string_view kSurnameOrder = "surnames in different order";
inline constexpr std::string_view kParticle = "last name particle differs";
inline constexpr std::string_view kShortForm = "short form of first name";
inline constexpr std::string_view kFirstVariant = "spelling variant of first name";
inline constexpr std::string_view kLastVariant = "spelling variant of last name";
inline constexpr std::string_view kFirstPartMissing = "part of first name missing on book";
inline constexpr std::string_view kMiddlePartMissing = "part of middle name missing";
inline constexpr std::string_view kTypoLast = "one letter differs in last name";
inline constexpr std::string_view kTypoFirst = "one letter differs in first name";
inline constexpr std::string_view kTypoMiddle = "one letter differs in middle name";
inline constexpr std::string_view kFamilyFirst = "last name written first without comma";
inline constexpr std::string_view kMiddleFirstSwapped = "middle and first names swapped";
inline constexpr std::string_view kUndottedAbbreviation = "abbreviation without dot";
inline constexpr std::string_view kSuffixMissingOnBook = "suffix missing on book";
inline constexpr std::string_view kSuffixMissingOnLabel = "suffix missing on label";
// mismatch
inline constexpr std::string_view kSeveral = "several differences";
inline constexpr std::string_view kDifferentName = "different name";
inline constexpr std::string_view kDifferentLast = "different last name";
inline constexpr std::string_view kDifferentFirst = "different first name";
inline constexpr std::string_view kMiddleDiffers = "middle name differs";
inline constexpr std::string_view kFirstInitialOnly = "first name is an initial on book";
inline constexpr std::string_view kSuffixDiffers = "suffix differs";
inline constexpr std::string_view kBookEmpty = "name missing on book";
inline constexpr std::string_view kLastMissing = "last name missing on book";
inline constexpr std::string_view kFirstMissing = "first name missing on book";
inline constexpr std::string_view kLabelEmpty = "label name missing";
inline constexpr std::string_view kLabelForm = "label name not in last, first form";
inline constexpr std::string_view kTooLong = "name too long to compare";
inline constexpr std::string_view kBookInvalid = "book name is not valid text";
inline constexpr std::string_view kLabelInvalid = "label name is not valid text";

inline constexpr std::array kAll{kIdentical,
                                 kPunctuation,
                                 kHyphenSpace,
                                 kAccentsMissingOnBook,
                                 kAccentsMissingOnLabel,
                                 kOrder,
                                 kMiddleMissingOnBook,
                                 kMiddleMissingOnLabel,
                                 kMiddleInitial,
                                 kAbbreviation,
                                 kAccentsDiffer,
                                 kOneSurnameOfTwo,
                                 kLastPartMissingOnBook,
                                 kLastPartMissingOnLabel,
                                 kParticle,
                                 kSurnameOrder,
                                 kShortForm,
                                 kFirstVariant,
                                 kLastVariant,
                                 kFirstPartMissing,
                                 kMiddlePartMissing,
                                 kTypoLast,
                                 kTypoFirst,
                                 kTypoMiddle,
                                 kFamilyFirst,
                                 kMiddleFirstSwapped,
                                 kUndottedAbbreviation,
                                 kSuffixMissingOnBook,
                                 kSuffixMissingOnLabel,
                                 kSeveral,
                                 kDifferentName,
                                 kDifferentLast,
                                 kDifferentFirst,
                                 kMiddleDiffers,
                                 kFirstInitialOnly,
                                 kSuffixDiffers,
                                 kBookEmpty,
                                 kLastMissing,
                                 kFirstMissing,
                                 kLabelEmpty,
                                 kLabelForm,
                                 kTooLong,
                                 kBookInvalid,
                                 kLabelInvalid};

}  // namespace lg::match::reason
