#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

#include "util/files.hpp"
#include "util/log.hpp"

namespace cvirt::test {

namespace {
// Tests honour CVIRT_LOG_FILTERS / CVIRT_LOG_OUTPUTS / CVIRT_DEBUG like the
// programs do, so a failing test can be re-run with logs.
const bool kLoggingConfigured = [] {
    log::logger().configureFromEnvironment();
    return true;
}();
}  // namespace


std::string conformancePath(const std::string& relative) {
    const char* dir = std::getenv("CVIRT_CONFORMANCE_DIR");
    std::string root = dir && *dir ? dir : std::string(CVIRT_SOURCE_DIR) + "/../shared/conformance";
    std::string path = root + "/" + relative;
    if (!std::filesystem::exists(path))
        ADD_FAILURE() << "conformance data missing: " << path
                      << " (set CVIRT_CONFORMANCE_DIR to ../shared/conformance)";
    return path;
}

std::string dataPath(const std::string& relative) {
    return std::string(CVIRT_SOURCE_DIR) + "/tests/data/" + relative;
}

std::string binPath(const std::string& program) {
    return std::string(CVIRT_BINARY_DIR) + "/bin/" + program;
}

std::string readText(const std::string& path) { return readFile(path); }

bool regenerate() {
    const char* v = std::getenv("CVIRT_TEST_REGENERATE");
    return v && std::string(v) == "1";
}

TempDir::TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/cvirt-test-XXXXXX";
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string maskMomentDependent(std::string text) {
    static const std::regex cpuTime("(CPU time:\\s+)[0-9]+\\.[0-9]s");
    static const std::regex date("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}");
    static const std::regex creation("<creationTime>[0-9]+</creationTime>");
    text = std::regex_replace(text, cpuTime, "$1<seconds>s");
    text = std::regex_replace(text, date, "<date>");
    text = std::regex_replace(text, creation, "<creationTime>N</creationTime>");
    return text;
}

}  // namespace cvirt::test
