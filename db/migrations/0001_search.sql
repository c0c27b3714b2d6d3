-- Search support: trigram indexes and one IMMUTABLE normalisation function.
-- nafidha_normalize() applies exactly the character tables of server/domain/search-normalize.ts (a test runs both
-- on a shared table of cases). IMMUTABLE so expression indexes and queries agree; locale-independent by design.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nafidha_normalize(input text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $fn$
    SELECT btrim(regexp_replace(
      translate(input, $from$ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďĐđÈÉÊËèéêëĒēĖėĘęĚěĞğĢģÌÍÎÏìíîïĪīĮįİıĶķĹĺĻļĽľŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŐőŔŕŘřŚśŞşŠšȘșŢţŤťȚțÙÚÛÜùúûüŪūŮůŰűŲųÝýÿŸŹźŻżŽžأإآٱةىؤئ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞـ$from$, $to$abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeggggiiiiiiiiiiiiiikkllllllllnnnnnnnnoooooooooooooooorrrrssssssssttttttuuuuuuuuuuuuuuuuyyyyzzzzzzااااهيوي01234567890123456789$to$),
      '\s+', ' ', 'g'))
  $fn$;
--> statement-breakpoint
-- Digits of a phone number (E.164 without the +), for "contains" searches in any format.
CREATE OR REPLACE FUNCTION nafidha_phone_digits(input text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $fn$ SELECT regexp_replace(input, '[^0-9]', '', 'g') $fn$;
