-- The uncorrelated subquery of a top-level any() over strings (otherMails/any(m:m eq '…'), how a B2B user is
-- matched) starts from this index instead of reading every value row of the property.
CREATE INDEX OV_PROP_VALUE ON OBJECT_VALUE (PROP, VALUE_LC);
