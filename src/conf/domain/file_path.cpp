#include "conf/domain/file_path.hpp"

namespace cvirt::conf::domain {

std::string sanitizeFilePath(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    size_t i = 0;
    if (path.size() >= 2 && path[0] == '/' && path[1] == '/' && (path.size() == 2 || path[2] != '/')) {
        out = "//";
        i = 2;
    }
    for (; i < path.size(); ++i) {
        char c = path[i];
        bool next_is_slash = i + 1 < path.size() && path[i + 1] == '/';
        if (c == '/' && next_is_slash)
            continue;
        if (c == '/' && i + 1 == path.size() && !out.empty())
            continue;
        out += c;
    }
    return out;
}

}  // namespace cvirt::conf::domain
