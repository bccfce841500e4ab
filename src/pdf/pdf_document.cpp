#include "pdf/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace kl::pdf {

namespace {

// A4 in points, and the page's margins.
constexpr double page_width = 595.276;
constexpr double page_height = 841.890;
constexpr double margin = 48;
constexpr double content_width = page_width - 2 * margin;
constexpr double block_gap = 10;
constexpr double cell_pad = 4;
constexpr double points_per_mm = 72.0 / 25.4;
constexpr int32_t quiet_modules = 4;
// "Sans": fontconfig gives a Latin sans serif and falls back per character to the CJK font.
constexpr const char* heading_font = "Sans Bold 16";
constexpr const char* body_font = "Sans 10.5";
constexpr const char* small_font = "Sans 8";
constexpr const char* table_font = "Sans 9.5";
constexpr const char* table_header_font = "Sans Bold 9.5";

Result<void> check_text(const std::string& text, const std::string& at) {
    if (text.size() > text_bytes_max) {
        return fail_field(at, ProblemCode::length_out_of_range, "is longer than " + std::to_string(text_bytes_max) + " bytes",
                          {{"min", 0}, {"max", text_bytes_max}, {"got", text.size()}});
    }
    if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
        return fail_field(at, ProblemCode::invalid_utf8, "is not valid UTF-8");
    }
    return ok();
}

Result<void> check_block(const Block& block, const std::string& at, size_t& blocks) {
    ++blocks;
    if (const auto* heading = std::get_if<Heading>(&block)) return check_text(heading->text, at + "/text");
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) return check_text(paragraph->text, at + "/text");
    if (const auto* table = std::get_if<Table>(&block)) {
        if (table->header.empty()) return fail_field(at + "/header", ProblemCode::required, "names at least one column");
        if (!table->weights.empty() && table->weights.size() != table->header.size()) {
            return fail_field(at + "/weights", ProblemCode::invalid_value, "has one weight per column, or none");
        }
        for (size_t c = 0; c < table->weights.size(); ++c) {
            if (table->weights[c] < 1) return fail_field(at + "/weights/" + std::to_string(c), ProblemCode::not_positive, "must be at least 1");
        }
        for (size_t c = 0; c < table->header.size(); ++c) KL_TRY(check_text(table->header[c], at + "/header/" + std::to_string(c)));
        for (size_t r = 0; r < table->rows.size(); ++r) {
            const std::string row_at = at + "/rows/" + std::to_string(r);
            if (table->rows[r].size() != table->header.size()) {
                return fail_field(row_at, ProblemCode::invalid_value, "must have as many cells as the header has columns");
            }
            for (size_t c = 0; c < table->rows[r].size(); ++c) KL_TRY(check_text(table->rows[r][c], row_at + "/" + std::to_string(c)));
        }
        blocks += table->rows.size();
        return ok();
    }
    const auto& matrix = std::get<Matrix>(block);
    if (matrix.size < 1 || matrix.dark.size() != static_cast<size_t>(matrix.size) * static_cast<size_t>(matrix.size)) {
        return fail_field(at + "/dark", ProblemCode::invalid_value, "must hold size × size modules");
    }
    if (matrix.side_mm < 10 || matrix.side_mm > qr_side_mm_max) {
        return fail_field(at + "/side_mm", ProblemCode::out_of_range, "must be 10 to " + std::to_string(qr_side_mm_max) + " mm",
                          {{"min", 10}, {"max", qr_side_mm_max}});
    }
    return check_text(matrix.caption, at + "/caption");
}

// The part of a sheet a page is drawn in: the whole A4 within its margins, or one A6 quarter.
struct Frame {
    double left = margin, top = margin, width = content_width, bottom = page_height - margin;
};

// Four A6 cards to an A4 sheet: the quarters, left to right, top to bottom, within a card margin.
constexpr double card_margin = 18;
constexpr size_t cards_per_sheet = 4;
Frame card_frame(size_t quarter) {
    const double x = static_cast<double>(quarter % 2) * page_width / 2;
    const double y = static_cast<double>(quarter / 2) * page_height / 2;
    return Frame{x + card_margin, y + card_margin, page_width / 2 - 2 * card_margin, y + page_height / 2 - card_margin};
}

