-- Values looked up across a tenant's objects (otherMails/any(m:m eq '…') when matching a B2B user) without
-- walking every object: the filter's uncorrelated subquery starts from this index.
CREATE INDEX OV_PROP_VALUE ON OBJECT_VALUE (PROP, VALUE_LC);
