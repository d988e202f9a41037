/*
 * typeset_paragraph.c — a paragraph broken total-fit and set line by line.
 *
 * Input: a paragraph's rich text (soft hyphens in place) and its style.
 * The text is shaped once as one unbroken line; its glyph widths measure
 * the boxes (words and pieces of words), glue (spaces) and penalties
 * (soft hyphens, a compound's own hyphen) that typeset_linebreak.c breaks.
 * Output: the glyph runs of each chosen line, shaped on its own; where a
 * line ends at a soft hyphen it shows a hyphen, a trema (or the
 * apostrophe of paraplu’tje) after that break is dropped, and the spaces
 * of a justified line take up the rest of the measure (with a hair of
 * letter spacing where the breaker found no way to keep them within
 * their stretch). Microtype's two tools as pdfTeX has them: a justified
 * line's glyphs widen or narrow by the layout's font expansion, which
 * the breaker counts as stretch, and its first and last characters hang
 * into the margins by the layout's protrusion set. The PDF's text stays
 * the source text.
 *
 * Shaping is typeset_shape.c's, which gives the runs a PangoLayout would without
 * building one; text it does not take (a tab, a forced line break,
 * right-to-left script) is set in a layout, as before.
 *
 * A line is shaped anew, not cut out of the unbroken line: that one kerns
 * and ligates across a soft hyphen where the line now breaks (o|v, f|f),
 * and has '-' where a line ends in U+2010.
 *
 * Measuring and breaking need some 200 bytes a byte of text (items, their
 * source bytes, the breaker's states): that comes from the typesetter's
 * scratch arena, reset when the paragraph is set, not from the
 * document's, which would otherwise hold it for every paragraph until the
 * document is written. Reset, not freed: memory mapped and faulted in
 * afresh for every paragraph cost a tenth of a render.
 */
#include "typeset_priv.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "hyph.h"
#include "typeset_linebreak.h"
#include "typeset_shape.h"
#include "utf8.h"

/* A paragraph as typeset_linebreak.c items, each with the bytes it stands for. */
struct para {
	const struct rich *r;
	const struct layout *l;
	bool ragged;
	double width_pt;   /* of a line: wider words are broken by force */
	double *cum;       /* cum[b]: advance of the text before byte b, pt */
	size_t *inked;     /* inked[b]: glyphs with an advance before byte b */
	double hyphen_pt;  /* width of the hyphen shown at a soft hyphen */
	double gap_track_pt; /* the most letter spacing between two letters */
	struct lb_item *items;
	size_t *src0, *src1;
	double *track;     /* per item: the most letter spacing widens it */
	double *left, *right; /* per item: protrusion at a line's start, end */
	size_t n;
};

bool paragraph_applies(const struct style *s)
{
	return s->align == ALIGN_JUSTIFY || s->align == ALIGN_LEFT;
}

/* The glyph runs of the paragraph set as one unbroken line: shaped
 * directly where it can be (typeset_shape.c), else the lines of a layout (a
 * forced line break makes several). */
struct whole {
	GSList *runs;    /* shape_paragraph()'s, or NULL */
	GList *items;    /* and its items */
	PangoLayout *pl; /* else this layout's lines' */
};

static GSList *whole_first_runs(const struct whole *w)
{
	if (!w->pl)
		return w->runs;
	PangoLayoutLine *first = pango_layout_get_line_readonly(w->pl, 0);
	return first ? first->runs : NULL;
}

static bool whole_shape(struct typesetter *ts, const struct layout *l,
			const struct rich *r, const struct style *s,
			struct whole *w, struct diags *diags)
{
	*w = (struct whole){ 0 };
	if (!shape_applies(r->text, r->len)) {
		w->pl = typeset_layout(ts, l, r, s, -1);
		bool ok = true;
		for (GSList *ln = pango_layout_get_lines_readonly(w->pl);
		     ln && ok; ln = ln->next)
			ok = typeset_check_runs(
				((PangoLayoutLine *)ln->data)->runs, r, diags);
		return ok;
	}
	w->runs = typeset_shape(ts, l, r, s, NULL, &w->items);
	return typeset_check_runs(w->runs, r, diags);
}

