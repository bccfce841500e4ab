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

// Draws pages top to bottom, starting a new page when a block does not fit what is left.
class Writer {
public:
    explicit Writer(cairo_t* cr) : cr_(cr) {}

    void end_page() {
        cairo_show_page(cr_);
        y_ = margin;
    }

    void heading(const Heading& block) { text(block.text, heading_font, content_width, margin); }
    void paragraph(const Paragraph& block) { text(block.text, block.small ? small_font : body_font, content_width, margin); }

    void table(const Table& block) {
        std::vector<double> widths = column_widths(block);
        draw_row(block.header, widths, true);
        for (const auto& row : block.rows) {
            if (!fits(row_height(row, widths, false))) {
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
        if (!fits(side + caption_height)) end_page();
        const double module = side / (block.size + 2 * quiet_modules);
        const double left = margin, top = y_;
        cairo_set_source_rgb(cr_, 0, 0, 0);
        for (int32_t row = 0; row < block.size; ++row) {
            for (int32_t column = 0; column < block.size; ++column) {
                if (block.dark[static_cast<size_t>(row * block.size + column)] == 0) continue;
                cairo_rectangle(cr_, left + (column + quiet_modules) * module, top + (row + quiet_modules) * module, module, module);
            }
        }
        cairo_fill(cr_);
        y_ += side;
        if (!block.caption.empty()) text(block.caption, small_font, side, margin);
        else y_ += block_gap;
    }

private:
    bool fits(double height) const { return y_ + height <= page_height - margin || y_ <= margin; }

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
        if (!fits(height)) end_page();
        cairo_set_source_rgb(cr_, 0, 0, 0);
        cairo_move_to(cr_, left, y_);
        pango_cairo_show_layout(cr_, laid.get());
        y_ += height + block_gap;
    }

    static std::vector<double> column_widths(const Table& block) {
        std::vector<int32_t> weights = block.weights;
        if (weights.empty()) weights.assign(block.header.size(), 1);
        const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
        std::vector<double> out;
        for (int32_t weight : weights) out.push_back(content_width * weight / total);
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
        if (!fits(height)) end_page();
        double x = margin;
        if (header) {
            cairo_set_source_rgb(cr_, 0.9, 0.9, 0.9);
            cairo_rectangle(cr_, margin, y_, content_width, height);
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
        cairo_move_to(cr_, margin, y_ + height);
        cairo_line_to(cr_, margin + content_width, y_ + height);
        cairo_stroke(cr_);
        y_ += height;
    }

    cairo_t* cr_;
    double y_ = margin;
};

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
        Writer writer(cr.get());
        for (const Page& page : document.pages) {
            for (const Block& block : page.blocks) {
                std::visit([&](const auto& b) {
                    using B = std::decay_t<decltype(b)>;
                    if constexpr (std::is_same_v<B, Heading>) writer.heading(b);
                    else if constexpr (std::is_same_v<B, Paragraph>) writer.paragraph(b);
                    else if constexpr (std::is_same_v<B, Table>) writer.table(b);
                    else writer.matrix(b);
                }, block);
            }
            writer.end_page();
        }
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
