-- The session days column as prisma/schema.prisma describes it (a list column, nullable in the catalogue): the NOT NULL
-- and the check of 20261206180112 are dropped, so the migrations build exactly what the schema says (see
-- tests/integration/migrations.test.ts). The code keeps them true: createEvent and saveSessionDays always write the
-- sorted days with starts_on and ends_on their first and last.
ALTER TABLE "training_events" DROP CONSTRAINT "training_events_session_days_within",
	ALTER COLUMN "session_days" DROP NOT NULL;
