/*
 * test_batch.c — the time a batch has left, reckoned from pages.
 *
 * Input: pages set, seconds spent, bytes of input done and to do. Output
 * checked: the exact estimate, and that it follows the pages the files
 * left will make (their size) rather than their number.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "batch.h"

static void test_nothing_known_before_the_first_page(void **state)
{
	(void)state;
	assert_true(batch_time_left(2.0, 0, 0, 5000) < 0);
}

/* Ten pages from 1000 bytes in 1 s: 9000 bytes left are 90 pages, 9 s. */
static void test_time_left_from_pages_per_second(void **state)
{
	(void)state;
	assert_float_equal(batch_time_left(1.0, 10, 1000, 10000), 9.0, 1e-9);
}

/* Five short agendas done, one long report left: a count of files would
 * say a sixth of the time; its size says it is most of the work. */
static void test_one_long_report_left_is_most_of_the_work(void **state)
{
	(void)state;
	double left = batch_time_left(0.5, 15, 5 * 2000, 5 * 2000 + 200000);
	assert_float_equal(left, 10.0, 1e-9);
	assert_true(left > 0.5 / 5);
}

static void test_nothing_left_is_zero(void **state)
{
	(void)state;
	assert_float_equal(batch_time_left(3.0, 30, 9000, 9000), 0.0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_known_before_the_first_page),
		cmocka_unit_test(test_time_left_from_pages_per_second),
		cmocka_unit_test(test_one_long_report_left_is_most_of_the_work),
		cmocka_unit_test(test_nothing_left_is_zero),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
