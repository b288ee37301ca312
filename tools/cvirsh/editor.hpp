#pragma once
// The `edit` cycle of virsh (virsh-edit.c): fetch an object's XML, let the
// user's editor change a temporary copy, and define it again if it
// changed. Commands supply the object-specific steps.

#include <functional>
#include <string>

namespace cvirt::shell {

class Shell;

struct EditSteps {
    // The XML to edit (fetched again before defining, to notice changes
    // made meanwhile); throws cvirt::Error on failure.
    std::function<std::string()> fetch;
    // Called when the user saved nothing new (prints virsh's "not changed").
    std::function<void()> unchanged;
    // Defines the edited XML; throws cvirt::Error when it is refused.
    std::function<void(const std::string& edited)> define;
    // Optional: relaxes the definition (drops schema validation) for the
    // prompt's "i" answer.
    std::function<void()> relax;
};

enum class EditOutcome {
    Unchanged,  // nothing to do; `unchanged` has run
    Defined,    // the edited XML was defined
    Refused,    // the definition failed and could not be retried without a
                // terminal: virsh reports "Failed." and carries on as if
                // it had worked
};

// Runs the cycle. Failures to fetch, to use the temporary file or to run
// the editor are reported and end the command (cvirt::Error or
// CommandFailed propagate); the user's "n" answer throws CommandFailed.
EditOutcome runEditCycle(Shell& shell, const EditSteps& steps);

}  // namespace cvirt::shell
