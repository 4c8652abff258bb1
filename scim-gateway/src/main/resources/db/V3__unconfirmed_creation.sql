-- The resource as it was when its creation in the target failed without an answer (the invitation may have made the
-- user): a SCIM delete that arrives before the retry can still find that user by its address and deprovision it.
ALTER TABLE TARGET_STATE ADD COLUMN UNCONFIRMED_BODY VARCHAR(4000000);