static void whole_free(struct whole *w)
{
	shape_free(w->runs);
	shape_items_free(w->items);
	if (w->pl)
		g_object_unref(w->pl);
}

/* Add the advances of runs to the clusters' bytes. */
static void para_measure_runs(GSList *runs, size_t len, double *adv,
			      size_t *glyphs)
{
	for (GSList *rn = runs; rn; rn = rn->next) {
		PangoGlyphItem *gi = rn->data;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			size_t b = (size_t)gi->item->offset +
				   (size_t)gi->glyphs->log_clusters[g];
			assert(b <= len);
			(void)len;
			int w = gi->glyphs->glyphs[g].geometry.width;
			adv[b] += w / (double)PANGO_SCALE;
			glyphs[b] += w > 0;
		}
	}
}

/* The advance of every byte's cluster, summed, from the unbroken line. */
static void para_measure(struct arena *a, struct para *p,
			 const struct whole *w)
{
	size_t len = p->r->len;
	double *adv = arena_array(a, len + 1, sizeof *adv);
	size_t *glyphs = arena_array(a, len + 1, sizeof *glyphs);
	p->cum = arena_array(a, len + 1, sizeof *p->cum);
	p->inked = arena_array(a, len + 1, sizeof *p->inked);
	para_measure_runs(w->runs, len, adv, glyphs);
	for (GSList *ln = w->pl ? pango_layout_get_lines_readonly(w->pl) :
				  NULL;
	     ln; ln = ln->next)
		para_measure_runs(((PangoLayoutLine *)ln->data)->runs, len,
				  adv, glyphs);
	for (size_t b = 0; b < len; b++) {
		p->cum[b + 1] = p->cum[b] + adv[b];
		p->inked[b + 1] = p->inked[b] + glyphs[b];
	}
}

/* The glyph of a one-character string in the font of a run. */
static bool para_shape_char(PangoGlyphItem *run, const char *utf8,
			    PangoGlyphInfo *out)
{
	PangoGlyphString *gs = pango_glyph_string_new();
	pango_shape(utf8, (int)strlen(utf8), &run->item->analysis, gs);
	bool ok = gs->num_glyphs == 1 &&
		  !(gs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG);
	if (ok)
		*out = gs->glyphs[0];
	pango_glyph_string_free(gs);
	return ok;
}

static void para_add(struct para *p, struct lb_item it, size_t s0, size_t s1)
{
	p->items[p->n] = it;
	p->src0[p->n] = s0;
	p->src1[p->n] = s1;
	p->n++;
}

static bool para_is_dash(gunichar c)
{
	return c == 0x2013 || c == 0x2014;
}

static gunichar para_char_before(const char *text, size_t i)
{
	return i ? g_utf8_get_char(g_utf8_prev_char(text + i)) : 0;
}

/* The box of bytes s0..s1; a word wider than a line (a 10.000-letter
 * string, a long URL) becomes a box per character with a last-resort
 * break between each, so it is broken by force instead of running out of
 * the column. */
static void para_box(struct para *p, size_t s0, size_t s1)
{
	const char *t = p->r->text;
	if (p->cum[s1] - p->cum[s0] <= p->width_pt) {
		para_add(p, (struct lb_item){ LB_BOX, p->cum[s1] - p->cum[s0],
				0, 0, 0, false }, s0, s1);
		return;
	}
	for (size_t i = s0; i < s1;) {
		size_t next = (size_t)(g_utf8_next_char(t + i) - t);
		if (i > s0)
			para_add(p, (struct lb_item){ LB_PENALTY, 0, 0, 0,
					LB_LAST_RESORT, false }, i, i);
		para_add(p, (struct lb_item){ LB_BOX, p->cum[next] - p->cum[i],
				0, 0, 0, false }, i, next);
		i = next;
	}
}

/* The end of the chunk (up to white space) that starts at i when it is
 * a URL or an e-mail address, else i: its hyphens are not breaks. */
