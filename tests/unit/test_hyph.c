/*
 * test_hyph.c — Dutch hyphenation with the real hyphen-nl patterns.
 *
 * Input: words and running text from the seed documents. Output checked:
 * the exact string with its soft hyphens (written SHY below). Each pinned
 * division was checked against the Woordenlijst's syllables; breaks the
 * patterns put before a trema, or get wrong (Oekraïne), are asserted gone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "hyph.h"

#include <stdio.h>
#include <unistd.h>

#define SHY "\xC2\xAD"

struct fixture {
	struct hyphenator *h;
	struct arena *a;
};

static int setup(void **state)
{
	struct fixture *f = malloc(sizeof *f);
	if (!f)
		return -1;
	f->h = hyph_create(HYPH_DEFAULT_DIC);
	f->a = arena_create();
	*state = f;
	return f->h ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	hyph_destroy(f->h);
	arena_destroy(f->a);
	free(f);
	return 0;
}

static const char *hyph(void **state, const char *text)
{
	struct fixture *f = *state;
	return hyph_text(f->h, f->a, text);
}

/* The text with every soft hyphen taken out. */
static char *strip_soft_hyphens(struct arena *a, const char *s, int *count)
{
	char *out = arena_strdup(a, s), *w = out;
	*count = 0;
	for (const char *r = s; *r;) {
		if (r[0] == SHY[0] && r[1] == SHY[1]) {
			r += 2;
			(*count)++;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return out;
}

static void test_compound_with_hyphen_is_hyphenated_in_its_parts(void **state)
{
	assert_string_equal(hyph(state, "defensie-uitgaven"),
			    "de" SHY "fen" SHY "sie-uit" SHY "ga" SHY "ven");
}

static void test_bondgenootschap_breaks_at_its_syllables(void **state)
{
	assert_string_equal(hyph(state, "bondgenootschap"),
			    "bond" SHY "ge" SHY "noot" SHY "schap");
}

static void test_oekraiense_keeps_trema_and_breaks_oe_kra(void **state)
{
	/* Patterns: oek-ra-ïen-se; Woordenlijst: Oe·kra·ïen·se. The break
	 * before the ï is kept: the line breaker drops the trema there. */
	assert_string_equal(hyph(state, "Oekraïense"),
			    "Oe" SHY "kra" SHY "ïen" SHY "se");
}

static void test_oekraine_breaks_at_every_syllable(void **state)
{
	/* Woordenlijst: Oe·kra·ï·ne; Taalunie, Leidraad §18: Oekra-/ine. */
	assert_string_equal(hyph(state, "Oekraïne Oekraïners"),
			    "Oe" SHY "kra" SHY "ï" SHY "ne Oe" SHY "kra" SHY
			    "ï" SHY "ners");
}

static void test_break_before_trema_in_ministeriele(void **state)
{
	/* mi-nis-te-ri-ë-le: the break ri-/ele drops the trema when taken. */
	assert_string_equal(hyph(state, "ministeriële"),
			    "mi" SHY "nis" SHY "te" SHY "ri" SHY "ë" SHY "le");
}

static void test_break_before_trema_in_gecoordineerde(void **state)
{
	assert_string_equal(hyph(state, "gecoördineerde"),
			    "ge" SHY "co" SHY "ör" SHY "di" SHY "neer" SHY
			    "de");
}

static void test_trema_words_of_the_leidraad_break_before_the_trema(void **state)
{
	/* Taalunie, Leidraad §18: be-/eindigen, knie-/en, idee-/en. */
	assert_string_equal(hyph(state, "beëindigen knieën ideeën"),
			    "be" SHY "ëin" SHY "di" SHY "gen knie" SHY "ën "
			    "idee" SHY "ën");
}

static void test_diminutive_breaks_at_its_apostrophe(void **state)
{
	/* Taalunie, Leidraad §18: paraplu’tje → paraplu-/tje. */
	assert_string_equal(hyph(state, "paraplu\xE2\x80\x99tje menu'tjes "
					"auto\xE2\x80\x99s"),
			    "pa" SHY "ra" SHY "plu" SHY "\xE2\x80\x99tje menu"
			    SHY "'tjes auto\xE2\x80\x99s");
}

static void test_interoperabiliteit_breaks_at_its_syllables(void **state)
{
	assert_string_equal(hyph(state, "NAVO-interoperabiliteit"),
			    "NAVO-in" SHY "ter" SHY "o" SHY "pe" SHY "ra" SHY
			    "bi" SHY "li" SHY "teit");
}

static void test_samenwerking_breaks_at_its_syllables(void **state)
{
	assert_string_equal(hyph(state, "samenwerking"),
			    "sa" SHY "men" SHY "wer" SHY "king");
}

static void test_capitalised_word_is_hyphenated(void **state)
{
	assert_string_equal(hyph(state, "Buitenlandse"),
			    "Bui" SHY "ten" SHY "land" SHY "se");
}

static void test_long_compound_breaks_at_its_parts(void **state)
{
	assert_string_equal(hyph(state, "veiligheidsvraagstukken "
					"luchtruimschendingen"),
			    "vei" SHY "lig" SHY "heids" SHY "vraag" SHY "stuk"
			    SHY "ken lucht" SHY "ruim" SHY "schen" SHY "din"
			    SHY "gen");
}

static void test_staatssecretaris_breaks_at_its_syllables(void **state)
{
	assert_string_equal(hyph(state, "staatssecretaris"),
			    "staats" SHY "se" SHY "cre" SHY "ta" SHY "ris");
}

static void test_complementariteit_breaks_at_its_syllables(void **state)
{
	assert_string_equal(hyph(state, "complementariteit onlosmakelijk"),
			    "com" SHY "ple" SHY "men" SHY "ta" SHY "ri" SHY
			    "teit on" SHY "los" SHY "ma" SHY "ke" SHY "lijk");
}

static void test_part_after_capital_compound_is_hyphenated(void **state)
{
	assert_string_equal(hyph(state, "Noord-Atlantische verdediging"),
			    "Noord-At" SHY "lan" SHY "ti" SHY "sche ver" SHY
			    "de" SHY "di" SHY "ging");
}

static void test_words_in_capitals_stay_whole(void **state)
{
	assert_string_equal(hyph(state, "NAVO PURL KFOR iFMM NAVO-top "
					"OEKRAINE"),
			    "NAVO PURL KFOR iFMM NAVO-top OEKRAINE");
}

/* IJ is one capital letter (Leidraad: IJsland), not an acronym; a word
 * all in capitals that begins with it still is one. */
static void test_ij_digraph_is_one_capital(void **state)
{
	const char *got = hyph(state, "IJsselmeer IJmuiden IJSSELMEER");
	assert_non_null(strstr(got, "IJs" SHY "sel" SHY "meer"));
	assert_non_null(strstr(got, "IJ" SHY "mui" SHY "den"));
	assert_non_null(strstr(got, " IJSSELMEER"));
}

static void test_words_with_digits_stay_whole(void **state)
{
	assert_string_equal(hyph(state, "F-35 2025 A400M-transportvliegtuig"),
			    "F-35 2025 A400M-trans" SHY "port" SHY "vlieg" SHY
			    "tuig");
}

static void test_urls_and_mail_addresses_stay_whole(void **state)
{
	const char *text = "zie https://www.rijksoverheid.nl/ministeries, "
			   "(www.defensiematerieel.nl) of "
			   "postbus.buitenlandsezaken@minbuza.nl";
	assert_string_equal(hyph(state, text), text);
}

static void test_word_with_soft_hyphen_is_left_as_typed(void **state)
{
	assert_string_equal(hyph(state, "verdedi" SHY "ging"),
			    "verdedi" SHY "ging");
}

static void test_short_words_stay_whole(void **state)
{
	assert_string_equal(hyph(state, "raad over deze NAVO-top"),
			    "raad over deze NAVO-top");
}

static void test_words_outside_latin1_stay_whole(void **state)
{
	const char *text = "Ελληνικά кириллица Łódźkiewicz Ştefănescu";
	assert_string_equal(hyph(state, text), text);
}

static void test_no_break_next_to_an_apostrophe(void **state)
{
	assert_string_equal(hyph(state, "commissie’s China's auto’s "
					"’s-Gravenhage"),
			    "com" SHY "mis" SHY "sie’s Chi" SHY "na's auto’s "
			    "’s-Gra" SHY "ven" SHY "ha" SHY "ge");
}

static void test_punctuation_and_no_break_spaces_are_copied(void **state)
{
	assert_string_equal(hyph(state, "“Verdediging,” EUR\xC2\xA0" "500 "
					"mln. (24–25 juni)!"),
			    "“Ver" SHY "de" SHY "di" SHY "ging,” EUR\xC2\xA0"
			    "500 mln. (24–25 juni)!");
}

static void test_invalid_utf8_is_copied_unchanged(void **state)
{
	assert_string_equal(hyph(state, "samen\xFFwerking \xC3"),
			    "sa" SHY "men\xFFwer" SHY "king \xC3");
}

static void test_empty_text_stays_empty(void **state)
{
	assert_string_equal(hyph(state, ""), "");
}

static void test_missing_dictionary_gives_null(void **state)
{
	(void)state;
	assert_null(hyph_create("/nonexistent/hyph_xx_XX.dic"));
}

static const char long_text[] =
	"\n"
	"De NAVO Foreign Ministers Meeting (FMM) vindt op 3 en 4 december aanstaande plaats in Brussel. \n"
	"De bijeenkomst biedt kans om terug te blikken op de NAVO-top in Washington D.C. van 9 tot 11 \n"
	"juli 2024 en om de implementatie van de besluiten die daar zijn genomen te bespreken. De oorlog \n"
	"in Oekraïne duurt inmiddels al meer dan duizend dagen. De FMM zal daarom wederom grotendeels \n"
	"in het teken staan van de aanhoudende Russische agressie, de noodzaak om Oekraïne te blijven \n"
	"steunen en de gevolgen van de oorlog voor de Euro-Atlantische veiligheid. Tevens zal deze FMM \n"
	"vooruitblikken op de NAVO-top in Den Haag op 24 en 25 juni 2025. Voor deze FMM zijn, naast de \n"
	"32 NAVO-bondgenoten, ook Oekraïne, de EU en Jordanië uitgenodigd. \n"
	"\n"
	"De FMM bestaat uit drie werksessies en zal in het teken staan van de voornaamste strategische \n"
	"uitdagingen waar het bondgenootschap voor staat. In de NATO-Ukraine Council (NUC) spreken \n"
	"bondgenoten samen met de Oekraïense minister van Buitenlandse Zaken Andrii Sybiha en de \n"
	"beoogd Hoge Vertegenwoordiger voor buitenlandse zaken en veiligheidsbeleid van de EU (EU HV) \n"
	"Kaja Kallas over de ontwikkelingen in Oekraïne. Daarnaast spreken de NAVO-ministers over de \n"
	"Zuidflank. Koning Abdullah II van Jordanië is uitgenodigd om deel te nemen aan deze sessie.  \n"
	"\n"
	"Deze geannoteerde agenda wordt tevens benut om uw Kamer, mede namens de minister van \n"
	"Defensie, te informeren over de voortzetting van de Nederlandse bijdrage aan operatie Interflex.  \n"
	"\n"
	"Werksessie Strategische uitdagingen  \n"
	"\n"
	"Tijdens deze werksessie spreken de 32 NAVO-ministers van Buitenlandse Zaken over de \n"
	"voornaamste strategische uitdagingen waar het bondgenootschap voor staat. De Russische \n"
	"agressie vormt de meest acute en directe dreiging voor de NAVO. Het aankomend jaar zullen de \n"
	"bondgenoten hun strategic approach ten opzichte van Rusland tegen het licht houden, zoals \n"
	"afgesproken tijdens de NAVO-top in Washington. Ook spreken de bondgenoten over het strategisch \n"
	"partnerschap tussen Rusland en China, en de gezamenlijke inzet van deze landen om de \n"
	"internationale rechtsorde te ondermijnen, alsook over de groeiende militaire en \n"
	"veiligheidssamenwerking van Rusland met Noord-Korea, Iran en Belarus. Er zal tevens aandacht \n"
	"zijn voor de toenemende hybride aanvallen van Rusland op bondgenoten. \n"
	"\n"
	"Rusland zet zich actief in om Euro-Atlantische veiligheid te ondermijnen, en zet vrede en stabiliteit \n"
	"ernstig onder druk door de agressie in Oekraïne. Hierdoor zijn de veiligheid en stabiliteit in Europa \n"
	"niet langer vanzelfsprekend. Het kabinet heeft ernstige zorgen over de Russische oorlogseconomie, \n"
	"het herstelvermogen van Russische militaire capaciteiten – waaronder door middel van  \n"
	"sanctieomzeiling – het provoceren en testen van NAVO-bondgenoten via hybride aanvallen, \n"
	"schending van het NAVO-luchtruim en de grootschalige inzet van Noord-Koreaanse troepen. In \n"
	"toenemende mate maakt Rusland gebruik van sabotage, geweld, grensprovocaties, \n";

/* Read a word list of text into h from a temporary file. */
static bool load_list(struct hyphenator *h, struct arena *a, const char *text,
		      struct diags *d)
{
	char path[] = "/tmp/dossier-hyph-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	diags_init(d, a);
	bool ok = hyph_load_words(h, arena_strdup(a, path), d);
	unlink(path);
	return ok;
}

/* A hyphenator of its own with a word list from a temporary file. */
static struct hyphenator *with_list(struct arena *a, const char *text,
				    struct diags *d, bool *ok)
{
	struct hyphenator *h = hyph_create(HYPH_DEFAULT_DIC);
	assert_non_null(h);
	*ok = load_list(h, a, text, d);
	return h;
}

static void test_listed_word_breaks_where_the_list_says(void **state)
{
	struct fixture *f = *state;
	struct diags d;
	bool ok;
	struct hyphenator *h = with_list(
		f->a, "# names\nWash-ing-ton\n\nSy-bi-ha\n", &d, &ok);
	assert_true(ok);
	/* The patterns give Was-hing-ton. */
	assert_string_equal(hyph_text(h, f->a, "Washington washington Sybiha"),
			    "Wash" SHY "ing" SHY "ton wash" SHY "ing" SHY
			    "ton Sy" SHY "bi" SHY "ha");
	hyph_destroy(h);
}

static void test_listed_word_without_breaks_stays_whole(void **state)
{
	struct fixture *f = *state;
	struct diags d;
	bool ok;
	struct hyphenator *h = with_list(f->a, "Rutte\nbondgenootschap\n",
					 &d, &ok);
	assert_true(ok);
	assert_string_equal(hyph_text(h, f->a, "Rutte bondgenootschap "
					       "NAVO-bondgenootschap"),
			    "Rutte bondgenootschap NAVO-bondgenootschap");
	hyph_destroy(h);
}

static void test_english_listed_word_is_not_for_dutch_text(void **state)
{
	struct fixture *f = *state;
	struct diags d;
	bool ok;
	struct hyphenator *h = with_list(f->a, "en: project\nen: Im-agery\n",
					 &d, &ok);
	assert_true(ok);
	const struct hyph_rules rules = { 5, 2, 2, false, false };
	unsigned char *q;
	assert_string_equal(hyph_text_lang(h, f->a, "project Imagery", &rules,
					   "en", &q),
			    "project Im" SHY "agery");
	assert_string_equal(hyph_text(h, f->a, "project"), "pro" SHY "ject");
	hyph_destroy(h);
}

/* An English word the list holds needs no English patterns: libhyphen
 * compiles them (and dossier caches them) only at the first word that
 * is not listed. */
static void test_listed_english_word_loads_no_patterns(void **state)
{
	struct fixture *f = *state;
	char dir[] = "/tmp/test_hyph_XXXXXX";
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CACHE_HOME", dir, 1);
	struct diags d;
	bool ok;
	struct hyphenator *h = with_list(f->a, "en: de-liv-er-ables\n", &d,
					 &ok);
	assert_true(ok);
	const struct hyph_rules rules = { 5, 2, 2, false, false };
	unsigned char *q;
	char path[64];
	snprintf(path, sizeof path, "%s/dossier/hyph_en_US.dic.cache", dir);
	hyph_text_lang(h, f->a, "deliverables", &rules, "en", &q);
	assert_int_equal(access(path, F_OK), -1);
	assert_string_equal(hyph_text_lang(h, f->a, "intelligence", &rules,
					   "en", &q),
			    "in" SHY "tel" SHY "li" SHY "gence");
	assert_int_equal(access(path, F_OK), 0);
	hyph_destroy(h);
	unlink(path);
	snprintf(path, sizeof path, "%s/dossier/hyph_nl_NL.dic.cache", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/dossier", dir);
	rmdir(path);
	rmdir(dir);
	unsetenv("XDG_CACHE_HOME");
}

/* A word hyphenated before comes out the same, in every case, and a
 * word list read afterwards is heeded for words seen before it. */
static void test_words_seen_before_come_out_the_same(void **state)
{
	struct fixture *f = *state;
	struct hyphenator *h = hyph_create(HYPH_DEFAULT_DIC);
	assert_non_null(h);
	const char *text = "Washington bondgenootschap Washington, "
			   "Bondgenootschap bondgenootschap";
	char *once = hyph_text(h, f->a, text);
	assert_string_equal(hyph_text(h, f->a, text), once);
	assert_string_equal(hyph_text(h, f->a, "bondgenootschap"),
			    "bond" SHY "ge" SHY "noot" SHY "schap");
	assert_string_equal(hyph_text(h, f->a, "Washington"),
			    "Was" SHY "hing" SHY "ton");
	struct diags d;
	assert_true(load_list(h, f->a, "Wash-ing-ton\n", &d));
	assert_string_equal(hyph_text(h, f->a, "Washington"),
			    "Wash" SHY "ing" SHY "ton");
	hyph_destroy(h);
}

static void test_word_list_error_names_file_and_line(void **state)
{
	struct fixture *f = *state;
	struct diags d;
	bool ok;
	struct hyphenator *h = with_list(f->a, "Sy-bi-ha\n  F-35\n", &d,
					 &ok);
	assert_false(ok);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.first->pos.line, 2);
	assert_int_equal(d.first->pos.col, 3);
	assert_string_equal(d.first->message,
			    "'F-35' is not a word with its break points "
			    "(like Sy-bi-ha)");
	hyph_destroy(h);
}

static void test_long_text_is_unchanged_without_soft_hyphens(void **state)
{
	struct fixture *f = *state;
	int count;
	char *plain = strip_soft_hyphens(f->a, hyph(state, long_text), &count);
	assert_string_equal(plain, long_text);
	assert_true(count > 300);
}

/* The text with its breaks as the breaker sees them: '=' at a compound's
 * boundary, '~' inside a part of a compound, '-' in a word of one part,
 * '!' in a word too short for the rules, under the kamerbrief's rules,
 * with hunspell-nl's compounds or without. */
static const char *graded_by(void **state, const char *text,
			     const char *lang, bool dictionary)
{
	struct fixture *f = *state;
	const struct hyph_rules rules = { 7, 2, 3, true, dictionary };
	unsigned char *q;
	char *t = hyph_text_lang(f->h, f->a, text, &rules, lang, &q);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; t[i]; i++) {
		if ((unsigned char)t[i] == 0xC2 &&
		    (unsigned char)t[i + 1] == 0xAD) {
			strbuf_addc(&sb, "?-=~!"[q[i]]);
			i++;
		} else {
			strbuf_addc(&sb, t[i]);
		}
	}
	return strbuf_finish(&sb, f->a);
}

static const char *graded(void **state, const char *text, const char *lang)
{
	return graded_by(state, text, lang, true);
}

static void test_compound_boundaries_are_good_breaks(void **state)
{
	/* Issue 15: bondge-/noten, analy-/secapaciteit were chosen where
	 * the compound's own boundary was free. */
	assert_string_equal(graded(state, "bondgenoten "
				   "defensiecapaciteitsopbouw "
				   "analysecapaciteit sanctieomzeiling",
				   NULL),
			    "bond=ge~no~ten de~fen~sie=ca~pa~ci~teits=op~bouw "
			    "ana~ly~se=ca~pa~ci~teit sanc~tie=om~zei~ling");
}

static void test_word_of_one_part_breaks_plainly(void **state)
{
	assert_string_equal(graded(state, "ministers gebruik", NULL),
			    "mi-nis-ters ge-bruik");
}

static void test_a_prefix_that_never_stands_alone_is_a_boundary(void **state)
{
	/* Issue 15: bete-/kenen split the word the reader waits for; be,
	 * ge, ont, her and er before a word of its own break as a
	 * compound's parts meet. */
	assert_string_equal(graded(state, "betekenen gevolgen ontwikkelen",
				   NULL),
			    "be=te~ke~nen ge=vol~gen ont=wik~ke~len");
}

static void test_a_prefix_that_is_a_word_makes_no_compound(void **state)
{
	/* ver, mis and wan are words (far, mass, winnow) and prefixes:
	 * versterken and vertegenwoordiger are derivations of one part, so
	 * Vertegen-woordiger is no break inside a part; a compound that
	 * begins with ver- still has its own boundary. */
	assert_string_equal(graded(state, "versterken vertegenwoordiger "
				   "misbruik verkiezingscampagne", NULL),
			    "ver-ster-ken ver-te-gen-woor-di-ger mis-bruik "
			    "ver~kie~zings=cam~pagne");
}

static void test_parts_of_a_hyphenated_compound_break_poorly(void **state)
{
	/* de-/fensie-uitgaven: the compound's own hyphen was free. */
	assert_string_equal(graded(state, "defensie-uitgaven", NULL),
			    "de~fen~sie-uit=ga~ven");
}

static void test_short_words_break_only_as_a_last_resort(void **state)
{
	/* wor-den, tus-sen, Za-ken, lan-den: the layout breaks words of
	 * 7 letters and more. */
	assert_string_equal(graded(state, "worden tussen Zaken landen", NULL),
			    "wor!den tus!sen Za!ken lan!den");
}

static void test_names_stay_whole(void **state)
{
	/* Brus-sel, Ne-derland, An-kara, Pater-notte; an adjective of a
	 * place is an ordinary word. */
	assert_string_equal(graded(state, "Brussel Nederland Ankara "
				   "Paternotte Russische", NULL),
			    "Brussel Nederland Ankara Paternotte Rus-si-sche");
}

static void test_english_terms_break_with_english_patterns(void **state)
{
	/* Ima-/gery and deli-/verables were Dutch breaks; Im-agery is the
	 * English one (Merriam-Webster: im·age·ry, patterns im-agery). */
	assert_string_equal(graded(state, "Imagery Intelligence deliverables",
				   "en"),
			    "Im-agery In-tel-li-gence de-liv-er-ables");
	assert_string_equal(graded(state, "Beijing deliverables", "fr"),
			    "Beijing deliverables");
}

static void test_without_the_dictionary_breaks_are_plain(void **state)
{
	/* No boundaries known: every break in a word of one compound part
	 * counts the same; the parts next to a compound's own hyphen still
	 * break poorly, and a name breaks as any other word. */
	assert_string_equal(graded_by(state, "bondgenoten defensie-uitgaven "
				      "Brussel worden", NULL, false),
			    "bond-ge-no-ten de~fen~sie-uit~ga~ven "
			    "Brus-sel wor!den");
}

/* Without the dictionary hunspell-nl is never asked: its cache is
 * neither read nor written (a cold render costs what it did on main). */
static void test_without_the_dictionary_hunspell_is_not_loaded(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_hyph_XXXXXX";
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CACHE_HOME", dir, 1);
	struct hyphenator *h = hyph_create(HYPH_DEFAULT_DIC);
	assert_non_null(h);
	struct arena *a = arena_create();
	const struct hyph_rules rules = { 7, 2, 3, true, false };
	unsigned char *q;
	hyph_text_lang(h, a, "bondgenoten Paternotte", &rules, NULL, &q);
	hyph_destroy(h);
	arena_destroy(a);
	char path[64];
	snprintf(path, sizeof path, "%s/dossier/hunspell-nl.cache", dir);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof path, "%s/dossier/hyph_nl_NL.dic.cache", dir);
	assert_int_equal(access(path, F_OK), 0); /* the patterns' own */
	unlink(path);
	snprintf(path, sizeof path, "%s/dossier", dir);
	rmdir(path);
	rmdir(dir);
	unsetenv("XDG_CACHE_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test(name)
		T(test_compound_with_hyphen_is_hyphenated_in_its_parts),
		T(test_bondgenootschap_breaks_at_its_syllables),
		T(test_oekraiense_keeps_trema_and_breaks_oe_kra),
		T(test_oekraine_breaks_at_every_syllable),
		T(test_break_before_trema_in_ministeriele),
		T(test_break_before_trema_in_gecoordineerde),
		T(test_trema_words_of_the_leidraad_break_before_the_trema),
		T(test_diminutive_breaks_at_its_apostrophe),
		T(test_interoperabiliteit_breaks_at_its_syllables),
		T(test_samenwerking_breaks_at_its_syllables),
		T(test_capitalised_word_is_hyphenated),
		T(test_long_compound_breaks_at_its_parts),
		T(test_staatssecretaris_breaks_at_its_syllables),
		T(test_complementariteit_breaks_at_its_syllables),
		T(test_part_after_capital_compound_is_hyphenated),
		T(test_words_in_capitals_stay_whole),
		T(test_ij_digraph_is_one_capital),
		T(test_words_with_digits_stay_whole),
		T(test_urls_and_mail_addresses_stay_whole),
		T(test_word_with_soft_hyphen_is_left_as_typed),
		T(test_short_words_stay_whole),
		T(test_words_outside_latin1_stay_whole),
		T(test_no_break_next_to_an_apostrophe),
		T(test_punctuation_and_no_break_spaces_are_copied),
		T(test_invalid_utf8_is_copied_unchanged),
		T(test_empty_text_stays_empty),
		T(test_missing_dictionary_gives_null),
		T(test_listed_word_breaks_where_the_list_says),
		T(test_listed_word_without_breaks_stays_whole),
		T(test_word_list_error_names_file_and_line),
		T(test_words_seen_before_come_out_the_same),
		T(test_long_text_is_unchanged_without_soft_hyphens),
		T(test_compound_boundaries_are_good_breaks),
		T(test_word_of_one_part_breaks_plainly),
		T(test_parts_of_a_hyphenated_compound_break_poorly),
		T(test_short_words_break_only_as_a_last_resort),
		T(test_names_stay_whole),
		T(test_english_terms_break_with_english_patterns),
		T(test_without_the_dictionary_breaks_are_plain),
		T(test_english_listed_word_is_not_for_dutch_text),
		T(test_listed_english_word_loads_no_patterns),
		T(test_without_the_dictionary_hunspell_is_not_loaded),
		T(test_a_prefix_that_is_a_word_makes_no_compound),
		T(test_a_prefix_that_never_stands_alone_is_a_boundary),
#undef T
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
