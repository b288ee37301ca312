#pragma once
// virsh's interactive console (virsh-console.c): the terminal in raw mode,
// the guest's bytes to stdout, the keyboard's to the guest, until the
// escape character (-e, ^] by default) or the guest's side ends.

#include <optional>
#include <string>

#include "cvirsh/shell.hpp"
#include "cvirt/connection.hpp"

namespace cvirt::shell {

// `console`, `start --console` and `create --console`: checks that the
// domain runs and stdin is a terminal, prints virsh's "Connected to
// domain" lines and runs the console on `device` (none: the first console).
// True when the console ended in good order.
bool runConsole(Shell& shell, Domain& dom, const std::optional<std::string>& device, unsigned flags);

}  // namespace cvirt::shell