static size_t para_url_end(const char *t, size_t len, size_t i)
{
	size_t e = i;
	while (e < len && t[e] != ' ' && t[e] != '\n' &&
	       !(e + 1 < len && (unsigned char)t[e] == 0xC2 &&
		 (unsigned char)t[e + 1] == 0xA0))
		e++;
	const char *s = t + i;
	size_t n = e - i;
	while (n && strchr("(<[\"'", *s)) {
		s++;
		n--;
	}
	bool url = memchr(t + i, '@', e - i) != NULL ||
		   (n >= 4 && !strncmp(s, "www.", 4));
	for (size_t k = i; !url && k + 3 <= e; k++)
		url = !memcmp(t + k, "://", 3);
	return url ? e : i;
}

/* The penalty of the soft hyphen at byte i, by the quality hyph.c gave
 * it: base is the layout's for a plain one (dearer when ragged), and a
 * boundary or a break inside a compound's part costs that much less or
 * more. */
static int para_shy_penalty(const struct para *p, int base, size_t i)
{
	const struct layout *l = p->l;
	int q = p->r->hq ? rich_hq(p->r, i) : HYPH_Q_PLAIN;
	int pen = q == HYPH_Q_BOUNDARY ? l->boundary_hyphen_penalty :
		  q == HYPH_Q_IN_PART ? l->in_part_hyphen_penalty :
		  q == HYPH_Q_SHORT ? l->short_word_hyphen_penalty :
		  l->hyphen_penalty;
	pen += base - l->hyphen_penalty;
	return pen < 0 ? 0 : pen >= LB_INFINITY ? LB_INFINITY - 1 : pen;
}

/* An abbreviation of capitals before a hyphen and a capital after it
 * (VN-Veiligheidsraad, EU-Turkije): one name, not broken at its hyphen
 * but as a last resort, as a word wider than the line is: the parts
 * tied may be wider than the line together. */
static bool para_capitals_compound(const char *t, size_t len, size_t i)
{
	size_t next = (size_t)(g_utf8_next_char(t + i) - t);
	if (next >= len || !g_unichar_isupper(g_utf8_get_char(t + next)))
		return false;
	size_t k = i, caps = 0;
	while (k > 0) {
		const char *prev = g_utf8_prev_char(t + k);
		gunichar c = g_utf8_get_char(prev);
		if (!g_unichar_isalpha(c))
			break;
		if (!g_unichar_isupper(c))
			return false;
		caps++;
		k = (size_t)(prev - t);
	}
	return caps >= 2;
}

