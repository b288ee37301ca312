#pragma once
// Parsing and formatting one device element on its own, the way the
// device families' unit tests check them: XML in, exact XML out, and
// libvirt's error code and message for bad input.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "conf/xml/schema.hpp"
#include "util/error.hpp"
#include "util/xml.hpp"

namespace cvirt::test::domain {

template <typename T>
T parseDevice(std::string_view text, bool inactive = false) {
    auto doc = cvirt::xml::Document::parse(text, "(device_definition)", ErrorDomain::Domain);
    conf::xml::ParseContext ctx;
    ctx.inactive = inactive;
    return conf::xml::parseElement<T>(doc.root(), ctx);
}

// Parses `in` (one device element named `name`) and formats it again.
template <typename T>
std::string roundTrip(std::string_view name, std::string_view in, bool inactive = false) {
    T device = parseDevice<T>(in, inactive);
    conf::xml::Writer w;
    conf::xml::FormatContext ctx;
    ctx.inactive = inactive;
    conf::xml::formatElement(w, name, device, ctx);
    return w.out();
}

// The error `fn` throws, as "CODE: message"; "no error" when it returns.
template <typename Fn>
std::string errorOf(Fn&& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return errorCodeName(e.code()) + ": " + e.message();
    }
    return "no error";
}

}  // namespace cvirt::test::domain
