-- The role the app connects as (issue 15, item 13). Migrations, backups and the admin scripts run as the owner of the
-- tables; the app server runs as credo_app, which `npm start` lets log in with a password of its own
-- (scripts/lib/app-role.js). credo_app owns nothing in public and may only INSERT and SELECT audit_events: it can
-- neither change nor delete an event, nor disable the append-only trigger (only an owner may alter a table).
-- Tables made by later migrations are granted to it by default (ALTER DEFAULT PRIVILEGES below): a later append-only
-- table must revoke UPDATE and DELETE itself. A database owner that may not create roles (some managed services)
-- skips all of this with a notice, and the app keeps connecting as the owner until an administrator creates the role
-- and runs the migrations again (see docs/operations.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'credo_app') THEN
    BEGIN
      CREATE ROLE credo_app NOLOGIN;
    EXCEPTION
      -- another database of the same server created it at the same moment
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'credo_app was not created (% may not create roles): the app connects as the owner', current_user;
        RETURN;
    END;
  END IF;
  GRANT USAGE ON SCHEMA public TO credo_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO credo_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO credo_app;
  GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO credo_app;
  REVOKE ALL ON TABLE "audit_events" FROM credo_app;
  GRANT SELECT, INSERT ON TABLE "audit_events" TO credo_app;
  REVOKE ALL ON TABLE "_prisma_migrations" FROM credo_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO credo_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO credo_app;
END $$;