/* Boxes, glue and penalties of the paragraph's text. */
static void para_items(struct arena *a, struct para *p)
{
	const struct layout *l = p->l;
	const char *t = p->r->text;
	size_t len = p->r->len;
	/* Room for the most a byte can add; para_add() writes each. */
	p->items = arena_array_unzeroed(a, 3 * len + 4, sizeof *p->items);
	p->src0 = arena_array_unzeroed(a, 3 * len + 4, sizeof *p->src0);
	p->src1 = arena_array_unzeroed(a, 3 * len + 4, sizeof *p->src1);
	double stretch = p->ragged ? 0 : l->space_stretch;
	double shrink = p->ragged ? 0 : l->space_shrink;
	int shy = p->ragged ? l->ragged_hyphen_penalty : l->hyphen_penalty;
	size_t box = len; /* start of the open box; len: none */
	size_t url_end = 0; /* end of the URL or address being read */
	for (size_t i = 0; i < len;) {
		gunichar c = g_utf8_get_char(t + i);
		size_t next = (size_t)(g_utf8_next_char(t + i) - t);
		if (i >= url_end && (i == 0 || t[i - 1] == ' '))
			url_end = para_url_end(t, len, i);
		bool in_url = i < url_end;
		double w = p->cum[next] - p->cum[i];
		bool space = c == ' ' || c == '\t' || c == 0xA0;
		bool forced = c == 0x2028 || c == '\n';
		if ((space || forced || c == 0xAD) && box < len) {
			para_box(p, box, i);
			box = len;
		}
		/* A no-break space stretches but breaks only where nothing
		 * else can (a date tied together, "3 en 4 december", longer
		 * than the line), as a word is broken by force; nor does the
		 * space before a dash, which must not begin a line. */
		if (c == 0xA0 || (space && next < len &&
				  para_is_dash(g_utf8_get_char(t + next))))
			para_add(p, (struct lb_item){ LB_PENALTY, 0, 0, 0,
					LB_LAST_RESORT, false }, i, i);
		if (space)
			para_add(p, (struct lb_item){ LB_GLUE, w, w * stretch,
					w * shrink, 0, false }, i, next);
		else if (forced)
			para_add(p, (struct lb_item){ LB_PENALTY, 0, 0, 0,
					-LB_INFINITY, false }, i, next);
		else if (c == 0xAD)
			para_add(p, (struct lb_item){ LB_PENALTY, p->hyphen_pt,
					0, 0, para_shy_penalty(p, shy, i),
					true }, i, next);
		else if (box == len)
			box = i;
		/* A URL breaks before a slash, dot, hyphen or the like, with
		 * no hyphen added (Chicago Manual of Style, 14.18), so that
		 * no line ends in what reads as a hyphen. */
		if (in_url && box < i && strchr("/.-_?&=#", (int)c) && c &&
		    t[i - 1] != '/' && t[i - 1] != ':' &&
		    !(next < len && t[next] == '/')) {
			para_box(p, box, i);
			para_add(p, (struct lb_item){ LB_PENALTY, 0, 0, 0,
					l->compound_hyphen_penalty, false },
				 i, i);
			box = i;
		}
		/* A compound's own hyphen (NAVO-top) is a break after it. */
		if (!in_url && (c == '-' || c == 0x2010) && next < len &&
		    utf8_is_letter(para_char_before(t, i)) &&
		    utf8_is_letter(g_utf8_get_char(t + next))) {
			para_box(p, box, next);
			para_add(p, (struct lb_item){ LB_PENALTY, 0, 0, 0,
					para_capitals_compound(t, len, i) ?
					LB_LAST_RESORT :
					l->compound_hyphen_penalty,
					true }, next, next);
			box = len;
		}
		i = next;
	}
	if (box < len)
		para_box(p, box, len);
}

/* The most letter spacing may widen each box: gap_track_pt between each
 * two of its glyphs. The gaps at a hyphenation point between two boxes
 * are not counted: the breaker never counts on more than a line has. */
static void para_track(struct arena *a, struct para *p)
{
	p->track = arena_array(a, p->n + 1, sizeof *p->track);
	for (size_t k = 0; k < p->n; k++) {
		size_t glyphs = p->inked[p->src1[k]] - p->inked[p->src0[k]];
		if (p->items[k].kind == LB_BOX && glyphs > 1)
			p->track[k] = (double)(glyphs - 1) * p->gap_track_pt;
	}
}

/* Font expansion as pdfTeX's: a box stretches and shrinks by the
 * layout's share of its width, besides the spaces of its line. */
static void para_expansion(struct para *p)
{
	for (size_t k = 0; k < p->n; k++)
		if (p->items[k].kind == LB_BOX) {
			p->items[k].stretch_pt = p->items[k].width_pt *
						 p->l->expansion_stretch;
			p->items[k].shrink_pt = p->items[k].width_pt *
						p->l->expansion_shrink;
		}
}

/* Character protrusion: per box, how far its first character hangs into
 * the left margin and its last into the right one when it starts or
 * ends a line; per soft hyphen, how far the hyphen shown there does. */
static void para_protrusion(struct arena *a, struct para *p, double size_pt)
{
	const char *t = p->r->text;
	p->left = arena_array(a, p->n + 1, sizeof *p->left);
	p->right = arena_array(a, p->n + 1, sizeof *p->right);
	double em = size_pt / 1000;
	for (size_t k = 0; k < p->n; k++) {
		size_t s0 = p->src0[k], s1 = p->src1[k];
		if (p->items[k].kind == LB_BOX && s1 > s0) {
			gunichar first = g_utf8_get_char(t + s0);
			gunichar last = g_utf8_get_char(
				g_utf8_prev_char(t + s1));
			p->left[k] = em * layout_protrusion(p->l, first, false);
			p->right[k] = em * layout_protrusion(p->l, last, true);
		} else if (p->items[k].kind == LB_PENALTY &&
			   p->items[k].width_pt > 0) {
			p->right[k] = em * layout_protrusion(p->l, '-', true);
		}
	}
}

