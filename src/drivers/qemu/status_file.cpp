#include "drivers/qemu/status_file.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/xml.hpp"

namespace cvirt::qemu {

std::string formatStatus(const DomainStatus& s) {
    std::string out = fmt::format("<domstatus state='{}' reason='{}' pid='{}'>\n", static_cast<int>(s.state),
                                  s.reason, s.pid);
    out += fmt::format("  <monitor path='{}' type='unix'/>\n", xmlEscape(s.monitorPath));
    out += fmt::format("  <runtime id='{}' dir='{}' binary='{}' autostarted='{}'/>\n", s.id, xmlEscape(s.runtimeDir),
                       xmlEscape(s.binary), s.autostarted ? 1 : 0);
    out += s.domainXml;
    if (!out.ends_with('\n'))
        out += '\n';
    out += "</domstatus>\n";
    return out;
}

DomainStatus parseStatus(const std::string& text, const std::string& path) {
    auto bad = [&](std::string_view what) {
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "invalid status file '{}': {}", path, what);
    };
    auto doc = cvirt::xml::Document::parse(text, path, ErrorDomain::Qemu);
    auto root = doc.root();
    if (root.name() != "domstatus")
        bad("no <domstatus>");
    DomainStatus s;
    auto number = [&](const cvirt::xml::Node& n, const char* attr) {
        auto v = parseInt<long>(n.attr(attr).value_or(""));
        if (!v)
            bad(std::string("missing or bad ") + attr);
        return *v;
    };
    s.state = static_cast<DomainState>(number(root, "state"));
    s.reason = static_cast<int>(number(root, "reason"));
    s.pid = static_cast<pid_t>(number(root, "pid"));
    auto mon = root.child("monitor");
    auto rt = root.child("runtime");
    if (!mon || !rt)
        bad("missing <monitor> or <runtime>");
    s.monitorPath = mon.attr("path").value_or("");
    s.id = static_cast<int>(number(rt, "id"));
    s.runtimeDir = rt.attr("dir").value_or("");
    s.binary = rt.attr("binary").value_or("");
    s.autostarted = rt.attr("autostarted").value_or("0") == "1";
    // The definition is kept verbatim: cut it out of the text rather than
    // re-serializing the parsed node.
    auto start = text.find("<domain");
    auto end = text.rfind("</domain>");
    if (start == std::string::npos || end == std::string::npos || end < start)
        bad("no <domain>");
    s.domainXml = text.substr(start, end + 9 - start) + "\n";
    return s;
}

}  // namespace cvirt::qemu
