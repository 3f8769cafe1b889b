-- Certificates keep the programme title they were issued under (a later rename of the programme does not reach them).
ALTER TABLE "certificates" ADD COLUMN "programme_title" TEXT;

UPDATE "certificates" c SET "programme_title" = p."title" FROM "programmes" p WHERE p."id" = c."programme_id";

-- A row inserted without a title (a raw import, a fixture) takes the programme's title of that moment.
CREATE FUNCTION certificates_programme_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.programme_title IS NULL THEN
		SELECT title INTO NEW.programme_title FROM programmes WHERE id = NEW.programme_id;
	END IF;
	RETURN NEW;
END $$;

CREATE TRIGGER certificates_programme_title BEFORE INSERT ON "certificates"
	FOR EACH ROW EXECUTE FUNCTION certificates_programme_title();
