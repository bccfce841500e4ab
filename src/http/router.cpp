#include "http/router.h"

#include <algorithm>
#include <array>

#include "core/assert.h"
#include "http/text.h"

namespace kl::http {

namespace {


size_t method_slot(Method method) { return static_cast<size_t>(method); }

bool is_param(std::string_view segment) {
    return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

bool is_valid_param_name(std::string_view name) {
    if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// "{name}suffix" (such as "{code}.svg"): a parameter followed by a literal ending; the suffix, or "".
std::string_view param_suffix(std::string_view segment) {
    if (segment.size() < 3 || segment.front() != '{') return {};
    const size_t close = segment.find('}');
    return close == std::string_view::npos ? std::string_view{} : segment.substr(close + 1);
}

bool is_valid_literal(std::string_view segment) {
    return !segment.empty() && segment.find_first_of("{}%?#") == std::string_view::npos;
}

}  // namespace

struct Router::Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    std::unique_ptr<Node> param;
    // Parameters with a literal ending ("{code}.svg"), by that ending: tried after literals, before `param`.
    std::map<std::string, std::unique_ptr<Node>, std::less<>> suffixed;
    std::array<const Route*, method_count> routes{};

    bool terminal() const {
        return std::any_of(routes.begin(), routes.end(), [](const Route* r) { return r != nullptr; });
    }
    const Route* route_for(Method method) const {
        if (const Route* exact = routes[method_slot(method)]) return exact;
        if (method == Method::head) return routes[method_slot(Method::get)];
        return nullptr;
    }
};

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    if (path.empty() || path == "/") return segments;
    size_t start = path.front() == '/' ? 1 : 0;
    while (true) {
        const size_t slash = path.find('/', start);
        segments.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return segments;
}

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::add(Route route) {
    KL_ASSERT(!route.pattern.empty() && route.pattern.front() == '/');
    KL_ASSERT(route.handler != nullptr);
    KL_ASSERT(route.method != Method::other && route.method != Method::head);
    Node* node = root_.get();
    for (std::string_view segment : split_path(route.pattern)) {
        if (is_param(segment)) {
            KL_ASSERT(is_valid_param_name(segment.substr(1, segment.size() - 2)));
            if (!node->param) node->param = std::make_unique<Node>();
            node = node->param.get();
        } else if (const std::string_view suffix = param_suffix(segment); !suffix.empty()) {
            KL_ASSERT(is_valid_param_name(segment.substr(1, segment.size() - suffix.size() - 2)));
            KL_ASSERT(is_valid_literal(suffix));
            auto found = node->suffixed.find(suffix);
            if (found == node->suffixed.end()) found = node->suffixed.emplace(std::string(suffix), std::make_unique<Node>()).first;
            node = found->second.get();
        } else {
            KL_ASSERT(is_valid_literal(segment));
            auto found = node->literals.find(segment);
            if (found == node->literals.end()) {
                found = node->literals.emplace(std::string(segment), std::make_unique<Node>()).first;
            }
            node = found->second.get();
        }
    }
    // Two routes for one method and one shape ("/a/{x}" and "/a/{y}") would make matching ambiguous.
    KL_ASSERT(node->routes[method_slot(route.method)] == nullptr);
    route.index = routes_.size();
    routes_.push_back(std::make_unique<Route>(std::move(route)));
    node->routes[method_slot(routes_.back()->method)] = routes_.back().get();
}

void Router::add_schema(std::string name, std::string schema_json) {
    KL_ASSERT(!name.empty());
    KL_ASSERT(schemas_.find(name) == schemas_.end());
    schemas_.emplace(std::move(name), std::move(schema_json));
}

namespace {

// Depth-first, literals before the parameter, so the most specific pattern is tried first. Stops at
// the first node that has a route for `method`; remembers the first node with any route for 405.
template <typename NodeT>
const Route* search(const NodeT& node, const std::vector<std::string>& segments, size_t depth, Method method,
                    const NodeT*& first_terminal) {
    if (depth == segments.size()) {
        if (!node.terminal()) return nullptr;
        if (first_terminal == nullptr) first_terminal = &node;
        return node.route_for(method);
    }
    auto literal = node.literals.find(segments[depth]);
    if (literal != node.literals.end()) {
        if (const Route* found = search(*literal->second, segments, depth + 1, method, first_terminal)) return found;
    }
    // A parameter never matches an empty segment ("/users//x"), nor a suffixed one its bare ending (".svg").
    const std::string& segment = segments[depth];
    for (const auto& [suffix, child] : node.suffixed) {
        if (segment.size() > suffix.size() && segment.ends_with(suffix)) {
            if (const Route* found = search(*child, segments, depth + 1, method, first_terminal)) return found;
        }
    }
    if (node.param && !segments[depth].empty()) {
        return search(*node.param, segments, depth + 1, method, first_terminal);
    }
    return nullptr;
}

}  // namespace

Match Router::match(Method method, std::string_view raw_path) const {
    Match result;
    if (raw_path.empty() || raw_path.front() != '/') return result;
    std::vector<std::string> segments;
    for (std::string_view raw : split_path(raw_path)) {
        auto decoded = percent_decode(raw, false);
        if (!decoded) return result;
        segments.push_back(std::move(*decoded));
    }
    const Node* first_terminal = nullptr;
    const Route* route = search(*root_, segments, 0, method, first_terminal);
    if (route != nullptr) {
        result.outcome = MatchOutcome::found;
        result.route = route;
        const auto pattern = split_path(route->pattern);
        for (size_t i = 0; i < pattern.size(); ++i) {
            if (is_param(pattern[i])) {
                result.params.emplace(std::string(pattern[i].substr(1, pattern[i].size() - 2)), segments[i]);
            } else if (const std::string_view suffix = param_suffix(pattern[i]); !suffix.empty()) {
                result.params.emplace(std::string(pattern[i].substr(1, pattern[i].size() - suffix.size() - 2)),
                                      segments[i].substr(0, segments[i].size() - suffix.size()));
            }
        }
        return result;
    }
    if (first_terminal == nullptr) return result;
    result.outcome = MatchOutcome::method_not_allowed;
    for (size_t slot = 0; slot < method_count; ++slot) {
        if (first_terminal->routes[slot] == nullptr) continue;
        result.allowed.push_back(static_cast<Method>(slot));
        if (static_cast<Method>(slot) == Method::get) result.allowed.push_back(Method::head);
    }
    return result;
}

}  // namespace kl::http
