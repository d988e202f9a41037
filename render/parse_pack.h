/*
 * parse_pack.h — a briefing pack's bound documents (agenda, annexes).
 */
#ifndef DOSSIER_PARSE_PACK_H
#define DOSSIER_PARSE_PACK_H

#include <assert.h>
#include <stdbool.h>

#include "model.h"

/* Read the agenda and annexes of a briefing pack into pack->agenda_doc
 * and pack->annex_docs. false with diags (exit status 65) when one cannot
 * be read, is bad, is the pack itself or is a pack. */
bool pack_load(struct arena *a, struct document *pack, struct diags *d);

#endif
