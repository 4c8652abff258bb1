-- The direct members of each connection's assigned groups as the job last read them, so that a restarted job goes
-- on from its watermarks instead of reading everything again. A group without members has its row in SYNC_GROUP.
CREATE TABLE SYNC_GROUP (
  CONNECTION_ID VARCHAR(200) NOT NULL,
  GROUP_ID VARCHAR(256) NOT NULL,
  PRIMARY KEY (CONNECTION_ID, GROUP_ID)
);

CREATE TABLE SYNC_GROUP_MEMBER (
  CONNECTION_ID VARCHAR(200) NOT NULL,
  GROUP_ID VARCHAR(256) NOT NULL,
  MEMBER_ID VARCHAR(256) NOT NULL,
  PRIMARY KEY (CONNECTION_ID, GROUP_ID, MEMBER_ID)
);
