[assembly: RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
