#pragma once
// Helpers for the device family tests: parse one device element with the
// generic parser and print it back, or capture the error it raises.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "conf/xml/schema.hpp"
#include "util/error.hpp"
#include "util/xml.hpp"

namespace cvirt::test::domain {

// Parses `text` (one element) as T and formats it under the same name,
// as libvirt's live (or INACTIVE) parse followed by a SECURE format would.
template <typename T>
std::string roundTrip(std::string_view text, bool inactive = false) {
    auto doc = cvirt::xml::Document::parse(text, "(device)", cvirt::ErrorDomain::Domain);
    cvirt::conf::xml::ParseContext pc;
    pc.inactive = inactive;
    T obj = cvirt::conf::xml::parseElement<T>(doc.root(), pc);
    cvirt::conf::xml::Writer w;
    cvirt::conf::xml::FormatContext fc;
    fc.inactive = inactive;
    fc.secure = true;
    cvirt::conf::xml::formatElement(w, doc.root().name(), obj, fc);
    return w.out();
}

template <typename T>
T parseOne(std::string_view text, bool inactive = false) {
    auto doc = cvirt::xml::Document::parse(text, "(device)", cvirt::ErrorDomain::Domain);
    cvirt::conf::xml::ParseContext pc;
    pc.inactive = inactive;
    return cvirt::conf::xml::parseElement<T>(doc.root(), pc);
}

template <typename T>
std::string format(const T& obj, std::string_view name, bool inactive = false) {
    cvirt::conf::xml::Writer w;
    cvirt::conf::xml::FormatContext fc;
    fc.inactive = inactive;
    fc.secure = true;
    cvirt::conf::xml::formatElement(w, name, obj, fc);
    return w.out();
}

struct Failure {
    cvirt::ErrorCode code = cvirt::ErrorCode::Ok;
    std::string message;
};

// The error parsing `text` as T raises (code Ok when it parses).
template <typename T>
Failure parseFailure(std::string_view text, bool inactive = false) {
    try {
        parseOne<T>(text, inactive);
    } catch (const cvirt::Error& e) {
        return {e.code(), e.message()};
    }
    return {};
}

}  // namespace cvirt::test::domain
