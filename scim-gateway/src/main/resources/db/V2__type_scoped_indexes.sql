-- Indexes led by (connection, resource type) for the equality filters /Users and /Groups are searched with most. HSQLDB picks the index
-- matching the most equality conditions; a search always has connection and type, so with only the V1 indexes a
-- statement prepared while the table was small chose the primary key and scanned every resource of the connection
-- (and kept that plan as the table grew). With these, the plan is the same at 0 and at 100k rows.
CREATE INDEX SR_TYPE_USER_NAME ON SCIM_RESOURCE (CONNECTION_ID, RESOURCE_TYPE, USER_NAME_LC);
CREATE INDEX SR_TYPE_DISPLAY_NAME ON SCIM_RESOURCE (CONNECTION_ID, RESOURCE_TYPE, DISPLAY_NAME_LC);
CREATE INDEX SR_TYPE_EXTERNAL_ID ON SCIM_RESOURCE (CONNECTION_ID, RESOURCE_TYPE, EXTERNAL_ID);
