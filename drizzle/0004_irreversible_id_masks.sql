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
--> statement-breakpoint
-- The same old masks inside texts (the local transcript, saved drafts): the four digits before ten
-- stars become stars too. New masks are set aside first; each pass takes one old mask per text.
UPDATE `local_messages` SET `text` = replace(`text`, '**************', char(1) || 'ID' || char(1)) WHERE instr(`text`, '**********') > 0;
--> statement-breakpoint
UPDATE `local_messages` SET `text` = substr(`text`, 1, instr(`text`, '**********') - 5) || char(1) || 'ID' || char(1) || substr(`text`, instr(`text`, '**********') + 10)
  WHERE instr(`text`, '**********') > 4 AND substr(`text`, instr(`text`, '**********') - 4, 4) GLOB '[0-9][0-9][0-9][0-9]';
--> statement-breakpoint
UPDATE `local_messages` SET `text` = substr(`text`, 1, instr(`text`, '**********') - 5) || char(1) || 'ID' || char(1) || substr(`text`, instr(`text`, '**********') + 10)
  WHERE instr(`text`, '**********') > 4 AND substr(`text`, instr(`text`, '**********') - 4, 4) GLOB '[0-9][0-9][0-9][0-9]';
--> statement-breakpoint
UPDATE `local_messages` SET `text` = substr(`text`, 1, instr(`text`, '**********') - 5) || char(1) || 'ID' || char(1) || substr(`text`, instr(`text`, '**********') + 10)
  WHERE instr(`text`, '**********') > 4 AND substr(`text`, instr(`text`, '**********') - 4, 4) GLOB '[0-9][0-9][0-9][0-9]';
--> statement-breakpoint
UPDATE `local_messages` SET `text` = replace(`text`, char(1) || 'ID' || char(1), '**************') WHERE instr(`text`, char(1)) > 0;
--> statement-breakpoint
UPDATE `sessions` SET `value` = replace(`value`, '**************', char(1) || 'ID' || char(1)) WHERE instr(`value`, '**********') > 0;
--> statement-breakpoint
UPDATE `sessions` SET `value` = substr(`value`, 1, instr(`value`, '**********') - 5) || char(1) || 'ID' || char(1) || substr(`value`, instr(`value`, '**********') + 10)
  WHERE instr(`value`, '**********') > 4 AND substr(`value`, instr(`value`, '**********') - 4, 4) GLOB '[0-9][0-9][0-9][0-9]';
--> statement-breakpoint
UPDATE `sessions` SET `value` = substr(`value`, 1, instr(`value`, '**********') - 5) || char(1) || 'ID' || char(1) || substr(`value`, instr(`value`, '**********') + 10)
  WHERE instr(`value`, '**********') > 4 AND substr(`value`, instr(`value`, '**********') - 4, 4) GLOB '[0-9][0-9][0-9][0-9]';
--> statement-breakpoint
UPDATE `sessions` SET `value` = substr(`value`, 1, instr(`value`, '**********') - 5) || char(1) || 'ID' || char(1) || substr(`value`, instr(`value`, '**********') + 10)
  WHERE instr(`value`, '**********') > 4 AND substr(`value`, instr(`value`, '**********') - 4, 4) GLOB '[0-9][0-9][0-9][0-9]';
--> statement-breakpoint
UPDATE `sessions` SET `value` = replace(`value`, char(1) || 'ID' || char(1), '**************') WHERE instr(`value`, char(1)) > 0;
