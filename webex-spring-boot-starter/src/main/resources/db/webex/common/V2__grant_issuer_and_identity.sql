-- A grant is bound to the Webex that issued it: issuer is the normalized API base URL
-- (token.GrantIssuer) and part of the key, so connecting under another base URL stores a row
-- of its own and leaves this one as it is. Grants stored before this migration can only come
-- from the base URL configured now, which the app passes in as the placeholder webex_issuer.
ALTER TABLE webex_grant ADD COLUMN issuer VARCHAR(1000);
UPDATE webex_grant SET issuer = '${webex_issuer}';
ALTER TABLE webex_grant ALTER COLUMN issuer SET NOT NULL;
ALTER TABLE webex_grant DROP CONSTRAINT webex_grant_pk;
ALTER TABLE webex_grant ADD CONSTRAINT webex_grant_pk PRIMARY KEY (registration_id, issuer, principal_name);

-- What the allow-list decides on, recorded at sign-in (token.WebexIdentity): the Webex orgId and
-- the space-separated, lower-case domains of the person's email addresses (never the addresses).
-- email_domains NULL means nothing was recorded (grants stored before this migration): with an
-- allow-list set, such a grant asks its user to connect once more, which records it.
ALTER TABLE webex_grant ADD COLUMN org_id VARCHAR(200);
ALTER TABLE webex_grant ADD COLUMN email_domains VARCHAR(2000);