/* The glyph that shows the cluster at byte b of the line, or NULL. */
static PangoGlyphInfo *para_glyph_at(GSList *runs, size_t b,
				     PangoGlyphItem **run_out)
{
	for (GSList *rn = runs; rn; rn = rn->next) {
		PangoGlyphItem *gi = rn->data;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++)
			if ((size_t)gi->item->offset +
				    (size_t)gi->glyphs->log_clusters[g] == b) {
				*run_out = gi;
				return &gi->glyphs->glyphs[g];
			}
	}
	return NULL;
}

/* Show glyph `shown` (one character) for the cluster at byte b; the text
 * behind it, and so the PDF's text, stays what it was. */
static void para_show_as(GSList *runs, size_t b, const char *shown)
{
	PangoGlyphItem *run;
	PangoGlyphInfo *gl = para_glyph_at(runs, b, &run);
	PangoGlyphInfo gi;
	if (gl && para_shape_char(run, shown, &gi)) {
		gl->glyph = gi.glyph;
		gl->geometry.width = gi.geometry.width;
	}
}

/* Show nothing for the cluster at byte b; its text stays in the PDF. */
static void para_hide(GSList *runs, size_t b)
{
	PangoGlyphItem *run;
	PangoGlyphInfo *gl = para_glyph_at(runs, b, &run);
	if (gl) {
		gl->glyph = PANGO_GLYPH_EMPTY;
		gl->geometry.width = 0;
	}
}

/* Taalunie, Leidraad §18: at a break before a trema the trema goes
 * (be-/eindigen, co-/ordinatie, Oekra-/ine). The letter without it. */
static const char *para_without_trema(gunichar c)
{
	switch (c) {
	case 0xE4: return "a";
	case 0xEB: return "e";
	case 0xEF: return "i";
	case 0xF6: return "o";
	case 0xFC: return "u";
	case 0xC4: return "A";
	case 0xCB: return "E";
	case 0xCF: return "I";
	case 0xD6: return "O";
	case 0xDC: return "U";
	default: return NULL;
	}
}

/* Whether glyph g of gi stands for a space (a no-break one too): what
 * justifying widens and expansion leaves alone. */
static bool para_glyph_is_space(const PangoGlyphItem *gi, const char *text,
				int g)
{
	gunichar c = g_utf8_get_char(text + gi->item->offset +
				     gi->glyphs->log_clusters[g]);
	return c == ' ' || c == 0xA0;
}

/* The gaps between two letters of a word on the line (glyphs with an
 * advance and no space between them). With total > 0, total (in pango
 * units) is shared out over them, the rounding remainder to the first.
 * Returns the number of gaps. */
static int para_letter_gaps(GSList *runs, const char *text, int total,
			    int gaps)
{
	int k = 0;
	PangoGlyphInfo *prev = NULL;
	for (GSList *rn = runs; rn; rn = rn->next) {
		PangoGlyphItem *gi = rn->data;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			PangoGlyphInfo *gl = &gi->glyphs->glyphs[g];
			bool space = para_glyph_is_space(gi, text, g);
			if (space) {
				prev = NULL;
				continue;
			}
			if (gl->geometry.width <= 0)
				continue; /* a mark, a hidden soft hyphen */
			if (prev && total > 0)
				prev->geometry.width += total / gaps +
							(k < total % gaps);
			k += prev != NULL;
			prev = gl;
		}
	}
	return k;
}

/* The font expansion of a line set at ratio r (over its spaces' and its
 * glyphs' stretch together, as the breaker chose it): the same share of
 * the glyphs' limit, rounded up to the layout's step but not past the
 * limit, so that the spaces stretch or shrink no more than the breaker
 * counted on. 0: none. */