// Dashed light lines where the sheet is cut into its four A6 cards, edge to edge.
void draw_cut_lines(cairo_t* cr) {
    const double dash[] = {3, 3};
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.4);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, page_width / 2, 0);
    cairo_line_to(cr, page_width / 2, page_height);
    cairo_move_to(cr, 0, page_height / 2);
    cairo_line_to(cr, page_width, page_height / 2);
    cairo_stroke(cr);
    cairo_restore(cr);
}

// Draws pages top to bottom within a frame, starting a new sheet when a block does not fit what is
// left (on A4 pages; a card is clipped to its frame instead).
class Writer {
public:
    explicit Writer(cairo_t* cr) : cr_(cr) {}

    void end_page() {
        cairo_show_page(cr_);
        y_ = frame_.top;
    }
    // Draws into `frame` from its top; `paging`: a block that does not fit starts a new sheet.
    void start(const Frame& frame, bool paging) {
        frame_ = frame;
        paging_ = paging;
        y_ = frame.top;
    }

    void heading(const Heading& block) { text(block.text, heading_font, frame_.width, frame_.left); }
    void paragraph(const Paragraph& block) { text(block.text, block.small ? small_font : body_font, frame_.width, frame_.left); }

    void table(const Table& block) {
        std::vector<double> widths = column_widths(block);
        draw_row(block.header, widths, true);
        for (const auto& row : block.rows) {
            if (!fits(row_height(row, widths, false)) && paging_) {
                end_page();
                draw_row(block.header, widths, true);  // the header again on the continuation page
            }
            draw_row(row, widths, false);
        }
        y_ += block_gap;
    }

    void matrix(const Matrix& block) {
        const double side = block.side_mm * points_per_mm;
        const double caption_height = block.caption.empty() ? 0 : measure(block.caption, small_font, side);
        if (!fits(side + caption_height)) break_page();
        const double module = side / (block.size + 2 * quiet_modules);
        const double left = frame_.left, top = y_;
        cairo_set_source_rgb(cr_, 0, 0, 0);
        for (int32_t row = 0; row < block.size; ++row) {
            for (int32_t column = 0; column < block.size; ++column) {
                if (block.dark[static_cast<size_t>(row * block.size + column)] == 0) continue;
                cairo_rectangle(cr_, left + (column + quiet_modules) * module, top + (row + quiet_modules) * module, module, module);
            }
        }
        cairo_fill(cr_);
        y_ += side;
        if (!block.caption.empty()) text(block.caption, small_font, side, frame_.left);
        else y_ += block_gap;
    }

private:
    bool fits(double height) const { return y_ + height <= frame_.bottom || y_ <= frame_.top; }
    void break_page() {
        if (paging_) end_page();
    }

