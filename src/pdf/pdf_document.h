#pragma once
// Printable documents: a participant's agenda, a badge, an organiser's table plan. A document is a
// list of pages, each a column of blocks — headings, paragraphs, tables (which continue on a new page
// with their header repeated) and QR matrices — rendered to PDF by Cairo with Pango laying out the
// text. Why these libraries: Pango breaks lines and picks fonts per script through fontconfig, so a
// line that mixes 叶城核桃 and "Hall 2" prints right with Debian's CJK font (fonts-wqy-microhei, in
// scripts/install-deps.sh) and nothing embedded by us; Cairo's PDF backend subsets the fonts, so an
// agenda is tens of kilobytes. Both are in Debian and under GNOME's long care.
//
//   kl::pdf::Document doc{"议程 · Agenda", {{{kl::pdf::Heading{"2024 产销对接会"}, kl::pdf::Table{...}}}}};
//   auto bytes = kl::pdf::render(doc);   // application/pdf

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

namespace kl::pdf {

inline constexpr size_t pages_max = 5'000;        // a table plan of a large fair, one page per slot
inline constexpr size_t blocks_max = 200'000;     // over all pages (table rows count one each)
inline constexpr size_t text_bytes_max = 8'000;   // one heading, paragraph or cell
inline constexpr int32_t qr_side_mm_max = 120;

struct Heading {
    std::string text;
};
struct Paragraph {
    std::string text;
    bool small = false;  // a footnote, a caption
};
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // each as wide as the header
    std::vector<int32_t> weights;                // relative column widths; empty: equal
};
// A QR code's modules (qr::Matrix's shape, kept apart so that pdf needs no qr): drawn as vector
// squares, side_mm wide, with a four-module quiet zone inside that width.
struct Matrix {
    int32_t size = 0;
    std::vector<uint8_t> dark;  // size × size, row by row
    int32_t side_mm = 30;
    std::string caption;        // printed under it (a code to type when the camera fails)
};
using Block = std::variant<Heading, Paragraph, Table, Matrix>;

struct Page {
    std::vector<Block> blocks;
};

// How pages sit on paper: each on its own A4 sheet (a table continues on the next sheet), or four
// to an A4 sheet as A6 cards in two rows of two, with dashed cut lines between them (badges). A card
// never continues: what does not fit its A6 is cut off, so a card's blocks must be few.
enum class Layout { a4_pages, a6_cards };

struct Document {
    std::string title;  // the PDF's metadata title
    std::vector<Page> pages;
    Layout layout = Layout::a4_pages;
};

// The PDF bytes (A4 portrait; in a6_cards, four pages to a sheet). invalid_argument naming the place ("pages/2/blocks/0/rows/5") for a
// row wider than its header, a text over text_bytes_max, a malformed matrix or too many pages/blocks.
Result<std::string> render(const Document& document);

inline constexpr const char* pdf_content_type = "application/pdf";

}  // namespace kl::pdf