static double para_line_expansion(const struct layout *l, double r)
{
	double most = r > 0 ? l->expansion_stretch : l->expansion_shrink;
	if (most <= 0 || r == 0)
		return 0;
	double e = fabs(r) > 1 ? most : fabs(r) * most;
	if (l->expansion_step > 0)
		e = ceil(e / l->expansion_step - 1e-9) * l->expansion_step;
	e = e > most ? most : e;
	return r > 0 ? e : -e;
}

/* Widen (or narrow) every glyph of a line but its spaces by e of its
 * width, as the writers draw them: the advances pango units hold are
 * then the expanded ones, so that justifying, links and the writers'
 * positions all see the line as it is drawn. */
static void para_expand(GSList *runs, const char *text, double e)
{
	for (GSList *rn = runs; rn; rn = rn->next) {
		PangoGlyphItem *gi = rn->data;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			bool space = para_glyph_is_space(gi, text, g);
			PangoGlyphGeometry *geo = &gi->glyphs->glyphs[g].geometry;
			if (space)
				continue;
			geo->width = (int)lround(geo->width * (1 + e));
			geo->x_offset = (int)lround(geo->x_offset * (1 + e));
		}
	}
}

/* Stretch or shrink the spaces of a line to fill width_pt. The spaces
 * grow to their full stretch first (all by the same amount, which the
 * narrowest allows); what is left goes between the letters, at most
 * track_pt a gap (typeset_linebreak.c counted on it), and what is left then into
 * the spaces again. */
static void para_justify(GSList *runs, const char *text, double width_pt,
			 double stretch, double track_pt, double max_space)
{
	int natural = 0, spaces = 0, narrowest = INT_MAX;
	for (GSList *rn = runs; rn; rn = rn->next) {
		PangoGlyphItem *gi = rn->data;
		natural += pango_glyph_string_get_width(gi->glyphs);
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			bool space = para_glyph_is_space(gi, text, g);
			int w = gi->glyphs->glyphs[g].geometry.width;
			if (!space)
				continue;
			spaces++;
			narrowest = w < narrowest ? w : narrowest;
		}
	}
	int extra = (int)(width_pt * PANGO_SCALE) - natural;
	if (!spaces || !extra)
		return;
	int beyond = extra - spaces * (int)(narrowest * stretch);
	if (beyond > 0 && track_pt > 0) {
		int gaps = para_letter_gaps(runs, text, 0, 0);
		int most = (int)(gaps * track_pt * PANGO_SCALE);
		int letters = beyond < most ? beyond : most;
		para_letter_gaps(runs, text, letters, gaps);
		extra -= letters;
	}
	/* A line of a long name and one space in a narrow column: the
	 * space stops at max_space times normal and the line falls short,
	 * as a typesetter sets it, rather than open a hole (and pdftotext
	 * read the words as two columns). */
	int most = (int)(spaces * narrowest * (max_space - 1));
	if (max_space > 1 && extra > most)
		extra = most;
	int k = 0;
	for (GSList *rn = runs; rn; rn = rn->next) {
		PangoGlyphItem *gi = rn->data;
		for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
			bool space = para_glyph_is_space(gi, text, g);
			if (!space)
				continue;
			/* The rounding remainder goes to the first spaces. */
			int add = extra / spaces +
				  (k < abs(extra % spaces) ?
				   (extra < 0 ? -1 : 1) : 0);
			gi->glyphs->glyphs[g].geometry.width += add;
			k++;
		}
	}
}

/* The bytes [start, end) a line of items stands for. */
static void para_line_bytes(const struct para *p, const struct lb_line *ln,
			    size_t *start, size_t *end)
{
	*start = ln->start < p->n ? p->src0[ln->start] : p->r->len;
	if (ln->end >= p->n)
		*end = p->r->len;
	else if (p->items[ln->end].kind == LB_PENALTY &&
		 p->items[ln->end].flagged)
		*end = p->src1[ln->end]; /* the soft hyphen stays on the line */
	else
		*end = p->src0[ln->end];
	while (*end > *start && p->r->text[*end - 1] == ' ')
		(*end)--;
	if (*end < *start)
		*end = *start;
}

