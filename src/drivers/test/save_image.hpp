#pragma once
// The test driver's save image: the magic "TestGuestMagic" with its NUL,
// the XML's length as a native 32-bit int, then the domain XML (at most
// 8192 bytes). Files written by libvirt's test driver restore here and the
// other way round.

#include <string>

namespace cvirt::drivers::test {

// SYSTEM_ERROR "saving domain 'NAME' to 'PATH': open failed|write failed"
// (the partial file removed).
void writeSaveImage(const std::string& path, const std::string& domainName, const std::string& xml);
// The XML of a save image; libvirt's errors for unreadable, short or
// foreign files.
std::string readSaveImage(const std::string& path);

}  // namespace cvirt::drivers::test
