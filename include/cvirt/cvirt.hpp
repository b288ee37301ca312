#pragma once
// Everything of cvirt's public C++ API.
#include "cvirt/connection.hpp"