static bool para_ends_at_shy(const struct para *p, const struct lb_line *ln)
{
	return ln->end < p->n && p->items[ln->end].kind == LB_PENALTY &&
	       p->items[ln->end].flagged && p->src1[ln->end] > p->src0[ln->end];
}

/* A line that ends in a compound's own hyphen (NAVO-) ends in U+2010
 * instead of U+002D: the same glyph, but text extraction (poppler's
 * pdftotext) takes a line-final U+002D for a hyphenation hyphen and
 * drops it, giving "NAVObijeenkomsten". */
static void para_keep_compound_hyphen(struct arena *a, struct rich *sub)
{
	if (!sub->len || sub->text[sub->len - 1] != '-')
		return;
	char *t = arena_alloc(a, sub->len + 3);
	memcpy(t, sub->text, sub->len - 1);
	memcpy(t + sub->len - 1, "\xE2\x80\x90", 3);
	for (size_t i = 0; i < sub->n_spans; i++)
		if (sub->spans[i].end == sub->len)
			sub->spans[i].end += 2;
	sub->text = t;
	sub->len += 2;
}

/* One chosen line shaped on its own (by a layout where typeset_shape.c cannot),
 * in a line box; what only setting it needs comes from scratch. */
static void para_set_line(struct typesetter *ts, struct arena *a,
			  struct arena *scratch, const struct para *p,
			  const struct whole *whole, const struct style *s,
			  const struct lb_line *ln, bool after_shy,
			  double width_pt, double x_pt, struct tline *tl)
{
	size_t start, end;
	para_line_bytes(p, ln, &start, &end);
	struct rich sub = rich_slice(scratch, p->r, start, end);
	if (ln->hyphenated && !para_ends_at_shy(p, ln))
		para_keep_compound_hyphen(scratch, &sub);
	PangoLayout *pl = NULL;
	PangoLayoutLine *line = NULL;
	GSList *runs;
	int natural;
	/* A line of a paragraph typeset_shape.c took is text it takes too (a
	 * compound's hyphen at its end becomes U+2010, which it takes). */
	if (whole->runs || shape_applies(sub.text, sub.len)) {
		/* The unbroken line's glyphs serve where the line's text is
		 * its text. */
		struct shape_from from = { whole->runs, whole->items,
					   p->r->text, start, &ts->fonts };
		bool cut = whole->runs && sub.text == p->r->text + start;
		runs = typeset_keep_runs(a, typeset_shape(ts, p->l, &sub, s,
							  cut ? &from : NULL,
							  NULL));
		natural = shape_width(runs);
	} else {
		pl = typeset_layout(ts, p->l, &sub, s, -1);
		pango_layout_set_alignment(pl, PANGO_ALIGN_LEFT);
		line = pango_layout_get_line(pl, 0);
		assert(pango_layout_get_line_count(pl) == 1);
		runs = typeset_keep_line(a, line);
		PangoRectangle logical;
		pango_layout_line_get_extents(line, NULL, &logical);
		natural = logical.width;
	}
	if (para_ends_at_shy(p, ln))
		para_show_as(runs, end - start - 2, "-");
	gunichar first = start < end ? g_utf8_get_char(sub.text) : 0;
	const char *plain = after_shy ? para_without_trema(first) : NULL;
	if (plain)
		para_show_as(runs, 0, plain);
	if (after_shy && (first == 0x2019 || first == '\''))
		para_hide(runs, 0); /* Leidraad §18: paraplu-/tje */
	bool last = ln->end >= p->n ||
		    p->items[ln->end].penalty <= -LB_INFINITY;
	/* The last line is set at its natural width unless the breaker
	 * counted on its spaces shrinking, as TeX's last line may. */
	bool overfull = natural / (double)PANGO_SCALE > width_pt;
	/* What hangs into the margins widens the line: it starts that much
	 * to the left and its spaces fill that much more. */
	double left = p->left ? ln->protrude_left_pt : 0;
	double right = p->right && (!last || overfull) ?
		       ln->protrude_right_pt : 0;
	double e = 0;
	if (s->align == ALIGN_JUSTIFY && (!last || overfull)) {
		e = para_line_expansion(p->l, ln->ratio);
		if (e != 0)
			para_expand(runs, sub.text, e);
		para_justify(runs, sub.text, width_pt + left + right,
			     p->l->space_stretch, p->gap_track_pt,
			     p->l->justify_max_space);
	}
	x_pt -= left;
	tl->height_pt = s->leading_pt;
	tl->hyphenated = ln->hyphenated;
	tl->parts = arena_alloc(a, sizeof *tl->parts);
	tl->n_parts = 1;
	tl->parts[0].runs = runs;
	tl->parts[0].text = arena_strndup(a, sub.text, sub.len);
	tl->parts[0].x_pt = x_pt;
	tl->parts[0].expansion = (float)e;
	tl->parts[0].protrude_left_pt = (float)left;
	tl->parts[0].protrude_right_pt = (float)right;
	tl->parts[0].baseline_pt = typeset_baseline(ts, s);
	memcpy(tl->parts[0].rgb, s->color_rgb, sizeof s->color_rgb);
	typeset_notes_and_links(a, tl, line, runs, 0, sub.len, &sub, x_pt,
				s->leading_pt);
	if (pl)
		g_object_unref(pl);
}

