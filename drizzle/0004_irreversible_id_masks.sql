-- ID numbers were masked keeping the first four characters, which with the stored birth date left
-- about ten checksum-valid numbers: only the last four stay.
UPDATE `candidates` SET `id_number_masked` = '**************' || substr(`id_number_masked`, -4)
  WHERE `id_number_masked` IS NOT NULL AND length(`id_number_masked`) >= 8;
--> statement-breakpoint
UPDATE `audit_log` SET `detail` = json_set(`detail`, '$.idNumberMasked', '**************' || substr(json_extract(`detail`, '$.idNumberMasked'), -4))
  WHERE json_valid(`detail`) AND json_type(`detail`, '$.idNumberMasked') = 'text' AND length(json_extract(`detail`, '$.idNumberMasked')) >= 8;
--> statement-breakpoint
-- The old hashes were HMACs keyed with PII_HASH_KEY, or with the bot token or a default written in the
-- source when it was unset: with the key, each confirms a guessed number. The new hash is another
-- construction (db/id-number-hash.ts) that the numbers, which are not stored, would be needed to
-- compute; the old ones are dropped. Duplicates among those candidates are still caught by name and
-- birth date.
UPDATE `candidates` SET `id_number_hash` = NULL;
