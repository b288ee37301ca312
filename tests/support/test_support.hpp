#pragma once
// Helpers every test may use: locating test data and the conformance corpus,
// temporary directories that clean up after themselves.

#include <string>
#include <vector>

namespace cvirt::test {

// $CVIRT_CONFORMANCE_DIR/<relative>; fails the calling test (ADD_FAILURE)
// when the corpus is missing, so a missing corpus never passes silently.
std::string conformancePath(const std::string& relative);
// tests/data/<relative> in the source tree.
std::string dataPath(const std::string& relative);
// Masks what depends on the moment a program ran (virsh/cvirsh output):
// CPU times, dates, snapshot creation times.
std::string maskMomentDependent(std::string text);
// The build tree's bin/ directory (cvirsh, cvirtd, ...).
std::string binPath(const std::string& program);

std::string readText(const std::string& path);
// Regenerates expected files instead of comparing when CVIRT_TEST_REGENERATE=1.
bool regenerate();

// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

}  // namespace cvirt::test