struct tline *paragraph_lines(struct typesetter *ts, struct arena *a,
			      const struct layout *l, const struct rich *r,
			      const struct style *s, double width_pt,
			      double x_pt, size_t *n_out, struct diags *diags)
{
	assert(paragraph_applies(s));
	struct whole whole;
	if (!whole_shape(ts, l, r, s, &whole, diags)) {
		whole_free(&whole);
		return NULL;
	}
	struct arena *scratch = ts->scratch;
	struct para p = { .r = r, .l = l, .ragged = s->align != ALIGN_JUSTIFY };
	p.width_pt = width_pt;
	para_measure(scratch, &p, &whole);
	GSList *first = whole_first_runs(&whole);
	PangoGlyphInfo hy;
	if (first && para_shape_char(first->data, "-", &hy))
		p.hyphen_pt = hy.geometry.width / (double)PANGO_SCALE;
	para_items(scratch, &p);
	if (!p.ragged && l->letter_space_max_em > 0) {
		p.gap_track_pt = l->letter_space_max_em * s->size_pt;
		para_track(scratch, &p);
	}
	if (!p.ragged) {
		para_expansion(&p);
		if (l->n_protrusion)
			para_protrusion(scratch, &p, s->size_pt);
	}
	struct lb_params lp = {
		.line_width_pt = width_pt,
		.tolerance = l->justify_tolerance,
		.emergency_tolerance = l->justify_emergency_tolerance,
		.line_penalty = l->line_penalty,
		.fitness_demerits = l->fitness_demerits,
		.consecutive_hyphen_demerits = l->consecutive_hyphen_demerits,
		.final_hyphen_demerits = l->final_hyphen_demerits,
		.max_hyphen_run = l->max_hyphenated_lines,
		.ragged = p.ragged,
		.ragged_stretch_pt = l->ragged_stretch_pt,
		.track_pt = p.track,
		.track_demerits = l->letter_space_demerits,
		.protrude_left_pt = p.left,
		.protrude_right_pt = p.right,
	};
	struct lb_line *lines;
	size_t n = lb_break(scratch, p.items, p.n, &lp, &lines);
	if (n == 0) { /* an empty paragraph is one empty line */
		lines = arena_alloc(scratch, sizeof *lines);
		lines[0] = (struct lb_line){ p.n, p.n, 0, false, 0, 0 };
		n = 1;
	}
	struct tline *out = arena_array(a, n, sizeof *out);
	for (size_t i = 0; i < n; i++)
		para_set_line(ts, a, scratch, &p, &whole, s, &lines[i],
			      i > 0 && para_ends_at_shy(&p, &lines[i - 1]),
			      width_pt, x_pt, &out[i]);
	whole_free(&whole);
	arena_reset(scratch);
	*n_out = n;
	return out;
}
