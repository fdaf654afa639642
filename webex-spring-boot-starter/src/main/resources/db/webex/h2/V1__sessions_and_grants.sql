-- Spring Session JDBC tables, copied verbatim from spring-session-jdbc 4.0.4
-- (org/springframework/session/jdbc/schema-h2.sql) because spring.session.jdbc.initialize-schema=never.

CREATE TABLE SPRING_SESSION (
	PRIMARY_ID CHAR(36) NOT NULL,
	SESSION_ID CHAR(36) NOT NULL,
	CREATION_TIME BIGINT NOT NULL,
	LAST_ACCESS_TIME BIGINT NOT NULL,
	MAX_INACTIVE_INTERVAL INT NOT NULL,
	EXPIRY_TIME BIGINT NOT NULL,
	PRINCIPAL_NAME VARCHAR(100),
	CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);

CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
	SESSION_PRIMARY_ID CHAR(36) NOT NULL,
	ATTRIBUTE_NAME VARCHAR(200) NOT NULL,
	ATTRIBUTE_BYTES LONGVARBINARY NOT NULL,
	CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
	CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION(PRIMARY_ID) ON DELETE CASCADE
);

-- The token vault: one Webex grant per (registration, principal). Token columns hold AES-256-GCM
-- ciphertext (nonce || ciphertext || tag) bound to their row and column; key_id names the key.
CREATE TABLE webex_grant (
  registration_id VARCHAR(100) NOT NULL,
  principal_name VARCHAR(200) NOT NULL,
  access_token VARBINARY(8192) NOT NULL,
  access_token_issued_at TIMESTAMP WITH TIME ZONE NOT NULL,
  access_token_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  refresh_token VARBINARY(8192),
  refresh_token_expires_at TIMESTAMP WITH TIME ZONE,
  scopes VARCHAR(1000) NOT NULL,
  key_id VARCHAR(16) NOT NULL,
  -- An ENUM, not a CHECK: H2 2.4 evaluates a CHECK's constant comparisons with the session that
  -- ran this migration and rejects every row once that connection has closed.
  status ENUM('ACTIVE', 'CONSENT_REQUIRED') NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  refreshed_at TIMESTAMP WITH TIME ZONE,
  kept_at TIMESTAMP WITH TIME ZONE,
  version BIGINT NOT NULL,
  CONSTRAINT webex_grant_pk PRIMARY KEY (registration_id, principal_name)
);

-- Start-up key check and rotation look grants up by key; the keeper by refresh-token expiry.
CREATE INDEX webex_grant_key_id_ix ON webex_grant (key_id);
CREATE INDEX webex_grant_refresh_expiry_ix ON webex_grant (refresh_token_expires_at);