    std::unique_ptr<PangoLayout, void (*)(gpointer)> layout(const std::string& content, const char* font, double width) {
        std::unique_ptr<PangoLayout, void (*)(gpointer)> out(pango_cairo_create_layout(cr_), g_object_unref);
        std::unique_ptr<PangoFontDescription, void (*)(PangoFontDescription*)> description(
            pango_font_description_from_string(font), pango_font_description_free);
        pango_layout_set_font_description(out.get(), description.get());
        pango_layout_set_width(out.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(out.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(out.get(), content.data(), static_cast<int>(content.size()));
        return out;
    }

    double measure(const std::string& content, const char* font, double width) {
        int w = 0, h = 0;
        pango_layout_get_size(layout(content, font, width).get(), &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    void text(const std::string& content, const char* font, double width, double left) {
        auto laid = layout(content, font, width);
        int w = 0, h = 0;
        pango_layout_get_size(laid.get(), &w, &h);
        const double height = static_cast<double>(h) / PANGO_SCALE;
        if (!fits(height)) break_page();
        cairo_set_source_rgb(cr_, 0, 0, 0);
        cairo_move_to(cr_, left, y_);
        pango_cairo_show_layout(cr_, laid.get());
        y_ += height + block_gap;
    }

    std::vector<double> column_widths(const Table& block) const {
        std::vector<int32_t> weights = block.weights;
        if (weights.empty()) weights.assign(block.header.size(), 1);
        const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
        std::vector<double> out;
        for (int32_t weight : weights) out.push_back(frame_.width * weight / total);
        return out;
    }

    double row_height(const std::vector<std::string>& cells, const std::vector<double>& widths, bool header) {
        double height = 0;
        for (size_t c = 0; c < cells.size(); ++c) {
            height = std::max(height, measure(cells[c], header ? table_header_font : table_font, widths[c] - 2 * cell_pad));
        }
        return height + 2 * cell_pad;
    }

    void draw_row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool header) {
        const double height = row_height(cells, widths, header);
        if (!fits(height)) break_page();
        double x = frame_.left;
        if (header) {
            cairo_set_source_rgb(cr_, 0.9, 0.9, 0.9);
            cairo_rectangle(cr_, frame_.left, y_, frame_.width, height);
            cairo_fill(cr_);
        }
        for (size_t c = 0; c < cells.size(); ++c) {
            auto laid = layout(cells[c], header ? table_header_font : table_font, widths[c] - 2 * cell_pad);
            cairo_set_source_rgb(cr_, 0, 0, 0);
            cairo_move_to(cr_, x + cell_pad, y_ + cell_pad);
            pango_cairo_show_layout(cr_, laid.get());
            x += widths[c];
        }
        cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
        cairo_set_line_width(cr_, 0.5);
        cairo_move_to(cr_, frame_.left, y_ + height);
        cairo_line_to(cr_, frame_.left + frame_.width, y_ + height);
        cairo_stroke(cr_);
        y_ += height;
    }

    cairo_t* cr_;
    Frame frame_;
    bool paging_ = true;
    double y_ = margin;
};

void draw_blocks(Writer& writer, const Page& page) {
    for (const Block& block : page.blocks) {
        std::visit([&](const auto& b) {
            using B = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<B, Heading>) writer.heading(b);
            else if constexpr (std::is_same_v<B, Paragraph>) writer.paragraph(b);
            else if constexpr (std::is_same_v<B, Table>) writer.table(b);
            else writer.matrix(b);
        }, block);
    }
}

// Each page on its own sheet(s).
void draw_a4_pages(cairo_t* cr, const Document& document) {
    Writer writer(cr);
    for (const Page& page : document.pages) {
        writer.start(Frame{}, true);
        draw_blocks(writer, page);
        writer.end_page();
    }
}

// Four pages to a sheet, each clipped to its A6 quarter, with the cut lines.
void draw_a6_cards(cairo_t* cr, const Document& document) {
    Writer writer(cr);
    for (size_t at = 0; at < document.pages.size(); ++at) {
        const size_t quarter = at % cards_per_sheet;
        if (quarter == 0) draw_cut_lines(cr);
        const Frame frame = card_frame(quarter);
        cairo_save(cr);
        cairo_rectangle(cr, frame.left, frame.top, frame.width, frame.bottom - frame.top);
        cairo_clip(cr);
        writer.start(frame, false);
        draw_blocks(writer, document.pages[at]);
        cairo_restore(cr);
        if (quarter + 1 == cards_per_sheet || at + 1 == document.pages.size()) cairo_show_page(cr);
    }
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> render(const Document& document) {
    if (document.pages.size() > pages_max) {
        return fail_field("pages", ProblemCode::too_many, "holds more than " + std::to_string(pages_max) + " pages",
                          {{"max", pages_max}, {"got", document.pages.size()}});
    }
    KL_TRY(check_text(document.title, "title"));
    size_t blocks = 0;
    for (size_t p = 0; p < document.pages.size(); ++p) {
        for (size_t b = 0; b < document.pages[p].blocks.size(); ++b) {
            KL_TRY(check_block(document.pages[p].blocks[b], "pages/" + std::to_string(p) + "/blocks/" + std::to_string(b), blocks));
        }
    }
    if (blocks > blocks_max) {
        return fail_field("pages", ProblemCode::too_many, "hold more than " + std::to_string(blocks_max) + " blocks and rows",
                          {{"max", blocks_max}, {"got", blocks}});
    }

    std::string out;
    std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> surface(
        cairo_pdf_surface_create_for_stream(append_bytes, &out, page_width, page_height), cairo_surface_destroy);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Kashlink");
    {
        std::unique_ptr<cairo_t, void (*)(cairo_t*)> cr(cairo_create(surface.get()), cairo_destroy);
        if (document.layout == Layout::a6_cards) draw_a6_cards(cr.get(), document);
        else draw_a4_pages(cr.get(), document);
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
            return fail(ErrorCode::internal, std::string("cairo could not draw the PDF: ") + cairo_status_to_string(cairo_status(cr.get())));
        }
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        return fail(ErrorCode::internal, std::string("cairo could not write the PDF: ") +
                                             cairo_status_to_string(cairo_surface_status(surface.get())));
    }
    return out;
}

}  // namespace kl::pdf
