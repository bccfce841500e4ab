#include "http/audit_checkpoint_file.h"

#include <nlohmann/json.hpp>

namespace kl::http {

namespace {

using nlohmann::json;

// "items/3/seq": the field's path in the file, as the API names nested fields.
std::string checkpoint_field_path(const std::string& where, const std::string& name) { return where.empty() ? name : where + "/" + name; }

Result<std::string> checkpoint_text(const json& item, const std::string& where, const char* name) {
    auto it = item.find(name);
    if (it == item.end() || !it->is_string()) return fail_field(checkpoint_field_path(where, name), ProblemCode::wrong_type, "must be a string");
    return it->get<std::string>();
}

Result<int64_t> checkpoint_integer(const json& item, const std::string& where, const char* name) {
    auto it = item.find(name);
    if (it == item.end() || !it->is_number_integer() || it->get<int64_t>() < 0)
        return fail_field(checkpoint_field_path(where, name), ProblemCode::not_integer, "must be a non-negative integer");
    return it->get<int64_t>();
}

Result<audit::Checkpoint> checkpoint_from_json(const json& item, const std::string& where) {
    if (!item.is_object()) return fail_field(where, ProblemCode::invalid_value, "must be a checkpoint object");
    audit::Checkpoint c;
    KL_TRY_ASSIGN(c.seq, checkpoint_integer(item, where, "seq"));
    KL_TRY_ASSIGN(c.head_hash, checkpoint_text(item, where, "head_hash"));
    KL_TRY_ASSIGN(c.at_ms, checkpoint_integer(item, where, "at_ms"));
    KL_TRY_ASSIGN(c.reason, checkpoint_text(item, where, "reason"));
    KL_TRY_ASSIGN(c.public_key, checkpoint_text(item, where, "public_key"));
    KL_TRY_ASSIGN(c.signature, checkpoint_text(item, where, "signature"));
    return c;
}

// Every checkpoint and page of a file must name one key: the one the auditor trusts.
Result<void> checkpoint_key_agrees(audit::Anchors& anchors, const std::string& key, const std::string& where) {
    if (anchors.public_key.empty()) anchors.public_key = key;
    if (key != anchors.public_key)
        return fail_field(where, ProblemCode::invalid_value, "names key " + key + ", but the file before it names " + anchors.public_key);
    return ok();
}

Result<void> add_checkpoint_page(const json& page, const std::string& where, audit::Anchors& anchors) {
    KL_TRY_ASSIGN(const std::string key, checkpoint_text(page, where, "public_key"));
    KL_TRY(checkpoint_key_agrees(anchors, key, checkpoint_field_path(where, "public_key")));
    auto items = page.find("items");
    if (items == page.end() || !items->is_array()) return fail_field(checkpoint_field_path(where, "items"), ProblemCode::wrong_type, "must be an array of checkpoints");
    for (size_t i = 0; i < items->size(); ++i) {
        const std::string at = checkpoint_field_path(where, "items/" + std::to_string(i));
        KL_TRY_ASSIGN(auto c, checkpoint_from_json((*items)[i], at));
        anchors.checkpoints.push_back(std::move(c));
    }
    return ok();
}

}  // namespace

Result<audit::Anchors> parse_checkpoint_file(std::string_view text) {
    if (text.size() > checkpoint_file_bytes_max)
        return fail_field("checkpoints", ProblemCode::invalid_value, "the file is larger than " + std::to_string(checkpoint_file_bytes_max) + " bytes");
    const json document = json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) return fail_field("checkpoints", ProblemCode::invalid_value, "the file is not JSON");
    audit::Anchors anchors;
    if (document.is_object()) {
        KL_TRY(add_checkpoint_page(document, "", anchors));
    } else if (document.is_array()) {
        for (size_t i = 0; i < document.size(); ++i) {
            const json& entry = document[i];
            const std::string at = std::to_string(i);
            if (entry.is_object() && entry.contains("items")) {
                KL_TRY(add_checkpoint_page(entry, at, anchors));
                continue;
            }
            KL_TRY_ASSIGN(auto c, checkpoint_from_json(entry, at));
            KL_TRY(checkpoint_key_agrees(anchors, c.public_key, at + "/public_key"));
            anchors.checkpoints.push_back(std::move(c));
        }
    } else {
        return fail_field("checkpoints", ProblemCode::invalid_value, "the file must hold a page of checkpoints or an array");
    }
    if (anchors.checkpoints.empty()) return fail_field("checkpoints", ProblemCode::invalid_value, "the file holds no checkpoint");
    return anchors;
}

}  // namespace kl::http
