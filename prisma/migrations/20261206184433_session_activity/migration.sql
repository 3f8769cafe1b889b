-- Sessions (issue 15, item 12): when each was last used (the idle timeout counts from there) and the browser it
-- belongs to, for the list of my sessions on /account. Existing sessions count as used now.
ALTER TABLE "sessions" ADD COLUMN "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "user_agent" TEXT;
