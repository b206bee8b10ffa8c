// astrid::messages umbrella: the schemas of an Astrid runtime (events, IPC
// payloads, LLM and kernel types) and their serde-compatible JSON codec.
// Depends on nlohmann_json only; never on CAF.
#pragma once

#include "astrid/messages/codec.hpp"
#include "astrid/messages/decode_error.hpp"
#include "astrid/messages/describe.hpp"
#include "astrid/messages/encode_error.hpp"
#include "astrid/messages/event.hpp"
#include "astrid/messages/events.hpp"
#include "astrid/messages/ipc.hpp"
#include "astrid/messages/kernel.hpp"
#include "astrid/messages/llm.hpp"
#include "astrid/messages/onboarding.hpp"
#include "astrid/messages/timestamp.hpp"
#include "astrid/messages/uuid.hpp"
